// Abduction for `explain --needed` (needed_abduction.hpp): unfolding the rules backwards
// from a goal into the ways it could hold. Apart from the checking and shrinking of those
// ways (needed_check.cpp) because it reasons about rules, not about cases.

#include "needed_abduction.hpp"

#include "explain_support.hpp"

#include "engine/cases.hpp"
#include "engine/value.hpp"
#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <algorithm>
#include <chrono>
#include <span>

namespace sinew::explain {

Abduction::Abduction(const ir::Program& program, engine::Database& database,
                     const NeededOptions& options)
    : program_(program),
      database_(database),
      matcher_(program, database),
      options_(options),
      case_dependent_(engine::split_by_case(program).case_dependent) {
  // Abduction only reads the database: every relation is matched through indexes (a
  // knowledge graph's 100,000 `subsumed` pairs would otherwise be scanned per literal).
  matcher_.keep_indexes(std::vector<bool>(program.relations.size(), true));
}

std::vector<Way> Abduction::ways(ir::RelationId relation,
                                 const std::vector<std::optional<ir::Value>>& known,
                                 std::size_t depth) {
  std::vector<Way> out;
  const ir::Relation& schema = program_.relations[relation];
  for (std::uint32_t row : matcher_.matching_rows(relation, known)) {
    auto tuple = database_.row(relation, row);
    out.push_back(Way{{tuple.begin(), tuple.end()}, {}, {}});
  }
  bool complete = std::all_of(known.begin(), known.end(),
                              [](const auto& v) { return v.has_value(); });
  if (schema.case_input) {
    if (complete && out.empty()) {
      Way way{known, {}, {}};
      std::vector<ir::Value> tuple;
      for (const auto& v : known) tuple.push_back(*v);
      way.needs.facts.emplace(relation, std::move(tuple));
      out.push_back(std::move(way));
    } else if (!complete && out.empty() && open_values_allowed(schema, known)) {
      // Only when the case gives no such value: a case adds facts, it does not change
      // the value it gave.
      // `duration_days(D)`: the case may give any value; conditions on it follow.
      Way way{known, std::vector<std::string>(known.size()), {}, relation};
      for (std::size_t i = 0; i < known.size(); ++i) {
        if (known[i]) continue;
        way.open_names[i] = schema.arity() == 1 ? schema.name
                                                : schema.name + "." + schema.columns[i].name;
      }
      way.needs.open_inputs.emplace(relation, known);
      out.push_back(std::move(way));
    }
  }
  // What no case changes, the evaluated database holds whole: its rows are all its ways.
  if (!case_dependent_[relation]) return out;
  if (depth >= options_.max_depth) return out;
  if (options_.deadline && std::chrono::steady_clock::now() >= *options_.deadline) return out;
  auto key = std::pair{relation, known};
  if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) return out;  // a cycle
  stack_.push_back(key);
  for (const ir::Rule& rule : program_.rules) {
    if (rule.head != relation) continue;
    for (Way& way : unfold(rule, known, depth)) {
      out.push_back(std::move(way));
      if (out.size() >= options_.max_sets) break;
    }
  }
  stack_.pop_back();
  return out;
}

// Open values only in number columns: a name or finding is never guessed.
bool Abduction::open_values_allowed(const ir::Relation& schema,
                                    const std::vector<std::optional<ir::Value>>& known) {
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (!known[i] && schema.columns[i].type.base == ir::BaseType::symbol) return false;
  }
  return true;
}

