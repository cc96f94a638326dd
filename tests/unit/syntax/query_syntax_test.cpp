// The query language's syntax: chosen columns, aggregates over the answers, `order by`,
// `limit`, path questions; their trees, their printed form and their dump.
#include "unit/syntax/helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew;
using Kind = ast::Selected::Kind;

namespace {

ast::QueryDecl query_of(const std::string& text, const std::string& path = "test.sinew") {
  auto parsed = test::parse(text, path);
  INFO(parsed.rendered());
  REQUIRE(parsed.sink.empty());
  REQUIRE(parsed.module.statements.size() == 1);
  const auto* query = std::get_if<ast::QueryDecl>(&parsed.module.statements[0].node);
  REQUIRE(query != nullptr);
  return *query;
}

std::optional<ast::QueryDecl> typed(const std::string& text, DiagnosticSink& sink,
                                    SourceMap& sources) {
  FileId file = sources.add("-e", text);
  return syntax::parse_query(sources, file, sink);
}

ast::QueryDecl without_spans(ast::QueryDecl query) {
  ast::Module module;
  module.statements.push_back(ast::Statement{std::move(query), {}, {}});
  syntax::clear_spans(module);
  return std::get<ast::QueryDecl>(module.statements[0].node);
}

}  // namespace

TEST_CASE("chosen columns: variables and aggregates before `:`") {
  auto query = query_of("?- F : escalates(F, S, L).");
  REQUIRE(query.selection.size() == 1);
  CHECK(query.selection[0].kind == Kind::variable);
  CHECK(query.selection[0].variable.text == "F");
  CHECK(query.body.at(0).at(0).atom.relation.text == "escalates");

  query = query_of("?- S, count : escalates(_, S, _).");
  REQUIRE(query.selection.size() == 2);
  CHECK(query.selection[0].variable.text == "S");
  CHECK(query.selection[1].kind == Kind::count);
  CHECK(query.selection[1].variable.text.empty());

  query = query_of("?- max L, min L, sum N, mean N : p(L, N).");
  REQUIRE(query.selection.size() == 4);
  CHECK(query.selection[0].kind == Kind::max);
  CHECK(query.selection[1].kind == Kind::min);
  CHECK(query.selection[2].kind == Kind::sum);
  CHECK(query.selection[3].kind == Kind::mean);
  CHECK(query.selection[3].variable.text == "N");
}

TEST_CASE("a body alone is still a body: no selection is guessed") {
  // An aggregate in a comparison, a `:-`-less body, names called `count`: none of them
  // is a selection.
  auto query = query_of("?- N = count : { p(X) }, N > 1.");
  CHECK(query.selection.empty());
  CHECK(query.body.at(0).size() == 2);
  query = query_of("?- count(X), sum(X, Y).");
  CHECK(query.selection.empty());
  CHECK(query.body.at(0).at(0).atom.relation.text == "count");
  query = query_of("?- F, G.");
  CHECK(query.selection.empty());
  CHECK(query.body.at(0).size() == 2);
}

TEST_CASE("`order by` and `limit` after the body") {
  auto query = query_of("?- F, L : escalates(F, S, L) order by L desc, F limit 3.");
  REQUIRE(query.order.size() == 2);
  CHECK(query.order[0].key.variable.text == "L");
  CHECK(query.order[0].descending);
  CHECK(query.order[1].key.variable.text == "F");
  CHECK_FALSE(query.order[1].descending);
  CHECK(query.limit == 3);

  query = query_of("?- S, count : escalates(_, S, _) order by count desc, S asc.");
  REQUIRE(query.order.size() == 2);
  CHECK(query.order[0].key.kind == Kind::count);
  CHECK(query.order[0].descending);
  CHECK_FALSE(query.order[1].descending);

  query = query_of("?- max L : reach(L) order by max L.");
  CHECK(query.order.at(0).key.kind == Kind::max);
  CHECK(query.order.at(0).key.variable.text == "L");

  query = query_of("?- p(X) limit 0.");
  CHECK(query.limit == 0);
  CHECK(query.order.empty());

  // `order` and `limit` are ordinary names elsewhere.
  query = query_of("?- order(X), limit(X), by(X).");
  CHECK(query.body.at(0).size() == 3);
}

TEST_CASE("path questions: `~` either way, `->` along the edges, and options") {
  auto query = query_of("?~ lupus ~ seek_treatment_immediately.");
  REQUIRE(query.path.has_value());
  CHECK(query.body.empty());
  CHECK(query.path->from.kind == ast::Term::Kind::constant);
  CHECK(query.path->from.text == "lupus");
  CHECK(query.path->to.text == "seek_treatment_immediately");
  CHECK_FALSE(query.path->directed);
  CHECK_FALSE(query.path->all);
  CHECK_FALSE(query.path->within.has_value());

  query = query_of(
      "query lupus_up ?~ \"DOID:9074\" -> \"DOID:4\" through is_a, may_cause all within 10.");
  CHECK(query.name->text == "lupus_up");
  CHECK(query.path->from.kind == ast::Term::Kind::string);
  CHECK(query.path->from.text == "DOID:9074");
  CHECK(query.path->directed);
  REQUIRE(query.path->through.size() == 2);
  CHECK(query.path->through[1].text == "may_cause");
  CHECK(query.path->all);
  CHECK(query.path->within == 10);

  // Options in any order; `edges` may follow the length; ends may be parameters.
  query = query_of("?~ $from ~ $to within 4 edges all.");
  CHECK(query.path->from.kind == ast::Term::Kind::parameter);
  CHECK(query.path->to.text == "to");
  CHECK(query.path->within == 4);
  CHECK(query.path->all);

  // In a Souffle file too, the ends of a path are entities, not variables.
  query = query_of("?~ a ~ B.", "test.dl");
  CHECK(query.path->from.kind == ast::Term::Kind::constant);
  CHECK(query.path->to.kind == ast::Term::Kind::constant);
}

