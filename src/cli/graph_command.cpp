// `sinew graph FILES... [--format dot|svg]`: the knowledge graph as a picture, and
// `sinew path FILES... --from A --to B`: how two entities are connected.

#include "answering.hpp"
#include "command.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "graphviz.hpp"
#include "workspace.hpp"

#include "query/knowledge_graph.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
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

}  // namespace

Runner add_graph_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string format = "dot";
    bool rules = false;
    EvaluationOptions evaluation;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("graph",
                                     "Draw the knowledge graph: entities coloured by "
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

// `sinew path` asks the `?~` question its options spell, and answers it as `sinew query`
// does: one implementation, one wording, the same checks (E0904 for a path whose ends
// are the same entity or that may have no edge).
std::string path_question_text(const std::string& from, const std::string& to,
                               const std::vector<std::string>& through, bool directed, bool all,
                               std::optional<std::int64_t> max_length) {
  auto quoted = [](const std::string& name) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                 std::all_of(name.begin(), name.end(), word);
    if (plain) return name;
    std::string out = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  };
  std::string text = fmt::format("?~ {} {} {}", quoted(from), directed ? "->" : "~", quoted(to));
  if (!through.empty()) text += fmt::format(" through {}", fmt::join(through, ", "));
  if (all) text += " all";
  if (max_length) text += fmt::format(" within {}", *max_length);
  return text + ".";
}

Runner add_path_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string from, to;
    std::vector<std::string> through;
    bool directed = false;
    bool all = false;
    std::optional<std::int64_t> max_length;
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
  command->add_option("--max-length", options->max_length,
                      "The longest path, in edges (default 6)");
  options->evaluation.add_to(*command);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    std::string text = path_question_text(options->from, options->to, options->through,
                                          options->directed, options->all, options->max_length);
    auto question = typed_query(workspace, text, "<path>", {});
    if (!question) return exit_refused;
    Answerer answerer(workspace, options->evaluation);
    return answerer.answer(std::span(&*question, 1), AnswerOptions{});
  };
}

}  // namespace sinew::cli
