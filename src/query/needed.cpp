// What it would take: the smallest sets of case facts that would derive a goal.
//
// The rules are unfolded backwards from the goal. A condition on a case input that
// does not hold becomes a hypothesis (add `has(chest_pain)`); a case input whose value
// is not fixed (`duration_days(D)` then `D >= 3`) becomes a condition on that value
// (`duration_days >= 3`); facts the knowledge base holds are used as they are. A
// `max` over a scale (`disposition(L) :- L = max X : { reach(X) }`) needs its body for
// the level asked, and no higher level. Sets that contain another are dropped.

#include <sinew/query/explain.hpp>

#include "explain_support.hpp"
#include "matcher.hpp"

#include <sinew/engine/evaluate.hpp>
#include <sinew/engine/value.hpp>
#include <sinew/ir/plan.hpp>
#include <sinew/ir/printer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <set>

namespace sinew::query {

namespace {

using Fact = std::pair<ir::RelationId, std::vector<ir::Value>>;

// A requirement while it is being built: sets, so that unions and subsets are easy.
struct Hypotheses {
  std::set<Fact> facts;
  std::set<std::string> conditions;
  std::set<std::string> absent;
  std::set<ValueCondition> value_conditions;
  std::set<Fact> absent_inputs;
  // Case inputs the case must give with some value (`duration_days(D)`): the values
  // known, nullopt where open.
  std::set<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> open_inputs;
  bool checkable = true;

  Hypotheses merged(const Hypotheses& other) const {
    Hypotheses out = *this;
    out.facts.insert(other.facts.begin(), other.facts.end());
    out.conditions.insert(other.conditions.begin(), other.conditions.end());
    out.absent.insert(other.absent.begin(), other.absent.end());
    out.value_conditions.insert(other.value_conditions.begin(), other.value_conditions.end());
    out.absent_inputs.insert(other.absent_inputs.begin(), other.absent_inputs.end());
    out.open_inputs.insert(other.open_inputs.begin(), other.open_inputs.end());
    out.checkable = checkable && other.checkable;
    return out;
  }
  bool contains(const Hypotheses& other) const {
    return std::includes(facts.begin(), facts.end(), other.facts.begin(), other.facts.end()) &&
           std::includes(conditions.begin(), conditions.end(), other.conditions.begin(),
                         other.conditions.end()) &&
           std::includes(absent.begin(), absent.end(), other.absent.begin(), other.absent.end());
  }
  std::size_t size() const { return facts.size() + conditions.size() + absent.size(); }
};

// One way an atom can hold: its values (nullopt: a case value left open) and what it takes.
struct Way {
  std::vector<std::optional<ir::Value>> values;
  std::vector<std::string> open_names;  // for open values: the name conditions use
  Hypotheses needs;
  ir::RelationId open_relation = ir::none;  // the case input whose values are open
};

class Abduction {
 public:
  Abduction(const ir::Program& program, engine::Database& database, const NeededOptions& options)
      : program_(program), database_(database), matcher_(program, database), options_(options) {}

  std::vector<Way> ways(ir::RelationId relation, const std::vector<std::optional<ir::Value>>& known,
                        std::size_t depth) {
    std::vector<Way> out;
    const ir::Relation& schema = program_.relations[relation];
    for (std::uint32_t row : matcher_.matching_rows(relation, known)) {
      auto tuple = database_.row(relation, row);
      out.push_back(Way{{tuple.begin(), tuple.end()}, {}, {}});
    }
    bool complete = std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); });
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

 private:
  // Open values only in number columns: a name or finding is never guessed.
  static bool open_values_allowed(const ir::Relation& schema,
                                  const std::vector<std::optional<ir::Value>>& known) {
    for (std::size_t i = 0; i < known.size(); ++i) {
      if (!known[i] && schema.columns[i].type.base == ir::BaseType::symbol) return false;
    }
    return true;
  }

  struct State {
    Bindings bindings;
    std::vector<std::string> open;  // by variable: the name of an open case value, or ""
    std::vector<std::pair<ir::RelationId, std::uint32_t>> open_at;  // by variable: its column
    Hypotheses needs;
  };

