// The join planner: greedy, cost-based ordering of rule bodies.
#include "ir/plan.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace sinew::ir {

namespace {

// A relation whose size is unknown is assumed to be of this size: big enough that a
// probe with bound columns is always preferred to a scan of it.
constexpr double unknown_size = 1000.0;

double size_of(SizeEstimates sizes, RelationId relation) {
  if (relation < sizes.size() && sizes[relation] >= 0) return sizes[relation];
  return unknown_size;
}

void mark(std::vector<bool>& bound, VariableId v) {
  if (v >= bound.size()) bound.resize(v + 1, false);
  bound[v] = true;
}

bool is_bound(const std::vector<bool>& bound, VariableId v) { return v < bound.size() && bound[v]; }

bool all_bound(const std::vector<VariableId>& vars, const std::vector<bool>& bound) {
  return std::all_of(vars.begin(), vars.end(), [&](VariableId v) { return is_bound(bound, v); });
}

std::vector<VariableId> variables_of(const Expr& expr) {
  std::vector<VariableId> out;
  collect_variables(expr, out);
  return out;
}

void count_in(const Literal& literal, std::vector<std::uint32_t>& counts) {
  std::vector<VariableId> vars;
  collect_variables(literal, vars);
  for (VariableId v : vars) {
    if (v >= counts.size()) counts.resize(v + 1, 0);
    ++counts[v];
  }
}

// What a literal needs and gives, given the variables bound so far.
enum class Readiness { not_ready, filter, binder, aggregate, atom };

Readiness readiness(const Literal& literal, const std::vector<bool>& bound,
                    std::span<const std::uint32_t> rule_counts) {
  switch (literal.kind) {
    case Literal::Kind::positive: {
      for (const Argument& arg : literal.atom.args) {
        if (arg.kind == Argument::Kind::wildcard) return Readiness::atom;
        if (arg.kind == Argument::Kind::variable && !is_bound(bound, arg.variable)) {
          return Readiness::atom;
        }
      }
      return Readiness::filter;  // an existence probe
    }
    case Literal::Kind::negative: {
      for (const Argument& arg : literal.atom.args) {
        if (arg.kind == Argument::Kind::variable && !is_bound(bound, arg.variable)) {
          return Readiness::not_ready;
        }
      }
      return Readiness::filter;
    }
    case Literal::Kind::comparison: {
      auto left = variables_of(literal.lhs);
      auto right = variables_of(literal.rhs);
      bool left_bound = all_bound(left, bound), right_bound = all_bound(right, bound);
      if (left_bound && right_bound) return Readiness::filter;
      if (literal.op != CompareOp::eq) return Readiness::not_ready;
      if (literal.lhs.op == Expr::Op::variable && !left_bound && right_bound) {
        return Readiness::binder;
      }
      if (literal.rhs.op == Expr::Op::variable && !right_bound && left_bound) {
        return Readiness::binder;
      }
      return Readiness::not_ready;
    }
    case Literal::Kind::aggregate: {
      auto grouping = grouping_variables(literal, rule_counts);
      return all_bound(grouping, bound) ? Readiness::aggregate : Readiness::not_ready;
    }
  }
  return Readiness::not_ready;
}

void bind_literal(const Literal& literal, std::vector<bool>& bound) {
  switch (literal.kind) {
    case Literal::Kind::positive:
      for (const Argument& arg : literal.atom.args) {
        if (arg.kind == Argument::Kind::variable) mark(bound, arg.variable);
      }
      break;
    case Literal::Kind::negative: break;
    case Literal::Kind::comparison:
      if (literal.op == CompareOp::eq) {
        if (literal.lhs.op == Expr::Op::variable) mark(bound, literal.lhs.variable);
        if (literal.rhs.op == Expr::Op::variable) mark(bound, literal.rhs.variable);
      }
      break;
    case Literal::Kind::aggregate: mark(bound, literal.aggregate.front().result); break;
  }
}

struct AtomCost {
  bool connected = false;  // at least one column bound (a probe, not a scan)
  double rows = 0;         // expected rows per evaluation
  std::size_t bound_columns = 0;
};

AtomCost atom_cost(const AtomRef& atom, const std::vector<bool>& bound, SizeEstimates sizes) {
  AtomCost cost;
  std::size_t arity = atom.args.size();
  std::vector<VariableId> seen;
  for (const Argument& arg : atom.args) {
    bool b = arg.kind == Argument::Kind::constant ||
             (arg.kind == Argument::Kind::variable && is_bound(bound, arg.variable));
    if (b) ++cost.bound_columns;
  }
  cost.connected = cost.bound_columns > 0;
  double size = std::max(1.0, size_of(sizes, atom.relation));
  double free_fraction = arity == 0 ? 0.0
                                    : static_cast<double>(arity - cost.bound_columns) /
                                          static_cast<double>(arity);
  cost.rows = std::pow(size, free_fraction);
  return cost;
}

// True when cost `a` is better than `b`.
bool better(const AtomCost& a, const AtomCost& b) {
  if (a.connected != b.connected) return a.connected;
  if (a.rows != b.rows) return a.rows < b.rows;
  return a.bound_columns > b.bound_columns;
}

}  // namespace

void collect_variables(const Expr& expr, std::vector<VariableId>& out) {
  if (expr.op == Expr::Op::variable) {
    out.push_back(expr.variable);
    return;
  }
  for (const Expr& arg : expr.args) collect_variables(arg, out);
}

