// The query language end to end: chosen columns, aggregates over the answers, order,
// limit, alternatives and negation, parameters of saved queries, and path questions,
// on the bundled knowledge base and on small programs.
#include "engine/evaluate.hpp"
#include "engine/facts_io.hpp"
#include "engine/value.hpp"
#include "query/answers.hpp"
#include "query/knowledge_graph.hpp"
#include "query/path_question.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "syntax/parser.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <skip.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace sinew;

namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parameters = std::map<std::string, std::string>;

// A checked program with its sources and syntax trees kept, as the CLI keeps them: queries
// are typed against it, and saved queries lowered again with their parameters.
struct Session {
  SourceMap sources;
  DiagnosticSink sink;
  std::vector<ast::Module> modules;
  std::optional<ir::Program> program;
  std::string fact_dir;

  static std::unique_ptr<Session> of_text(const std::string& text,
                                          const std::string& name = "test.sinew") {
    auto session = std::make_unique<Session>();
    FileId file = session->sources.add(name, text);
    syntax::ParseOptions options;
    options.dialect = syntax::dialect_for_path(name);
    session->modules.push_back(
        syntax::parse_module(session->sources, file, session->sink, options));
    session->compile();
    return session;
  }

  static std::unique_ptr<Session> of_kb() {
    auto session = std::make_unique<Session>();
    session->modules = semantics::load_modules({SINEW_SOURCE_DIR "/kb"}, session->sources,
                                               session->sink);
    session->compile();
    return session;
  }

  void compile() {
    program = semantics::compile(modules, sources, sink);
    INFO(render_all(sources, sink));
    REQUIRE(program.has_value());
    REQUIRE_FALSE(sink.has_errors());
  }

  // Every diagnostic so far as `E0903@1:4`, then forgets them.
  std::vector<std::string> codes() {
    std::vector<std::string> list;
    for (const Diagnostic& d : sink.sorted()) {
      LineCol at = sources.line_col(d.primary.span);
      list.push_back(fmt::format("{}@{}:{}", d.code->id, at.line, at.column));
    }
    sink.clear();
    return list;
  }

  std::optional<ir::Query> lower(const std::string& text, const Parameters& parameters = {}) {
    FileId file = sources.add("-e", text);
    auto parsed = syntax::parse_query(sources, file, sink);
    if (!parsed) return std::nullopt;
    return semantics::lower_query(*parsed, *program, ast::Dialect::sinew, sources, sink,
                                  &parameters);
  }

  // The saved query `name`, lowered again from its syntax tree with `parameters`.
  std::optional<ir::Query> saved(const std::string& name, const Parameters& parameters) {
    for (const ast::Module& module : modules) {
      for (const ast::Statement& statement : module.statements) {
        const auto* query = std::get_if<ast::QueryDecl>(&statement.node);
        if (query && query->name && query->name->text == name) {
          return semantics::lower_query(*query, *program, module.dialect, sources, sink,
                                        &parameters);
        }
      }
    }
    FAIL("no saved query " << name);
    return std::nullopt;
  }

  const ir::Query& compiled(const std::string& name) const {
    for (const ir::Query& query : program->queries) {
      if (query.name == name) return query;
    }
    FAIL("no compiled query " << name);
    return program->queries.front();
  }

  query::Table table(const ir::Query& query) {
    const ir::Query* queries[] = {&query};
    query::Prepared prepared = query::prepare(*program, queries);
    engine::Database database(prepared.program);
    if (!fact_dir.empty()) REQUIRE(engine::load_facts(prepared.program, database, fact_dir));
    REQUIRE_FALSE(engine::evaluate(prepared.program, database).has_value());
    query::Table table = query::answers(prepared, 0, query, database);
    symbols = database.symbols();
    return table;
  }

  Rows rows(const query::Table& table) const {
    Rows out;
    for (const auto& row : table.rows) {
      auto& line = out.emplace_back();
      for (std::size_t i = 0; i < row.size(); ++i) {
        line.push_back(engine::format_value(symbols, table.types[i], row[i]));
      }
    }
    return out;
  }

  // The answers of a typed query, each value as text.
  Rows ask(const std::string& text, const Parameters& parameters = {}) {
    auto query = lower(text, parameters);
    INFO(text);
    INFO(render_all(sources, sink));
    REQUIRE(query.has_value());
    return rows(table(*query));
  }