  std::vector<Way> unfold(const ir::Rule& rule, const std::vector<std::optional<ir::Value>>& known,
                          std::size_t depth) {
    std::size_t count = std::max<std::size_t>(rule.variables.size(), ir::variable_count(rule));
    State start{Bindings(count), std::vector<std::string>(count),
                std::vector<std::pair<ir::RelationId, std::uint32_t>>(count), {}};
    for (std::size_t i = 0; i < rule.head_args.size(); ++i) {
      const ir::Expr& arg = rule.head_args[i];
      if (!known[i]) continue;
      if (arg.op == ir::Expr::Op::constant && arg.constant != *known[i]) return {};
      if (arg.op == ir::Expr::Op::variable) {
        if (start.bindings.bound[arg.variable] && start.bindings.values[arg.variable] != *known[i]) {
          return {};
        }
        start.bindings.bind(arg.variable, *known[i]);
      }
    }
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

  void literal(const ir::Rule& rule, const ir::Literal& literal, State& state, std::size_t depth,
               const std::function<void(State&)>& next) {
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
            if (arg.kind != ir::Argument::Kind::variable || extended.bindings.bound[arg.variable]) continue;
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
          extended.needs.absent.insert(partial_atom_text(program_, database_.symbols(),
                                                         literal.atom.relation, known));
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
        matcher_.solve(std::span(&literal, 1), state.bindings, [&](const Bindings& found) {
          State extended = state;
          extended.bindings = found;
          next(extended);
          return true;
        });
        return;
      }
      case ir::Literal::Kind::aggregate:
        aggregate(rule, literal, state, depth, next);
        return;
    }
  }

  // `L = max X : { reach(X) }` with L known: the body for L, and nothing beyond L.
  void aggregate(const ir::Rule& rule, const ir::Literal& literal, State& state, std::size_t depth,
                 const std::function<void(State&)>& next) {
    const ir::Aggregate& aggregate = literal.aggregate.front();
    bool extreme = aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max;
    std::optional<ir::Value> expected;
    for (const ir::Literal& other : rule.body) {
      if (other.kind != ir::Literal::Kind::comparison || other.op != ir::CompareOp::eq) continue;
      for (const auto& [result, known] : {std::pair{&other.lhs, &other.rhs}, std::pair{&other.rhs, &other.lhs}}) {
        if (result->op == ir::Expr::Op::variable && result->variable == aggregate.result) {
          expected = matcher_.value(*known, state.bindings);
        }
      }
    }
    if (!extreme || !expected || !aggregate.target ||
        aggregate.target->op != ir::Expr::Op::variable) {
      // Anything else is computed from what the database holds now.
      matcher_.solve(std::span(&literal, 1), state.bindings, [&](const Bindings& found) {
        State extended = state;
        extended.bindings = found;
        next(extended);
        return true;
      });
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
      this->literal(rule, aggregate.body[at], current, depth, [&](State& more) { body(at + 1, more); });
    };
    body(0, inner);
  }

  // `D >= 3` with D an open case value, as (relation, column, >=, 3); the value on the
  // other side must be known. Flipped when the open value is on the right.
  std::optional<ValueCondition> value_condition(const ir::Literal& literal, const State& state) {
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

  bool mentions_open(const ir::Expr& expr, const State& state) const {
    if (expr.op == ir::Expr::Op::variable) return !state.open[expr.variable].empty();
    return std::any_of(expr.args.begin(), expr.args.end(),
                       [&](const ir::Expr& arg) { return mentions_open(arg, state); });
  }

  // `duration_days >= 3`: open values by name, known ones by value.
  std::string open_condition(const ir::Rule& rule, const ir::Literal& literal, const State& state) {
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

  const ir::Program& program_;
  engine::Database& database_;
  Matcher matcher_;
  NeededOptions options_;
  std::vector<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> stack_;
};

}  // namespace

namespace {

// Checks a way by evaluating it: the case as given, plus the way's facts, and nothing
// else. Abduction proposes ways; only the engine says whether a case ends where asked.
class WayChecker {
 public:
  WayChecker(const ir::Program& program, const engine::Database& database, ir::RelationId goal,
             std::span<const ir::Value> tuple)
      : program_(program), base_(database), goal_(goal), tuple_(tuple.begin(), tuple.end()) {
    // Keep what no rule concludes (the case as given, facts files); derive the rest anew.
    for (const ir::Rule& rule : program.rules) {
      if (!program.relations[rule.head].case_input) base_.clear(rule.head);
    }
  }

