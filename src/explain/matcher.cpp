#include "matcher.hpp"

#include "ir/plan.hpp"

#include <boost/container/small_vector.hpp>

#include <bit>

namespace sinew::explain {

namespace {

// The hash of the values of a row (or key) in the columns of `mask`.
template <typename Get>
std::uint64_t hash_columns(std::uint64_t mask, std::size_t arity, Get get) {
  std::uint64_t hash = 0x9e3779b97f4a7c15u;
  for (std::size_t c = 0; c < arity; ++c) {
    if (!(mask >> c & 1)) continue;
    std::uint64_t x = get(c) + hash;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    hash = x ^ (x >> 31);
  }
  return hash;
}

bool all_bound(const ir::Expr& expr, const Bindings& bindings) {
  if (expr.op == ir::Expr::Op::variable && !bindings.bound[expr.variable]) return false;
  for (const ir::Expr& arg : expr.args) {
    if (!all_bound(arg, bindings)) return false;
  }
  return true;
}

}  // namespace

Matcher::Matcher(const ir::Program& program, const engine::Database& database, SymbolTable& symbols)
    : program_(program), database_(database), evaluator_(symbols, program.scales) {}

std::optional<ir::Value> Matcher::value(const ir::Expr& expr, const Bindings& bindings) {
  if (!all_bound(expr, bindings)) return std::nullopt;
  ir::Value out = 0;
  if (!evaluator_.eval(expr, bindings.values.data(), out)) {
    error_ = evaluator_.detail();
    return std::nullopt;
  }
  return out;
}

std::vector<std::optional<ir::Value>> Matcher::values(const ir::AtomRef& atom,
                                                      const Bindings& bindings) const {
  std::vector<std::optional<ir::Value>> known;
  for (const ir::Argument& arg : atom.args) {
    if (arg.kind == ir::Argument::Kind::constant) {
      known.emplace_back(arg.constant);
    } else if (arg.kind == ir::Argument::Kind::variable && bindings.bound[arg.variable]) {
      known.emplace_back(bindings.values[arg.variable]);
    } else {
      known.emplace_back(std::nullopt);
    }
  }
  return known;
}

std::vector<std::uint32_t> Matcher::matching_rows(ir::RelationId relation,
                                                  std::span<const std::optional<ir::Value>> known) {
  std::vector<std::uint32_t> rows;
  bool complete = std::all_of(known.begin(), known.end(),
                              [](const auto& v) { return v.has_value(); });
  if (complete) {
    tuple_.clear();
    for (const auto& v : known) tuple_.push_back(*v);
    if (auto row = database_.find(relation, tuple_)) rows.push_back(*row);
    return rows;
  }
  auto agrees = [&](std::uint32_t row) {
    auto tuple = database_.row(relation, row);
    for (std::size_t i = 0; i < known.size(); ++i) {
      if (known[i] && *known[i] != tuple[i]) return false;
    }
    return true;
  };
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < known.size() && i < 64; ++i)
    mask |= std::uint64_t{known[i].has_value()} << i;
  if (mask != 0 && relation < unchanging_.size() && unchanging_[relation]) {
    const Index& by_key = index(relation, mask);
    auto it = by_key.find(
        hash_columns(mask, known.size(), [&](std::size_t c) { return *known[c]; }));
    if (it == by_key.end()) return rows;
    for (std::uint32_t row : it->second) {
      if (agrees(row)) rows.push_back(row);
    }
    return rows;
  }
  std::size_t size = database_.size(relation);
  for (std::uint32_t row = 0; row < size; ++row) {
    if (agrees(row)) rows.push_back(row);
  }
  return rows;
}