std::vector<Way> Abduction::unfold(const ir::Rule& rule,
                                   const std::vector<std::optional<ir::Value>>& known,
                                   std::size_t depth) {
  std::size_t count = std::max<std::size_t>(rule.variables.size(), ir::variable_count(rule));
  State start{Bindings(count),
              std::vector<std::string>(count),
              std::vector<std::pair<ir::RelationId, std::uint32_t>>(count),
              {}};
  if (!unify_head(rule, known, start.bindings)) return {};
  auto counts = ir::count_occurrences(rule);
  auto order = explaining_order(program_, rule.body, start.bindings.bound, counts);
  std::vector<Way> out;
  std::function<void(std::size_t, State&)> step = [&](std::size_t at, State& state) {
    if (out.size() >= options_.max_sets) return;
    if (at == order.size()) {
      Way way;
      for (const ir::Expr& arg : rule.head_args) {
        if (arg.op == ir::Expr::Op::variable && !state.open[arg.variable].empty()) {
          way.values.emplace_back(std::nullopt);  // an open value is not a conclusion's value
        } else {
          way.values.push_back(matcher_.value(arg, state.bindings));
        }
      }
      way.open_names.resize(way.values.size());
      way.needs = state.needs;
      out.push_back(std::move(way));
      return;
    }
    literal(rule, rule.body[order[at]], state, depth, [&](State& next) { step(at + 1, next); });
  };
  step(0, start);
  return out;
}

void Abduction::literal(const ir::Rule& rule, const ir::Literal& literal, State& state,
                        std::size_t depth, const std::function<void(State&)>& next) {
  switch (literal.kind) {
    case ir::Literal::Kind::positive: {
      auto known = matcher_.values(literal.atom, state.bindings);
      for (const ir::Argument& arg : literal.atom.args) {
        if (arg.kind == ir::Argument::Kind::variable && !state.open[arg.variable].empty()) return;
      }
      for (const Way& way : ways(literal.atom.relation, known, depth + 1)) {
        State extended = state;
        bool agrees = true;
        for (std::size_t i = 0; i < literal.atom.args.size() && agrees; ++i) {
          const ir::Argument& arg = literal.atom.args[i];
          if (arg.kind != ir::Argument::Kind::variable || extended.bindings.bound[arg.variable])
            continue;
          if (way.values[i]) {
            extended.bindings.bind(arg.variable, *way.values[i]);
          } else if (!way.open_names.empty() && !way.open_names[i].empty()) {
            extended.open[arg.variable] = way.open_names[i];
            extended.open_at[arg.variable] = {way.open_relation, static_cast<std::uint32_t>(i)};
            extended.bindings.bind(arg.variable, 0);
          } else {
            agrees = false;  // a derived fact whose value stays open: not followed
          }
        }
        if (!agrees) continue;
        extended.needs = extended.needs.merged(way.needs);
        next(extended);
      }
      return;
    }
    case ir::Literal::Kind::negative: {
      auto known = matcher_.values(literal.atom, state.bindings);
      bool holds_now = !matcher_.matching_rows(literal.atom.relation, known).empty();
      // A derived fact that holds now may still be blocked by a fact the case adds:
      // the way is kept, and Explainer::needed looks for that fact when it checks it.
      if (holds_now && program_.relations[literal.atom.relation].case_input) return;
      if (holds_now) {
        next(state);
        return;
      }
      if (program_.relations[literal.atom.relation].case_input) {
        State extended = state;
        extended.needs.absent.insert(
            partial_atom_text(program_, database_.symbols(), literal.atom.relation, known));
        if (std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); })) {
          std::vector<ir::Value> tuple;
          for (const auto& v : known) tuple.push_back(*v);
          extended.needs.absent_inputs.emplace(literal.atom.relation, std::move(tuple));
        } else {
          extended.needs.checkable = false;
        }
        next(extended);
        return;
      }
      next(state);
      return;
    }
    case ir::Literal::Kind::comparison: {
      if (mentions_open(literal.lhs, state) || mentions_open(literal.rhs, state)) {
        State extended = state;
        extended.needs.conditions.insert(open_condition(rule, literal, state));
        if (auto structured = value_condition(literal, state)) {
          extended.needs.value_conditions.insert(*structured);
        } else {
          extended.needs.checkable = false;
        }
        next(extended);
        return;
      }
      solve_now(literal, state, next);
      return;
    }
    case ir::Literal::Kind::aggregate: aggregate(rule, literal, state, depth, next); return;
  }
}

