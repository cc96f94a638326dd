// Safety: every variable of a rule gets its value from its conditions before a
// conclusion, a `!`, a comparison or an aggregate uses it.

#include "rule_builder.hpp"

#include "ir/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <span>

namespace sinew::semantics {

namespace {

using ir::collect_variables;

void collect_variables(const ir::AtomRef& atom, std::vector<ir::VariableId>& out) {
  for (const ir::Argument& arg : atom.args) {
    if (arg.kind == ir::Argument::Kind::variable) out.push_back(arg.variable);
  }
}

}  // namespace

// Which variables a lowered body gives a value, starting from `bound`: positive atoms,
// aggregates, and `=` from variables that have one, to a fixpoint.
std::vector<bool> bound_variables(const std::vector<ir::Literal>& body, std::vector<bool> bound) {
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
      } else if (literal.kind == ir::Literal::Kind::comparison && literal.op == ir::CompareOp::eq) {
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

std::vector<bool> bound_variables(const std::vector<ir::Literal>& body, std::size_t count) {
  return bound_variables(body, std::vector<bool>(count, false));
}

namespace {

// Whether `literal` can run once the variables of `bound` have values, as the engine's
// planner decides (ir/plan.cpp); if so, marks what it gives a value.
bool ready_then_bind(const ir::Literal& literal, std::span<const std::uint32_t> counts,
                     std::vector<bool>& bound) {
  auto all_bound = [&](const ir::Expr& expr) {
    std::vector<ir::VariableId> vars;
    ir::collect_variables(expr, vars);
    return std::all_of(vars.begin(), vars.end(), [&](ir::VariableId v) { return bound[v]; });
  };
  switch (literal.kind) {
    case ir::Literal::Kind::positive:
      for (const auto& arg : literal.atom.args) {
        if (arg.kind == ir::Argument::Kind::variable) bound[arg.variable] = true;
      }
      return true;
    case ir::Literal::Kind::negative:
      return std::all_of(literal.atom.args.begin(), literal.atom.args.end(), [&](const auto& arg) {
        return arg.kind != ir::Argument::Kind::variable || bound[arg.variable];
      });
    case ir::Literal::Kind::comparison: {
      bool left = all_bound(literal.lhs), right = all_bound(literal.rhs);
      if (left && right) return true;
      if (literal.op != ir::CompareOp::eq) return false;
      if (literal.lhs.op == ir::Expr::Op::variable && right) {
        bound[literal.lhs.variable] = true;
        return true;
      }
      if (literal.rhs.op == ir::Expr::Op::variable && left) {
        bound[literal.rhs.variable] = true;
        return true;
      }
      return false;
    }
    case ir::Literal::Kind::aggregate: {
      for (ir::VariableId v : ir::grouping_variables(literal, counts)) {
        if (!bound[v]) return false;
      }
      bound[literal.aggregate.front().result] = true;
      return true;
    }
  }
  return false;
}

// The first aggregate (in `body` or inside an aggregate's braces) that no order of the
// conditions can give the values that group it, or null. The other literals are
// checked by the safety rules before this runs.
const ir::Literal* waiting_aggregate(const std::vector<ir::Literal>& body, std::vector<bool> bound,
                                     std::span<const std::uint32_t> counts) {
  std::vector<bool> placed(body.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (placed[i]) continue;
      std::vector<bool> before = bound;
      if (!ready_then_bind(body[i], counts, bound)) continue;
      if (body[i].kind == ir::Literal::Kind::aggregate) {
        const ir::Aggregate& aggregate = body[i].aggregate.front();
        if (const ir::Literal* inner = waiting_aggregate(aggregate.body, before, counts)) {
          return inner;
        }
      }
      placed[i] = progress = true;
    }
  }
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (!placed[i] && body[i].kind == ir::Literal::Kind::aggregate) return &body[i];
  }
  return nullptr;
}

}  // namespace

namespace {

// How often each variable is used outside the aggregates of a rule (in its conclusions,
// its other conditions, or as an aggregate's result): those must be bound outside them.
std::vector<int> uses_outside_aggregates(const std::vector<ir::Literal>& body,
                                         const std::vector<ir::Expr>& heads, std::size_t count) {
  std::vector<int> uses(count, 0);
  std::vector<ir::VariableId> vars;
  for (const ir::Expr& head : heads) collect_variables(head, vars);
  for (const ir::Literal& literal : body) {
    if (literal.kind == ir::Literal::Kind::aggregate) {
      vars.push_back(literal.aggregate.front().result);
    } else {
      collect_variables(literal, vars);
    }
  }
  for (auto v : vars) ++uses[v];
  return uses;
}

}  // namespace

// Every variable must get its value from a positive atom (directly, or through `=`
// from variables that do) before a conclusion, a `!` or a comparison can use it.
bool RuleBuilder::check_safety(const std::vector<ir::Literal>& body,
                               const std::vector<ir::Expr>& heads) {
  std::vector<bool> bound = bound_variables(body, variables_.size());
  std::vector<int> uses_outside = uses_outside_aggregates(body, heads, variables_.size());
  Unbound unbound;
  // Aggregates first: a variable of the conclusion that gets its value only inside
  // braces is best explained there.
  for (const ir::Literal& literal : body) {
    if (literal.kind == ir::Literal::Kind::aggregate) {
      check_aggregate_variables(literal, bound, uses_outside, unbound);
    }
  }
  check_head_variables(heads, bound, unbound);
  check_condition_variables(body, bound, unbound);
  if (unbound.any) return false;
  return check_aggregate_order(body, heads);
}

void RuleBuilder::report_unbound(Unbound& unbound, ir::VariableId v, const Code& code,
                                 std::string message, std::string hint, Span where) {
  unbound.any = true;
  if (!unbound.reported.insert(v).second) return;  // one message per variable
  Span span = where.valid() ? where : variables_[v].first;
  c_.sink.report(code, span, std::move(message)).hint = std::move(hint);
}

