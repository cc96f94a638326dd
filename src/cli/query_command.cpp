// `sinew query FILES... [-F FACTDIR] [-e '?- goal.'] [--name NAME] [--param k=v]
// [--format table|json|csv|tsv]`: answer the `-e` query, a named query, or else
// every `?-` line of the files.

#include "command.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include <sinew/query/answers.hpp>
#include <sinew/query/render.hpp>
#include <sinew/semantics/compile.hpp>
#include <sinew/support/similar.hpp>
#include <sinew/syntax/parser.hpp>

#include <fmt/format.h>

#include <map>
#include <memory>

namespace sinew::cli {

namespace {

struct QueryOptions {
  std::vector<std::string> files;
  std::string expression;
  std::string name;
  std::vector<std::string> parameters;
  std::string format = "table";
  EvaluationOptions evaluation;
};

// The queries to answer, lowered against the program; nullopt after printing why not.
std::optional<std::vector<ir::Query>> select_queries(Workspace& workspace,
                                                     const QueryOptions& options) {
  ir::Program& program = workspace.program();
  std::map<std::string, std::string> parameters;
  for (const std::string& parameter : options.parameters) {
    auto equals = parameter.find('=');
    if (equals == std::string::npos || equals == 0) {
      fmt::print(stderr, "error: `--param {}` needs the form NAME=VALUE\n", parameter);
      return std::nullopt;
    }
    parameters[parameter.substr(0, equals)] = parameter.substr(equals + 1);
  }
  if (!options.expression.empty()) {
    DiagnosticSink sink;
    FileId file = workspace.sources().add("<query>", options.expression);
    syntax::ParseOptions parse_options;
    parse_options.dialect = workspace.dialect();
    auto parsed = syntax::parse_query(workspace.sources(), file, sink, parse_options);
    std::optional<ir::Query> query;
    if (parsed) {
      query = semantics::lower_query(*parsed, program, workspace.dialect(), workspace.sources(),
                                     sink, parameters.empty() ? nullptr : &parameters);
    }
    workspace.show(sink);
    if (!query) return std::nullopt;
    query->text = options.expression;
    return std::vector<ir::Query>{std::move(*query)};
  }
  if (!options.name.empty()) {
    std::vector<std::string> names;
    for (const ir::Query& query : program.queries) {
      if (query.name == options.name) {
        if (parameters.empty()) return std::vector<ir::Query>{query};
        fmt::print(stderr, "error: `--param` works with `-e`; the saved query `{}` is already "
                           "lowered\n", options.name);
        return std::nullopt;
      }
      if (!query.name.empty()) names.push_back(query.name);
    }
    fmt::print(stderr, "error[{}]: no query is named `{}`\n", codes::query_not_found.id,
               options.name);
    std::string hint = did_you_mean(options.name, names);
    if (!hint.empty()) fmt::print(stderr, "  = hint: {}\n", hint);
    return std::nullopt;
  }
  return program.queries;
}

}  // namespace

Runner add_query_command(CLI::App& app) {
  auto options = std::make_shared<QueryOptions>();
  auto* command = app.add_subcommand("query", "Answer queries over rule files and facts");
  command->add_option("files", options->files, "Rule files or folders")->required();
  command->add_option("-e,--expression", options->expression, "The query, e.g. '?- p(X).'");
  command->add_option("--name", options->name, "Run the saved query of that name");
  command->add_option("--param", options->parameters, "A value for a `$name` in the query: NAME=VALUE");
  command->add_option("--format", options->format, "table, json, csv or tsv")
      ->check(CLI::IsMember({"table", "json", "csv", "tsv"}));
  options->evaluation.add_to(*command);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    auto queries = select_queries(workspace, *options);
    if (!queries) return exit_refused;
    if (queries->empty()) {
      fmt::print(stderr, "error: there is no query to answer: give one with `-e '?- ...'`, or "
                         "write `?-` lines in the files\n");
      return exit_usage;
    }
    std::vector<const ir::Query*> pointers;
    for (const ir::Query& query : *queries) pointers.push_back(&query);
    query::Prepared prepared = query::prepare(workspace.program(), pointers);
    engine::Database database(prepared.program);
    if (!load_fact_files(prepared.program, database, options->evaluation)) return exit_refused;
    if (int code = evaluate_or_explain(prepared.program, database, options->evaluation)) {
      return code;
    }
    auto format = *query::parse_format(options->format);
    for (std::size_t q = 0; q < queries->size(); ++q) {
      const ir::Query& definition = (*queries)[q];
      if (queries->size() > 1 && (format == query::Format::table)) {
        fmt::print("{}{}\n", q ? "\n" : "", definition.text);
      }
      query::Table table = query::answers(prepared, q, definition, database);
      fmt::print("{}", query::render(table, format, database.symbols()));
    }
    return exit_ok;
  };
}

}  // namespace sinew::cli