TEST_CASE("a relation named `path` is still a relation") {
  auto query = query_of("?- path(X, Y).");
  CHECK_FALSE(query.path.has_value());
  CHECK(query.body.at(0).at(0).atom.relation.text == "path");
}

TEST_CASE("typed queries (`-e`, the REPL) take the same forms, `?-` and `.` optional") {
  for (const char* text :
       {"F : escalates(F, S, L)", "?- S, count : escalates(_, S, _) order by count desc.",
        "escalates(F, S, L) limit 2", "?~ lupus ~ muscle_spasm", "?~ a -> b all."}) {
    INFO(text);
    SourceMap sources;
    DiagnosticSink sink;
    auto parsed = typed(text, sink, sources);
    CHECK(parsed.has_value());
    CHECK(sink.empty());
  }
  SourceMap sources;
  DiagnosticSink sink;
  auto parsed = typed("F : escalates(F, S, L) order by F limit 2", sink, sources);
  REQUIRE(parsed.has_value());
  CHECK(parsed->selection.size() == 1);
  CHECK(parsed->order.size() == 1);
  CHECK(parsed->limit == 2);
}

TEST_CASE("query mistakes are syntax errors with a place") {
  CHECK(test::errors_of("?- count X : p(X).") == std::vector<std::string>{"E0116@1:10"});
  CHECK(test::errors_of("?- max : p(X).") == std::vector<std::string>{"E0109@1:4"});
  CHECK(test::errors_of("?~ a ~ b all all.") == std::vector<std::string>{"E0116@1:14"});
  CHECK(test::errors_of("?~ a ~ b within 2 within 3.") == std::vector<std::string>{"E0116@1:19"});
  CHECK(test::errors_of("?- p(X) limit 99999999999999999999.") ==
        std::vector<std::string>{"E0114@1:15"});
  // A forgotten `.` before the next statement is a forgotten `.`, not a strange order.
  CHECK(test::errors_of("?- p(X) order\nq(1).") == std::vector<std::string>{"E0107@1:9"});
  auto parsed = test::parse("?- count X : p(X).");
  CHECK(parsed.first_message() ==
        "`count` takes no variable: it counts the answers of the question");
}

TEST_CASE("queries print back to the same tree") {
  const char* programs[] = {
      "?- F : escalates(F, S, L).",
      "?- S, count : escalates(_, S, _) order by count desc, S.",
      "query top ?- F, L : escalates(F, S, L), L >= see_physician order by L desc, F limit 3.",
      "?- max L, min L, sum N, mean N : p(L, N) ; q(L, N).",
      "?- p(X), !q(X), (r(X) ; s(X)), X != a limit 0.",
      "?~ lupus ~ seek_treatment_immediately.",
      "query up ?~ \"DOID:9074\" -> \"DOID:4\" through is_a, may_cause all within 10.",
      "query connect ?~ $from ~ $to within 3.",
      "query escalation_for ?- escalates(F, $symptom, L).",
  };
  for (const char* text : programs) {
    INFO(text);
    auto first = test::parse(text);
    REQUIRE(first.sink.empty());
    std::string printed = syntax::print(first.module);
    INFO(printed);
    auto second = test::parse(printed);
    REQUIRE(second.sink.empty());
    ast::Module expected = first.module;
    ast::Module actual = second.module;
    syntax::clear_spans(expected);
    syntax::clear_spans(actual);
    CHECK(actual == expected);
    CHECK(syntax::print(second.module) == printed);
  }
  // The printed question (without name and `.`) reads back as a typed query.
  auto first = query_of("query top ?- F, count : p(F, _) order by count desc limit 2.");
  std::string printed = syntax::print(first);
  CHECK(printed == "?- F, count : p(F, _) order by count desc limit 2");
  SourceMap sources;
  DiagnosticSink sink;
  auto again = typed(printed, sink, sources);
  REQUIRE(again.has_value());
  first.name.reset();
  CHECK(without_spans(*again) == without_spans(first));
}

TEST_CASE("the dump shows the parts of a query") {
  auto parsed = test::parse(
      "?- S, count : e(_, S) order by count desc limit 2.\n"
      "?~ a -> \"b\" through r all within 3.\n");
  REQUIRE(parsed.sink.empty());
  CHECK(syntax::dump(parsed.module, &parsed.sources) ==
        "module test.sinew dialect=sinew statements=2\n"
        "  query_decl @1:1\n"
        "    select @1:4 variable S\n"
        "    select @1:7 count\n"
        "    alternative 1\n"
        "      atom @1:15 e\n"
        "        term @1:17 wildcard\n"
        "        term @1:20 variable S\n"
        "    order_by @1:32 count desc\n"
        "    limit @1:49 2\n"
        "  query_decl @2:1\n"
        "    path_question @2:4 directed all within 3\n"
        "      from\n"
        "        term @2:4 constant a\n"
        "      to\n"
        "        term @2:9 string \"b\"\n"
        "      through @2:21 r\n");
}
