#pragma once
// Abduction for `explain --needed`: the rules unfolded backwards from a goal, proposing
// the ways it could hold. A condition on a case input that does not hold becomes a
// hypothesis (add `has(chest_pain)`); a case input whose value is not fixed
// (`duration_days(D)` then `D >= 3`) becomes a condition on that value
// (`duration_days >= 3`); facts the knowledge base holds are used as they are. A `max`
// over a scale (`disposition(L) :- L = max X : { reach(X) }`) needs its body for the
// level asked. These are proposals: needed_check.hpp puts each to the engine.

#include "matcher.hpp"
#include "needed_hypotheses.hpp"

#include "engine/database.hpp"
#include "explain/explain.hpp"
#include "ir/program.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sinew::explain {

// One way an atom can hold: its values (nullopt: a case value left open) and what it takes.
struct Way {
  std::vector<std::optional<ir::Value>> values;
  std::vector<std::string> open_names;  // for open values: the name conditions use
  Hypotheses needs;
  ir::RelationId open_relation = ir::none;  // the case input whose values are open
};

class Abduction {
 public:
  Abduction(const ir::Program& program, engine::Database& database, const NeededOptions& options);

  // The ways `relation` could hold with the values `known` (nullopt: any value), within
  // the options' depth, count and deadline.
  std::vector<Way> ways(ir::RelationId relation, const std::vector<std::optional<ir::Value>>& known,
                        std::size_t depth);

 private:
  struct State {
    Bindings bindings;
    std::vector<std::string> open;  // by variable: the name of an open case value, or ""
    std::vector<std::pair<ir::RelationId, std::uint32_t>> open_at;  // by variable: its column
    Hypotheses needs;
  };

  static bool open_values_allowed(const ir::Relation& schema,
                                  const std::vector<std::optional<ir::Value>>& known);
  std::vector<Way> unfold(const ir::Rule& rule, const std::vector<std::optional<ir::Value>>& known,
                          std::size_t depth);
  void literal(const ir::Rule& rule, const ir::Literal& literal, State& state, std::size_t depth,
               const std::function<void(State&)>& next);
  void aggregate(const ir::Rule& rule, const ir::Literal& literal, State& state, std::size_t depth,
                 const std::function<void(State&)>& next);
  void solve_now(const ir::Literal& literal, State& state, const std::function<void(State&)>& next);
  std::optional<ValueCondition> value_condition(const ir::Literal& literal, const State& state);
  bool mentions_open(const ir::Expr& expr, const State& state) const;
  std::string open_condition(const ir::Rule& rule, const ir::Literal& literal, const State& state);

  const ir::Program& program_;
  engine::Database& database_;
  Matcher matcher_;
  NeededOptions options_;
  // By relation: can a case change it? Those no case changes are complete in the
  // database, so their rules are not unfolded (they would give its rows again).
  std::vector<bool> case_dependent_;
  std::vector<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> stack_;
};

}  // namespace sinew::explain
