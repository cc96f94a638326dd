#include "ir/graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <deque>
#include <queue>
#include <set>

namespace sinew::ir {

namespace {
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
}

std::vector<std::uint32_t> strongly_connected_components(const Digraph& graph) {
  BoostGraph boost_graph(graph.node_count);
  for (const auto& edge : graph.edges) boost::add_edge(edge.from, edge.to, boost_graph);
  std::vector<int> component(graph.node_count);
  boost::strong_components(
      boost_graph, boost::make_iterator_property_map(component.begin(),
                                                     boost::get(boost::vertex_index, boost_graph)));
  return std::vector<std::uint32_t>(component.begin(), component.end());
}

std::vector<std::uint32_t> cycle_through(const Digraph& graph,
                                         const std::vector<std::uint32_t>& components,
                                         std::uint32_t first_edge) {
  const auto& start = graph.edges[first_edge];
  std::uint32_t component = components[start.from];
  if (components[start.to] != component) return {};
  if (start.to == start.from) return {first_edge};
  // Breadth-first from the edge's target back to its source, inside the component.
  std::vector<std::vector<std::uint32_t>> outgoing(graph.node_count);
  for (std::uint32_t e = 0; e < graph.edges.size(); ++e) {
    const auto& edge = graph.edges[e];
    if (components[edge.from] == component && components[edge.to] == component) {
      outgoing[edge.from].push_back(e);
    }
  }
  std::vector<std::uint32_t> reached_by(graph.node_count, UINT32_MAX);
  std::deque<std::uint32_t> queue{start.to};
  reached_by[start.to] = first_edge;
  while (!queue.empty()) {
    std::uint32_t node = queue.front();
    queue.pop_front();
    if (node == start.from) break;
    for (std::uint32_t e : outgoing[node]) {
      std::uint32_t next = graph.edges[e].to;
      if (reached_by[next] != UINT32_MAX) continue;
      reached_by[next] = e;
      queue.push_back(next);
    }
  }
  if (reached_by[start.from] == UINT32_MAX) return {};
  std::vector<std::uint32_t> path;
  for (std::uint32_t node = start.from; node != start.to;) {
    std::uint32_t e = reached_by[node];
    path.push_back(e);
    node = graph.edges[e].from;
  }
  path.push_back(first_edge);
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<std::uint32_t> topological_components(const Digraph& graph,
                                                  const std::vector<std::uint32_t>& components) {
  std::uint32_t count = 0;
  for (std::uint32_t c : components) count = std::max(count, c + 1);
  std::vector<std::uint32_t> smallest(count, UINT32_MAX);
  for (std::uint32_t node = 0; node < components.size(); ++node) {
    smallest[components[node]] = std::min(smallest[components[node]], node);
  }
  std::vector<std::set<std::uint32_t>> successors(count);
  std::vector<std::uint32_t> indegree(count, 0);
  for (const auto& edge : graph.edges) {
    std::uint32_t from = components[edge.from], to = components[edge.to];
    if (from != to && successors[from].insert(to).second) ++indegree[to];
  }
  // Kahn's algorithm, always taking the ready component with the smallest node.
  using Entry = std::pair<std::uint32_t, std::uint32_t>;  // (smallest node, component)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
  for (std::uint32_t c = 0; c < count; ++c) {
    if (indegree[c] == 0) ready.emplace(smallest[c], c);
  }
  std::vector<std::uint32_t> order;
  while (!ready.empty()) {
    std::uint32_t c = ready.top().second;
    ready.pop();
    order.push_back(c);
    for (std::uint32_t next : successors[c]) {
      if (--indegree[next] == 0) ready.emplace(smallest[next], next);
    }
  }
  return order;
}

}  // namespace sinew::ir
