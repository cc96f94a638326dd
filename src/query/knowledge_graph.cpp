#include "query/knowledge_graph.hpp"

#include "engine/value.hpp"
#include "support/quoting.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace sinew::query {

namespace {

// Fixed colours, one per kind in declaration order, so a picture reads the same way
// every time.
constexpr const char* palette[] = {"#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6",
                                   "#ffff99", "#1f78b4", "#33a02c", "#e31a1c", "#ff7f00"};

}  // namespace

KnowledgeGraph::KnowledgeGraph(const ir::Program& program, const engine::Database& database)
    : program_(program), database_(database) {
  node_of_symbol_.assign(database.symbols().size(), ir::none);
  auto node_for = [&](SymbolId symbol) {
    if (node_of_symbol_[symbol] == ir::none) {
      node_of_symbol_[symbol] = static_cast<std::uint32_t>(symbols_.size());
      symbols_.push_back(symbol);
    }
    return node_of_symbol_[symbol];
  };
  // Facts stated in the source carry their own origin; derived ones their rule's.
  std::map<std::pair<ir::RelationId, std::uint32_t>, ir::OriginId> stated;
  for (ir::FactRef fact : program.facts) {
    if (fact.origin == ir::none || fact.relation >= database.relation_count()) continue;
    if (auto row = database.find(fact.relation, fact.values))
      stated[{fact.relation, *row}] = fact.origin;
  }
  // Entities first, in their (sorted) order, so node numbers do not depend on facts.
  for (const ir::Entity& entity : program.entities) node_for(entity.id);
  for (const ir::Scale& scale : program.scales) {
    for (SymbolId level : scale.levels) node_for(level);
  }
  for (ir::RelationId r = 0; r < program.relations.size() && r < database.relation_count(); ++r) {
    const ir::Relation& relation = program.relations[r];
    if (relation.kind_membership) continue;
    std::vector<std::size_t> symbol_columns;
    for (std::size_t c = 0; c < relation.arity(); ++c) {
      if (relation.columns[c].type.base == ir::BaseType::symbol) symbol_columns.push_back(c);
    }
    if (symbol_columns.size() < 2) continue;
    std::size_t object = symbol_columns.back();
    for (std::uint32_t row : database.sorted_rows(r)) {
      auto tuple = database.row(r, row);
      ir::OriginId origin = ir::none;
      if (auto it = stated.find({r, row}); it != stated.end()) {
        origin = it->second;
      } else if (auto derivation = database.derivation(r, row);
                 derivation && derivation->rule != ir::none) {
        origin = program.rules[derivation->rule].origin;
      }
      for (std::size_t c : symbol_columns) {
        if (c == object) continue;
        GraphEdge edge{node_for(static_cast<SymbolId>(tuple[c])),
                       node_for(static_cast<SymbolId>(tuple[object])), r, row, origin};
        edges_.push_back(edge);
      }
    }
  }
  out_.resize(symbols_.size());
  in_.resize(symbols_.size());
  for (std::uint32_t e = 0; e < edges_.size(); ++e) {
    out_[edges_[e].from].push_back(e);
    in_[edges_[e].to].push_back(e);
  }
}

std::optional<std::uint32_t> KnowledgeGraph::node(std::string_view symbol) const {
  auto id = database_.symbols().find(symbol);
  if (!id || *id >= node_of_symbol_.size() || node_of_symbol_[*id] == ir::none) return std::nullopt;
  return node_of_symbol_[*id];
}

std::string_view KnowledgeGraph::name(std::uint32_t node) const {
  return database_.symbols().text(symbols_[node]);
}

bool KnowledgeGraph::allowed(const GraphEdge& edge, const PathOptions& options) const {
  return options.through.empty() || std::find(options.through.begin(), options.through.end(),
                                              edge.relation) != options.through.end();
}

