#pragma once
// Checking for `explain --needed`: each way abduction proposes is put to the engine (the
// case as given plus the way's facts, evaluated), and shrunk to its smallest parts that
// still conclude the goal, number ranges included.

#include "needed_hypotheses.hpp"

#include "engine/cases.hpp"
#include "engine/database.hpp"
#include "explain/explain.hpp"
#include "ir/program.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <vector>

namespace sinew::explain {

// Checks a way by evaluating it: the case as given, plus the way's facts, and nothing
// else. Abduction proposes ways; only the engine says whether a case ends where asked.
// What no case changes is evaluated once, when the checker is made; a way then costs
// only the strata that read case facts (engine::CaseWorker), on one reused database.
class WayChecker {
 public:
  // `shared`, when given, is a prepared evaluator whose base `database` was evaluated
  // over (with the case given): ways are checked on it instead of a base of their own.
  WayChecker(const ir::Program& program, const engine::Database& database, ir::RelationId goal,
             std::span<const ir::Value> tuple, const engine::CaseEvaluator* shared = nullptr);

  // The facts of a way, an open input given a value that meets its conditions.
  struct Trial {
    std::vector<Fact> facts;
    std::vector<Fact> absent;  // must not be given (for the check of an absence)
  };

  std::optional<Trial> trial(const Hypotheses& way) const;

  // Whether the way concludes the goal for some value of its open number that meets
  // its conditions: each boundary value is tried (another rule may rule out the
  // first one that meets them).
  bool holds_for_some_value(const Hypotheses& way, const std::vector<std::int64_t>& boundaries);

  // Whether the case as given, with `facts` added, concludes the goal.
  bool holds(const std::vector<Fact>& facts);

  // Whether the case as given, with `facts` added, concludes `atom` (not the goal): has
  // a blocker made the atom it is for hold? Not remembered.
  bool concludes(const std::vector<Fact>& facts, const Fact& atom);

 private:
  std::optional<ir::Value> value_meeting(const std::set<ValueCondition>& conditions,
                                         ir::RelationId relation, std::uint32_t column) const;

  bool holds_by_whole_evaluation(const std::vector<Fact>& facts, const Fact& atom) const;
  bool only_case_facts(const std::vector<Fact>& facts) const;

  const ir::Program& program_;
  engine::Database base_;
  // The base evaluated once; nullptr when it could not be (then each way is evaluated
  // whole, as the engine would stop the same way for it).
  std::unique_ptr<engine::CaseEvaluator> own_evaluator_;
  const engine::CaseEvaluator* evaluator_ = nullptr;
  std::unique_ptr<engine::CaseWorker> worker_;
  std::vector<Fact> given_;  // the case as given: its facts of case-dependent relations
  ir::RelationId goal_;
  std::vector<ir::Value> tuple_;
  // Checks already made. Bounded: a knowledge base with many blockers asks millions of
  // different ones, few of them twice.
  std::map<std::vector<Fact>, bool> memo_;
};

// The values worth trying for a number: each constant a comparison of the program
// names, and its neighbours. Between two of them every comparison keeps its truth.
std::vector<std::int64_t> boundary_values(const ir::Program& program);

// The smallest parts of a way that still conclude the goal (with one open number: a
// way for each range of values that works). Nothing when the way does not conclude it.
std::vector<Hypotheses> smallest_ways(const Hypotheses& way, WayChecker& checker,
                                      const ir::Program& program,
                                      const std::vector<std::int64_t>& values);

}  // namespace sinew::explain