  std::vector<std::string> headers(const std::string& text) {
    auto query = lower(text);
    REQUIRE(query.has_value());
    return table(*query).columns;
  }

  SymbolTable symbols;
};

Rows column(std::initializer_list<const char*> values) {
  Rows rows;
  for (const char* value : values) rows.push_back({value});
  return rows;
}

const Rows flagship = column(
    {"chest_pain", "chronic_pain", "not_easing", "numbness", "tingling", "worsening"});

const char* small_program = R"(
scale level : low < medium < high
relation r(l: level)
relation cost(item: symbol, n: number)
relation tag(item: symbol, t: symbol)
relation p(x: symbol, n: number)
relation q(x: symbol)
relation n(x: number)
r(high). r(low). r(medium).
cost(a, 3). cost(b, 3). cost(c, 4). cost(d, 10).
tag(a, red). tag(b, red). tag(c, blue). tag(d, blue).
p(a, 1). p(a, 2). p(b, 1).
q(b). q(c).
n(10). n(9). n(100).
)";

}  // namespace

TEST_CASE("projection: the distinct values of the chosen variables") {
  auto kb = Session::of_kb();
  CHECK(kb->ask("?- F : escalates(F, muscle_spasm, _).") == flagship);
  // The same findings escalate at one level only: projection removes the repeats.
  CHECK(kb->ask("?- F : escalates(F, S, L).").size() == 10);
  CHECK(kb->ask("?- S : escalates(F, S, L).") == column({"muscle_soreness", "muscle_spasm"}));
  // Columns in the order chosen, not in the order of the body.
  CHECK(kb->headers("?- L, F : escalates(F, S, L).") == std::vector<std::string>{"L", "F"});
  // Without a selection: every named variable, as before.
  CHECK(kb->headers("?- escalates(F, S, L).") == std::vector<std::string>{"F", "S", "L"});
}

TEST_CASE("count: the ways the conditions hold, over all answers or by group") {
  auto kb = Session::of_kb();
  CHECK(kb->ask("?- count : escalates(F, muscle_spasm, _).") == column({"6"}));
  CHECK(kb->ask("?- S, count : escalates(_, S, _).") ==
        Rows{{"muscle_soreness", "5"}, {"muscle_spasm", "6"}});
  CHECK(kb->headers("?- S, count : escalates(_, S, _).") == std::vector<std::string>{"S", "count"});

  auto small = Session::of_text(small_program);
  // Each fact matched counts, even when `_` hides what tells them apart.
  CHECK(small->ask("?- count : p(X, _).") == column({"3"}));
  CHECK(small->ask("?- X, count : p(X, _).") == Rows{{"a", "2"}, {"b", "1"}});
  // Nothing matched: one answer, 0.
  CHECK(small->ask("?- count : p(X, 7).") == column({"0"}));
  // With alternatives, each alternative's ways.
  CHECK(small->ask("?- count : (p(X, _) ; q(X)).") == column({"5"}));
  CHECK(small->ask("?- X, count : (p(X, _) ; q(X)).") == Rows{{"a", "2"}, {"b", "2"}, {"c", "1"}});
}

TEST_CASE("min and max: levels of a scale by rank, numbers numerically") {
  auto small = Session::of_text(small_program);
  // By text, `medium` would be the largest and `high` the smallest.
  CHECK(small->ask("?- max L : r(L).") == column({"high"}));
  CHECK(small->ask("?- min L : r(L).") == column({"low"}));
  CHECK(small->ask("?- min X, max X : n(X).") == Rows{{"9", "100"}});
  CHECK(small->headers("?- min X, max X : n(X).") == std::vector<std::string>{"min(X)", "max(X)"});
  // Of nothing there is no least or greatest: no answer.
  CHECK(small->ask("?- max X : n(X), X > 1000.").empty());

  auto kb = Session::of_kb();
  // By text, `see_physician` would come after `appointment_right_away`.
  CHECK(kb->ask("?- max L : escalates(_, muscle_soreness, L).") ==
        column({"appointment_right_away"}));
  CHECK(kb->ask("?- min L : escalates(_, muscle_soreness, L).") == column({"see_physician"}));
  CHECK(kb->ask("?- S, max L : escalates(_, S, L).") ==
        Rows{{"muscle_soreness", "appointment_right_away"},
             {"muscle_spasm", "seek_treatment_immediately"}});
}

