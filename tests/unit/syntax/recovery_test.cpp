// Recovery at statement boundaries and every kind of bad input: one error per statement.
#include "unit/syntax/helpers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sinew;
using Errors = std::vector<std::string>;

TEST_CASE("three mistakes in three statements give exactly three errors") {
  auto parsed = test::parse(R"(kind finding
p(X) :- q(X), .
finding redness.
r(X) :- s(X Y).
has(a).
module "m"
?- has(F).
)");
  CHECK(parsed.errors() == Errors{"E0113@2:15", "E0110@4:13", "E0108@6:8"});
  // Everything else was read.
  REQUIRE(parsed.module.statements.size() == 4);
  CHECK(std::holds_alternative<ast::KindDecl>(parsed.module.statements[0].node));
  CHECK(std::holds_alternative<ast::EntityDecl>(parsed.module.statements[1].node));
  CHECK(std::holds_alternative<ast::RuleDecl>(parsed.module.statements[2].node));
  CHECK(std::holds_alternative<ast::QueryDecl>(parsed.module.statements[3].node));
}

TEST_CASE("recovery skips to the `.` that ends the statement, not a `.` in a string") {
  auto parsed = test::parse("p(1, \"a. b\" 2). q(3).\nr(4).");
  CHECK(parsed.errors() == Errors{"E0110@1:13"});
  REQUIRE(parsed.module.statements.size() == 2);
  CHECK(test::parse("p(1 2). /* c. d */ q(3).").module.statements.size() == 1);
}

TEST_CASE("recovery resumes at the next line that starts a statement") {
  // A statement with continuation lines (indented) is skipped whole.
  auto parsed = test::parse("path(x, y) :-\n  edge(x, z)\n  edge(z, y).\nq(1).\n");
  CHECK(parsed.errors() == Errors{"E0107@2:13"});
  REQUIRE(parsed.module.statements.size() == 1);
  // Statements without a final `.`, one per line.
  CHECK(test::errors_of("kind a b\nkind c\nscale s : x\nkind d") ==
        Errors{"E0107@1:8", "E0120@3:12"});
}

TEST_CASE("an error inside a block skips to the block's `}`") {
  auto parsed = test::parse(R"(test "t" {
  given has(a.
  expect b.
  expect c.
}
kind after
)");
  CHECK(parsed.errors() == Errors{"E0110@2:14"});
  REQUIRE(parsed.module.statements.size() == 1);
  CHECK(std::holds_alternative<ast::KindDecl>(parsed.module.statements[0].node));
}

TEST_CASE("a block whose `}` is missing ends at the next top-level keyword") {
  auto parsed = test::parse(R"(test "t" {
  given a.
  expect b.

rule r
  p :- q.
test "u" { given c. }
)");
  CHECK(parsed.errors() == Errors{"E0110@3:12"});
  REQUIRE(parsed.module.statements.size() == 2);
  CHECK(std::holds_alternative<ast::RuleDecl>(parsed.module.statements[0].node));
  CHECK(std::holds_alternative<ast::TestDecl>(parsed.module.statements[1].node));
}

TEST_CASE("annotations: misplaced ones are errors, those of a broken statement are not") {
  CHECK(test::errors_of("@note \"first\"\np(1).") == Errors{"E0117@1:1"});
  auto parsed = test::parse("p(1 2).\n  @cite seed \"quote\"\n  @note \"n\"\nq(1).\n  @note \"m\"");
  CHECK(parsed.errors() == Errors{"E0110@1:5"});
  REQUIRE(parsed.module.statements.size() == 1);
  CHECK(parsed.module.statements[0].annotations.size() == 1);
}

TEST_CASE("stray text between statements is one error, then parsing goes on") {
  CHECK(test::errors_of("p(1).\n) ) )\nq(2).\n}\nr(3).") == Errors{"E0106@2:1", "E0106@4:1"});
  CHECK(test::parse("p(1).\n) ) )\nq(2).\n}\nr(3).").module.statements.size() == 3);
}