  // The facts of a way, an open input given a value that meets its conditions.
  struct Trial {
    std::vector<Fact> facts;
    std::vector<Fact> absent;  // must not be given (for the check of an absence)
  };

  std::optional<Trial> trial(const Hypotheses& way) const {
    Trial out;
    out.facts.assign(way.facts.begin(), way.facts.end());
    for (const auto& [relation, known] : way.open_inputs) {
      std::vector<ir::Value> tuple;
      for (std::uint32_t column = 0; column < known.size(); ++column) {
        if (known[column]) {
          tuple.push_back(*known[column]);
          continue;
        }
        auto value = value_meeting(way.value_conditions, relation, column);
        if (!value) return std::nullopt;  // conditions no value meets
        tuple.push_back(*value);
      }
      out.facts.emplace_back(relation, std::move(tuple));
    }
    return out;
  }

  // Whether the way concludes the goal for some value of its open number that meets
  // its conditions: each boundary value is tried (another rule may rule out the
  // first one that meets them).
  bool holds_for_some_value(const Hypotheses& way, const std::vector<std::int64_t>& boundaries) {
    if (way.open_inputs.size() == 1) {
      // Named, not a structured binding: clang 14 cannot capture those in a lambda.
      const auto& open_input = *way.open_inputs.begin();
      const auto& relation = open_input.first;
      const auto& known = open_input.second;
      std::size_t open = known.size();
      std::size_t open_count = 0;
      for (std::size_t c = 0; c < known.size(); ++c) {
        if (!known[c]) {
          open = c;
          ++open_count;
        }
      }
      if (open_count == 1 && program_.relations[relation].columns[open].type.base == ir::BaseType::number) {
        for (std::int64_t value : boundaries) {
          bool meets = std::all_of(way.value_conditions.begin(), way.value_conditions.end(), [&](const ValueCondition& c) {
            if (c.relation != relation || c.column != open) return true;
            auto bound = static_cast<std::int64_t>(c.value);
            switch (c.op) {
              case ir::CompareOp::eq: return value == bound;
              case ir::CompareOp::ne: return value != bound;
              case ir::CompareOp::lt: return value < bound;
              case ir::CompareOp::le: return value <= bound;
              case ir::CompareOp::gt: return value > bound;
              case ir::CompareOp::ge: return value >= bound;
            }
            return false;
          });
          if (!meets) continue;
          std::vector<Fact> facts(way.facts.begin(), way.facts.end());
          std::vector<ir::Value> tuple;
          for (const auto& v : known) tuple.push_back(v ? *v : static_cast<ir::Value>(value));
          facts.emplace_back(relation, std::move(tuple));
          if (holds(facts)) return true;
        }
        return false;
      }
    }
    auto one = trial(way);
    return one && holds(one->facts);
  }

  bool holds(const std::vector<Fact>& facts) {
    auto key = facts;
    std::sort(key.begin(), key.end());
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    engine::Database trial(base_);
    for (const auto& [relation, tuple] : facts) trial.insert(relation, tuple);
    bool result = !engine::evaluate(program_, trial) && trial.contains(goal_, tuple_);
    memo_.emplace(std::move(key), result);
    return result;
  }