std::optional<Path> KnowledgeGraph::shortest_path(std::uint32_t from, std::uint32_t to,
                                                  const PathOptions& options) const {
  // Breadth-first search with Boost.Graph over the edges the options allow; an
  // undirected question walks every edge both ways.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                      boost::no_property, std::uint32_t>;
  Graph graph(symbols_.size());
  std::vector<bool> backwards;  // by Boost edge, in insertion order
  for (std::uint32_t e = 0; e < edges_.size(); ++e) {
    if (!allowed(edges_[e], options)) continue;
    boost::add_edge(edges_[e].from, edges_[e].to, e, graph);
    backwards.push_back(false);
    if (!options.directed) {
      boost::add_edge(edges_[e].to, edges_[e].from, e, graph);
      backwards.push_back(true);
    }
  }
  std::vector<std::uint32_t> via(symbols_.size(), ir::none);  // the edge that reached a node
  std::vector<bool> via_backwards(symbols_.size(), false);
  std::vector<std::size_t> depth(symbols_.size(), 0);
  struct Recorder : boost::default_bfs_visitor {
    std::function<void(Graph::edge_descriptor, const Graph&)> on_tree_edge;
    void tree_edge(Graph::edge_descriptor e, const Graph& g) const { on_tree_edge(e, g); }
  } recorder;
  recorder.on_tree_edge = [&](Graph::edge_descriptor e, const Graph& g) {
    auto target = boost::target(e, g);
    auto source = boost::source(e, g);
    via[target] = g[e];
    via_backwards[target] = edges_[g[e]].from != source;
    depth[target] = depth[source] + 1;
  };
  boost::breadth_first_search(graph, from, boost::visitor(recorder));
  if (from != to && via[to] == ir::none) return std::nullopt;
  if (depth[to] > options.max_length) return std::nullopt;
  Path path;
  for (std::uint32_t node = to; node != from;) {
    std::uint32_t e = via[node];
    path.edges.push_back(e);
    path.reversed.push_back(via_backwards[node]);
    node = via_backwards[node] ? edges_[e].to : edges_[e].from;
  }
  std::reverse(path.edges.begin(), path.edges.end());
  std::reverse(path.reversed.begin(), path.reversed.end());
  return path;
}

std::vector<Path> KnowledgeGraph::simple_paths(std::uint32_t from, std::uint32_t to,
                                               const PathOptions& options) const {
  std::vector<Path> paths;
  std::vector<bool> on_path(symbols_.size(), false);
  Path current;
  // Depth-first, bounded by the length, with the walk's own stack: a path may be as
  // long as the graph (`within 100000` over a chain), deeper than the call stack goes.
  // Each frame is a node of the current path and the next of its edges to try: its
  // outgoing edges first, then (undirected) its incoming ones.
  struct Frame {
    std::uint32_t node;
    std::size_t next = 0;
  };
  std::vector<Frame> stack;
  auto enter = [&](std::uint32_t node) {
    if (node == to && !current.edges.empty()) {
      paths.push_back(current);
      return false;
    }
    if (current.edges.size() >= options.max_length) return false;
    on_path[node] = true;
    stack.push_back({node});
    return true;
  };
  enter(from);
  std::size_t work = 0;
  while (!stack.empty() && paths.size() < options.max_paths) {
    if (options.deadline && ++work % 1024 == 0 &&
        std::chrono::steady_clock::now() >= *options.deadline) {
      break;
    }
    Frame& frame = stack.back();
    const auto& out = out_[frame.node];
    const auto& in = in_[frame.node];
    std::size_t choices = out.size() + (options.directed ? 0 : in.size());
    if (frame.next == choices) {  // every edge tried: step back
      on_path[frame.node] = false;
      stack.pop_back();
      if (!current.edges.empty()) {
        current.edges.pop_back();
        current.reversed.pop_back();
      }
      continue;
    }
    bool reversed = frame.next >= out.size();
    std::uint32_t e = reversed ? in[frame.next - out.size()] : out[frame.next];
    ++frame.next;
    std::uint32_t next = reversed ? edges_[e].from : edges_[e].to;
    if (on_path[next] || !allowed(edges_[e], options)) continue;
    current.edges.push_back(e);
    current.reversed.push_back(reversed);
    if (!enter(next)) {
      current.edges.pop_back();
      current.reversed.pop_back();
    }
  }
  std::stable_sort(paths.begin(), paths.end(),
                   [](const Path& a, const Path& b) { return a.edges.size() < b.edges.size(); });
  return paths;
}

std::string KnowledgeGraph::describe(const Path& path) const {
  std::string out;
  for (std::size_t i = 0; i < path.edges.size(); ++i) {
    const GraphEdge& edge = edges_[path.edges[i]];
    const ir::Relation& relation = program_.relations[edge.relation];
    std::string fact = relation.name + "(";
    auto tuple = database_.row(edge.relation, edge.row);
    for (std::size_t c = 0; c < tuple.size(); ++c) {
      if (c) fact += ", ";
      fact += engine::format_value(database_.symbols(), relation.columns[c].type, tuple[c]);
    }
    fact += ")";
    std::string_view from = name(path.reversed[i] ? edge.to : edge.from);
    std::string_view to = name(path.reversed[i] ? edge.from : edge.to);
    out += fmt::format("{} {}{}{} {}   [{}]\n", from, path.reversed[i] ? "<-" : "-", relation.name,
                       path.reversed[i] ? "-" : "->", to, fact);
    if (edge.origin == ir::none) continue;
    ir::OriginView origin = program_.origins[edge.origin];
    std::string where = fmt::format("{}:{}", origin.file, origin.line);
    if (!origin.rule_name.empty()) where = fmt::format("rule {}, {}", origin.rule_name, where);
    out += fmt::format("    {}\n", where);
    for (const ir::Citation& citation : origin.citations) {
      out += fmt::format("    cites {}: \"{}\"\n", program_.sources[citation.source].id,
                         citation.quote);
    }
  }
  return out;
}