const Matcher::Index& Matcher::index(ir::RelationId relation, std::uint64_t mask) {
  auto [it, made] = indexes_.try_emplace({relation, mask});
  if (made) {
    std::size_t size = database_.size(relation);
    for (std::uint32_t row = 0; row < size; ++row) {
      auto tuple = database_.row(relation, row);
      it->second[hash_columns(mask, tuple.size(), [&](std::size_t c) { return tuple[c]; })]
          .push_back(row);
    }
  }
  return it->second;
}

bool Matcher::holds(const ir::Literal& literal, const Bindings& bindings) {
  switch (literal.kind) {
    case ir::Literal::Kind::comparison: {
      bool result = false;
      if (!all_bound(literal.lhs, bindings) || !all_bound(literal.rhs, bindings)) return false;
      if (!evaluator_.compare(literal, bindings.values.data(), result)) {
        error_ = evaluator_.detail();
        return false;
      }
      return result;
    }
    case ir::Literal::Kind::negative:
      return matching_rows(literal.atom.relation, values(literal.atom, bindings)).empty();
    case ir::Literal::Kind::positive:
      return !matching_rows(literal.atom.relation, values(literal.atom, bindings)).empty();
    case ir::Literal::Kind::aggregate: {
      const ir::Aggregate& aggregate = literal.aggregate.front();
      auto result = this->aggregate(aggregate, bindings);
      return result.value && bindings.bound[aggregate.result] &&
             *result.value == bindings.values[aggregate.result];
    }
  }
  return false;
}

Matcher::AggregateResult Matcher::aggregate(const ir::Aggregate& aggregate,
                                            const Bindings& bindings) {
  AggregateResult result;
  Bindings inner = bindings;
  std::int64_t count = 0;
  std::int64_t int_sum = 0;
  std::uint64_t unsigned_sum = 0;
  double float_sum = 0;
  bool ordered = aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max;
  solve(aggregate.body, inner, [&](const Bindings& solution) {
    ++count;
    if (!aggregate.target) return true;
    auto target = value(*aggregate.target, solution);
    if (!target) return true;
    if (ordered) {
      int order = result.value ? evaluator_.order(aggregate.ordering, *target, *result.value) : 0;
      bool better = !result.value || (aggregate.op == ir::AggregateOp::max ? order > 0 : order < 0);
      if (better) {
        result.value = *target;
        result.witness = solution;
      }
    } else if (aggregate.ordering.base == ir::BaseType::floating) {
      float_sum += std::bit_cast<double>(*target);
    } else if (aggregate.ordering.base == ir::BaseType::unsigned_number) {
      unsigned_sum += *target;
    } else {
      int_sum += static_cast<std::int64_t>(*target);
    }
    return true;
  });
  switch (aggregate.op) {
    case ir::AggregateOp::count: result.value = static_cast<ir::Value>(count); break;
    case ir::AggregateOp::sum:
      result.value = aggregate.ordering.base == ir::BaseType::floating
                         ? std::bit_cast<ir::Value>(float_sum)
                     : aggregate.ordering.base == ir::BaseType::unsigned_number
                         ? unsigned_sum
                         : static_cast<ir::Value>(int_sum);
      break;
    case ir::AggregateOp::mean: {
      if (count == 0) break;
      double total = aggregate.ordering.base == ir::BaseType::floating ? float_sum
                     : aggregate.ordering.base == ir::BaseType::unsigned_number
                         ? static_cast<double>(unsigned_sum)
                         : static_cast<double>(int_sum);
      result.value = std::bit_cast<ir::Value>(total / static_cast<double>(count));
      break;
    }
    case ir::AggregateOp::min:
    case ir::AggregateOp::max: break;
  }
  return result;
}

bool Matcher::solve(std::span<const ir::Literal> body, std::span<const std::uint32_t> order,
                    Bindings& bindings, const Found& found, const RowFilter& filter) {
  return solve_from(body, order, 0, bindings, found, filter);
}

