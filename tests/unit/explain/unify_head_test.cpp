// Head unification shared by why-not, abduction and refinding a derivation
// (explain/explain_support.hpp).
#include "explain/explain_support.hpp"
#include "unit/engine/program_builder.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <vector>

using namespace sinew::testing;
using sinew::explain::Bindings;
using sinew::explain::unify_head;

TEST_CASE("a rule's head binds its variables to a row, or says it cannot conclude it") {
  ProgramBuilder b;
  auto edge = b.relation("edge", 3);
  auto same = b.relation("same", 3);
  // same(X, X, 7) :- edge(X, Y, Z).
  b.rule_expr(same, {ev(0), ev(0), en(7)}, {atom(edge, {var(0), var(1), var(2)})});
  REQUIRE(b.finish());
  const auto& rule = b.program.rules[0];

  std::vector<Value> fits = {4, 4, 7};
  Bindings bindings(3);
  CHECK(unify_head(rule, fits, bindings));
  CHECK(bindings.bound[0]);
  CHECK(bindings.values[0] == 4);
  CHECK_FALSE(bindings.bound[1]);

  std::vector<Value> other_constant = {4, 4, 8};
  Bindings fresh(3);
  CHECK_FALSE(unify_head(rule, other_constant, fresh));
  std::vector<Value> repeated_differs = {4, 5, 7};
  Bindings again(3);
  CHECK_FALSE(unify_head(rule, repeated_differs, again));

  // Unknown columns bind nothing and never disagree.
  std::vector<std::optional<Value>> partly = {std::nullopt, 5, std::nullopt};
  Bindings open(3);
  CHECK(unify_head(rule, partly, open));
  CHECK(open.bound[0]);
  CHECK(open.values[0] == 5);
  std::vector<std::optional<Value>> clash = {4, 5, std::nullopt};
  Bindings clashing(3);
  CHECK_FALSE(unify_head(rule, clash, clashing));
}
