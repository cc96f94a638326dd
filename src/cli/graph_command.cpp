// `sinew graph FILES... [--format dot|svg]`: the knowledge graph as a picture, and
// `sinew path FILES... --from A --to B`: how two entities are connected.

#include "command.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "graphviz.hpp"
#include "workspace.hpp"

#include <sinew/query/knowledge_graph.hpp>
#include <sinew/support/similar.hpp>

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

namespace {

// The program evaluated without a case (facts and what the rules derive from them),
// with provenance, so that derived edges point at their rules.
std::optional<int> evaluate_knowledge(Workspace& workspace, engine::Database& database,
                                      const EvaluationOptions& options) {
  database.enable_provenance();
  if (!load_fact_files(workspace.program(), database, options)) return exit_refused;
  if (int code = evaluate_or_explain(workspace.program(), database, options)) return code;
  return std::nullopt;
}

std::optional<std::uint32_t> find_node(const query::KnowledgeGraph& graph, const std::string& name) {
  if (auto node = graph.node(name)) return node;
  std::vector<std::string> names;
  for (std::uint32_t n = 0; n < graph.node_count(); ++n) names.emplace_back(graph.name(n));
  fmt::print(stderr, "error: `{}` is not an entity of the knowledge graph\n", name);
  std::string hint = did_you_mean(name, names);
  if (!hint.empty()) fmt::print(stderr, "  = hint: {}\n", hint);
  return std::nullopt;
}

}  // namespace

Runner add_graph_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string format = "dot";
    bool rules = false;
    EvaluationOptions evaluation;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("graph", "Draw the knowledge graph: entities coloured by "
                                              "kind, edges labelled by relation");
  command->add_option("files", options->files, "Rule files or folders")->required();
  command->add_option("--format", options->format, "dot or svg (svg needs Graphviz)")
      ->check(CLI::IsMember({"dot", "svg"}));
  command->add_flag("--rules", options->rules,
                    "Draw how the rules connect the relations instead (dashed: `!`, dotted: "
                    "inside an aggregate)");
  options->evaluation.add_to(*command);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    if (options->rules) {
      std::string dot = query::rule_dependencies_dot(workspace.program());
      if (options->format == "svg") return print_svg(dot) ? exit_ok : exit_refused;
      fmt::print("{}", dot);
      return exit_ok;
    }
    engine::Database database(workspace.program());
    if (auto code = evaluate_knowledge(workspace, database, options->evaluation)) return *code;
    query::KnowledgeGraph graph(workspace.program(), database);
    std::string dot = graph.to_dot();
    if (options->format == "svg") return print_svg(dot) ? exit_ok : exit_refused;
    fmt::print("{}", dot);
    return exit_ok;
  };
}

Runner add_path_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string from, to;
    std::vector<std::string> through;
    bool directed = false;
    bool all = false;
    std::size_t max_length = 6;
    EvaluationOptions evaluation;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "path", "How two entities are connected in the knowledge graph, with each edge's citation");
  command->add_option("files", options->files, "Rule files or folders")->required();
  command->add_option("--from", options->from, "The entity to start from")->required();
  command->add_option("--to", options->to, "The entity to reach")->required();
  command->add_option("--through", options->through, "Only edges of these relations")
      ->delimiter(',');
  command->add_flag("--directed", options->directed, "Follow edges only from subject to object");
  command->add_flag("--all", options->all, "Every simple path, shortest first, not only one");
  command->add_option("--max-length", options->max_length, "The longest path, in edges (default 6)");
  options->evaluation.add_to(*command);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    const ir::Program& program = workspace.program();
    query::PathOptions path_options;
    path_options.directed = options->directed;
    path_options.max_length = options->max_length;
    for (const std::string& name : options->through) {
      auto relation = program.find_relation(name);
      if (!relation) {
        std::vector<std::string> names;
        for (const auto& r : program.relations) names.push_back(r.name);
        fmt::print(stderr, "error: no relation is named `{}`\n", name);
        std::string hint = did_you_mean(name, names);
        if (!hint.empty()) fmt::print(stderr, "  = hint: {}\n", hint);
        return exit_refused;
      }
      path_options.through.push_back(*relation);
    }
    engine::Database database(program);
    if (auto code = evaluate_knowledge(workspace, database, options->evaluation)) return *code;
    query::KnowledgeGraph graph(program, database);
    auto from = find_node(graph, options->from);
    auto to = find_node(graph, options->to);
    if (!from || !to) return exit_refused;
    std::vector<query::Path> paths;
    if (options->all) {
      paths = graph.simple_paths(*from, *to, path_options);
    } else if (auto path = graph.shortest_path(*from, *to, path_options)) {
      paths.push_back(std::move(*path));
    }
    if (paths.empty()) {
      fmt::print("`{}` and `{}` are not connected within {} edge{}\n", options->from, options->to,
                 options->max_length, options->max_length == 1 ? "" : "s");
      return exit_ok;
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (paths.size() > 1) fmt::print("{}path {} ({} edges)\n", i ? "\n" : "", i + 1, paths[i].edges.size());
      fmt::print("{}", graph.describe(paths[i]));
    }
    return exit_ok;
  };
}

}  // namespace sinew::cli
