// One Evaluator for many databases, and a cleared database reused for many cases.
#include "unit/engine/engine_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew::testing;
namespace engine = sinew::engine;

TEST_CASE("an evaluator reused on cleared databases gives fresh results", "[engine][evaluator]") {
  // reach(y) :- start(y).   reach(y) :- reach(x), e(x, y).
  // far(n) :- n = count : { reach(_) }.
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto start = b.relation("start", 1);
  auto reach = b.relation("reach", 1);
  auto far = b.relation("far", 1);
  for (int i = 0; i < 10; ++i) b.fact_numbers(e, {i, i + 1});
  b.rule(reach, {0}, {atom(start, {var(0)})});
  b.rule(reach, {1}, {atom(reach, {var(0)}), atom(e, {var(0), var(1)})});
  b.rule(far, {0}, {aggregate(AggregateOp::count, 0, std::nullopt, {atom(reach, {wild()})})});
  REQUIRE(b.finish());

  engine::Evaluator evaluator(b.program);
  engine::Database reused(b.program);
  for (int first = 0; first <= 10; first += 3) {
    reused.clear();
    Value s = static_cast<Value>(first);
    reused.insert(start, std::span<const Value>(&s, 1));
    REQUIRE_FALSE(evaluator.run(reused));

    engine::Database fresh(b.program);
    fresh.insert(start, std::span<const Value>(&s, 1));
    REQUIRE_FALSE(engine::evaluate(b.program, fresh));
    for (RelationId r = 0; r < b.program.relations.size(); ++r) {
      CHECK(reused.sorted(r) == fresh.sorted(r));
    }
    CHECK(reused.size(reach) == static_cast<std::size_t>(11 - first));
  }
}
