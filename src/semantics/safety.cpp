// Safety: every variable of a rule gets its value from its conditions before a
// conclusion, a `!`, a comparison or an aggregate uses it.

#include "rule_builder.hpp"

#include <sinew/ir/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace sinew::semantics {

namespace {

using ir::collect_variables;

void collect_variables(const ir::AtomRef& atom, std::vector<ir::VariableId>& out) {
  for (const ir::Argument& arg : atom.args) {
    if (arg.kind == ir::Argument::Kind::variable) out.push_back(arg.variable);
  }
}

}  // namespace

// Which variables a lowered body gives a value: positive atoms, aggregates, and `=` from
// variables that have one, to a fixpoint.
std::vector<bool> bound_variables(const std::vector<ir::Literal>& body, std::size_t count) {
  std::vector<bool> bound(count, false);
  auto all_bound = [&](const ir::Expr& expr) {
    std::vector<ir::VariableId> vars;
    ir::collect_variables(expr, vars);
    return std::all_of(vars.begin(), vars.end(), [&](ir::VariableId v) { return bound[v]; });
  };
  for (bool changed = true; changed;) {
    changed = false;
    auto bind = [&](ir::VariableId v) {
      if (!bound[v]) bound[v] = changed = true;
    };
    for (const ir::Literal& literal : body) {
      if (literal.kind == ir::Literal::Kind::positive) {
        for (const auto& arg : literal.atom.args) {
          if (arg.kind == ir::Argument::Kind::variable) bind(arg.variable);
        }
      } else if (literal.kind == ir::Literal::Kind::aggregate) {
        bind(literal.aggregate.front().result);
      } else if (literal.kind == ir::Literal::Kind::comparison &&
                 literal.op == ir::CompareOp::eq) {
        if (literal.lhs.op == ir::Expr::Op::variable && all_bound(literal.rhs)) {
          bind(literal.lhs.variable);
        }
        if (literal.rhs.op == ir::Expr::Op::variable && all_bound(literal.lhs)) {
          bind(literal.rhs.variable);
        }
      }
    }
  }
  return bound;
}

// Every variable must get its value from a positive atom (directly, or through `=`
// from variables that do) before a conclusion, a `!` or a comparison can use it.
bool RuleBuilder::check_safety(const std::vector<ir::Literal>& body,
                               const std::vector<ir::Expr>& heads) {
  std::vector<bool> bound = bound_variables(body, variables_.size());
  // Variables used outside each aggregate: those must be bound outside it.
  std::vector<int> uses_outside(variables_.size(), 0);
  for (const ir::Expr& head : heads) {
    std::vector<ir::VariableId> vars;
    collect_variables(head, vars);
    for (auto v : vars) ++uses_outside[v];
  }
  for (const ir::Literal& literal : body) {
    if (literal.kind == ir::Literal::Kind::aggregate) {
      ++uses_outside[literal.aggregate.front().result];
      continue;
    }
    std::vector<ir::VariableId> vars;
    collect_variables(literal, vars);
    for (auto v : vars) ++uses_outside[v];
  }

  std::set<ir::VariableId> reported;
  bool safe = true;
  auto report = [&](ir::VariableId v, const Code& code, std::string message, std::string hint,
                    Span where = Span{}) {
    safe = false;
    if (!reported.insert(v).second) return;
    Span span = where.valid() ? where : variables_[v].first;
    c_.sink.report(code, span, std::move(message)).hint = std::move(hint);
  };
  auto name = [&](ir::VariableId v) { return variables_[v].name; };
  for (const ir::Expr& head : heads) {
    std::vector<ir::VariableId> vars;
    collect_variables(head, vars);
    for (auto v : vars) {
      if (!bound[v]) {
        report(v, codes::unbound_head_variable,
               fmt::format("`{}` gets no value from the conditions of this rule", name(v)),
               fmt::format("add a condition that gives `{}` a value, such as an atom that "
                           "mentions it",
                           name(v)),
               // Where the head asks for the value, when it asks for the variable itself.
               head.op == ir::Expr::Op::variable ? head.span : Span{});
      }
    }
  }
  for (const ir::Literal& literal : body) {
    std::vector<ir::VariableId> vars;
    if (literal.kind == ir::Literal::Kind::negative) {
      collect_variables(literal.atom, vars);
      for (auto v : vars) {
        if (!bound[v]) {
          report(v, codes::unbound_negated_variable,
                 fmt::format("`{}` is only used under `!`, which cannot give it a value", name(v)),
                 "bind it in a condition without `!`, or write `_` if any value will do");
        }
      }
    } else if (literal.kind == ir::Literal::Kind::comparison) {
      collect_variables(literal.lhs, vars);
      collect_variables(literal.rhs, vars);
      for (auto v : vars) {
        if (!bound[v]) {
          report(v, codes::unbound_comparison_variable,
                 fmt::format("`{}` is compared but gets no value from the conditions", name(v)),
                 fmt::format("add a condition that gives `{}` a value", name(v)));
        }
      }
    } else if (literal.kind == ir::Literal::Kind::aggregate) {
      const ir::Aggregate& aggregate = literal.aggregate.front();
      // Inside the braces: the outer bindings plus the braces' own positive atoms.
      std::vector<bool> inner = bound;
      for (const ir::Literal& inside : aggregate.body) {
        if (inside.kind != ir::Literal::Kind::positive) continue;
        for (const auto& arg : inside.atom.args) {
          if (arg.kind == ir::Argument::Kind::variable) inner[arg.variable] = true;
        }
      }
      std::vector<ir::VariableId> inside_vars;
      for (const ir::Literal& inside : aggregate.body) collect_variables(inside, inside_vars);
      if (aggregate.target) collect_variables(*aggregate.target, inside_vars);
      for (auto v : inside_vars) {
        if (uses_outside[v] > 0 && !bound[v]) {
          report(v, codes::unbound_aggregate_variable,
                 fmt::format("`{}` is used inside and outside the braces, so it must get its "
                             "value outside them first",
                             name(v)),
                 "bind it with a condition before the aggregate, or rename the inner one");
        } else if (!inner[v]) {
          report(v, codes::unbound_aggregate_variable,
                 fmt::format("`{}` gets no value inside the braces", name(v)),
                 "add an atom inside the braces that mentions it");
        }
      }
    }
  }
  return safe;
}

}  // namespace sinew::semantics