void collect_variables(const Literal& literal, std::vector<VariableId>& out) {
  switch (literal.kind) {
    case Literal::Kind::positive:
    case Literal::Kind::negative:
      for (const Argument& arg : literal.atom.args) {
        if (arg.kind == Argument::Kind::variable) out.push_back(arg.variable);
      }
      break;
    case Literal::Kind::comparison:
      collect_variables(literal.lhs, out);
      collect_variables(literal.rhs, out);
      break;
    case Literal::Kind::aggregate:
      for (const Aggregate& aggregate : literal.aggregate) {
        out.push_back(aggregate.result);
        if (aggregate.target) collect_variables(*aggregate.target, out);
        for (const Literal& inner : aggregate.body) collect_variables(inner, out);
      }
      break;
  }
}

std::uint32_t variable_count(const Rule& rule) {
  std::vector<VariableId> vars;
  for (const Expr& arg : rule.head_args) collect_variables(arg, vars);
  for (const Literal& literal : rule.body) collect_variables(literal, vars);
  std::uint32_t count = static_cast<std::uint32_t>(rule.variables.size());
  for (VariableId v : vars) count = std::max(count, v + 1);
  return count;
}

std::vector<std::uint32_t> count_occurrences(const Rule& rule) {
  std::vector<std::uint32_t> counts(variable_count(rule), 0);
  std::vector<VariableId> vars;
  for (const Expr& arg : rule.head_args) collect_variables(arg, vars);
  for (VariableId v : vars) ++counts[v];
  for (const Literal& literal : rule.body) count_in(literal, counts);
  return counts;
}

std::vector<VariableId> grouping_variables(const Literal& aggregate,
                                           std::span<const std::uint32_t> rule_counts) {
  std::vector<std::uint32_t> inside;
  count_in(aggregate, inside);
  std::vector<VariableId> grouping;
  VariableId result = aggregate.aggregate.front().result;
  for (VariableId v = 0; v < inside.size(); ++v) {
    if (inside[v] == 0 || v == result) continue;
    std::uint32_t total = v < rule_counts.size() ? rule_counts[v] : inside[v];
    if (total > inside[v]) grouping.push_back(v);
  }
  return grouping;
}

std::vector<std::uint32_t> order_literals(const Program& program, std::span<const Literal> body,
                                          std::uint32_t first, std::vector<bool> bound,
                                          SizeEstimates sizes,
                                          std::span<const std::uint32_t> rule_counts) {
  (void)program;
  std::vector<std::uint32_t> order;
  std::vector<bool> placed(body.size(), false);
  auto place = [&](std::uint32_t i) {
    order.push_back(i);
    placed[i] = true;
    bind_literal(body[i], bound);
  };
  if (first != none) {
    assert(first < body.size());
    place(first);
  }
  while (order.size() < body.size()) {
    // Cheapest kind first: filters, then `X = expr` bindings, then aggregates (each
    // binds one variable), then the atom expected to produce the fewest rows.
    std::uint32_t best = none;
    Readiness best_kind = Readiness::not_ready;
    AtomCost best_cost;
    for (std::uint32_t i = 0; i < body.size(); ++i) {
      if (placed[i]) continue;
      Readiness kind = readiness(body[i], bound, rule_counts);
      if (kind == Readiness::not_ready) continue;
      if (kind == Readiness::atom) {
        AtomCost cost = atom_cost(body[i].atom, bound, sizes);
        if (best == none || (best_kind == Readiness::atom && better(cost, best_cost))) {
          best = i;
          best_kind = kind;
          best_cost = cost;
        }
      } else if (best == none || kind < best_kind) {
        best = i;
        best_kind = kind;
      }
    }
    if (best == none) {
      // Nothing can be evaluated: the rule is unsafe. Keep the written order so that
      // the engine reports the unbound variable instead of the planner hiding it.
      for (std::uint32_t i = 0; i < body.size(); ++i) {
        if (!placed[i]) {
          best = i;
          break;
        }
      }
    }
    place(best);
  }
  return order;
}

std::vector<std::uint32_t> recursive_literals(const Program& program, const Rule& rule,
                                              const Stratum& stratum) {
  (void)program;
  std::vector<std::uint32_t> positions;
  for (std::uint32_t i = 0; i < rule.body.size(); ++i) {
    const Literal& literal = rule.body[i];
    if (literal.kind != Literal::Kind::positive) continue;
    if (std::find(stratum.relations.begin(), stratum.relations.end(), literal.atom.relation) !=
        stratum.relations.end()) {
      positions.push_back(i);
    }
  }
  return positions;
}

JoinPlan plan_rule(const Program& program, const Rule& rule, std::uint32_t delta,
                   SizeEstimates sizes) {
  JoinPlan result;
  result.delta = delta;
  std::vector<std::uint32_t> counts = count_occurrences(rule);
  result.order = order_literals(program, rule.body, delta, {}, sizes, counts);
  return result;
}

void plan(Program& program, SizeEstimates sizes) {
  for (const Stratum& stratum : program.strata) {
    for (RuleId id : stratum.rules) {
      Rule& rule = program.rules[id];
      rule.plans.clear();
      std::vector<std::uint32_t> deltas;
      if (stratum.recursive) deltas = recursive_literals(program, rule, stratum);
      if (deltas.empty()) {
        rule.plans.push_back(plan_rule(program, rule, none, sizes));
      } else {
        for (std::uint32_t delta : deltas) {
          rule.plans.push_back(plan_rule(program, rule, delta, sizes));
        }
      }
    }
  }
}

}  // namespace sinew::ir