 private:
  // A value for the open column that meets every condition on it: the conditions'
  // own values and their neighbours are tried, smallest first.
  std::optional<ir::Value> value_meeting(const std::set<ValueCondition>& conditions,
                                         ir::RelationId relation, std::uint32_t column) const {
    std::vector<const ValueCondition*> mine;
    for (const ValueCondition& condition : conditions) {
      if (condition.relation == relation && condition.column == column) mine.push_back(&condition);
    }
    const ir::ColumnType& type = program_.relations[relation].columns[column].type;
    if (mine.empty()) return type.base == ir::BaseType::symbol ? std::nullopt
                                                                : std::optional<ir::Value>(0);
    std::vector<ir::Value> candidates;
    for (const ValueCondition* condition : mine) {
      candidates.push_back(condition->value);
      if (type.base == ir::BaseType::number || type.base == ir::BaseType::unsigned_number) {
        candidates.push_back(condition->value - 1);
        candidates.push_back(condition->value + 1);
      }
    }
    std::sort(candidates.begin(), candidates.end(), [&](ir::Value a, ir::Value b) {
      return engine::compare_values(base_.symbols(), program_.scales, mine.front()->ordering, a, b) < 0;
    });
    for (ir::Value candidate : candidates) {
      bool meets = std::all_of(mine.begin(), mine.end(), [&](const ValueCondition* c) {
        int order = engine::compare_values(base_.symbols(), program_.scales, c->ordering, candidate, c->value);
        switch (c->op) {
          case ir::CompareOp::eq: return order == 0;
          case ir::CompareOp::ne: return order != 0;
          case ir::CompareOp::lt: return order < 0;
          case ir::CompareOp::le: return order <= 0;
          case ir::CompareOp::gt: return order > 0;
          case ir::CompareOp::ge: return order >= 0;
        }
        return false;
      });
      if (meets) return candidate;
    }
    return std::nullopt;
  }

  const ir::Program& program_;
  engine::Database base_;
  ir::RelationId goal_;
  std::vector<ir::Value> tuple_;
  std::map<std::vector<Fact>, bool> memo_;
};

// The parts of a way: each fact, and each open input with its conditions.
struct Part {
  std::optional<Fact> fact;
  std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>> open;
};

Hypotheses with_parts(const Hypotheses& way, const std::vector<Part>& parts, std::uint32_t chosen) {
  Hypotheses out;
  out.checkable = way.checkable;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!(chosen & (1u << i))) continue;
    if (parts[i].fact) {
      out.facts.insert(*parts[i].fact);
      continue;
    }
    out.open_inputs.insert(parts[i].open);
  }
  // Conditions go with the open inputs they are about.
  for (const ValueCondition& condition : way.value_conditions) {
    bool kept = std::any_of(out.open_inputs.begin(), out.open_inputs.end(),
                            [&](const auto& open) { return open.first == condition.relation; });
    if (kept) out.value_conditions.insert(condition);
  }
  if (out.value_conditions.size() == way.value_conditions.size()) out.conditions = way.conditions;
  out.absent_inputs = way.absent_inputs;
  return out;
}

// The smallest parts of `way` that still conclude the goal: every part of the result is
// needed (a way whose subsets do not conclude it is kept whole). Nothing when `way`
// itself does not conclude it.
std::vector<Hypotheses> smallest_working(const Hypotheses& way, WayChecker& checker,
                                         const std::vector<std::int64_t>& boundaries) {
  std::vector<Part> parts;
  for (const Fact& fact : way.facts) parts.push_back(Part{fact, {}});
  for (const auto& open : way.open_inputs) parts.push_back(Part{std::nullopt, open});
  if (parts.size() > 12) return {};  // too many to check subset by subset
  auto works = [&](std::uint32_t chosen) {
    return checker.holds_for_some_value(with_parts(way, parts, chosen), boundaries);
  };
  std::uint32_t all = (1u << parts.size()) - 1;
  if (!works(all)) return {};
  std::vector<std::uint32_t> minimal;
  // By size, so that a subset is always seen before its supersets.
  std::vector<std::uint32_t> subsets(all + 1);
  for (std::uint32_t s = 0; s <= all; ++s) subsets[s] = s;
  std::stable_sort(subsets.begin(), subsets.end(), [](std::uint32_t a, std::uint32_t b) {
    return std::popcount(a) < std::popcount(b);
  });
  for (std::uint32_t s : subsets) {
    if (std::any_of(minimal.begin(), minimal.end(), [&](std::uint32_t m) { return (m & s) == m; })) continue;
    if (works(s)) minimal.push_back(s);
  }
  std::vector<Hypotheses> out;
  for (std::uint32_t s : minimal) out.push_back(with_parts(way, parts, s));
  return out;
}

}  // namespace

namespace {

}  // namespace

