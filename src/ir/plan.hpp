#pragma once
// The join planner: the order in which a rule's body literals are evaluated.
//
// Orders are chosen by cost, not by the order the author wrote the literals in: the
// delta literal first (it holds the few facts new in the last round), then filters as
// soon as their variables are bound, then the atom expected to produce the fewest
// rows: atoms sharing a bound variable before unconnected ones (no cross products
// while a join is possible), more bound columns and smaller relations first.

#include "ir/program.hpp"

#include <span>
#include <vector>

namespace sinew::ir {

// Relation sizes by RelationId; an empty span (or a missing entry) means "unknown".
using SizeEstimates = std::span<const double>;

// Fills `Rule::plans` of every rule: one plan with `delta = none` for a rule outside a
// recursive stratum (or one whose body reads no relation of its own stratum), and one
// plan per body literal that reads a relation of the rule's own recursive stratum,
// with that literal as `delta`.
void plan(Program& program, SizeEstimates sizes = {});

// The body positions of `rule` that read a relation of `stratum` (positive atoms
// only: stratification keeps negations and aggregates out of the stratum).
std::vector<std::uint32_t> recursive_literals(const Program& program, const Rule& rule,
                                              const Stratum& stratum);

// One plan of `rule`, with `delta` (a body position, or `none`) evaluated first.
JoinPlan plan_rule(const Program& program, const Rule& rule, std::uint32_t delta,
                   SizeEstimates sizes = {});

// Orders a conjunction (a rule body or an aggregate body) given the variables bound
// before it (`bound`, by VariableId; grown as needed). `first` (a position, or
// `none`) is placed first. `rule_counts` counts, per VariableId, the occurrences of
// each variable in the whole rule (see `count_occurrences`): an aggregate's variables
// that also occur outside it group it and must be bound before it.
std::vector<std::uint32_t> order_literals(const Program& program, std::span<const Literal> body,
                                          std::uint32_t first, std::vector<bool> bound,
                                          SizeEstimates sizes,
                                          std::span<const std::uint32_t> rule_counts);

// ---- variables of IR pieces (shared with the engine's plan compiler) ---------------

// Appends the variables read by an expression.
void collect_variables(const Expr& expr, std::vector<VariableId>& out);
// Appends every variable that occurs in a literal (for an aggregate: its result,
// target and body).
void collect_variables(const Literal& literal, std::vector<VariableId>& out);
// One more than the largest VariableId used by the rule (at least variables.size()).
std::uint32_t variable_count(const Rule& rule);

// Occurrences of each variable in the rule (head, body, aggregate bodies), by id.
std::vector<std::uint32_t> count_occurrences(const Rule& rule);

// The variables of an aggregate literal that also occur elsewhere in the rule: they
// group it and must be bound before it. The result variable is not among them.
std::vector<VariableId> grouping_variables(const Literal& aggregate,
                                           std::span<const std::uint32_t> rule_counts);

}  // namespace sinew::ir