TEST_CASE("sum and mean add every answer, not only distinct values") {
  auto small = Session::of_text(small_program);
  CHECK(small->ask("?- sum N : cost(_, N).") == column({"20"}));
  CHECK(small->ask("?- T, sum N : cost(I, N), tag(I, T).") == Rows{{"blue", "14"}, {"red", "6"}});
  CHECK(small->ask("?- mean N : cost(_, N).") == column({"5"}));
  CHECK(small->ask("?- sum N : cost(_, N), N > 100.") == column({"0"}));
  CHECK(small->ask("?- T, count, sum N, max N : cost(I, N), tag(I, T) order by count desc, T.") ==
        Rows{{"blue", "2", "14", "10"}, {"red", "2", "6", "3"}});
}

TEST_CASE("order by: value order, levels by rank, descending, then the default order") {
  auto small = Session::of_text(small_program);
  CHECK(small->ask("?- r(L).") == column({"high", "low", "medium"}));  // default: by text
  CHECK(small->ask("?- r(L) order by L.") == column({"low", "medium", "high"}));
  CHECK(small->ask("?- r(L) order by L desc.") == column({"high", "medium", "low"}));
  CHECK(small->ask("?- n(X).") == column({"9", "10", "100"}));  // numbers numerically
  CHECK(small->ask("?- n(X) order by X desc.") == column({"100", "10", "9"}));
  CHECK(small->ask("?- I, N : cost(I, N) order by N desc, I.") ==
        Rows{{"d", "10"}, {"c", "4"}, {"a", "3"}, {"b", "3"}});
  CHECK(small->ask("?- I, N : cost(I, N) order by N, I desc.") ==
        Rows{{"b", "3"}, {"a", "3"}, {"c", "4"}, {"d", "10"}});

  auto kb = Session::of_kb();
  CHECK(kb->ask("?- F, L : escalates(F, S, L) order by L desc, F limit 3.") ==
        Rows{{"chest_pain", "seek_treatment_immediately"},
             {"chronic_pain", "seek_treatment_immediately"},
             {"not_easing", "seek_treatment_immediately"}});
  CHECK(kb->ask("?- F, L : escalates(F, S, L) order by L, F limit 1.") ==
        Rows{{"not_easing", "see_physician"}});
  CHECK(kb->ask("?- S, count : escalates(_, S, _) order by count desc.") ==
        Rows{{"muscle_spasm", "6"}, {"muscle_soreness", "5"}});
}

TEST_CASE("limit keeps the first answers in the order asked") {
  auto small = Session::of_text(small_program);
  CHECK(small->ask("?- n(X) limit 2.") == column({"9", "10"}));
  CHECK(small->ask("?- n(X) order by X desc limit 1.") == column({"100"}));
  CHECK(small->ask("?- n(X) limit 0.").empty());
  CHECK(small->ask("?- n(X) limit 99.").size() == 3);
}

TEST_CASE("alternatives, groups, negation and comparisons work in queries") {
  auto kb = Session::of_kb();
  // Spasm escalations that are not red flags: the two that need no accompanying symptom.
  CHECK(kb->ask("?- F : escalates(F, muscle_spasm, _), !red_flag(muscle_spasm, F).") ==
        column({"not_easing", "worsening"}));
  CHECK(kb->ask("?- F : escalates(F, S, L), L < seek_treatment_immediately.") ==
        column({"cause_unknown", "not_easing", "rash", "redness", "swelling"}));
  CHECK(kb->ask("?- C : (may_cause(C, muscle_spasm) ; C = flu).") ==
        column({"als", "flu", "multiple_sclerosis", "spinal_cord_injury"}));
  CHECK(kb->ask("?- F : red_flag(muscle_spasm, F) ; warning_sign(muscle_soreness, F).").size() ==
        7);
}

TEST_CASE("mistakes in the columns, the order or the aggregates are reported") {
  auto small = Session::of_text(small_program);
  CHECK_FALSE(small->lower("?- X : q(Y).").has_value());
  CHECK(small->codes() == std::vector<std::string>{"E0903@1:4"});
  CHECK_FALSE(small->lower("?- x : q(X).").has_value());
  CHECK(small->codes() == std::vector<std::string>{"E0903@1:4"});
  CHECK_FALSE(small->lower("?- X : p(X, N) order by N.").has_value());
  CHECK(small->codes() == std::vector<std::string>{"E0903@1:25"});
  CHECK_FALSE(small->lower("?- sum X : q(X).").has_value());
  CHECK(small->codes() == std::vector<std::string>{"E0409@1:4"});
  CHECK_FALSE(small->lower("?- count : nothing(X).").has_value());
  CHECK(small->codes() == std::vector<std::string>{"E0201@1:12"});
  // The message names the variable and suggests the one meant.
  CHECK_FALSE(small->lower("?- Itme : cost(Item, _).").has_value());
  std::string text = render_all(small->sources, small->sink);
  CHECK(text.find("the question has no variable `Itme`") != std::string::npos);
  CHECK(text.find("`Item`") != std::string::npos);
}

