#pragma once
// Compiles a rule's join plan into steps: scans, probes of indexes (named by their
// columns), lookups, filters; the database is bound later.

#include "engine/steps.hpp"

#include "engine/evaluate.hpp"
#include "ir/plan.hpp"
#include "ir/program.hpp"

#include <optional>
#include <vector>

namespace sinew::engine {

// `in_stratum[r]` is true for the relations of the stratum being evaluated: their
// atoms read the semi-naive range given by the plan's delta literal (before it:
// stable; the delta: recent; after it: everything up to this round). `sizes` steer
// the order of aggregate bodies. On a plan the engine cannot run (an unbound
// variable), returns a Stop with reason invalid_program.
std::optional<Stop> compile_plan(const ir::Program& program, ir::RuleId rule,
                                 const ir::JoinPlan& plan, const std::vector<bool>& in_stratum,
                                 ir::SizeEstimates sizes, CompiledPlan& out);

}  // namespace sinew::engine