bool Matcher::solve(std::span<const ir::Literal> body, Bindings& bindings, const Found& found,
                    const RowFilter& filter) {
  // The same body with the same variables bound comes back often (a proof of many
  // steps, case after case): plan it once.
  OrderKey key{body.data(), body.size(), bindings.bound};
  if (auto it = orders_.find(key); it != orders_.end()) {
    return solve(body, it->second, bindings, found, filter);
  }
  // Count occurrences as the planner does for a rule whose head holds the variables
  // bound so far: those group an aggregate, the others are local to it.
  ir::Rule rule;
  rule.body.assign(body.begin(), body.end());
  for (ir::VariableId v = 0; v < bindings.bound.size(); ++v) {
    if (!bindings.bound[v]) continue;
    ir::Expr expr;
    expr.op = ir::Expr::Op::variable;
    expr.variable = v;
    rule.head_args.push_back(expr);
  }
  rule.variables.resize(bindings.values.size());
  auto counts = ir::count_occurrences(rule);
  auto order = ir::order_literals(program_, body, ir::none, bindings.bound, {}, counts);
  const auto& kept = orders_.emplace(std::move(key), std::move(order)).first->second;
  return solve(body, kept, bindings, found, filter);
}

bool Matcher::solve_from(std::span<const ir::Literal> body, std::span<const std::uint32_t> order,
                         std::size_t step, Bindings& bindings, const Found& found,
                         const RowFilter& filter) {
  if (step == order.size()) return found(bindings);
  const ir::Literal& literal = body[order[step]];
  auto next = [&] { return solve_from(body, order, step + 1, bindings, found, filter); };
  switch (literal.kind) {
    case ir::Literal::Kind::positive: {
      auto known = values(literal.atom, bindings);
      for (std::uint32_t row : matching_rows(literal.atom.relation, known)) {
        if (filter && !filter(literal.atom.relation, row)) continue;
        auto tuple = database_.row(literal.atom.relation, row);
        // Bind the free variables; a variable twice in the atom must agree with itself.
        boost::container::small_vector<ir::VariableId, 8> newly;
        bool agrees = true;
        for (std::size_t i = 0; i < tuple.size() && agrees; ++i) {
          const ir::Argument& arg = literal.atom.args[i];
          if (arg.kind != ir::Argument::Kind::variable) continue;
          if (bindings.bound[arg.variable]) {
            agrees = bindings.values[arg.variable] == tuple[i];
          } else {
            bindings.bind(arg.variable, tuple[i]);
            newly.push_back(arg.variable);
          }
        }
        bool go_on = !agrees || next();
        for (ir::VariableId v : newly) bindings.bound[v] = false;
        if (!go_on) return false;
      }
      return true;
    }
    case ir::Literal::Kind::negative: return holds(literal, bindings) ? next() : true;
    case ir::Literal::Kind::comparison: {
      // `X = expr` binds X when X is free.
      if (literal.op == ir::CompareOp::eq) {
        for (const auto* side : {&literal.lhs, &literal.rhs}) {
          const ir::Expr& other = side == &literal.lhs ? literal.rhs : literal.lhs;
          if (side->op == ir::Expr::Op::variable && !bindings.bound[side->variable]) {
            auto computed = value(other, bindings);
            if (!computed) return error_.empty();
            bindings.bind(side->variable, *computed);
            bool go_on = next();
            bindings.bound[side->variable] = false;
            return go_on;
          }
        }
      }
      if (holds(literal, bindings)) return next();
      return error_.empty();
    }
    case ir::Literal::Kind::aggregate: {
      const ir::Aggregate& aggregate = literal.aggregate.front();
      auto result = this->aggregate(aggregate, bindings);
      if (!result.value) return true;
      if (bindings.bound[aggregate.result]) {
        return bindings.values[aggregate.result] == *result.value ? next() : true;
      }
      bindings.bind(aggregate.result, *result.value);
      bool go_on = next();
      bindings.bound[aggregate.result] = false;
      return go_on;
    }
  }
  return true;
}

}  // namespace sinew::explain