TEST_CASE("saved queries with parameters: checked with the file, run with values") {
  auto session = Session::of_text(std::string(small_program) + R"(
query cost_of ?- cost($item, N).
query above ?- I : cost(I, N), N >= $least order by I.
query tagged ?- count : tag(_, $colour).
)");
  const ir::Query& cost_of = session->compiled("cost_of");
  CHECK(cost_of.awaiting_values);
  REQUIRE(cost_of.parameters.size() == 1);
  CHECK(cost_of.parameters[0].name == "item");
  CHECK(cost_of.parameters[0].type.base == ir::BaseType::symbol);
  CHECK(cost_of.answer_variables.size() == 1);  // N: a parameter is no column
  const ir::Query& above = session->compiled("above");
  REQUIRE(above.parameters.size() == 1);
  CHECK(above.parameters[0].type.base == ir::BaseType::number);  // typed by its use

  auto query = session->saved("cost_of", {{"item", "c"}});
  REQUIRE(query.has_value());
  CHECK_FALSE(query->awaiting_values);
  CHECK(session->rows(session->table(*query)) == column({"4"}));
  query = session->saved("above", {{"least", "4"}});
  REQUIRE(query.has_value());
  CHECK(session->rows(session->table(*query)) == column({"c", "d"}));
  query = session->saved("tagged", {{"colour", "red"}});
  REQUIRE(query.has_value());
  CHECK(session->rows(session->table(*query)) == column({"2"}));

  // A missing value is an error that names it, at the parameter in the file.
  CHECK_FALSE(session->saved("cost_of", {}).has_value());
  CHECK(session->codes() == std::vector<std::string>{"E0417@16:23"});
}

TEST_CASE("saved queries with parameters on the knowledge base") {
  auto kb = Session::of_kb();
  FileId file = kb->sources.add("queries.sinew",
                                "query escalation_for ?- F : escalates(F, $symptom, L).\n"
                                "query misspelt ?- escalatse(F, $symptom).\n");
  syntax::ParseOptions options;
  kb->modules.push_back(syntax::parse_module(kb->sources, file, kb->sink, options));
  // `sinew check` still checks a saved query that waits for values.
  CHECK_FALSE(semantics::compile(kb->modules, kb->sources, kb->sink).has_value());
  CHECK(kb->codes() == std::vector<std::string>{"E0201@2:19"});
  kb->modules.back().statements.pop_back();
  kb->compile();
  const ir::Query& saved = kb->compiled("escalation_for");
  REQUIRE(saved.parameters.size() == 1);
  CHECK(saved.parameters[0].type.name == "symptom");
  auto query = kb->saved("escalation_for", {{"symptom", "muscle_spasm"}});
  REQUIRE(query.has_value());
  CHECK(kb->rows(kb->table(*query)) == flagship);
  // A value of the wrong kind is refused, as if written in the query.
  CHECK_FALSE(kb->saved("escalation_for", {{"symptom", "lupus"}}).has_value());
  CHECK(kb->codes() == std::vector<std::string>{"E0402@1:42"});
}

// ---- path questions --------------------------------------------------------------------

namespace {

struct Graph {
  engine::Database database;
  query::KnowledgeGraph graph;
  explicit Graph(const ir::Program& program, const std::string& fact_dir = "")
      : database(make(program, fact_dir)), graph(program, database) {}

  static engine::Database make(const ir::Program& program, const std::string& fact_dir) {
    engine::Database database(program);
    database.enable_provenance();
    if (!fact_dir.empty()) REQUIRE(engine::load_facts(program, database, fact_dir));
    REQUIRE_FALSE(engine::evaluate(program, database).has_value());
    return database;
  }
};

std::vector<std::string> steps(const query::KnowledgeGraph& graph, const query::Path& path) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < path.edges.size(); ++i) {
    const query::GraphEdge& edge = graph.edges()[path.edges[i]];
    auto from = path.reversed[i] ? edge.to : edge.from;
    auto to = path.reversed[i] ? edge.from : edge.to;
    out.push_back(
        fmt::format("{} {} {}", graph.name(from), path.reversed[i] ? "<-" : "->", graph.name(to)));
  }
  return out;
}

}  // namespace