TEST_CASE("text that is not UTF-8 is refused at the first bad byte, unparsed") {
  auto parsed = test::parse("p(1).\nq(\"caf\xC3\xA9 \xFF\").\n");
  CHECK(parsed.errors() == Errors{"E0101@2:9"});
  CHECK(parsed.module.statements.empty());
  CHECK(parsed.first_message().find("0xFF") != std::string::npos);
  CHECK(test::errors_of("p(\"\xC0\xAF\").") == Errors{"E0101@1:4"});          // overlong
  CHECK(test::errors_of("p(\"\xED\xA0\x80\").") == Errors{"E0101@1:4"});      // surrogate
  CHECK(test::errors_of("p(\"\xF4\x90\x80\x80\").") == Errors{"E0101@1:4"});  // > U+10FFFF
  CHECK(test::errors_of("p(\"\xE2\x82\").") == Errors{"E0101@1:4"});          // cut short
  CHECK(test::errors_of("p(\"\xF0\x9F\x98\x80 \xE2\x82\xAC\").").empty());    // fine
}

TEST_CASE("a byte order mark is not text") {
  auto parsed = test::parse("\xEF\xBB\xBFp(1).");
  CHECK(parsed.errors().empty());
  CHECK(parsed.module.statements.size() == 1);
}

TEST_CASE("a file with no statements is an error") {
  CHECK(test::errors_of("") == Errors{"E0102@1:1"});
  CHECK(test::errors_of("  \n\t\n") == Errors{"E0102@1:1"});
  CHECK(test::errors_of("// only\n/* comments */\n", "x.dl") == Errors{"E0102@1:1"});
}

TEST_CASE("unclosed strings and comments are shown where they open") {
  auto parsed = test::parse("p(\"open).\nq(1).\n");
  CHECK(parsed.errors() == Errors{"E0103@1:3"});
  CHECK(parsed.module.statements.size() == 1);  // q(1) still read
  CHECK(test::errors_of("p(1).\nq(\"\"\"never\nclosed).\nr(2).") == Errors{"E0103@2:3"});
  CHECK(test::errors_of("p(1). /* never\nclosed\nq(2).") == Errors{"E0104@1:7"});
  CHECK(test::errors_of("kind a /* never closed") == Errors{"E0104@1:8"});
  CHECK(test::errors_of("p(1 /* never closed") == Errors{"E0104@1:5"});
}

TEST_CASE("a quote followed by a letter opens a text: the one before is not closed") {
  auto parsed = test::parse("q(\"never closed) :- p(\"a\").\nq(X) :- p(X).\n");
  CHECK(parsed.errors() == Errors{"E0103@1:3"});
  CHECK(parsed.module.statements.size() == 1);
}

TEST_CASE("the optional `.` of a statement is on its own line") {
  auto parsed = test::parse(".decl e(x: number)\n.input e\n.outpt e\n.output e\n", "t.dl");
  CHECK(parsed.errors() == Errors{"E0118@3:2"});
  CHECK(parsed.module.statements.size() == 3);
  CHECK(test::errors_of("kind a .\nkind b").empty());
}

TEST_CASE("a group whose `)` is missing is shown where the `)` belongs") {
  CHECK(test::errors_of("p(X) :- q(X), (r(X) ; s(X).") == Errors{"E0110@1:27"});
  CHECK(test::errors_of("p(N) :- N = count : { (r(X) ; s(X) }.") == Errors{"E0110@1:36"});
  CHECK(test::errors_of("p(N) :- N = count : { q(X) r(X) }, s(N).\nt(1).") == Errors{"E0110@1:28"});
  // A value in parentheses is still a value.
  CHECK(test::errors_of("p(N) :- q(N), (sum X : { r(X) }) = N, (count : { r(_) }) > 1.").empty());
}

TEST_CASE("unknown escapes are shown at the backslash") {
  auto parsed = test::parse("p(\"tab\\there\").\nq(\"\\x41\").");
  CHECK(parsed.errors() == Errors{"E0115@2:4"});
  REQUIRE(parsed.sink.all().size() == 1);
  CHECK(parsed.sink.all()[0].primary.span.size() == 2);
}

