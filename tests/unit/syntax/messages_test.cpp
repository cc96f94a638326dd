// Every must<> point of the grammar, reached by a small wrong input: code, place, message.
#include "unit/syntax/helpers.hpp"

#include "syntax/error_messages.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace sinew;

namespace {

struct Case {
  const char* text;
  const char* expected;  // CODE@line:col
};

// The first error of each case, with the place it points at.
const Case cases[] = {
    {")", "E0106@1:1"},                              // not a statement
    {"p(1).\n/* open", "E0104@2:1"},                 // comment never closed
    {"p(\"open).", "E0103@1:3"},                     // quoted text not closed
    {"p(\"\"\"open).", "E0103@1:3"},                 // long text never closed
    {"p(\"a\\qb\").", "E0115@1:5"},                  // unknown escape
    {"import x", "E0111@1:8"},                       // quoted text expected
    {"p(1) q(2).", "E0107@1:6"},                     // `.` expected
    {"kind a, b", "E0107@1:7"},                      // end of statement expected
    {"p(X) :- X < .", "E0109@1:13"},                 // value after a comparison
    {"p(X) :- X = 1 + .", "E0109@1:17"},             // value after `+`
    {"p(X) :- X = 2 * .", "E0109@1:17"},             // value after `*`
    {"p(X) :- X = (1 + 2.", "E0110@1:19"},           // `)` expected
    {"p(1 2).", "E0110@1:5"},                        // `,` or `)` expected
    {"p(N) :- N = count : { q(X) .", "E0110@1:28"},  // `}` expected
    {"p($).", "E0108@1:4"},                          // parameter name
    {"p(N) :- N = count : .", "E0113@1:21"},         // aggregate body
    {"p(X) :- .", "E0113@1:9"},                      // body
    {"p(X) :- q(X) ; .", "E0113@1:16"},              // after `;`
    {"p(X) :- q(X), .", "E0113@1:15"},               // after `,`
    {"p(X) :- !3.", "E0113@1:10"},                   // fact after `!`
    {"test \"t\" { given \"x\". }", "E0113@1:18"},   // facts after `given`
    {"rule r 3.", "E0113@1:8"},                      // the rule's clause
    {".foo x", "E0118@1:2"},                         // directive name
    {".decl 3(x: number)", "E0108@1:7"},             // relation name
    {"input has f: finding", "E0120@1:11"},          // `(` and columns
    {".decl e(x: number, 3)", "E0108@1:20"},         // another column
    {".decl e(x number)", "E0112@1:11"},             // `:` and a type
    {".decl e(x: 3)", "E0112@1:12"},                 // a type
    {"input d(n: number in x)", "E0109@1:22"},       // a range after `in`
    {"input d(n: number in ..)", "E0109@1:24"},      // the high end after `..`
    {".type 3 <: number", "E0108@1:7"},              // the new type's name
    {".type T number", "E0120@1:9"},                 // `<:` or `=`
    {".input 3", "E0108@1:8"},                       // a relation to read
    {".input a(IO=file, 3)", "E0108@1:19"},          // another option
    {".input a(IO file)", "E0120@1:13"},             // `=`
    {".input a(IO=)", "E0109@1:13"},                 // the option's value
    {"module \"m\"", "E0108@1:8"},                   // module name
    {"source \"seed\"", "E0108@1:8"},                // source name
    {"source seed { bogus \"x\" }", "E0110@1:15"},   // property or `}`
    {"kind \"x\"", "E0108@1:6"},                     // kind name
    {"kind a : 3", "E0108@1:10"},                    // parent names
    {"kind a : b, 3", "E0108@1:13"},                 // another name
    {"scale \"s\"", "E0108@1:7"},                    // scale name
    {"scale s a < b", "E0120@1:9"},                  // `:` and levels
    {"scale s : a b", "E0120@1:13"},                 // at least two levels
    {"scale s : a < 3", "E0108@1:15"},               // a level
    {"finding a, 3.", "E0108@1:12"},                 // another entity
    {"symptom x { bogus \"y\" }", "E0110@1:13"},     // entity property or `}`
    {"symptom x { code \"M32\" }", "E0108@1:18"},    // coding system
    {"p(1). @bogus \"x\"", "E0118@1:8"},             // annotation kind
    {"p(1). @cite \"x\"", "E0108@1:13"},             // cited source
    {"rule \"r\" p.", "E0108@1:6"},                  // rule name
    {"test \"t\" given a.", "E0120@1:10"},           // `{`
    {"test \"t\" { ) }", "E0110@1:12"},              // test item or `}`
    {"query \"q\" ?- p.", "E0108@1:7"},              // query name
    {"query q p(X).", "E0120@1:9"},                  // `?-` or `?~`
    {"?- p(X) order by 3.", "E0108@1:18"},           // what to sort by
    {"?- p(X) limit x.", "E0109@1:15"},              // how many answers
    {"?~ .", "E0108@1:4"},                           // the entity to start from
    {"?~ a b.", "E0120@1:6"},                        // `~` or `->`
    {"?~ a ~ .", "E0108@1:8"},                       // the entity to reach
    {"?~ a ~ b within x.", "E0109@1:17"},            // the longest path
};

}  // namespace

TEST_CASE("every must<> message is reachable, with its code and place") {
  std::set<std::string> seen;
  for (const Case& c : cases) {
    INFO(c.text);
    auto parsed = test::parse(c.text);
    REQUIRE_FALSE(parsed.errors().empty());
    CHECK(parsed.errors().front() == c.expected);
    seen.insert(parsed.first_message());
  }
  {
    SourceMap sources;
    FileId file = sources.add("-e", "?- a(X). b");
    DiagnosticSink sink;
    CHECK_FALSE(syntax::parse_query(sources, file, sink).has_value());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].code == &codes::unexpected_text);
    CHECK(sources.line_col(sink.all()[0].primary.span).column == 10);
    seen.insert(sink.all()[0].message);
  }
  for (const auto& listed : syntax::all_error_messages()) {
    INFO(listed.rule);
    CHECK(seen.count(std::string(listed.message.text)) == 1);
  }
}

TEST_CASE("messages are written for people: lower-case, names in backticks") {
  for (const auto& listed : syntax::all_error_messages()) {
    INFO(listed.rule);
    std::string_view text = listed.message.text;
    REQUIRE_FALSE(text.empty());
    CHECK(text.front() >= 'a');
    CHECK(text.front() <= 'z');
    CHECK(text.back() != '.');
    CHECK(listed.message.code->id.starts_with("E01"));
  }
}

TEST_CASE("a forgotten `.` at the end of a line is shown at the end of that line") {
  auto parsed = test::parse("lupus may_cause muscle_soreness\nkind finding\n");
  REQUIRE(parsed.errors().size() == 1);
  CHECK(parsed.errors()[0] == "E0107@1:32");
  CHECK(parsed.rendered() ==
        "test.sinew:1:32: error[E0107]: expected `.` at the end of this statement\n"
        " 1 | lupus may_cause muscle_soreness\n"
        "   |                                ^\n"
        "1 error\n");
  // The next line was not swallowed by the broken statement.
  REQUIRE(parsed.module.statements.size() == 1);
  CHECK(std::holds_alternative<ast::KindDecl>(parsed.module.statements[0].node));
}

TEST_CASE("the unexpected token is underlined whole") {
  auto parsed = test::parse("kind a extra_words\n");
  REQUIRE(parsed.sink.all().size() == 1);
  CHECK(parsed.sink.all()[0].primary.span.size() == std::string("extra_words").size());
}