namespace {

// The values worth trying for a number: each constant a comparison of the program
// names, and its neighbours. Between two of them every comparison keeps its truth.
std::vector<std::int64_t> boundary_values(const ir::Program& program) {
  std::set<std::int64_t> out;
  auto note = [&](const ir::Literal& literal) {
    if (literal.kind != ir::Literal::Kind::comparison || literal.ordering.base != ir::BaseType::number) return;
    for (const ir::Expr* side : {&literal.lhs, &literal.rhs}) {
      if (side->op != ir::Expr::Op::constant) continue;
      auto t = static_cast<std::int64_t>(side->constant);
      out.insert({t - 1, t, t + 1});
    }
  };
  for (const ir::Rule& rule : program.rules) {
    for (const ir::Literal& literal : rule.body) {
      note(literal);
      if (literal.kind != ir::Literal::Kind::aggregate) continue;
      for (const ir::Aggregate& aggregate : literal.aggregate) {
        for (const ir::Literal& inner : aggregate.body) note(inner);
      }
    }
  }
  return {out.begin(), out.end()};
}

// A way with one open number (`duration_days >= 3`): its smallest parts, value by
// value. Each boundary value is tried with each subset of the way's facts (and each
// subset with no number); a subset that works with a value, when nothing smaller does
// with that value or with no number, is a way for that value. The values of one subset
// become ranges (`n >= 2 and n <= 4`), a way each: another rule may cut a range the
// abduced conditions did not (`n < 2` blocks it), or need fewer findings for some values.
// Nullopt when the way has no single open number.
std::optional<std::vector<Hypotheses>> smallest_with_number(const Hypotheses& way, WayChecker& checker,
                                                            const ir::Program& program,
                                                            const std::vector<std::int64_t>& values) {
  if (way.open_inputs.size() != 1 || values.empty()) return std::nullopt;
  const auto& open_input = *way.open_inputs.begin();  // named: captured below (clang 14)
  const auto& relation = open_input.first;
  const auto& known = open_input.second;
  std::size_t open_count = 0;
  std::uint32_t column = 0;
  for (std::uint32_t c = 0; c < known.size(); ++c) {
    if (!known[c]) {
      ++open_count;
      column = c;
    }
  }
  const ir::ColumnType& type = program.relations[relation].columns[column].type;
  if (open_count != 1 || type.base != ir::BaseType::number) return std::nullopt;
  std::vector<Fact> facts(way.facts.begin(), way.facts.end());
  if (facts.size() > 12) return std::vector<Hypotheses>{};
  // option 0: no number; option i: values[i - 1]
  auto works = [&](std::uint32_t chosen, std::size_t option) {
    std::vector<Fact> trial;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (chosen & (1u << i)) trial.push_back(facts[i]);
    }
    if (option) {
      std::vector<ir::Value> tuple;
      for (const auto& v : known) tuple.push_back(v ? *v : static_cast<ir::Value>(values[option - 1]));
      trial.emplace_back(relation, std::move(tuple));
    }
    return checker.holds(trial);
  };
  std::uint32_t all = (1u << facts.size()) - 1;
  std::vector<std::uint32_t> subsets(all + 1);
  for (std::uint32_t chosen = 0; chosen <= all; ++chosen) subsets[chosen] = chosen;
  std::stable_sort(subsets.begin(), subsets.end(), [](std::uint32_t a, std::uint32_t b) {
    return std::popcount(a) < std::popcount(b);
  });
  std::vector<std::pair<std::uint32_t, std::size_t>> minimal;
  std::map<std::uint32_t, std::vector<bool>> by_subset;  // with a number: the values that work
  std::vector<std::uint32_t> without_number;
  for (std::uint32_t chosen : subsets) {
    for (std::size_t option = 0; option <= values.size(); ++option) {
      bool smaller = std::any_of(minimal.begin(), minimal.end(), [&](const auto& kept) {
        return (kept.first & chosen) == kept.first && (kept.second == 0 || kept.second == option);
      });
      if (smaller || !works(chosen, option)) continue;
      minimal.emplace_back(chosen, option);
      if (option == 0) {
        without_number.push_back(chosen);
      } else {
        auto& flags = by_subset[chosen];
        flags.resize(values.size(), false);
        flags[option - 1] = true;
      }
    }
  }
  auto subset_way = [&](std::uint32_t chosen) {
    Hypotheses out;
    out.checkable = way.checkable;
    out.absent_inputs = way.absent_inputs;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (chosen & (1u << i)) out.facts.insert(facts[i]);
    }
    return out;
  };
  std::vector<Hypotheses> out;
  for (std::uint32_t chosen : without_number) out.push_back(subset_way(chosen));
  std::string name = program.relations[relation].arity() == 1
                         ? program.relations[relation].name
                         : program.relations[relation].name + "." + program.relations[relation].columns[column].name;
  for (const auto& [chosen, flags] : by_subset) {
    for (std::size_t i = 0; i < values.size();) {
      if (!flags[i]) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j + 1 < values.size() && flags[j + 1]) ++j;
      Hypotheses range = subset_way(chosen);
      range.open_inputs.insert(*way.open_inputs.begin());
      ValueCondition condition;
      condition.relation = relation;
      condition.column = column;
      condition.ordering.base = ir::BaseType::number;
      if (i > 0) {
        condition.op = ir::CompareOp::ge;
        condition.value = static_cast<ir::Value>(values[i]);
        range.value_conditions.insert(condition);
        range.conditions.insert(fmt::format("{} >= {}", name, values[i]));
      }
      if (j + 1 < values.size()) {
        condition.op = ir::CompareOp::le;
        condition.value = static_cast<ir::Value>(values[j]);
        range.value_conditions.insert(condition);
        range.conditions.insert(fmt::format("{} <= {}", name, values[j]));
      }
      out.push_back(std::move(range));
      i = j + 1;
    }
  }
  return out;
}

