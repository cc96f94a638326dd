#include "answering.hpp"

#include "exit_codes.hpp"

#include <sinew/engine/evaluate.hpp>
#include <sinew/query/answers.hpp>
#include <sinew/query/path_question.hpp>
#include <sinew/semantics/compile.hpp>
#include <sinew/syntax/parser.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sinew::cli {

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::optional<Parameters> parse_parameters(const std::vector<std::string>& pairs) {
  Parameters parameters;
  for (const std::string& pair : pairs) {
    auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      fmt::print(stderr, "error: `{}` is not a parameter: write NAME=VALUE, as in "
                         "`symptom=muscle_spasm`\n", pair);
      return std::nullopt;
    }
    std::string name = pair.substr(0, equals);
    if (name.starts_with('$')) name.erase(0, 1);
    parameters[name] = pair.substr(equals + 1);
  }
  return parameters;
}

std::optional<ir::Query> typed_query(Workspace& workspace, const std::string& text,
                                     const std::string& origin, const Parameters& parameters) {
  DiagnosticSink sink;
  FileId file = workspace.sources().add(origin, text);
  syntax::ParseOptions parse_options;
  parse_options.dialect = workspace.dialect();
  auto parsed = syntax::parse_query(workspace.sources(), file, sink, parse_options);
  std::optional<ir::Query> query;
  if (parsed) {
    query = semantics::lower_query(*parsed, workspace.program(), workspace.dialect(),
                                   workspace.sources(), sink, &parameters);
  }
  workspace.show(sink);
  if (query) query->text = text;
  return query;
}

std::optional<ir::Query> ready_query(Workspace& workspace, const ir::Query& saved,
                                     const Parameters& parameters) {
  if (!saved.awaiting_values) return saved;
  const ir::Program& program = workspace.program();
  Span where = saved.origin == ir::none ? Span{} : program.origins[saved.origin].span;
  for (const ast::Module& module : workspace.modules()) {
    for (const ast::Statement& statement : module.statements) {
      const auto* decl = std::get_if<ast::QueryDecl>(&statement.node);
      if (!decl || statement.span != where) continue;
      DiagnosticSink sink;
      auto query = semantics::lower_query(*decl, workspace.program(), module.dialect,
                                          workspace.sources(), sink, &parameters);
      workspace.show(sink);
      if (!query) return std::nullopt;
      query->name = saved.name;
      query->text = saved.text;
      query->origin = saved.origin;
      return query;
    }
  }
  fmt::print(stderr, "error: the saved query `{}` cannot be run again with values: its text "
                     "is not at hand\n", saved.name);
  return std::nullopt;
}

engine::Database* Answerer::knowledge(int& code) {
  // A query or fact typed since may have added names: a database made before them would
  // give those names other numbers.
  const ir::Program& program = workspace_.program();
  if (knowledge_ && knowledge_symbols_ == program.symbols.size()) return knowledge_.get();
  graph_.reset();
  knowledge_ = std::make_unique<engine::Database>(program);
  knowledge_symbols_ = program.symbols.size();
  knowledge_->enable_provenance();
  code = exit_ok;
  if (!load_fact_files(program, *knowledge_, evaluation_)) {
    code = exit_refused;
  } else {
    code = evaluate_or_explain(program, *knowledge_, evaluation_);
  }
  if (code != exit_ok) {
    knowledge_.reset();
    return nullptr;
  }
  return knowledge_.get();
}

const query::KnowledgeGraph* Answerer::graph(int& code) {
  engine::Database* database = knowledge(code);
  if (!database) return nullptr;
  if (!graph_) graph_ = std::make_unique<query::KnowledgeGraph>(workspace_.program(), *database);
  return graph_.get();
}

void Answerer::print(const AnswerOptions& options, const std::string& text) const {
  std::fwrite(text.data(), 1, text.size(), options.out);
}

int Answerer::answer(std::span<const ir::Query> queries, const AnswerOptions& options) {
  std::vector<const ir::Query*> questions;
  for (const ir::Query& query : queries) {
    if (!query.path) questions.push_back(&query);
  }
  // Every `?-` question is answered by one evaluation of the program they need.
  std::optional<query::Prepared> prepared;
  std::unique_ptr<engine::Database> database;
  if (!questions.empty()) {
    prepared = query::prepare(workspace_.program(), questions);
    database = std::make_unique<engine::Database>(prepared->program);
    if (!load_fact_files(prepared->program, *database, evaluation_)) return exit_refused;
    if (int code = evaluate_or_explain(prepared->program, *database, evaluation_)) return code;
  }
  int result = exit_ok;
  std::size_t question = 0;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const ir::Query& definition = queries[q];
    if (options.headings && options.format == query::Format::table) {
      print(options, fmt::format("{}{}\n", q ? "\n" : "", definition.text));
    }
    int code = definition.path ? answer_path(definition, options)
                               : show_table(query::answers(*prepared, question++, definition,
                                                           *database),
                                            database->symbols(), options);
    if (code == exit_limit) return code;  // the others would stop the same way
    result = std::max(result, code);
  }
  return result;
}

int Answerer::show_table(query::Table table, const SymbolTable& symbols,
                         const AnswerOptions& options) {
  if (!table.error.empty()) {
    fmt::print(stderr, "error[{}]: {}\n", codes::integer_overflow.id, table.error);
    return exit_refused;
  }
  std::size_t total = table.rows.size();
  if (options.display_limit > 0 && total > options.display_limit) {
    table.omitted = total - options.display_limit;
    table.rows.resize(options.display_limit);
  }
  print(options, query::render(table, options.format, symbols));
  if (table.omitted > 0) {
    print(options, fmt::format("showing {} of {} answers; use `limit` or `:limit`\n",
                               with_thousands(table.rows.size()), with_thousands(total)));
  }
  return exit_ok;
}

int Answerer::answer_path(const ir::Query& definition, const AnswerOptions& options) {
  int code = exit_ok;
  const query::KnowledgeGraph* graph = this->graph(code);
  if (!graph) return code;
  DiagnosticSink sink;
  auto paths = query::answer_path(*graph, *definition.path, sink);
  workspace_.show(sink);
  if (!paths) return exit_refused;
  std::size_t total = paths->size();
  if (options.display_limit > 0 && total > options.display_limit) {
    paths->resize(options.display_limit);
  }
  print(options, query::render_paths(workspace_.program(), *knowledge_, *graph,
                                     *definition.path, *paths, options.format));
  if (paths->size() < total) {
    print(options, fmt::format("showing {} of {} paths; use `within` or `:limit`\n",
                               with_thousands(paths->size()), with_thousands(total)));
  }
  return exit_ok;
}

}  // namespace sinew::cli