// `L = max X : { reach(X) }` with L known: the body for L, and nothing beyond L.
void Abduction::aggregate(const ir::Rule& rule, const ir::Literal& literal, State& state,
                          std::size_t depth, const std::function<void(State&)>& next) {
  const ir::Aggregate& aggregate = literal.aggregate.front();
  bool extreme = aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max;
  std::optional<ir::Value> expected;
  for (const ir::Literal& other : rule.body) {
    if (other.kind != ir::Literal::Kind::comparison || other.op != ir::CompareOp::eq) continue;
    for (const auto& [result, known] :
         {std::pair{&other.lhs, &other.rhs}, std::pair{&other.rhs, &other.lhs}}) {
      if (result->op == ir::Expr::Op::variable && result->variable == aggregate.result) {
        expected = matcher_.value(*known, state.bindings);
      }
    }
  }
  if (!extreme || !expected || !aggregate.target ||
      aggregate.target->op != ir::Expr::Op::variable) {
    // Anything else is computed from what the database holds now.
    solve_now(literal, state, next);
    return;
  }
  State inner = state;
  inner.bindings.bind(aggregate.target->variable, *expected);
  std::function<void(std::size_t, State&)> body = [&](std::size_t at, State& current) {
    if (at == aggregate.body.size()) {
      State done = state;
      done.needs = current.needs;
      done.bindings.bind(aggregate.result, *expected);
      // Nothing beyond `expected` may be reached either: every way found is checked
      // by evaluating it (Explainer::needed), which drops those that go higher.
      next(done);
      return;
    }
    this->literal(rule, aggregate.body[at], current, depth,
                  [&](State& more) { body(at + 1, more); });
  };
  body(0, inner);
}

// `D >= 3` with D an open case value, as (relation, column, >=, 3); the value on the
// other side must be known. Flipped when the open value is on the right.
std::optional<ValueCondition> Abduction::value_condition(const ir::Literal& literal,
                                                         const State& state) {
  auto open_variable = [&](const ir::Expr& e) {
    return e.op == ir::Expr::Op::variable && !state.open[e.variable].empty();
  };
  bool left = open_variable(literal.lhs);
  if (!left && !open_variable(literal.rhs)) return std::nullopt;
  const ir::Expr& open = left ? literal.lhs : literal.rhs;
  const ir::Expr& other = left ? literal.rhs : literal.lhs;
  if (mentions_open(other, state)) return std::nullopt;
  auto value = matcher_.value(other, state.bindings);
  if (!value) return std::nullopt;
  static constexpr ir::CompareOp flipped[] = {ir::CompareOp::eq, ir::CompareOp::ne,
                                              ir::CompareOp::gt, ir::CompareOp::ge,
                                              ir::CompareOp::lt, ir::CompareOp::le};
  ValueCondition condition;
  condition.relation = state.open_at[open.variable].first;
  condition.column = state.open_at[open.variable].second;
  condition.op = left ? literal.op : flipped[static_cast<int>(literal.op)];
  condition.value = *value;
  condition.ordering = literal.ordering;
  return condition;
}

bool Abduction::mentions_open(const ir::Expr& expr, const State& state) const {
  if (expr.op == ir::Expr::Op::variable) return !state.open[expr.variable].empty();
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [&](const ir::Expr& arg) { return mentions_open(arg, state); });
}

// `duration_days >= 3`: open values by name, known ones by value.
std::string Abduction::open_condition(const ir::Rule& rule, const ir::Literal& literal,
                                      const State& state) {
  std::vector<std::string> names = rule.variables;
  names.resize(state.open.size());
  auto types = variable_types(program_, rule.body, rule.head, rule.head_args, state.open.size());
  for (ir::VariableId v = 0; v < state.open.size(); ++v) {
    if (!state.open[v].empty()) {
      names[v] = state.open[v];
    } else if (state.bindings.bound[v]) {
      names[v] = engine::format_value(database_.symbols(), types[v].value_or(ir::ColumnType{}),
                                      state.bindings.values[v]);
    }
  }
  return ir::print_literal(program_, names, literal);
}

// Each solution of the literal over what the database holds now, passed on.
void Abduction::solve_now(const ir::Literal& literal, State& state,
                          const std::function<void(State&)>& next) {
  matcher_.solve(std::span(&literal, 1), state.bindings, [&](const Bindings& found) {
    State extended = state;
    extended.bindings = found;
    next(extended);
    return true;
  });
}

}  // namespace sinew::explain