// The smallest working parts of a way (smallest_with_number, or smallest_working).
std::vector<Hypotheses> smallest_ways(const Hypotheses& way, WayChecker& checker, const ir::Program& program,
                                      const std::vector<std::int64_t>& values) {
  if (auto with_number = smallest_with_number(way, checker, program, values)) return std::move(*with_number);
  return smallest_working(way, checker, values);
}

// What could block a rule leading to `goal`: for each atom such a rule negates, the
// ways to make it hold (a case fact itself, or the ways abduction finds to derive it).
std::vector<Hypotheses> blocking_ways(Abduction& abduction, const ir::Program& program,
                                      const engine::Database& database, ir::RelationId goal) {
  std::set<std::pair<std::set<Fact>, std::set<std::string>>> seen;
  std::vector<Hypotheses> out;
  for (const auto& [relation, known] : negated_atoms(program, goal)) {
    bool ground = std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); });
    if (program.relations[relation].case_input) {
      if (!ground) continue;
      std::vector<ir::Value> tuple;
      for (const auto& v : known) tuple.push_back(*v);
      if (database.contains(relation, tuple)) continue;
      Hypotheses one;
      one.facts.emplace(relation, std::move(tuple));
      if (seen.insert({one.facts, {}}).second) out.push_back(std::move(one));
      continue;
    }
    for (const Way& way : abduction.ways(relation, known, 0)) {
      if (!way.needs.checkable || (way.needs.facts.empty() && way.needs.open_inputs.empty())) continue;
      if (!seen.insert({way.needs.facts, way.needs.conditions}).second) continue;
      out.push_back(way.needs);
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> Explainer::blockers(
    ir::RelationId relation, const NeededOptions& options) {
  Abduction abduction(program_, database_, options);
  std::set<Fact> facts;
  for (const Hypotheses& way : blocking_ways(abduction, program_, database_, relation)) {
    for (const Fact& fact : way.facts) {
      if (!database_.contains(fact.first, fact.second)) facts.insert(fact);
    }
  }
  return {facts.begin(), facts.end()};
}

std::vector<Requirement> Explainer::needed(ir::RelationId relation,
                                           std::span<const ir::Value> tuple,
                                           const NeededOptions& options) {
  if (database_.find(relation, tuple)) return {Requirement{}};  // it already holds
  NeededOptions bounded = options;
  if (!bounded.deadline) bounded.deadline = deadline_;
  Abduction abduction(program_, database_, bounded);
  std::vector<std::optional<ir::Value>> known(tuple.begin(), tuple.end());
  WayChecker checker(program_, database_, relation, tuple);
  std::optional<std::vector<Hypotheses>> blocking;  // found when first needed
  const std::vector<std::int64_t> boundaries = boundary_values(program_);
  std::vector<Hypotheses> found;
  for (const Way& way : abduction.ways(relation, known, 0)) {
    if (!way.needs.checkable) {
      found.push_back(way.needs);  // cannot be put to the engine: kept as found
      continue;
    }
    auto working = smallest_ways(way.needs, checker, program_, boundaries);
    {
      // Another rule may undo the way, or undo it for some values of a number: each
      // fact (or pair) that could block such a rule is tried with it.
      // Undone by another rule: try each fact that could block it.
      if (!blocking) blocking = blocking_ways(abduction, program_, database_, relation);
      for (std::size_t b = 0; b < blocking->size(); ++b) {
        Hypotheses more = way.needs.merged((*blocking)[b]);
        auto repaired = smallest_ways(more, checker, program_, boundaries);
        for (std::size_t c = b + 1; c < blocking->size() && repaired.empty(); ++c) {
          for (Hypotheses& smallest : smallest_ways(more.merged((*blocking)[c]), checker, program_, boundaries)) {
            working.push_back(std::move(smallest));
          }
        }
        for (Hypotheses& smallest : repaired) working.push_back(std::move(smallest));
      }
    }
    for (Hypotheses& smallest : working) {
      // An absence is named only when giving that fact would undo the way.
      auto trial = checker.trial(smallest);
      std::set<Fact> absences;
      for (const Fact& absent : smallest.absent_inputs) {
        auto facts = trial->facts;
        facts.push_back(absent);
        if (!checker.holds(facts)) absences.insert(absent);
      }
      smallest.absent_inputs = std::move(absences);
      smallest.absent.clear();
      for (const auto& [rel, values] : smallest.absent_inputs) smallest.absent.insert(atom_text(rel, values));
      for (const auto& open : smallest.open_inputs) {
        bool conditioned = std::any_of(smallest.value_conditions.begin(), smallest.value_conditions.end(),
                                       [&](const ValueCondition& c) { return c.relation == open.first; });
        if (!conditioned) {
          smallest.conditions.insert(fmt::format("{} (any value)",
                                                 partial_atom_text(program_, database_.symbols(),
                                                                   open.first, open.second)));
        }
      }
      found.push_back(std::move(smallest));
    }
  }
  // Keep the smallest: drop every set whose facts and conditions contain another's.
  std::sort(found.begin(), found.end(), [](const Hypotheses& a, const Hypotheses& b) {
    return a.size() < b.size();
  });
  std::vector<Hypotheses> minimal;
  for (const Hypotheses& candidate : found) {
    bool redundant = std::any_of(minimal.begin(), minimal.end(), [&](const Hypotheses& kept) {
      return std::includes(candidate.facts.begin(), candidate.facts.end(), kept.facts.begin(),
                           kept.facts.end()) &&
             std::includes(candidate.conditions.begin(), candidate.conditions.end(),
                           kept.conditions.begin(), kept.conditions.end());
    });
    if (!redundant) minimal.push_back(candidate);
  }
  std::vector<Requirement> requirements;
  for (const Hypotheses& hypotheses : minimal) {
    Requirement requirement;
    requirement.facts.assign(hypotheses.facts.begin(), hypotheses.facts.end());
    requirement.conditions.assign(hypotheses.conditions.begin(), hypotheses.conditions.end());
    requirement.must_be_absent.assign(hypotheses.absent.begin(), hypotheses.absent.end());
    requirement.value_conditions.assign(hypotheses.value_conditions.begin(),
                                        hypotheses.value_conditions.end());
    requirement.absent_inputs.assign(hypotheses.absent_inputs.begin(), hypotheses.absent_inputs.end());
    requirement.checkable = hypotheses.checkable;
    requirements.push_back(std::move(requirement));
  }
  // Deterministic: by size, then by the text of the facts.
  std::stable_sort(requirements.begin(), requirements.end(), [&](const Requirement& a, const Requirement& b) {
    auto key = [&](const Requirement& r) {
      std::string text;
      for (const auto& [rel, values] : r.facts) text += atom_text(rel, values) + " ";
      for (const auto& condition : r.conditions) text += condition + " ";
      return std::pair{r.facts.size() + r.conditions.size() + r.must_be_absent.size(), text};
    };
    return key(a) < key(b);
  });
  return requirements;
}

}  // namespace sinew::query
