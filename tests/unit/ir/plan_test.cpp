// The join planner: delta first, bound atoms before scans, filters early, sizes count.
#include "unit/engine/program_builder.hpp"

#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <catch2/catch.hpp>

using namespace sinew::testing;

namespace {

struct Tc {
  ProgramBuilder b;
  RelationId edge, path;
  Tc() {
    edge = b.relation("edge", 2);
    path = b.relation("path", 2);
    b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
    // path(x, y) :- edge(z, y), path(x, z).   (written with the delta literal last)
    b.rule(path, {0, 1}, {atom(edge, {var(2), var(1)}), atom(path, {var(0), var(2)})});
    REQUIRE(b.finish());
  }
};

}  // namespace

TEST_CASE("a non-recursive rule gets one plan without delta", "[ir][plan]") {
  Tc tc;
  plan(tc.b.program);
  const Rule& exit = tc.b.program.rules[0];
  REQUIRE(exit.plans.size() == 1);
  CHECK(exit.plans[0].delta == none);
  CHECK(exit.plans[0].order == std::vector<std::uint32_t>{0});
}

TEST_CASE("a recursive rule gets one plan per recursive literal, delta first", "[ir][plan]") {
  Tc tc;
  plan(tc.b.program);
  const Rule& rec = tc.b.program.rules[1];
  REQUIRE(rec.plans.size() == 1);
  CHECK(rec.plans[0].delta == 1);
  CHECK(rec.plans[0].order == std::vector<std::uint32_t>{1, 0});
}

TEST_CASE("non-linear recursion: a plan for each recursive literal", "[ir][plan]") {
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto p = b.relation("p", 2);
  b.rule(p, {0, 1}, {atom(e, {var(0), var(1)})});
  b.rule(p, {0, 2}, {atom(p, {var(0), var(1)}), atom(p, {var(1), var(2)})});
  REQUIRE(b.finish());
  plan(b.program);
  const Rule& rule = b.program.rules[1];
  REQUIRE(rule.plans.size() == 2);
  CHECK(rule.plans[0].delta == 0);
  CHECK(rule.plans[0].order.front() == 0);
  CHECK(rule.plans[1].delta == 1);
  CHECK(rule.plans[1].order.front() == 1);
}

TEST_CASE("sizes decide which atom is scanned and bound atoms follow", "[ir][plan]") {
  ProgramBuilder b;
  auto big = b.relation("big", 2);
  auto small = b.relation("small", 2);
  auto other = b.relation("other", 1);
  auto out = b.relation("out", 2);
  // out(x, y) :- big(x, z), other(w), small(z, y).
  b.rule(out, {0, 1},
         {atom(big, {var(0), var(2)}), atom(other, {var(3)}), atom(small, {var(2), var(1)})});
  REQUIRE(b.finish());
  std::vector<double> sizes{1e6, 10, 50, 0};
  JoinPlan p = plan_rule(b.program, b.program.rules[0], none, sizes);
  // small is scanned first; then big, probed on z, before the unconnected `other`
  // (a cross product) although `other` is smaller.
  CHECK(p.order == std::vector<std::uint32_t>{2, 0, 1});
  std::vector<double> flipped{10, 1e6, 50, 0};
  CHECK(plan_rule(b.program, b.program.rules[0], none, flipped).order ==
        std::vector<std::uint32_t>{0, 2, 1});
}

TEST_CASE("filters and bindings are placed as soon as their variables are bound", "[ir][plan]") {
  ProgramBuilder b;
  auto a = b.relation("a", 2);
  auto c = b.relation("c", 2);
  auto n = b.relation("n", 1);
  auto out = b.relation("out", 1);
  // out(y) :- c(x, y), y = x + 1, !n(x), a(x, w), x > 3.
  b.rule(out, {1},
         {atom(c, {var(0), var(3)}),
          compare(ev(1), CompareOp::eq, eop(Expr::Op::add, {ev(0), en(1)})), negated(n, {var(0)}),
          atom(a, {var(0), var(2)}), compare(ev(0), CompareOp::gt, en(3))});
  REQUIRE(b.finish());
  std::vector<double> sizes{100, 100, 100, 0};
  JoinPlan p = plan_rule(b.program, b.program.rules[0], none, sizes);
  // c first (written first among equals), then the filters on x: `!n(x)` and `x > 3`,
  // then the binding of y, and only then the atom a(x, w).
  CHECK(p.order == std::vector<std::uint32_t>{0, 2, 4, 1, 3});
}

TEST_CASE("an aggregate waits for the variables that group it", "[ir][plan]") {
  ProgramBuilder b;
  auto g = b.relation("g", 1);
  auto v = b.relation("v", 2);
  auto out = b.relation("out", 2);
  // out(k, n) :- n = count : { v(k, _) }, g(k).
  b.rule(out, {0, 1},
         {aggregate(AggregateOp::count, 1, std::nullopt, {atom(v, {var(0), wild()})}),
          atom(g, {var(0)})});
  REQUIRE(b.finish());
  JoinPlan p = plan_rule(b.program, b.program.rules[0], none);
  CHECK(p.order == std::vector<std::uint32_t>{1, 0});
}

TEST_CASE("find_relation", "[ir]") {
  Tc tc;
  CHECK(tc.b.program.find_relation("path") == tc.path);
  CHECK_FALSE(tc.b.program.find_relation("nope"));
}
