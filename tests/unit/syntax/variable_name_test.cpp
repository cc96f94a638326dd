// Which names are variables (ast::is_variable_name, DESIGN section 2).
#include "unit/syntax/helpers.hpp"

#include "syntax/ast.hpp"

#include <catch2/catch.hpp>

#include <clocale>

using sinew::ast::Dialect;
using sinew::ast::is_variable_name;

TEST_CASE("in .sinew a variable starts with an ASCII upper-case letter or `_`") {
  for (const char* name : {"X", "Fever", "Z9", "_", "_seen", "A_b"}) {
    INFO(name);
    CHECK(is_variable_name(name, Dialect::sinew));
  }
  for (const char* name : {"x", "fever", "chest_pain", "9a", "", "\xC3\x89mile", "\xC9mile"}) {
    INFO(name);
    CHECK_FALSE(is_variable_name(name, Dialect::sinew));
  }
}

TEST_CASE("in .dl every name is a variable") {
  CHECK(is_variable_name("x", Dialect::souffle));
  CHECK(is_variable_name("Fever", Dialect::souffle));
}

TEST_CASE("the rule does not follow the locale") {
  // In a Latin-1 locale `isupper(0xC9)` (É) may be true; the rule stays ASCII.
  const char* before = std::setlocale(LC_CTYPE, nullptr);
  std::string saved = before ? before : "C";
  for (const char* locale : {"C", "C.UTF-8", "en_US.ISO-8859-1", "fr_FR.ISO-8859-1"}) {
    if (!std::setlocale(LC_CTYPE, locale)) continue;
    INFO(locale);
    CHECK_FALSE(is_variable_name("\xC9mile", Dialect::sinew));
    CHECK(is_variable_name("Emile", Dialect::sinew));
  }
  std::setlocale(LC_CTYPE, saved.c_str());
}

TEST_CASE("the parser reads the names of a term by that rule") {
  auto parsed = sinew::test::parse("p(X, x) :- q(X, x).\n");
  CHECK(parsed.sink.empty());
  auto clause = std::get_if<sinew::ast::RuleDecl>(&parsed.module.statements.at(0).node);
  REQUIRE(clause != nullptr);
  const auto& args = clause->clause.heads.at(0).args;
  CHECK(args.at(0).kind == sinew::ast::Term::Kind::variable);
  CHECK(args.at(1).kind == sinew::ast::Term::Kind::constant);
}
