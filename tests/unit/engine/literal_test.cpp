// One test per kind of literal: atoms, negation, comparisons, bindings, aggregates.
#include "unit/engine/engine_helpers.hpp"

#include <catch2/catch.hpp>

#include <bit>

using namespace sinew::testing;
using sinew::engine::Stop;

TEST_CASE("joins, constants, repeated variables and wildcards", "[engine]") {
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto p = b.relation("p", 2);
  auto loop = b.relation("loop", 1);
  auto from1 = b.relation("from1", 1);
  auto src = b.relation("src", 1);
  for (auto [x, y] : std::vector<std::pair<int, int>>{{1, 2}, {2, 3}, {3, 3}, {1, 4}}) {
    b.fact_numbers(e, {x, y});
  }
  b.rule(p, {0, 2}, {atom(e, {var(0), var(1)}), atom(e, {var(1), var(2)})});
  b.rule(loop, {0}, {atom(e, {var(0), var(0)})});
  b.rule(from1, {0}, {atom(e, {num(1), var(0)})});
  b.rule(src, {0}, {atom(e, {var(0), wild()})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE_FALSE(run.stop);
  CHECK(run.relations[p] == tuples({{1, 3}, {2, 3}, {3, 3}}));
  CHECK(run.relations[loop] == tuples({{3}}));
  CHECK(run.relations[from1] == tuples({{2}, {4}}));
  CHECK(run.relations[src] == tuples({{1}, {2}, {3}}));
}

TEST_CASE("recursion: transitive closure, left and right linear and non-linear", "[engine]") {
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto right = b.relation("right", 2);
  auto left = b.relation("left", 2);
  auto both = b.relation("both", 2);
  for (int i = 0; i < 30; ++i) b.fact_numbers(e, {i, i + 1});
  b.fact_numbers(e, {30, 0});  // a cycle
  b.rule(right, {0, 1}, {atom(e, {var(0), var(1)})});
  b.rule(right, {0, 2}, {atom(right, {var(0), var(1)}), atom(e, {var(1), var(2)})});
  b.rule(left, {0, 1}, {atom(e, {var(0), var(1)})});
  b.rule(left, {0, 2}, {atom(e, {var(0), var(1)}), atom(left, {var(1), var(2)})});
  b.rule(both, {0, 1}, {atom(e, {var(0), var(1)})});
  b.rule(both, {0, 2}, {atom(both, {var(0), var(1)}), atom(both, {var(1), var(2)})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE_FALSE(run.stop);
  CHECK(run.relations[right].size() == 31 * 31);
  CHECK(run.relations[left] == run.relations[right]);
  CHECK(run.relations[both] == run.relations[right]);
}

TEST_CASE("mutual recursion and a relation with facts of its own", "[engine]") {
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto odd = b.relation("odd", 1);
  auto even = b.relation("even", 1);
  for (int i = 0; i < 10; ++i) b.fact_numbers(e, {i, i + 1});
  b.fact_numbers(even, {0});
  b.rule(odd, {1}, {atom(even, {var(0)}), atom(e, {var(0), var(1)})});
  b.rule(even, {1}, {atom(odd, {var(0)}), atom(e, {var(0), var(1)})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  CHECK(run.relations[even] == tuples({{0}, {2}, {4}, {6}, {8}, {10}}));
  CHECK(run.relations[odd] == tuples({{1}, {3}, {5}, {7}, {9}}));
}

TEST_CASE("negation: full rows and with wildcards", "[engine]") {
  ProgramBuilder b;
  auto node = b.relation("node", 1);
  auto e = b.relation("e", 2);
  auto sink = b.relation("sink", 1);
  auto not_edge = b.relation("not_edge", 2);
  for (int i = 1; i <= 3; ++i) b.fact_numbers(node, {i});
  b.fact_numbers(e, {1, 2});
  b.fact_numbers(e, {2, 3});
  b.rule(sink, {0}, {atom(node, {var(0)}), negated(e, {var(0), wild()})});
  b.rule(not_edge, {0, 1},
         {atom(node, {var(0)}), atom(node, {var(1)}), negated(e, {var(0), var(1)})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  CHECK(run.relations[sink] == tuples({{3}}));
  CHECK(run.relations[not_edge].size() == 7);
  CHECK_FALSE(run.relations[not_edge].count({1, 2}));
}

TEST_CASE("comparisons: numbers, symbols by text, scale levels by rank", "[engine]") {
  ProgramBuilder b;
  auto n = b.relation("n", 1);
  auto small = b.relation("small", 1);
  auto word = b.relation("word", {BaseType::symbol});
  auto before = b.relation("before", {BaseType::symbol, BaseType::symbol});
  auto level = b.relation("level", {BaseType::symbol});
  auto above = b.relation("above", {BaseType::symbol});
  for (int i = -2; i <= 2; ++i) b.fact_numbers(n, {i});
  b.rule(small, {0}, {atom(n, {var(0)}), compare(ev(0), CompareOp::lt, en(0))});
  // Interned in an order different from the text order.
  for (const char* w : {"pear", "apple", "zebra"}) b.fact(word, {b.symbol(w)});
  Ordering by_text{BaseType::symbol, none};
  b.rule(before, {0, 1},
         {atom(word, {var(0)}), atom(word, {var(1)}),
          compare(ev(0, BaseType::symbol), CompareOp::lt, ev(1, BaseType::symbol), by_text)});
  Scale care;
  care.name = "care";
  for (const char* l : {"self_care", "see_physician", "urgent"}) care.levels.push_back(b.symbol(l));
  b.program.scales.push_back(care);
  for (const char* l : {"urgent", "self_care", "see_physician"}) b.fact(level, {b.symbol(l)});
  Ordering by_rank{BaseType::symbol, 0};
  b.rule(above, {0},
         {atom(level, {var(0)}), compare(ev(0, BaseType::symbol), CompareOp::gt,
                                         ec(b.symbol("self_care"), BaseType::symbol), by_rank)});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  CHECK(run.relations[small] == tuples({{-2}, {-1}}));
  auto sym = [&](const char* t) { return static_cast<Value>(*b.program.symbols.find(t)); };
  CHECK(run.relations[before] == std::set<std::vector<Value>>{{sym("apple"), sym("pear")},
                                                              {sym("apple"), sym("zebra")},
                                                              {sym("pear"), sym("zebra")}});
  CHECK(run.relations[above] ==
        std::set<std::vector<Value>>{{sym("see_physician")}, {sym("urgent")}});
}

TEST_CASE("`=` binds a variable, and compares when both sides are bound", "[engine]") {
  ProgramBuilder b;
  auto n = b.relation("n", 1);
  auto next = b.relation("next", 2);
  auto same = b.relation("same", 1);
  for (int i = 1; i <= 3; ++i) b.fact_numbers(n, {i});
  // Written with the binding first: the planner must order it after n(x).
  b.rule(next, {0, 1},
         {compare(ev(1), CompareOp::eq, eop(Expr::Op::add, {ev(0), en(1)})), atom(n, {var(0)})});
  b.rule(same, {0},
         {atom(n, {var(0)}), atom(n, {var(1)}),
          compare(ev(0), CompareOp::eq, eop(Expr::Op::sub, {ev(1), en(1)}))});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE_FALSE(run.stop);
  CHECK(run.relations[next] == tuples({{1, 2}, {2, 3}, {3, 4}}));
  CHECK(run.relations[same] == tuples({{1}, {2}}));
}

TEST_CASE("head expressions and functors", "[engine]") {
  ProgramBuilder b;
  auto n = b.relation("n", 1);
  auto out = b.relation("out", {BaseType::number, BaseType::number, BaseType::number,
                                BaseType::symbol, BaseType::number});
  auto conv = b.relation("conv", {BaseType::number});
  b.fact_numbers(n, {-7});
  b.rule_expr(out,
              std::vector<Expr>{eop(Expr::Op::abs, {ev(0)}),
                                eop(Expr::Op::min, {ev(0), en(3), en(-9)}),
                                eop(Expr::Op::mod, {ev(0), en(3)}),
                                eop(Expr::Op::cat,
                                    {eop(Expr::Op::to_string, {ev(0)}, BaseType::symbol),
                                     ec(b.symbol("x"), BaseType::symbol)},
                                    BaseType::symbol),
                                eop(Expr::Op::strlen, {ec(b.symbol("hello"), BaseType::symbol)})},
              {atom(n, {var(0)})});
  b.rule_expr(conv,
              std::vector<Expr>{eop(Expr::Op::to_number, {ec(b.symbol("-42"), BaseType::symbol)})},
              {atom(n, {wild()})});
  REQUIRE(b.finish());
  sinew::engine::Database db(b.program);
  REQUIRE_FALSE(sinew::engine::evaluate(b.program, db));
  auto rows = db.sorted(out);
  REQUIRE(rows.size() == 1);
  CHECK(static_cast<std::int64_t>(rows[0][0]) == 7);
  CHECK(static_cast<std::int64_t>(rows[0][1]) == -9);
  CHECK(static_cast<std::int64_t>(rows[0][2]) == -1);
  CHECK(db.symbols().text(static_cast<sinew::SymbolId>(rows[0][3])) == "-7x");
  CHECK(rows[0][4] == 5);
  CHECK(db.sorted(conv) == std::vector<std::vector<Value>>{{static_cast<Value>(-42)}});
}

TEST_CASE("aggregates: count, sum, min, max, mean, grouping, empty sets", "[engine]") {
  ProgramBuilder b;
  auto g = b.relation("g", 1);
  auto v = b.relation("v", 2);
  auto counts = b.relation("counts", 2);
  auto sums = b.relation("sums", 2);
  auto mins = b.relation("mins", 2);
  auto maxs = b.relation("maxs", 2);
  auto means = b.relation("means", {BaseType::number, BaseType::floating});
  auto total = b.relation("total", 1);
  for (int i = 1; i <= 3; ++i) b.fact_numbers(g, {i});
  for (auto [k, x] : std::vector<std::pair<int, int>>{{1, 5}, {1, 7}, {2, -4}}) {
    b.fact_numbers(v, {k, x});
  }
  // counts(k, c) :- g(k), c = count : { v(k, _) }.
  b.rule(counts, {0, 1},
         {atom(g, {var(0)}),
          aggregate(AggregateOp::count, 1, std::nullopt, {atom(v, {var(0), wild()})})});
  b.rule(sums, {0, 1},
         {atom(g, {var(0)}), aggregate(AggregateOp::sum, 1, ev(2), {atom(v, {var(0), var(2)})})});
  b.rule(mins, {0, 1},
         {atom(g, {var(0)}), aggregate(AggregateOp::min, 1, ev(2), {atom(v, {var(0), var(2)})})});
  b.rule(maxs, {0, 1},
         {atom(g, {var(0)}), aggregate(AggregateOp::max, 1, ev(2), {atom(v, {var(0), var(2)})})});
  b.rule(means, {0, 1},
         {atom(g, {var(0)}), aggregate(AggregateOp::mean, 1, ev(2), {atom(v, {var(0), var(2)})})});
  // total(n) :- n = count : { v(_, _) }.  (no grouping)
  b.rule(total, {0}, {aggregate(AggregateOp::count, 0, std::nullopt, {atom(v, {wild(), wild()})})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE_FALSE(run.stop);
  CHECK(run.relations[counts] == tuples({{1, 2}, {2, 1}, {3, 0}}));
  CHECK(run.relations[sums] == tuples({{1, 12}, {2, -4}, {3, 0}}));
  CHECK(run.relations[mins] == tuples({{1, 5}, {2, -4}}));
  CHECK(run.relations[maxs] == tuples({{1, 7}, {2, -4}}));
  CHECK(run.relations[means] == std::set<std::vector<Value>>{{1, std::bit_cast<Value>(6.0)},
                                                             {2, std::bit_cast<Value>(-4.0)}});
  CHECK(run.relations[total] == tuples({{3}}));
}

TEST_CASE("max over a scale: the highest care level reached", "[engine]") {
  ProgramBuilder b;
  auto reach = b.relation("reach", {BaseType::symbol});
  auto disposition = b.relation("disposition", {BaseType::symbol});
  Scale care;
  care.name = "care";
  // Levels interned so that id order and text order both disagree with rank order.
  Value urgent = b.symbol("urgent"), self = b.symbol("self_care"), see = b.symbol("see_physician");
  care.levels = {static_cast<sinew::SymbolId>(self), static_cast<sinew::SymbolId>(see),
                 static_cast<sinew::SymbolId>(urgent)};
  b.program.scales.push_back(care);
  b.fact(reach, {see});
  b.fact(reach, {self});
  Ordering by_rank{BaseType::symbol, 0};
  b.rule(
      disposition, {0},
      {aggregate(AggregateOp::max, 0, ev(1, BaseType::symbol), {atom(reach, {var(1)})}, by_rank)});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  CHECK(run.relations[disposition] == std::set<std::vector<Value>>{{see}});
}
