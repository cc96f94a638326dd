// `sinew query FILES... [-F FACTDIR] [-e '?- goal.'] [--name NAME] [--param k=v]
// [--format table|json|csv|tsv]`: answer the `-e` query, a named query, or else
// every query of the files (`?-` questions and `?~` path questions).

#include "answering.hpp"
#include "command.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include "query/render.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

namespace {

struct QueryOptions {
  std::vector<std::string> files;
  std::string expression;
  std::string name;
  std::vector<std::string> parameters;
  std::string format = "table";
  bool explain = false;
  EvaluationOptions evaluation;
};

// Whether every `$parameter` of a saved query has a value. When all the queries of the
// files are answered, one that waits for values it was not given is left out, and a
// note says so; asked for by name, it is an error that names what is missing.
bool has_values(const ir::Query& saved, const Parameters& parameters) {
  std::vector<std::string> missing;
  for (const ir::QueryParameter& parameter : saved.parameters) {
    if (!parameters.contains(parameter.name))
      missing.push_back("--param " + parameter.name + "=...");
  }
  if (missing.empty()) return true;
  fmt::print(stderr, "note: the query `{}` is left out: it needs `{}`\n", saved.name,
             fmt::join(missing, "` `"));
  return false;
}

// The queries to answer, lowered against the program with the parameters' values;
// nullopt after printing why not.
std::optional<std::vector<ir::Query>> select_queries(Workspace& workspace,
                                                     const QueryOptions& options) {
  auto parameters = parse_parameters(options.parameters);
  if (!parameters) return std::nullopt;
  if (!options.expression.empty()) {
    auto query = typed_query(workspace, options.expression, "<query>", *parameters);
    if (!query) return std::nullopt;
    return std::vector<ir::Query>{std::move(*query)};
  }
  const ir::Program& program = workspace.program();
  std::vector<ir::Query> chosen;
  std::vector<std::string> names;
  for (const ir::Query& saved : program.queries) {
    if (!saved.name.empty()) names.push_back(saved.name);
    if (!options.name.empty() && saved.name != options.name) continue;
    if (options.name.empty() && !has_values(saved, *parameters)) continue;
    auto query = ready_query(workspace, saved, *parameters);
    if (!query) return std::nullopt;
    chosen.push_back(std::move(*query));
  }
  if (!options.name.empty() && chosen.empty()) {
    fmt::print(stderr, "error[{}]: no query is named `{}`\n", codes::query_not_found.id,
               options.name);
    std::string hint = did_you_mean(options.name, names);
    if (!hint.empty()) fmt::print(stderr, "  = hint: {}\n", hint);
    return std::nullopt;
  }
  return chosen;
}

}  // namespace

Runner add_query_command(CLI::App& app) {
  auto options = std::make_shared<QueryOptions>();
  auto* command = app.add_subcommand("query", "Answer queries over rule files and facts");
  command->add_option("files", options->files, "Rule files or folders")->required();
  CLI::Option* expression = command->add_option("-e,--expression", options->expression,
                                                "The query, e.g. '?- p(X).'");
  command->add_option("--name", options->name, "Run the saved query of that name");
  command->add_option("--param", options->parameters,
                      "A value for a `$name` in the query, typed or saved: NAME=VALUE");
  command->add_option("--format", options->format, "table, json, csv or tsv")
      ->check(CLI::IsMember({"table", "json", "csv", "tsv"}));
  command->add_flag("--explain", options->explain,
                    "After each answer, why it holds: the rules and citations behind its facts");
  options->evaluation.add_to(*command);
  return [options, expression]() -> int {
    // `-e ''` (an empty variable in a script, say) asks nothing: it must not fall back
    // to every saved query.
    if (expression->count() > 0 &&
        options->expression.find_first_not_of(" \t\r\n") == std::string::npos) {
      fmt::print(stderr,
                 "error: the query after `-e` is empty: write a question, such as "
                 "`-e '?- red_flag(muscle_spasm, F).'`\n"
                 "run `sinew query --help` to see its options\n");
      return exit_usage;
    }
    if (options->explain && options->format != "table") {
      fmt::print(stderr,
                 "error: `--explain` prints explanations as text: use it with "
                 "`--format table` (or `sinew explain --format json` for one fact)\n");
      return exit_usage;
    }
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    auto queries = select_queries(workspace, *options);
    if (!queries) return exit_refused;
    if (queries->empty()) {
      fmt::print(stderr,
                 "error: there is no query to answer: give one with `-e '?- ...'`, or "
                 "write `?-` lines in the files\n");
      return exit_usage;
    }
    AnswerOptions answer_options;
    answer_options.format = *query::parse_format(options->format);
    answer_options.headings = queries->size() > 1;
    answer_options.explain = options->explain;
    Answerer answerer(workspace, options->evaluation);
    return answerer.answer(*queries, answer_options);
  };
}

}  // namespace sinew::cli
