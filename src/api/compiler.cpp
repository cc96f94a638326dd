// The compiler part of the API: knowledge bases from rule files, queries and facts
// from text. Everything the parser reports comes back as the error's message.

#include "knowledge_base_impl.hpp"
#include "values.hpp"

#include "engine/evaluate.hpp"
#include "query/answers.hpp"
#include "semantics/compile.hpp"
#include "syntax/parser.hpp"
#include <sinew/compiler.hpp>

namespace sinew {

namespace {

// Diagnostics as `sinew check` prints them, without colour.
std::string rendered(const SourceMap& sources, const DiagnosticSink& sink, const char* fallback) {
  std::string text = render_all(sources, sink);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.empty() ? fallback : text;
}

// What a text typed against a knowledge base needs: a copy of its program (lowering
// adds the text's names to it; the knowledge base itself never changes) and of its
// sources, with the text added.
struct TypedText {
  TypedText(const KnowledgeBase::Impl& kb, std::string_view text)
      : program(kb.program),
        sources(kb.sources ? *kb.sources : SourceMap{}),
        file(sources.add("<text>", std::string(text))),
        dialect(kb.souffle_names ? ast::Dialect::souffle : ast::Dialect::sinew) {
    options.dialect = dialect;
  }
  ir::Program program;
  SourceMap sources;
  FileId file;
  ast::Dialect dialect;
  syntax::ParseOptions options;
  DiagnosticSink sink;
};

}  // namespace

Result<KnowledgeBase> load_sources(const std::vector<std::string>& paths,
                                   const LoadOptions& options) {
  return guarded([&]() -> Result<KnowledgeBase> {
    auto sources = std::make_shared<SourceMap>();
    DiagnosticSink sink;
    std::vector<ast::Module> modules = semantics::load_modules(paths, *sources, sink);
    std::optional<ir::Program> program;
    if (!sink.has_errors() || !modules.empty())
      program = semantics::compile(modules, *sources, sink);
    if (sink.has_errors() || !program) {
      return Error{rendered(*sources, sink, "the knowledge base could not be compiled")};
    }
    bool souffle = !modules.empty() && modules.front().dialect == ast::Dialect::souffle;
    return make_knowledge_base(std::move(*program), options, souffle, std::move(sources));
  });
}

Result<Answers> query_text(const KnowledgeBase& knowledge_base, std::string_view text) {
  return guarded([&]() -> Result<Answers> {
    const KnowledgeBase::Impl& kb = knowledge_base.impl();
    TypedText typed(kb, text);
    auto parsed = syntax::parse_query(typed.sources, typed.file, typed.sink, typed.options);
    std::optional<ir::Query> query;
    if (parsed) {
      query = semantics::lower_query(*parsed, typed.program, typed.dialect, typed.sources,
                                     typed.sink);
    }
    if (!query || typed.sink.has_errors()) {
      return Error{rendered(typed.sources, typed.sink, "the query was refused")};
    }
    if (query->path) {
      return Error{"path questions (`?~`) are answered by `sinew query`, not by this library"};
    }
    query->text = std::string(text);
    const ir::Query* queries[] = {&*query};
    query::Prepared prepared = query::prepare(typed.program, queries);
    engine::Database database(prepared.program);
    if (auto stop = engine::evaluate(prepared.program, database,
                                     {kb.options.timeout_seconds, kb.options.max_facts})) {
      return Error{stop->message};
    }
    query::Table table = query::answers(prepared, 0, *query, database);
    if (!table.error.empty()) return Error{table.error};
    Answers answers;
    answers.columns = table.columns;
    for (const std::vector<ir::Value>& row : table.rows) {
      std::vector<Value>& out = answers.rows.emplace_back();
      for (std::size_t c = 0; c < row.size(); ++c) {
        out.push_back(api::to_value(table.types[c], row[c], database.symbols()));
      }
    }
    return answers;
  });
}

Result<Fact> parse_fact(const KnowledgeBase& knowledge_base, std::string_view text) {
  return guarded([&]() -> Result<Fact> {
    TypedText typed(knowledge_base.impl(), text);
    auto atom = syntax::parse_atom(typed.sources, typed.file, typed.sink, typed.options);
    std::optional<ir::Fact> fact;
    if (atom) {
      fact = semantics::lower_fact(*atom, typed.program, typed.dialect, typed.sources, typed.sink);
    }
    if (!fact || typed.sink.has_errors()) {
      return Error{rendered(typed.sources, typed.sink, "the fact was refused")};
    }
    const ir::Relation& relation = typed.program.relations[fact->relation];
    Fact out{relation.name, {}};
    for (std::size_t c = 0; c < fact->values.size(); ++c) {
      out.values.push_back(
          api::to_value(relation.columns[c].type, fact->values[c], typed.program.symbols));
    }
    return out;
  });
}

}  // namespace sinew