TEST_CASE("numbers out of range are shown with the number's span") {
  auto parsed = test::parse("p(9223372036854775808).\nq(-9223372036854775808).");
  CHECK(parsed.errors() == Errors{"E0114@1:3"});
  REQUIRE(parsed.sink.all().size() == 1);
  CHECK(parsed.sink.all()[0].primary.span.size() == 19);
  CHECK(test::errors_of("p(X) :- X = -9223372036854775809.") == Errors{"E0114@1:13"});
  CHECK(test::errors_of("p(0xFFFFFFFFFFFFFFFF).") == Errors{"E0114@1:3"});
  CHECK(test::errors_of("p(0x7FFFFFFFFFFFFFFF, 0b11).").empty());
  CHECK(test::errors_of("p(1e999).") == Errors{"E0114@1:3"});
  CHECK(test::errors_of("p(X) :- X = 99999999999999999999999 + 1.") == Errors{"E0114@1:13"});
}

TEST_CASE("deep nesting ends in one error, never a stack overflow") {
  SECTION("100,000 nested parentheses in a value") {
    auto parsed = test::parse("p(X) :- X = " + std::string(100000, '(') + "1.\nq(1).");
    CHECK(parsed.errors() == Errors{"E0105@1:213"});
    CHECK(parsed.module.statements.size() == 1);
  }
  SECTION("1 MB of `(`") {
    CHECK(test::errors_of(std::string(1 << 20, '(')) == Errors{"E0106@1:1"});
    CHECK(test::errors_of("p(X) :- " + std::string(1 << 20, '(')).size() == 1);
  }
  SECTION("100,000 nested `[`") {
    CHECK(test::errors_of("p(" + std::string(100000, '[') + ").").size() == 1);
  }
  SECTION("nested calls, groups, aggregates, minus signs") {
    std::string calls;
    for (int i = 0; i < 50000; ++i) calls += "f(";
    CHECK(test::errors_of("p(X) :- X = " + calls + "1.").size() == 1);
    CHECK(test::errors_of("p :- " + std::string(100000, '(') + "q.") == Errors{"E0105@1:206"});
    std::string aggregates;
    for (int i = 0; i < 50000; ++i) aggregates += "count : { q(";
    CHECK(test::errors_of("p(X) :- X = " + aggregates).size() == 1);
    std::string minus;
    for (int i = 0; i < 100000; ++i) minus += "- ";
    CHECK(test::errors_of("p(X) :- X = " + minus + "Y.") == Errors{"E0105@1:413"});
    std::string sums;
    for (int i = 0; i < 100000; ++i) sums += "sum ";
    CHECK(test::errors_of("p(X) :- X = " + sums + "Y : q(Y).").size() == 1);
  }
  SECTION("long chains of operators are deep trees too") {
    std::string chain = "1";
    for (int i = 0; i < 100000; ++i) chain += " + 1";
    CHECK(test::errors_of("p(X) :- X = " + chain + ".") == Errors{"E0105@1:13"});
  }
  SECTION("the limit is an option, and nesting within it is fine") {
    syntax::ParseOptions options;
    options.max_depth = 10;
    CHECK(test::parse("p(((((((((1))))))))).", "t.sinew", options).errors().empty());
    CHECK(test::parse("p((((((((((1)))))))))).", "t.sinew", options).errors() ==
          Errors{"E0105@1:12"});
    CHECK(
        test::errors_of("p(" + std::string(150, '(') + "1" + std::string(150, ')') + ").").empty());
  }
  SECTION("the deepest nesting allowed parses and prints, for the most stack-hungry forms") {
    std::vector<std::string> texts;
    texts.push_back("p :- " + std::string(199, '(') + "q" + std::string(199, ')') + ".");
    texts.push_back("p(X) :- X = " + std::string(199, '(') + "1" + std::string(199, ')') + ".");
    std::string aggregates = "p(X) :- X = ";
    for (int i = 0; i < 99; ++i) aggregates += "count : { q(Y), Y = ";
    aggregates += "1";
    for (int i = 0; i < 99; ++i) aggregates += " }";
    texts.push_back(aggregates + ".");
    for (const std::string& text : texts) {
      auto parsed = test::parse(text);
      CHECK(parsed.errors().empty());
      CHECK(test::parse(syntax::print(parsed.module)).errors().empty());
    }
  }
}
