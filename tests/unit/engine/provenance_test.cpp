// Provenance: the rule that first derived a row, and its height.
#include "unit/engine/engine_helpers.hpp"

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

TEST_CASE("without provenance there is no derivation, and results are the same",
          "[engine][provenance]") {
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

TEST_CASE("a lower derivation found later replaces the first", "[engine][provenance]") {
  // deep(y) :- deep(x), e(x, y).   (rule 0; deep(0) a fact, so deep(5) has height 5)
  // r(x) :- deep(x), x = 5.         (rule 1, evaluated first: r(5) at height 6)
  // r(x) :- q(x).                   (rule 2: r(5) at height 1, which replaces it)
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto deep = b.relation("deep", 1);
  auto q = b.relation("q", 1);
  auto r = b.relation("r", 1);
  for (int i = 0; i < 5; ++i) b.fact_numbers(e, {i, i + 1});
  b.fact_numbers(deep, {0});
  b.fact_numbers(q, {5});
  b.rule(deep, {1}, {atom(deep, {var(0)}), atom(e, {var(0), var(1)})});
  b.rule(r, {0}, {atom(deep, {var(0)}), compare(ev(0), CompareOp::eq, en(5))});
  b.rule(r, {0}, {atom(q, {var(0)})});
  REQUIRE(b.finish());
  engine::Database db(b.program);
  db.enable_provenance();
  REQUIRE_FALSE(engine::evaluate(b.program, db));
  auto row = db.find(r, std::vector<Value>{5});
  REQUIRE(row);
  auto d = db.derivation(r, *row);
  REQUIRE(d);
  CHECK(d->rule == 2);
  CHECK(d->height == 1);
  auto deep5 = db.derivation(deep, *db.find(deep, std::vector<Value>{5}));
  CHECK(deep5->height == 5);
}

TEST_CASE("heights are the lowest whether counted by rounds or per derivation",
          "[engine][provenance]") {
  // path(x, y) :- edge(x, y).  path(x, y) :- path(x, z), edge(z, y).
  // The height of path(x, y) is the length of a shortest walk from x to y. Over plain
  // facts the stratum is counted by rounds; when `edge` is derived from rows of mixed
  // heights, per derivation. Both must give the breadth-first distances.
  for (bool mixed : {false, true}) {
    CAPTURE(mixed);
    ProgramBuilder b;
    auto link = b.relation("link", 2);
    auto edge = b.relation("edge", 2);
    auto chain = b.relation("chain", 1);
    auto path = b.relation("path", 2);
    constexpr int nodes = 40;
    std::vector<std::vector<int>> next(nodes);
    std::uint64_t seed = 7;
    for (int i = 0; i < 90; ++i) {
      seed = seed * 6364136223846793005u + 1442695040888963407u;
      int from = static_cast<int>((seed >> 33) % nodes);
      int to = static_cast<int>((seed >> 13) % nodes);
      next[from].push_back(to);
      b.fact_numbers(mixed ? link : edge, {from, to});
    }
    if (mixed) {
      // chain(0).  chain(y) :- chain(x), link(x, y).
      // edge(x, y) :- chain(x), link(x, y).  edge(x, y) :- link(x, y).
      // The edges out of nodes reached from 0 are first derived higher, then lowered
      // to 1, so `path` reads rows of mixed recorded heights.
      b.fact_numbers(chain, {0});
      b.rule(chain, {1}, {atom(chain, {var(0)}), atom(link, {var(0), var(1)})});
      b.rule(edge, {0, 1}, {atom(chain, {var(0)}), atom(link, {var(0), var(1)})});
      b.rule(edge, {0, 1}, {atom(link, {var(0), var(1)})});
    }
    b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
    b.rule(path, {0, 1}, {atom(path, {var(0), var(2)}), atom(edge, {var(2), var(1)})});
    REQUIRE(b.finish());
    engine::Database db(b.program);
    db.enable_provenance();
    REQUIRE_FALSE(engine::evaluate(b.program, db));

    std::size_t checked = 0;
    for (int from = 0; from < nodes; ++from) {
      std::vector<int> distance(nodes, -1);
      std::vector<int> queue{from};
      std::vector<int> level(nodes, 0);
      for (std::size_t head = 0; head < queue.size(); ++head) {
        int at = queue[head];
        int steps = level[at];  // before a self-loop changes it
        for (int to : next[at]) {
          if (distance[to] != -1) continue;
          distance[to] = steps + 1;
          level[to] = distance[to];
          queue.push_back(to);
        }
      }
      for (int to = 0; to < nodes; ++to) {
        auto row = db.find(path, pair(from, to));
        REQUIRE(row.has_value() == (distance[to] != -1));
        if (!row) continue;
        auto d = db.derivation(path, *row);
        REQUIRE(d);
        // Over derived edges (height 1) a walk of n edges has height n + 1.
        CHECK(d->height == static_cast<std::uint32_t>(distance[to] + (mixed ? 1 : 0)));
        ++checked;
      }
    }
    CHECK(checked > 100);
  }
}
