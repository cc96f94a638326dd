// Provenance: the rule that first derived a row, and its height.
#include "engine/engine_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew::testing;
namespace engine = sinew::engine;

namespace {

std::vector<Value> pair(std::int64_t a, std::int64_t b) {
  return {static_cast<Value>(a), static_cast<Value>(b)};
}

}  // namespace

TEST_CASE("provenance records the first rule and the height of each row", "[engine][provenance]") {
  // path(x, y) :- edge(x, y).          (rule 0)
  // path(x, y) :- path(x, z), edge(z, y).  (rule 1)
  ProgramBuilder b;
  auto edge = b.relation("edge", 2);
  auto path = b.relation("path", 2);
  for (int i = 1; i < 6; ++i) b.fact_numbers(edge, {i, i + 1});
  b.fact_numbers(edge, {1, 5});  // a shortcut: path(1, 6) has height 2, not 5
  b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
  b.rule(path, {0, 1}, {atom(path, {var(0), var(2)}), atom(edge, {var(2), var(1)})});
  REQUIRE(b.finish());
  engine::Database db(b.program);
  db.enable_provenance();
  REQUIRE_FALSE(engine::evaluate(b.program, db));

  auto derivation = [&](RelationId r, std::vector<Value> tuple) {
    auto row = db.find(r, tuple);
    REQUIRE(row);
    auto d = db.derivation(r, *row);
    REQUIRE(d);
    return *d;
  };
  CHECK(derivation(edge, pair(1, 2)).rule == none);
  CHECK(derivation(edge, pair(1, 2)).height == 0);
  CHECK(derivation(path, pair(1, 2)).rule == 0);
  CHECK(derivation(path, pair(1, 2)).height == 1);
  CHECK(derivation(path, pair(1, 3)).rule == 1);
  CHECK(derivation(path, pair(1, 3)).height == 2);
  CHECK(derivation(path, pair(1, 6)).height == 2);
  CHECK(derivation(path, pair(2, 6)).height == 4);
}

TEST_CASE("without provenance there is no derivation, and results are the same", "[engine][provenance]") {
  ProgramBuilder b;
  auto edge = b.relation("edge", 2);
  auto path = b.relation("path", 2);
  for (int i = 0; i < 20; ++i) b.fact_numbers(edge, {i, (i * 7) % 20});
  b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
  b.rule(path, {0, 1}, {atom(path, {var(0), var(2)}), atom(edge, {var(2), var(1)})});
  REQUIRE(b.finish());
  engine::Database plain(b.program), traced(b.program);
  traced.enable_provenance();
  REQUIRE_FALSE(engine::evaluate(b.program, plain));
  REQUIRE_FALSE(engine::evaluate(b.program, traced));
  CHECK(plain.sorted(path) == traced.sorted(path));
  CHECK_FALSE(plain.derivation(path, 0));
  for (std::uint32_t row = 0; row < traced.size(path); ++row) {
    auto d = traced.derivation(path, row);
    REQUIRE(d);
    CHECK(d->height >= 1);
  }
}
