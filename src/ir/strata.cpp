#include "ir/strata.hpp"

namespace sinew::ir {

namespace {

void add_dependencies(const std::vector<Literal>& body, RuleId rule, std::uint32_t aggregate_at,
                      RelationId head, DependencyGraph& out) {
  for (std::uint32_t i = 0; i < body.size(); ++i) {
    const Literal& literal = body[i];
    bool inside = aggregate_at != none;
    std::uint32_t position = inside ? aggregate_at : i;
    switch (literal.kind) {
      case Literal::Kind::positive:
      case Literal::Kind::negative:
        out.graph.edges.push_back({literal.atom.relation, head});
        out.dependencies.push_back(
            {rule, position, inside || literal.kind == Literal::Kind::negative});
        break;
      case Literal::Kind::aggregate:
        add_dependencies(literal.aggregate.front().body, rule, position, head, out);
        break;
      case Literal::Kind::comparison: break;
    }
  }
}

}  // namespace

DependencyGraph dependency_graph(const Program& program) {
  DependencyGraph result;
  result.graph.node_count = program.relations.size();
  for (RuleId r = 0; r < program.rules.size(); ++r) {
    add_dependencies(program.rules[r].body, r, none, program.rules[r].head, result);
  }
  result.components = strongly_connected_components(result.graph);
  for (std::uint32_t e = 0; e < result.graph.edges.size(); ++e) {
    const auto& edge = result.graph.edges[e];
    if (result.dependencies[e].needs_complete &&
        result.components[edge.from] == result.components[edge.to]) {
      result.blocking.push_back(e);
    }
  }
  return result;
}

std::vector<Stratum> strata_of(const Program& program, const DependencyGraph& dependencies) {
  const Digraph& graph = dependencies.graph;
  const auto& components = dependencies.components;
  std::vector<bool> self_loop(graph.node_count, false);
  for (const auto& edge : graph.edges) {
    if (edge.from == edge.to) self_loop[edge.from] = true;
  }
  std::vector<std::vector<RelationId>> members(graph.node_count);
  for (RelationId r = 0; r < program.relations.size(); ++r) members[components[r]].push_back(r);
  std::vector<std::vector<RuleId>> rules_of(graph.node_count);
  for (RuleId r = 0; r < program.rules.size(); ++r) {
    rules_of[components[program.rules[r].head]].push_back(r);
  }
  std::vector<Stratum> strata;
  for (std::uint32_t component : topological_components(graph, components)) {
    if (rules_of[component].empty()) continue;  // facts only: nothing to evaluate
    Stratum stratum;
    stratum.relations = members[component];
    stratum.rules = rules_of[component];
    stratum.recursive = stratum.relations.size() > 1 || self_loop[stratum.relations.front()];
    strata.push_back(std::move(stratum));
  }
  return strata;
}

void assign_strata(Program& program, const DependencyGraph& dependencies) {
  program.strata = strata_of(program, dependencies);
}

bool stratify(Program& program) {
  DependencyGraph dependencies = dependency_graph(program);
  if (!dependencies.blocking.empty()) return false;
  assign_strata(program, dependencies);
  return true;
}

}  // namespace sinew::ir
