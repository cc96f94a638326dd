// The stratification pass: a program whose negation or aggregate sits on a recursive
// cycle is refused, with the cycle shown; otherwise strata in evaluation order.

#include "context.hpp"

#include "ir/strata.hpp"

#include <fmt/format.h>

namespace sinew::semantics {

void stratify(Context& context) {
  ir::Program& program = context.program;
  ir::DependencyGraph dependencies = ir::dependency_graph(program);
  const ir::Digraph& graph = dependencies.graph;
  auto literal_span = [&](const ir::Dependency& d) {
    const auto& spans = context.rule_literal_spans[d.rule];
    return d.literal < spans.size() ? spans[d.literal] : context.rule_spans[d.rule];
  };
  auto name = [&](ir::RelationId id) { return program.relations[id].name; };
  std::vector<bool> reported(graph.node_count, false);
  for (std::uint32_t e : dependencies.blocking) {
    const auto& edge = graph.edges[e];
    std::uint32_t component = dependencies.components[edge.from];
    if (reported[component]) continue;  // one error per cycle
    reported[component] = true;
    const ir::Dependency& dependency = dependencies.dependencies[e];
    auto cycle = ir::cycle_through(graph, dependencies.components, e);
    bool negation = program.rules[dependency.rule].body[dependency.literal].kind ==
                    ir::Literal::Kind::negative;
    auto& diagnostic = context.sink.report(
        codes::cannot_stratify, literal_span(dependency),
        edge.from == edge.to
            ? fmt::format("`{}` depends on itself through {}", name(edge.to),
                          negation ? "`!`" : "an aggregate")
            : fmt::format("cannot stratify `{}` and `{}`", name(edge.to), name(edge.from)));
    diagnostic.primary.message = negation ? "negation inside a recursive cycle"
                                          : "aggregate inside a recursive cycle";
    for (std::size_t i = 1; i < cycle.size(); ++i) {
      const auto& link = graph.edges[cycle[i]];
      diagnostic.secondary.push_back(
          {literal_span(dependencies.dependencies[cycle[i]]),
           fmt::format("`{}` depends on `{}` here", name(link.to), name(link.from))});
    }
    diagnostic.notes.push_back(fmt::format(
        "`{}` must be complete before `{}` can use it with {}, but `{}` itself depends on `{}`",
        name(edge.from), name(edge.to), negation ? "`!`" : "an aggregate", name(edge.from),
        name(edge.to)));
    diagnostic.hint =
        "break the cycle: derive the negated or counted relation from facts that "
        "do not depend on the rule's conclusion";
  }
  if (dependencies.blocking.empty()) ir::assign_strata(program, dependencies);
}

}  // namespace sinew::semantics