TEST_CASE("path questions: lowered with their options") {
  auto kb = Session::of_kb();
  auto query = kb->lower("?~ lupus -> muscle_soreness through may_cause all within 3.");
  REQUIRE(query.has_value());
  REQUIRE(query->path.has_value());
  CHECK(query->alternatives.empty());
  CHECK(query->path->from == "lupus");
  CHECK(query->path->to == "muscle_soreness");
  CHECK(query->path->directed);
  CHECK(query->path->all);
  CHECK(query->path->max_length == 3);
  REQUIRE(query->path->through.size() == 1);
  CHECK(kb->program->relations[query->path->through[0]].name == "may_cause");

  CHECK_FALSE(kb->lower("?~ lupus ~ flu through may_caus.").has_value());
  CHECK(kb->codes() == std::vector<std::string>{"E0201@1:24"});
  CHECK_FALSE(kb->lower("?~ lupus ~ flu through has.").has_value());  // one column: no edges
  CHECK(kb->codes() == std::vector<std::string>{"E0904@1:24"});
  CHECK_FALSE(kb->lower("?~ lupus ~ flu within 0.").has_value());
  CHECK(kb->codes() == std::vector<std::string>{"E0904@1:23"});
}

TEST_CASE("path questions on the knowledge base, with each edge's citation") {
  auto kb = Session::of_kb();
  Graph graph(*kb->program);
  DiagnosticSink sink;

  auto question = kb->lower("?~ lupus ~ seek_treatment_immediately.");
  REQUIRE(question.has_value());
  auto paths = query::answer_path(graph.graph, *question->path, sink);
  REQUIRE(paths.has_value());
  REQUIRE(paths->size() == 1);
  std::vector<std::string> found = steps(graph.graph, paths->front());
  REQUIRE(found.size() == 4);
  CHECK(found.front() == "lupus -> muscle_soreness");
  CHECK(found.back() == "muscle_spasm -> seek_treatment_immediately");
  for (std::uint32_t e : paths->front().edges) {
    const query::GraphEdge& edge = graph.graph.edges()[e];
    REQUIRE(edge.origin != ir::none);
    CHECK_FALSE(kb->program->origins[edge.origin].citations.empty());
  }
  std::string json = query::render_paths(*kb->program, graph.database, graph.graph, *question->path,
                                         *paths, query::Format::json);
  auto parsed = nlohmann::json::parse(json);
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0]["edges"].size() == 4);
  CHECK(parsed[0]["edges"][0]["fact"] == "may_cause(lupus, muscle_soreness)");
  CHECK(parsed[0]["edges"][0]["citations"][0]["source"] == "seed");
  std::string text = query::render_paths(*kb->program, graph.database, graph.graph, *question->path,
                                         *paths, query::Format::table);
  CHECK(text.find("cites seed: \"Conditions that may cause muscle soreness include") !=
        std::string::npos);

  // Directed and through one relation: one edge, or nothing.
  question = kb->lower("?~ lupus -> muscle_soreness through may_cause.");
  paths = query::answer_path(graph.graph, *question->path, sink);
  REQUIRE(paths.has_value());
  REQUIRE(paths->size() == 1);
  CHECK(steps(graph.graph, paths->front()) == std::vector<std::string>{"lupus -> muscle_soreness"});
  question = kb->lower("?~ muscle_soreness -> lupus.");
  paths = query::answer_path(graph.graph, *question->path, sink);
  REQUIRE(paths.has_value());
  CHECK(paths->empty());
  CHECK(query::render_paths(*kb->program, graph.database, graph.graph, *question->path, *paths,
                            query::Format::table) ==
        "no path leads from `muscle_soreness` to `lupus` along the edges within 6 edges\n");

  // `all`: every simple path, shortest first.
  question = kb->lower("?~ fibromyalgia ~ lupus all within 2.");
  paths = query::answer_path(graph.graph, *question->path, sink);
  REQUIRE(paths.has_value());
  REQUIRE(paths->size() == 1);
  CHECK(steps(graph.graph, paths->front()) ==
        std::vector<std::string>{"fibromyalgia -> muscle_soreness", "muscle_soreness <- lupus"});
  CHECK(sink.empty());

  // An unknown name is refused when the question is checked, with a suggestion.
  CHECK_FALSE(kb->lower("?~ lupsu ~ flu.").has_value());
  std::string errors = render_all(kb->sources, kb->sink);
  CHECK(errors.find("error[E0202]: `lupsu` is not an entity of the knowledge graph") !=
        std::string::npos);
  CHECK(errors.find("`lupus`") != std::string::npos);

  // A text in quotes is looked up in the graph when the question is answered.
  DiagnosticSink answering;
  question = kb->lower("?~ \"lupsu\" ~ flu.");
  REQUIRE(question.has_value());
  CHECK_FALSE(query::answer_path(graph.graph, *question->path, answering).has_value());
  errors = render_all(kb->sources, answering);
  CHECK(errors.find("error[E0202]: `lupsu` is not an entity of the knowledge graph") !=
        std::string::npos);
}

