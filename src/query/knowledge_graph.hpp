#pragma once
// The knowledge graph: entities as nodes, facts as edges, and the path questions an
// analyst asks of it ("how is lupus connected to seek_treatment_immediately?").
//
// Every fact whose values include two or more symbols is an edge from each of its
// symbols to its last one (`may_cause(lupus, muscle_soreness)`: lupus -> muscle_soreness;
// `escalates(worsening, muscle_spasm, seek_treatment_immediately)`: worsening and
// muscle_spasm -> seek_treatment_immediately). The relations of kinds and scales are
// left out: every entity shares them.

#include "engine/database.hpp"
#include "ir/program.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sinew::query {

struct GraphEdge {
  std::uint32_t from = 0, to = 0;  // node numbers
  ir::RelationId relation = ir::none;
  std::uint32_t row = 0;           // the fact: a row of `relation`
  ir::OriginId origin = ir::none;  // where it is stated (or the rule that derives it)
};

struct PathOptions {
  std::vector<ir::RelationId> through;  // only these relations; empty: all
  bool directed = false;                // follow edges only from subject to object
  std::size_t max_length = 6;           // edges
  std::size_t max_paths = 1000;         // for all simple paths
  // All simple paths: stop searching then (`--timeout`), with the paths found so far.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// A path: its edges in order, and for each whether it is walked backwards.
struct Path {
  std::vector<std::uint32_t> edges;
  std::vector<bool> reversed;
};

class KnowledgeGraph {
 public:
  // `database` holds the evaluated program (with provenance on, derived facts point
  // at the rule that derived them).
  KnowledgeGraph(const ir::Program& program, const engine::Database& database);

  std::optional<std::uint32_t> node(std::string_view symbol) const;
  std::string_view name(std::uint32_t node) const;
  std::size_t node_count() const { return symbols_.size(); }
  const std::vector<GraphEdge>& edges() const { return edges_; }

  // A shortest path (fewest edges), if the two are connected within the options.
  std::optional<Path> shortest_path(std::uint32_t from, std::uint32_t to,
                                    const PathOptions& options) const;
  // Every simple path (no node twice) of at most `max_length` edges, shortest first.
  std::vector<Path> simple_paths(std::uint32_t from, std::uint32_t to,
                                 const PathOptions& options) const;

  // `lupus -may_cause-> muscle_soreness`, one edge per line, with each edge's
  // citation when it has one.
  std::string describe(const Path& path) const;
  // The whole graph in Graphviz's language: nodes coloured by kind, edges labelled by
  // relation.
  std::string to_dot() const;

 private:
  bool allowed(const GraphEdge& edge, const PathOptions& options) const;

  const ir::Program& program_;
  const engine::Database& database_;
  std::vector<SymbolId> symbols_;              // by node
  std::vector<std::uint32_t> node_of_symbol_;  // by SymbolId, or ir::none
  std::vector<GraphEdge> edges_;
  std::vector<std::vector<std::uint32_t>> out_, in_;  // edge numbers by node
};

// How the rules connect the relations, as Graphviz text: one node per relation that a
// rule reads or concludes, one arrow per rule from each relation its body reads to the
// relation it concludes, labelled with the rule's name (or its line). A `!` condition
// is a dashed arrow, a condition inside an aggregate a dotted one.
std::string rule_dependencies_dot(const ir::Program& program);

}  // namespace sinew::query
