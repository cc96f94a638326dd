#pragma once
// Strata: the predicate dependency graph of a program and its evaluation order.
//
// A relation used under `!` or inside an aggregate must be complete before the rule
// that uses it runs, so such a use may not sit on a cycle of the graph.

#include "ir/graph.hpp"
#include "ir/program.hpp"

#include <vector>

namespace sinew::ir {

// One edge of the dependency graph: the rule's head depends on a relation of its body.
struct Dependency {
  RuleId rule = 0;
  std::uint32_t literal = 0;    // position in the rule's body (of the aggregate, if inside one)
  bool needs_complete = false;  // under `!` or inside an aggregate
};

struct DependencyGraph {
  Digraph graph;                         // nodes are RelationIds; edge: body -> head
  std::vector<Dependency> dependencies;  // by edge
  std::vector<std::uint32_t> components;
  std::vector<std::uint32_t> blocking;  // edges that need completeness inside a cycle
};

DependencyGraph dependency_graph(const Program& program);

// The strata of a program, in evaluation order. Requires no blocking edge.
std::vector<Stratum> strata_of(const Program& program, const DependencyGraph& dependencies);
// Replaces `program.strata` with strata_of(program, dependencies).
void assign_strata(Program& program, const DependencyGraph& dependencies);

// Both of the above; false (strata untouched) when the program cannot be stratified.
bool stratify(Program& program);

}  // namespace sinew::ir