// An aggregate's variables get their values from the rule around it (`outer`) or from
// its braces; the same for aggregates nested in its braces.
void RuleBuilder::check_aggregate_variables(const ir::Literal& literal,
                                            const std::vector<bool>& outer,
                                            const std::vector<int>& uses_outside,
                                            Unbound& unbound) {
  const ir::Aggregate& aggregate = literal.aggregate.front();
  std::vector<bool> inner = bound_variables(aggregate.body, outer);
  std::vector<ir::VariableId> inside_vars;
  for (const ir::Literal& inside : aggregate.body) {
    if (inside.kind == ir::Literal::Kind::aggregate) {
      inside_vars.push_back(inside.aggregate.front().result);
      check_aggregate_variables(inside, inner, uses_outside, unbound);
    } else {
      collect_variables(inside, inside_vars);
    }
  }
  if (aggregate.target) collect_variables(*aggregate.target, inside_vars);
  for (auto v : inside_vars) {
    const std::string& name = variables_[v].name;
    if (uses_outside[v] > 0 && !outer[v] && inner[v]) {
      // Soufflé's "witness": a value found inside the braces, used outside them.
      bool ordered = aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max;
      report_unbound(unbound, v, codes::unbound_aggregate_variable,
                     fmt::format("`{}` gets its value only inside the braces, but is also used "
                                 "outside them; a value found inside an aggregate stays inside",
                                 name),
                     ordered ? fmt::format("Sinew carries `{0}` out of `min` and `max` only when "
                                           "the braces are not inside other braces and `{0}` is "
                                           "not what they compare; bind `{0}` with a condition "
                                           "outside the braces, or rename the `{0}` inside them",
                                           name)
                             : fmt::format("bind `{0}` with a condition outside the braces, or "
                                           "rename the `{0}` inside them",
                                           name));
    } else if (uses_outside[v] > 0 && !outer[v]) {
      report_unbound(unbound, v, codes::unbound_aggregate_variable,
                     fmt::format("`{}` is used inside and outside the braces, so it must get "
                                 "its value outside them first",
                                 name),
                     "bind it with a condition before the aggregate, or rename the inner one");
    } else if (!inner[v]) {
      report_unbound(unbound, v, codes::unbound_aggregate_variable,
                     fmt::format("`{}` gets no value inside the braces", name),
                     "add an atom inside the braces that mentions it");
    }
  }
}

void RuleBuilder::check_head_variables(const std::vector<ir::Expr>& heads,
                                       const std::vector<bool>& bound, Unbound& unbound) {
  for (const ir::Expr& head : heads) {
    std::vector<ir::VariableId> vars;
    collect_variables(head, vars);
    for (auto v : vars) {
      if (bound[v]) continue;
      const std::string& name = variables_[v].name;
      report_unbound(unbound, v, codes::unbound_head_variable,
                     fmt::format("`{}` gets no value from the conditions of this rule", name),
                     fmt::format("add a condition that gives `{}` a value, such as an atom that "
                                 "mentions it",
                                 name),
                     // Where the head asks for the value, when it asks for the variable itself.
                     head.op == ir::Expr::Op::variable ? head.span : Span{});
    }
  }
}

// The variables of `!` atoms and comparisons: neither can give one a value.
void RuleBuilder::check_condition_variables(const std::vector<ir::Literal>& body,
                                            const std::vector<bool>& bound, Unbound& unbound) {
  for (const ir::Literal& literal : body) {
    std::vector<ir::VariableId> vars;
    if (literal.kind == ir::Literal::Kind::negative) {
      collect_variables(literal.atom, vars);
      for (auto v : vars) {
        if (bound[v]) continue;
        report_unbound(unbound, v, codes::unbound_negated_variable,
                       fmt::format("`{}` is only used under `!`, which cannot give it a value",
                                   variables_[v].name),
                       "bind it in a condition without `!`, or write `_` if any value will do");
      }
    } else if (literal.kind == ir::Literal::Kind::comparison) {
      collect_variables(literal.lhs, vars);
      collect_variables(literal.rhs, vars);
      for (auto v : vars) {
        if (bound[v]) continue;
        const std::string& name = variables_[v].name;
        report_unbound(unbound, v, codes::unbound_comparison_variable,
                       fmt::format("`{}` is compared but gets no value from the conditions", name),
                       fmt::format("add a condition that gives `{}` a value", name));
      }
    }
  }
}

// Every variable has a value somewhere; the engine also needs an order in which each
// aggregate's grouping variables have theirs before it runs.
bool RuleBuilder::check_aggregate_order(const std::vector<ir::Literal>& body,
                                        const std::vector<ir::Expr>& heads) {
  ir::Rule rule;
  rule.body = body;
  rule.head_args = heads;
  std::vector<std::uint32_t> counts = ir::count_occurrences(rule);
  const ir::Literal* waiting = waiting_aggregate(body, std::vector<bool>(variables_.size(), false),
                                                 counts);
  if (!waiting) return true;
  std::string grouped;
  for (ir::VariableId v : ir::grouping_variables(*waiting, counts)) {
    grouped += (grouped.empty() ? "`" : ", `") + variables_[v].name + "`";
  }
  c_.sink
      .report(codes::aggregate_waits_for_itself, waiting->span,
              fmt::format("this aggregate is computed once for each value of {}, but those "
                          "values come only from conditions that need the aggregate's "
                          "result first",
                          grouped))
      .hint =
      "give those variables a value from a condition that does not use the aggregate, "
      "or rename them inside the braces to make them the aggregate's own";
  return false;
}

}  // namespace sinew::semantics
