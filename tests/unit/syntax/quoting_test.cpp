// What the printers quote (support/quoting.hpp) parses back to the same text.
#include "unit/syntax/helpers.hpp"

#include "support/quoting.hpp"

#include <catch2/catch.hpp>

using namespace sinew;

TEST_CASE("a quoted string reads back as the same text, carriage return included") {
  for (std::string text :
       {"plain", "say \"hi\"", "a\\b", "one\ntwo", "tab\there", "cr\rlf\r\n", ""}) {
    INFO(quoted(text));
    auto parsed = test::parse("p(" + quoted(text) + ").", "test.sinew");
    INFO(parsed.rendered());
    REQUIRE(parsed.sink.empty());
    REQUIRE(parsed.module.statements.size() == 1);
    const auto* rule = std::get_if<ast::RuleDecl>(&parsed.module.statements[0].node);
    REQUIRE(rule != nullptr);
    REQUIRE(rule->clause.heads.size() == 1);
    REQUIRE(rule->clause.heads[0].args.size() == 1);
    CHECK(rule->clause.heads[0].args[0].kind == ast::Term::Kind::string);
    CHECK(rule->clause.heads[0].args[0].text == text);
  }
}
