#pragma once
// Evaluation: the least model of a stratified program, stratum by stratum, semi-naive.

#include "engine/database.hpp"
#include "ir/program.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::engine {

struct Limits {
  double timeout_seconds = 0;   // 0 = none
  std::uint64_t max_facts = 0;  // derived facts over all relations; 0 = none
};

// Where the time went, per rule (for `--profile` style reports).
struct RuleProfile {
  RuleId rule = ir::none;
  double seconds = 0;         // time in the rule's plans
  std::uint64_t derived = 0;  // new facts it derived
  std::uint64_t runs = 0;     // plan evaluations (one per round and delta literal)
};

struct EvalOptions {
  // Re-plan every stratum with the actual relation sizes just before running it
  // (otherwise the plans in Rule::plans are used, and made when missing).
  bool replan = true;
  // When set, filled with one entry per rule that was evaluated, in RuleId order.
  std::vector<RuleProfile>* profile = nullptr;
  // Free the de-duplication set of each big relation once its stratum is complete, so
  // that the peak memory holds one stratum's sets rather than all of them. Then
  // Database::find and contains need Database::restore_sets() first: for runs that
  // only print or write the results.
  bool drop_complete_sets = false;
};

// Why an evaluation stopped before its result was complete.
struct Stop {
  enum class Reason : std::uint8_t {
    time_limit,        // Limits::timeout_seconds reached
    fact_limit,        // Limits::max_facts reached; `relation` is the one that grew
    overflow,          // integer arithmetic out of range
    division_by_zero,  // `/` or `%` by zero
    bad_conversion,    // to_number of a text that is not a number
    invalid_program,   // the IR breaks the engine's contract (e.g. an unbound variable)
  };
  Reason reason = Reason::invalid_program;
  RuleId rule = ir::none;          // the rule being evaluated, when there was one
  RelationId relation = ir::none;  // the relation it derives
  std::string message;             // a complete sentence for the person running it

  // The catalog code of the reason (E08xx), or empty for `invalid_program`, which is
  // a defect of Sinew rather than of the input.
  std::string_view code() const;
};

// Evaluates one program on any number of databases (one case after another), planning
// and compiling each stratum once, with the relation sizes of the first database it
// runs on. The program must outlive the evaluator. Not for concurrent use: one
// evaluator per thread.
class Evaluator {
 public:
  explicit Evaluator(const ir::Program& program, const EvalOptions& options = {});
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  Evaluator& operator=(Evaluator&&) = delete;

  // As `evaluate`: inserts `program.facts`, then evaluates every stratum.
  std::optional<Stop> run(Database& database, const Limits& limits = {});

 private:
  struct Plans;
  const ir::Program& program_;
  EvalOptions options_;
  std::unique_ptr<Plans> plans_;
};

// Inserts `program.facts`, then evaluates every stratum in order. Facts already in
// the database (read from facts files, given by a case) take part. Returns nullopt
// when the result is complete; otherwise why it stopped (the database then holds
// what was derived so far, which is not a complete answer).
std::optional<Stop> evaluate(const ir::Program& program, Database& database,
                             const Limits& limits = {}, const EvalOptions& options = {});

}  // namespace sinew::engine