std::string KnowledgeGraph::to_dot() const {
  std::vector<std::string> kind_of(symbols_.size());
  std::vector<std::string> color_of(symbols_.size(), "#eeeeee");
  for (const ir::Entity& entity : program_.entities) {
    auto n = node(database_.symbols().text(entity.id));
    if (!n || entity.kinds.empty()) continue;
    kind_of[*n] = program_.kinds[entity.kinds.front()].name;
    color_of[*n] = palette[entity.kinds.front() % std::size(palette)];
  }
  for (const ir::Scale& scale : program_.scales) {
    for (SymbolId level : scale.levels) {
      if (auto n = node(database_.symbols().text(level)); n && kind_of[*n].empty()) {
        kind_of[*n] = scale.name;
        color_of[*n] = "#dddddd";
      }
    }
  }
  std::string out =
      "digraph knowledge {\n  rankdir=LR;\n"
      "  node [shape=box, style=filled, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (std::uint32_t n = 0; n < symbols_.size(); ++n) {
    if (out_[n].empty() && in_[n].empty()) continue;  // an entity no fact mentions
    out += fmt::format("  n{} [label=\"{}\", tooltip=\"{}\", fillcolor=\"{}\"];\n", n,
                       dot_escaped(name(n)), dot_escaped(kind_of[n]), color_of[n]);
  }
  for (const GraphEdge& edge : edges_) {
    out += fmt::format("  n{} -> n{} [label=\"{}\"];\n", edge.from, edge.to,
                       dot_escaped(program_.relations[edge.relation].name));
  }
  out += "}\n";
  return out;
}

std::string rule_dependencies_dot(const ir::Program& program) {
  enum class Use { positive, negated, aggregated };
  struct Arrow {
    ir::RelationId from, to;
    Use use;
    std::string label;
    auto operator<=>(const Arrow&) const = default;
  };
  std::set<Arrow> arrows;  // sorted and without repeats: the same picture every time
  std::set<ir::RelationId> nodes;
  std::function<void(const ir::Literal&, ir::RelationId, const std::string&, bool)> add =
      [&](const ir::Literal& literal, ir::RelationId head, const std::string& label,
          bool inside_aggregate) {
        if (literal.kind == ir::Literal::Kind::aggregate) {
          for (const ir::Aggregate& aggregate : literal.aggregate) {
            for (const ir::Literal& inner : aggregate.body) add(inner, head, label, true);
          }
          return;
        }
        bool positive = literal.kind == ir::Literal::Kind::positive;
        if (!positive && literal.kind != ir::Literal::Kind::negative) return;
        Use use = inside_aggregate ? Use::aggregated : positive ? Use::positive : Use::negated;
        arrows.insert(Arrow{literal.atom.relation, head, use, label});
        nodes.insert(literal.atom.relation);
      };
  for (const ir::Rule& rule : program.rules) {
    std::string label;
    if (rule.origin != ir::none) {
      ir::OriginView origin = program.origins[rule.origin];
      label = !origin.rule_name.empty() ? origin.rule_name
                                        : fmt::format("{}:{}", origin.file, origin.line);
    }
    nodes.insert(rule.head);
    for (const ir::Literal& literal : rule.body) add(literal, rule.head, label, false);
  }
  std::string out = "digraph rules {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n";
  for (ir::RelationId r : nodes) {
    const ir::Relation& relation = program.relations[r];
    out += fmt::format("  r{} [label=\"{}\"{}];\n", r, dot_escaped(relation.name),
                       relation.case_input || relation.load_facts ? ", style=\"rounded,bold\""
                                                                  : "");
  }
  for (const Arrow& arrow : arrows) {
    const char* style = arrow.use == Use::negated      ? ", style=dashed"
                        : arrow.use == Use::aggregated ? ", style=dotted"
                                                       : "";
    out += fmt::format("  r{} -> r{} [label=\"{}\"{}];\n", arrow.from, arrow.to,
                       dot_escaped(arrow.label), style);
  }
  out += "}\n";
  return out;
}

}  // namespace sinew::query
