#pragma once
// One stratum: its rules planned and compiled, and run to their fixpoint.
//
// Shared by `Evaluator` (plans made with the sizes of the first database it runs on)
// and `CaseEvaluator` (plans made once with the sizes of a prepared knowledge base).

#include "engine/interpreter.hpp"
#include "engine/steps.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "ir/plan.hpp"

#include <optional>
#include <vector>

namespace sinew::engine {

// The compiled plans of one stratum: `exits` read no relation of the stratum and run
// once; `deltas` run in every semi-naive round.
struct StratumPlans {
  bool compiled = false;
  std::vector<CompiledPlan> exits, deltas;
};

// Relations with at least this many rows give up their set when complete.
inline constexpr std::size_t large_relation = 1 << 12;

// Plans every rule of the stratum with these size estimates (or takes Rule::plans when
// `options.replan` is off) and compiles the plans.
std::optional<Stop> compile_stratum(const ir::Program& program, const ir::Stratum& stratum,
                                    const Options& options, ir::SizeEstimates sizes,
                                    StratumPlans& out);

// The sizes `Evaluator` plans a stratum with: the database's, except that the
// stratum's own relations, about to grow, count as large as the largest relation (so
// that a join does not start from one because it happens to be empty yet).
std::vector<double> growing_sizes(const Database& database, const ir::Stratum& stratum);

// Binds the stores and indexes of `database` to the plans' steps (building the indexes
// they probe). A plan runs only on the database it was last bound to.
void bind_plans(StratumPlans& plans, Database& database);

// Runs a compiled stratum to its fixpoint: the exit plans once, then semi-naive rounds
// of the delta plans. The plans must be bound to `state.database`. `profile` may be
// null.
std::optional<Stop> run_stratum(const ir::Stratum& stratum, StratumPlans& plans, Runner& runner,
                                EvalState& state, std::vector<RuleProfile>* profile);

// Inserts the facts of `program` (all of them, checked, or those at `indices`).
std::optional<Stop> insert_facts(const ir::Program& program, Database& database);
void insert_facts(const ir::Program& program, Database& database,
                  const std::vector<std::uint32_t>& indices);

}  // namespace sinew::engine
