// The stratification pass: the predicate dependency graph, its strongly connected
// components (Boost.Graph, in graph.cpp), and strata in evaluation order.
//
// A relation used under `!` or inside an aggregate must be complete before the rule
// that uses it runs, so such a use may not sit on a cycle.

#include "context.hpp"
#include "graph.hpp"

#include <fmt/format.h>

namespace sinew::semantics {

namespace {

struct Dependency {
  ir::RuleId rule = 0;
  std::uint32_t literal = 0;  // index in the rule's body
  bool needs_complete = false;  // negation or aggregate
};

void add_dependencies(const std::vector<ir::Literal>& body, ir::RuleId rule,
                      std::uint32_t literal_index, bool inside_aggregate, ir::RelationId head,
                      Digraph& graph, std::vector<Dependency>& dependencies) {
  for (std::uint32_t i = 0; i < body.size(); ++i) {
    const ir::Literal& literal = body[i];
    std::uint32_t index = inside_aggregate ? literal_index : i;
    switch (literal.kind) {
      case ir::Literal::Kind::positive:
      case ir::Literal::Kind::negative:
        graph.edges.push_back({literal.atom.relation, head});
        dependencies.push_back(
            {rule, index, inside_aggregate || literal.kind == ir::Literal::Kind::negative});
        break;
      case ir::Literal::Kind::aggregate:
        add_dependencies(literal.aggregate.front().body, rule, index, true, head, graph,
                         dependencies);
        break;
      case ir::Literal::Kind::comparison:
        break;
    }
  }
}

}  // namespace

void stratify(Context& context) {
  ir::Program& program = context.program;
  Digraph graph{program.relations.size(), {}};
  std::vector<Dependency> dependencies;
  for (ir::RuleId r = 0; r < program.rules.size(); ++r) {
    add_dependencies(program.rules[r].body, r, 0, false, program.rules[r].head, graph,
                     dependencies);
  }
  auto components = strongly_connected_components(graph);

  bool refused = false;
  std::vector<bool> reported(graph.node_count, false);
  auto literal_span = [&](const Dependency& d) {
    const auto& spans = context.rule_literal_spans[d.rule];
    return d.literal < spans.size() ? spans[d.literal] : context.rule_spans[d.rule];
  };
  auto name = [&](ir::RelationId id) { return program.relations[id].name; };
  for (std::uint32_t e = 0; e < graph.edges.size(); ++e) {
    const auto& edge = graph.edges[e];
    if (!dependencies[e].needs_complete || components[edge.from] != components[edge.to]) continue;
    refused = true;
    if (reported[components[edge.from]]) continue;
    reported[components[edge.from]] = true;
    auto cycle = cycle_through(graph, components, e);
    const ir::Literal& literal = program.rules[dependencies[e].rule].body[dependencies[e].literal];
    bool negation = literal.kind == ir::Literal::Kind::negative;
    auto& diagnostic = context.sink.report(
        codes::cannot_stratify, literal_span(dependencies[e]),
        edge.from == edge.to
            ? fmt::format("`{}` depends on itself through {}", name(edge.to),
                          negation ? "`!`" : "an aggregate")
            : fmt::format("cannot stratify `{}` and `{}`", name(edge.to), name(edge.from)));
    diagnostic.primary.message = negation ? "negation inside a recursive cycle"
                                          : "aggregate inside a recursive cycle";
    for (std::size_t i = 1; i < cycle.size(); ++i) {
      const auto& link = graph.edges[cycle[i]];
      diagnostic.secondary.push_back({literal_span(dependencies[cycle[i]]),
                                      fmt::format("`{}` depends on `{}` here", name(link.to),
                                                  name(link.from))});
    }
    diagnostic.notes.push_back(fmt::format(
        "`{}` must be complete before `{}` can use it with {}, but `{}` itself depends on `{}`",
        name(edge.from), name(edge.to), negation ? "`!`" : "an aggregate", name(edge.from),
        name(edge.to)));
    diagnostic.hint = "break the cycle: derive the negated or counted relation from facts that "
                      "do not depend on the rule's conclusion";
  }
  if (refused) return;

  std::vector<bool> self_loop(graph.node_count, false);
  for (const auto& edge : graph.edges) {
    if (edge.from == edge.to) self_loop[edge.from] = true;
  }
  std::vector<std::vector<ir::RelationId>> members(graph.node_count);
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) members[components[r]].push_back(r);
  std::vector<std::vector<ir::RuleId>> rules_of(graph.node_count);
  for (ir::RuleId r = 0; r < program.rules.size(); ++r) {
    rules_of[components[program.rules[r].head]].push_back(r);
  }
  for (std::uint32_t component : topological_components(graph, components)) {
    if (rules_of[component].empty()) continue;  // facts only: nothing to evaluate
    ir::Stratum stratum;
    stratum.relations = members[component];
    stratum.rules = rules_of[component];
    stratum.recursive = stratum.relations.size() > 1 || self_loop[stratum.relations.front()];
    program.strata.push_back(std::move(stratum));
  }
}

}  // namespace sinew::semantics
