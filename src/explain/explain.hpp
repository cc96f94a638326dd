#pragma once
// Explanations: why a conclusion holds (a proof down to the input facts, each rule
// with its citation), why another does not (the first condition that fails), and
// what it would take (the smallest sets of case facts that would derive it).

#include "explain/proof_leaves.hpp"
#include "explain/proof_step.hpp"

#include "engine/database.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sinew::engine {
class CaseEvaluator;
}

namespace sinew::explain {

struct Bindings;  // matcher.hpp
struct RuleAttempt;

// Why a fact does not hold: for each rule that could conclude it, the first condition
// that fails in the attempt that got furthest.
struct FailedCondition {
  ir::Literal::Kind kind = ir::Literal::Kind::positive;
  std::string text;  // the condition with the values tried, e.g. `has(chest_pain)`
  std::vector<std::pair<std::string, std::string>> bindings;
  // When the condition asks for a case input that was not given: the missing fact.
  std::optional<std::pair<ir::RelationId, std::vector<ir::Value>>> missing_input;
  // When it asks for a derived fact (`missing`): why that does not hold either.
  std::string missing;
  std::vector<RuleAttempt> because;
};

struct RuleAttempt {
  ir::RuleId rule = ir::none;
  ir::OriginId origin = ir::none;
  std::size_t satisfied = 0;              // conditions that held before the failure
  std::vector<FailedCondition> failures;  // the alternatives that failed at that point
};

// A condition on a case value: `duration_days >= 3` is (duration_days, column 0, >=, 3).
struct ValueCondition {
  ir::RelationId relation = ir::none;
  std::uint32_t column = 0;
  ir::CompareOp op = ir::CompareOp::eq;
  ir::Value value = 0;
  ir::Ordering ordering;
  friend bool operator<(const ValueCondition& a, const ValueCondition& b) {
    return std::tie(a.relation, a.column, a.op, a.value) <
           std::tie(b.relation, b.column, b.op, b.value);
  }
  friend bool operator==(const ValueCondition& a, const ValueCondition& b) {
    return !(a < b) && !(b < a);
  }
};

// One way to reach a goal: case facts to add and conditions on case values.
struct Requirement {
  std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> facts;
  std::vector<std::string> conditions;      // e.g. `duration_days >= 3`
  std::vector<std::string> must_be_absent;  // e.g. `has(injured_muscle)` must not be given
  // The same in a form a program can check against a case; `checkable` is false when a
  // condition could not be put in this form.
  std::vector<ValueCondition> value_conditions;
  std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> absent_inputs;
  bool checkable = true;
};

struct WhyNot {
  bool holds = false;     // the fact does hold: nothing to explain
  bool is_input = false;  // a case input that was not given
  bool has_rules = false;
  std::vector<RuleAttempt> attempts;
  // The case facts that would help: every fact of every smallest way to make it hold
  // (`ways`). In a program without case inputs: those the failed attempts looked for.
  std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> missing_inputs;
  bool has_case_inputs = false;
  std::vector<Requirement> ways;  // what it would take, as Explainer::needed
};

struct NeededOptions {
  std::size_t max_depth = 12;   // rules unfolded along one branch
  std::size_t max_sets = 2000;  // alternatives kept
  // Stop unfolding at this time (the explainer's deadline when not set here).
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// A proof is shown this many rules deep. A recursive rule can make a proof as deep as
// its data (100,000 rules for a chain of 100,000 facts): below this depth the proof says
// how much deeper it goes and which fact to explain to see the rest. Keeps the proof,
// its rendering and the stack bounded, and the text readable.
inline constexpr std::size_t max_proof_depth = 50;

class Explainer {
 public:
  using Clock = std::chrono::steady_clock;

  // `database` holds the evaluated program, with provenance on.
  Explainer(const ir::Program& program, engine::Database& database);

  // Stop explaining at `deadline` (`--timeout`): what is found by then is returned cut
  // short, and `out_of_time()` says so; the caller must not show it as complete.
  void set_deadline(std::optional<Clock::time_point> deadline) { deadline_ = deadline; }
  bool out_of_time() const;

  // For `needed`: the database is `evaluator`'s prepared base with a case evaluated over
  // it, so ways are checked on that base instead of one evaluated anew. The evaluator
  // must outlive the explainer.
  void check_ways_on(const engine::CaseEvaluator& evaluator) { ways_evaluator_ = &evaluator; }

  // A proof of minimal height; nullopt when the fact does not hold.
  std::optional<ProofStep> why(ir::RelationId relation, std::span<const ir::Value> tuple);
  WhyNot why_not(ir::RelationId relation, std::span<const ir::Value> tuple);
  // The smallest sets of case facts (and conditions on case values) that, added to what
  // the database holds, would derive the fact. Empty when nothing could.
  std::vector<Requirement> needed(ir::RelationId relation, std::span<const ir::Value> tuple,
                                  const NeededOptions& options = {});

  // The case facts, not given, that could block a rule leading to the fact: each
  // makes an atom that such a rule negates hold, alone or with others (`blocking`,
  // when given, receives those sets). A fact outside them never takes the fact away.
  std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> blockers(
      ir::RelationId relation, const NeededOptions& options = {});

  // `disposition(seek_treatment_immediately)`
  std::string atom_text(ir::RelationId relation, std::span<const ir::Value> tuple) const;

 private:
  ProofStep prove(ir::RelationId relation, std::uint32_t row, std::size_t& budget,
                  std::size_t depth);
  ProofStep given(ir::RelationId relation, std::uint32_t row) const;
  std::vector<RuleAttempt> attempts_for(ir::RelationId relation, std::span<const ir::Value> tuple,
                                        std::size_t depth, WhyNot& result);
  struct RuleSearch;  // why_not.cpp: the best attempt at one rule
  void prove_body(const ir::Rule& rule, const Bindings& solution, ProofStep& step,
                  std::size_t& budget, std::size_t depth);

  const ir::Program& program_;
  engine::Database& database_;
  ProofLeaves leaves_;
  std::optional<Clock::time_point> deadline_;
  mutable bool out_of_time_ = false;
  const engine::CaseEvaluator* ways_evaluator_ = nullptr;
};

// ---- rendering ------------------------------------------------------------------------

// The renderers show at most `max_rendered_depth` levels of a proof: deeper steps, which
// only a hand-made proof has (the explainer stops at `max_proof_depth`), are left out.
inline constexpr std::size_t max_rendered_depth = 2 * max_proof_depth;

// Indented, for a clinician: each step with its rule, source location, citation,
// notes and assumptions, down to the case facts; then the sources' disclaimers.
std::string render_text(const ir::Program& program, const ProofStep& proof);
// Stable field names (documented in README.md, "Explanations").
std::string render_json(const ir::Program& program, const SymbolTable& symbols,
                        const ProofStep& proof);
// Graphviz: one node per step, arrows from premises to conclusions.
std::string render_dot(const ir::Program& program, const ProofStep& proof);

std::string render_text(const ir::Program& program, const Explainer& explainer,
                        const std::string& goal, const WhyNot& why_not);
std::string render_json(const ir::Program& program, const Explainer& explainer,
                        const std::string& goal, const WhyNot& why_not);

std::string render_text(const Explainer& explainer, const std::string& goal,
                        const std::vector<std::string>& given,
                        const std::vector<Requirement>& requirements);
std::string render_json(const Explainer& explainer, const std::string& goal,
                        const std::vector<std::string>& given,
                        const std::vector<Requirement>& requirements);

}  // namespace sinew::explain
