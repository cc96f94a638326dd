#include "answering.hpp"

#include "exit_codes.hpp"

#include "engine/evaluate.hpp"
#include "engine/value.hpp"
#include "explain/explain.hpp"
#include "query/answers.hpp"
#include "query/path_question.hpp"
#include "semantics/compile.hpp"
#include "syntax/parser.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

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
      fmt::print(stderr,
                 "error: `{}` is not a parameter: write NAME=VALUE, as in "
                 "`symptom=muscle_spasm`\n",
                 pair);
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

std::optional<ir::Fact> typed_fact(Workspace& workspace, const std::string& text,
                                   const std::string& origin) {
  DiagnosticSink sink;
  FileId file = workspace.sources().add(origin, text);
  syntax::ParseOptions parse_options;
  parse_options.dialect = workspace.dialect();
  auto atom = syntax::parse_atom(workspace.sources(), file, sink, parse_options);
  std::optional<ir::Fact> fact;
  if (atom) {
    fact = semantics::lower_fact(*atom, workspace.program(), workspace.dialect(),
                                 workspace.sources(), sink);
  }
  workspace.show(sink);
  return fact;
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
  fmt::print(stderr,
             "error: the saved query `{}` cannot be run again with values: its text "
             "is not at hand\n",
             saved.name);
  return std::nullopt;
}

std::string one_json_document(std::span<const ir::Query> queries,
                              std::vector<std::string>& answers) {
  std::vector<std::string> keys;
  std::string document = "{";
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const std::string& label = queries[q].name.empty() ? queries[q].text : queries[q].name;
    std::string key = label;
    for (int n = 2; std::find(keys.begin(), keys.end(), key) != keys.end(); ++n) {
      key = fmt::format("{} ({})", label, n);  // two queries of the same text
    }
    keys.push_back(key);
    std::string& text = answers[q];
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (text.empty()) text = "null";
    document += fmt::format("{}\n  {}: {}", q ? "," : "", nlohmann::json(key).dump(), text);
  }
  return document + "\n}\n";
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
  if (options.into) {
    options.into->append(text);
  } else {
    std::fwrite(text.data(), 1, text.size(), options.out);
  }
}

int Answerer::answer(std::span<const ir::Query> queries, const AnswerOptions& options) {
  deadline_ = evaluation_.deadline(std::chrono::steady_clock::now());
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
  // In JSON, several queries make one document, an object from each query's name (or
  // text) to its answers, so that a program reads the output with one parse.
  const bool one_document = options.format == query::Format::json && queries.size() > 1;
  std::vector<std::string> answers(one_document ? queries.size() : 0);
  int result = exit_ok;
  std::size_t question = 0;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const ir::Query& definition = queries[q];
    AnswerOptions here = options;
    if (one_document) here.into = &answers[q];
    // Explanations may stop on `--timeout`: then nothing of this answer is shown.
    std::string explained;
    if (options.explain && !here.into) here.into = &explained;
    if (options.headings && options.format == query::Format::table) {
      print(here, fmt::format("{}{}\n", q ? "\n" : "", definition.text));
    }
    int code = exit_ok;
    if (definition.path) {
      code = answer_path(definition, here);
    } else {
      query::Table table = query::answers(*prepared, question++, definition, *database);
      std::optional<query::Table> shown;
      if (options.explain) shown = table;
      code = show_table(std::move(table), database->symbols(), here);
      if (code == exit_ok && shown) code = explain_answers(definition, *shown, here);
    }
    if (code == exit_limit) return code;  // the others would stop the same way
    if (here.into == &explained) print(options, explained);
    if (code != exit_ok && one_document) answers[q] = "null";  // its error is on stderr
    result = std::max(result, code);
  }
  if (one_document) print(options, one_json_document(queries, answers));
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

// Each answer shown, then a proof of every condition of the question that the answer
// makes a plain fact: `?- escalates(F, muscle_spasm, L).` with F = chest_pain proves
// `escalates(chest_pain, muscle_spasm, seek_treatment_immediately)`.
int Answerer::explain_answers(const ir::Query& definition, const query::Table& table,
                              const AnswerOptions& options) {
  bool aggregated = std::any_of(definition.columns.begin(), definition.columns.end(),
                                [](const ir::QueryColumn& c) {
                                  return c.kind != ir::QueryColumn::Kind::value;
                                });
  if (aggregated) {
    print(options,
          "\n(answers that count or add up other answers are not explained one by "
          "one: ask for the answers themselves to see why each holds)\n");
    return exit_ok;
  }
  int code = exit_ok;
  engine::Database* database = knowledge(code);
  if (!database) return code;
  const ir::Program& program = workspace_.program();
  explain::Explainer explainer(program, *database);
  explainer.set_deadline(deadline_);
  std::size_t limit = options.display_limit > 0 ? options.display_limit : table.rows.size();
  for (std::size_t r = 0; r < table.rows.size() && r < limit; ++r) {
    const std::vector<ir::Value>& row = table.rows[r];
    // The value of each answer variable in this row.
    std::map<ir::VariableId, ir::Value> values;
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::uint32_t source = definition.columns.empty() ? c : definition.columns[c].source;
      if (source < definition.answer_variables.size()) {
        values[definition.answer_variables[source]] = row[c];
      }
    }
    std::string heading;
    for (std::size_t c = 0; c < row.size(); ++c) {
      heading += fmt::format("{}{} = {}", c ? ", " : "", table.columns[c],
                             engine::format_value(database->symbols(), table.types[c], row[c]));
    }
    print(options, fmt::format("\n{}\n", heading.empty() ? "the question holds" : heading));
    std::set<std::string> shown;
    for (const auto& alternative : definition.alternatives) {
      for (const ir::Literal& literal : alternative) {
        if (literal.kind != ir::Literal::Kind::positive) continue;
        std::vector<ir::Value> tuple;
        for (const ir::Argument& arg : literal.atom.args) {
          if (arg.kind == ir::Argument::Kind::constant) {
            tuple.push_back(arg.constant);
          } else if (auto it = values.find(arg.variable);
                     arg.kind == ir::Argument::Kind::variable && it != values.end()) {
            tuple.push_back(it->second);
          } else {
            break;  // a value the answer does not show: no single fact to prove
          }
        }
        if (tuple.size() != literal.atom.args.size()) continue;
        auto proof = explainer.why(literal.atom.relation, tuple);
        if (explainer.out_of_time()) {
          return report_out_of_time(evaluation_, "explaining the answers");
        }
        if (!proof) continue;  // the other alternative holds for this answer
        std::string text = explain::render_text(program, *proof);
        if (shown.insert(text).second) print(options, text);
      }
    }
  }
  return exit_ok;
}

int Answerer::answer_path(const ir::Query& definition, const AnswerOptions& options) {
  int code = exit_ok;
  const query::KnowledgeGraph* graph = this->graph(code);
  if (!graph) return code;
  DiagnosticSink sink;
  auto paths = query::answer_path(*graph, *definition.path, sink, deadline_);
  workspace_.show(sink);
  if (!paths) return exit_refused;
  if (deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
    return report_out_of_time(evaluation_, "searching for paths");
  }
  std::size_t total = paths->size();
  if (options.display_limit > 0 && total > options.display_limit) {
    paths->resize(options.display_limit);
  }
  print(options, query::render_paths(workspace_.program(), *knowledge_, *graph, *definition.path,
                                     *paths, options.format));
  if (paths->size() < total) {
    print(options, fmt::format("showing {} of {} paths; use `within` or `:limit`\n",
                               with_thousands(paths->size()), with_thousands(total)));
  }
  return exit_ok;
}

}  // namespace sinew::cli