TEST_CASE("a saved path question with parameters") {
  auto kb = Session::of_kb();
  FileId file = kb->sources.add("paths.sinew", "query connect ?~ $from ~ $to within 2.\n");
  kb->modules.push_back(syntax::parse_module(kb->sources, file, kb->sink));
  kb->compile();
  const ir::Query& saved = kb->compiled("connect");
  CHECK(saved.awaiting_values);
  CHECK(saved.parameters.size() == 2);
  auto query = kb->saved("connect", {{"from", "flu"}, {"to", "muscle_soreness"}});
  REQUIRE(query.has_value());
  CHECK(query->path->from == "flu");
  CHECK(query->path->max_length == 2);
  CHECK_FALSE(kb->saved("connect", {{"from", "flu"}}).has_value());
  CHECK(kb->codes() == std::vector<std::string>{"E0417@1:26"});
}

TEST_CASE("the DOID is-a path from systemic lupus erythematosus up to `disease`") {
  std::string data = SINEW_SOURCE_DIR "/../shared/data/doid";
  if (!std::filesystem::exists(data + "/is_a.tsv")) SINEW_SKIP(data << "/is_a.tsv is absent");
  auto session = Session::of_text(R"(
relation is_a(child: symbol, parent: symbol)
.input is_a(filename="is_a.tsv", headers=true)
query lupus_up ?~ "DOID:9074" -> "DOID:4" through is_a all within 10.
)");
  Graph graph(*session->program, data);
  // The header line `child<TAB>parent` is not a fact.
  auto is_a = *session->program->find_relation("is_a");
  CHECK_FALSE(graph.database.symbols().find("child").has_value());
  CHECK(graph.database.size(is_a) == 6975);
  DiagnosticSink sink;
  auto paths = query::answer_path(graph.graph, *session->compiled("lupus_up").path, sink);
  INFO(render_all(session->sources, sink));
  REQUIRE(paths.has_value());
  REQUIRE_FALSE(paths->empty());
  CHECK(steps(graph.graph, paths->front()) ==
        std::vector<std::string>{"DOID:9074 -> DOID:8857", "DOID:8857 -> DOID:4"});
  for (const query::Path& path : *paths) {
    CHECK(graph.graph.name(graph.graph.edges()[path.edges.back()].to) == "DOID:4");
  }
}

TEST_CASE("`headers=true` skips the first line of a facts file, and only it") {
  auto session = Session::of_text(R"(
relation e(a: symbol, n: number)
.input e(headers=true)
)");
  engine::Database database(*session->program);
  auto e = *session->program->find_relation("e");
  auto read = engine::read_facts_text(database, e, "name\tcount\nx\t1\ny\t2\n", "e.facts", '\t',
                                      true);
  REQUIRE(read);
  CHECK(*read == 2);
  CHECK(session->program->relations[e].headers);
  // Line numbers still count the header.
  auto wrong = engine::read_facts_text(database, e, "name\tcount\nx\tone\n", "e.facts", '\t', true);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message.starts_with("e.facts:2:"));
  // Anything but true or false is refused.
  SourceMap sources;
  DiagnosticSink sink;
  FileId file = sources.add("bad.sinew", "relation e(a: symbol)\n.input e(headers=yes)\n");
  std::vector<ast::Module> modules{syntax::parse_module(sources, file, sink)};
  CHECK_FALSE(semantics::compile(modules, sources, sink).has_value());
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.all()[0].code == &codes::bad_directive);
}
