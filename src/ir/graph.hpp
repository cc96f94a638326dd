#pragma once
// Directed graphs over dense node numbers, and their cycles (Boost.Graph stays in src/ir/graph.cpp).

#include <cstdint>
#include <vector>

namespace sinew::ir {

struct Digraph {
  struct Edge {
    std::uint32_t from = 0, to = 0;
  };
  std::size_t node_count = 0;
  std::vector<Edge> edges;
};

// Component number of every node; nodes on a common cycle share a number.
std::vector<std::uint32_t> strongly_connected_components(const Digraph& graph);

// The edges of a shortest cycle that starts with `first_edge` and comes back to its
// source through nodes of one component. Empty when there is none.
std::vector<std::uint32_t> cycle_through(const Digraph& graph,
                                         const std::vector<std::uint32_t>& components,
                                         std::uint32_t first_edge);

// The components in an order where every edge goes from an earlier component to a
// later one (or within one); ties go to the component holding the smallest node.
std::vector<std::uint32_t> topological_components(const Digraph& graph,
                                                  const std::vector<std::uint32_t>& components);

}  // namespace sinew::ir
