#pragma once
// The interpreter of compiled join plans: nested loops over a register file.
//
// One call of `run` evaluates one plan once: for every binding of the body (within
// the row ranges the steps were given) the head tuple is inserted. No allocation and
// no virtual call per tuple; provenance bookkeeping is compiled out when off.

#include "engine/expression.hpp"
#include "engine/steps.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace sinew::engine {

// What all plans of one evaluation share: limits, counters, and why it stopped.
struct EvalState {
  EvalState(const ir::Program& program, Database& database, const Limits& limits);

  // Starts another evaluation on the same database: counters, clock and stop reset.
  void start(const Limits& limits);

  // Checks the clock; false (with `stop` set) when the time is up.
  bool check_time(ir::RuleId rule);
  void stop_with(Stop::Reason reason, ir::RuleId rule, std::string message);

  const ir::Program& program;
  Database& database;
  ExprEvaluator expr;
  bool provenance = false;
  // With provenance on: the height every row derived now gets, when the stratum
  // allows heights by rounds (see run_stratum); ir::none when each derivation's
  // height is worked out from the rows it used.
  std::uint32_t round_height = ir::none;
  bool has_deadline = false;
  std::chrono::steady_clock::time_point deadline;
  double timeout_seconds = 0;
  std::uint64_t max_facts = 0;  // 0 = none
  std::uint64_t derived = 0;    // new facts derived so far
  std::uint32_t budget = 1;     // work left before the next look at the clock
  std::optional<Stop> stop;
};

// Points the plan's steps at the stores and indexes of `database` (building the
// indexes it probes). A plan runs on the database it was last bound to.
void bind_plan(CompiledPlan& plan, Database& database);

class Runner {
 public:
  explicit Runner(EvalState& state) : state_(state) {}

  // Evaluates the plan once; false when the evaluation has to stop (state.stop says
  // why). The plan must be bound to `state.database`.
  bool run(CompiledPlan& plan);

 private:
  struct Accumulator {
    std::uint64_t count = 0;
    std::int64_t int_sum = 0;
    std::uint64_t unsigned_sum = 0;
    double float_sum = 0;
    Value best = 0;
    bool has_best = false;
  };

  // Runs step `index` and, for each binding it makes, the steps after it: one member
  // function per step kind, called from the switch. They are `inline` and the compiler
  // inlines them all; forcing it (gnu::always_inline) made triage 25 % slower.
  template <bool Provenance>
  void exec(std::uint32_t index);
  template <bool Provenance>
  inline void scan(Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void probe(Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void lookup(Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void negated_lookup(Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void negated_probe(Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void filter(const Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void bind(const Step& step, std::uint32_t index);
  template <bool Provenance>
  inline void aggregate(const Step& step, std::uint32_t index);
  template <bool Provenance>
  void insert_head(Step& step);
  // Binds the variables of a row of a scan or probe and goes on with the next step.
  // True when the row matched and nothing more is to be gained from this step: an
  // existential step stops at its first match, except when provenance wants the
  // lowest proof.
  template <bool Provenance>
  inline bool match_row(const Step& step, std::uint32_t index, RowId row);
  // Copies the key of a probe or lookup from the registers into the step's buffer.
  inline void load_key(Step& step);
  // Inserts the head tuples collected so far.
  void flush();
  void accumulate(const Step& step);
  bool finish(const Step& step, Value& result);
  bool tick() { return --state_.budget != 0 || state_.check_time(plan_->rule); }
  void expression_failed();

  EvalState& state_;
  CompiledPlan* plan_ = nullptr;
  std::vector<Value> registers_;
  std::vector<RowId> rows_;  // the row each atom step is on (provenance)
  std::vector<Accumulator> accumulators_;
  bool stopped_ = false;
  std::uint32_t round_height_ = ir::none;  // state.round_height when the plan started

  // Head tuples wait here in small batches: their de-duplication slots are
  // prefetched when they are made and probed when the batch is full, so that the
  // cache misses of a batch overlap. Rows inserted later in a round are invisible to
  // that round anyway, so the delay changes nothing.
  static constexpr std::uint32_t batch = 32;
  RelationStore* head_store_ = nullptr;
  std::uint32_t head_arity_ = 0;
  std::uint32_t pending_ = 0;
  std::vector<Value> pending_values_;
  std::uint64_t pending_hashes_[batch];
  std::uint32_t pending_heights_[batch];
};

}  // namespace sinew::engine
