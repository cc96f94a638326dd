// Evaluation that stops: overflow, division by zero, bad conversions, limits.
#include "unit/engine/engine_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <limits>

using namespace sinew::testing;
using sinew::engine::Limits;
using sinew::engine::Stop;

namespace {

Program one_rule(Expr head_value, std::int64_t input) {
  ProgramBuilder b;
  auto n = b.relation("n", 1);
  auto out = b.relation("out", 1);
  b.fact_numbers(n, {input});
  b.rule_expr(out, {std::move(head_value)}, {atom(n, {var(0)})});
  REQUIRE(b.finish());
  Origin grow;
  grow.file = "kb/x.sinew";
  grow.line = 3;
  grow.column = 1;
  grow.remarks.rule_name = "grow";
  b.program.origins.add(grow);
  b.program.rules[0].origin = 0;
  return b.program;
}

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

}  // namespace

TEST_CASE("integer overflow stops evaluation and names the rule", "[engine][errors]") {
  auto check = [](Expr e, std::int64_t input) {
    auto run = run_engine(one_rule(std::move(e), input));
    REQUIRE(run.stop);
    CHECK(run.stop->reason == Stop::Reason::overflow);
    CHECK(run.stop->rule == 0);
    CHECK(run.stop->relation == 1);
    CHECK_THAT(run.stop->message, Catch::Contains("rule `grow` (kb/x.sinew:3)"));
    CHECK_THAT(run.stop->message, Catch::Contains("`out`"));
  };
  check(eop(Expr::Op::add, {ev(0), en(1)}), max64);
  check(eop(Expr::Op::sub, {ev(0), en(1)}), min64);
  check(eop(Expr::Op::mul, {ev(0), en(2)}), max64 / 2 + 1);
  check(eop(Expr::Op::neg, {ev(0)}), min64);
  check(eop(Expr::Op::abs, {ev(0)}), min64);
  check(eop(Expr::Op::div, {ev(0), en(-1)}), min64);
  check(eop(Expr::Op::mod, {ev(0), en(-1)}), min64);
  // In range: no stop.
  CHECK_FALSE(run_engine(one_rule(eop(Expr::Op::add, {ev(0), en(1)}), max64 - 1)).stop);
}

TEST_CASE("division and modulo by zero stop evaluation", "[engine][errors]") {
  for (auto op : {Expr::Op::div, Expr::Op::mod}) {
    auto run = run_engine(one_rule(eop(op, {en(7), ev(0)}), 0));
    REQUIRE(run.stop);
    CHECK(run.stop->reason == Stop::Reason::division_by_zero);
    CHECK_THAT(run.stop->message, Catch::Contains("division by zero"));
  }
}

TEST_CASE("to_number of a text that is not a number", "[engine][errors]") {
  ProgramBuilder b;
  auto s = b.relation("s", {BaseType::symbol});
  auto out = b.relation("out", 1);
  b.fact(s, {b.symbol("12abc")});
  b.rule_expr(out, {eop(Expr::Op::to_number, {ev(0, BaseType::symbol)})}, {atom(s, {var(0)})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE(run.stop);
  CHECK(run.stop->reason == Stop::Reason::bad_conversion);
  CHECK_THAT(run.stop->message, Catch::Contains("12abc"));
}

TEST_CASE("a sum that overflows stops evaluation", "[engine][errors]") {
  ProgramBuilder b;
  auto v = b.relation("v", 1);
  auto total = b.relation("total", 1);
  b.fact_numbers(v, {max64});
  b.fact_numbers(v, {1});
  b.rule(total, {0}, {aggregate(AggregateOp::sum, 0, ev(1), {atom(v, {var(1)})})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE(run.stop);
  CHECK(run.stop->reason == Stop::Reason::overflow);
}

TEST_CASE("the fact limit stops a rule that never ends, promptly", "[engine][limits]") {
  // a(N + 1) :- a(N).
  ProgramBuilder b;
  auto a = b.relation("a", 1);
  b.fact_numbers(a, {0});
  b.rule_expr(a, {eop(Expr::Op::add, {ev(0), en(1)})}, {atom(a, {var(0)})});
  REQUIRE(b.finish());
  auto start = std::chrono::steady_clock::now();
  sinew::engine::Database db(b.program);
  auto stop = sinew::engine::evaluate(b.program, db, Limits{0, 1000000});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(stop);
  CHECK(stop->reason == Stop::Reason::fact_limit);
  CHECK(stop->relation == a);
  CHECK_THAT(stop->message, Catch::Contains("`a`"));
  CHECK(db.size(a) == 1000002);  // the fact, the limit, and the one over it
  CHECK(seconds < 30);           // generous: sanitizer builds are slow; normally ~0.2 s
}

TEST_CASE("the time limit stops a long evaluation", "[engine][limits]") {
  // a(N + 1) :- a(N).  with no fact limit: only the clock stops it.
  ProgramBuilder b;
  auto a = b.relation("a", 1);
  b.fact_numbers(a, {0});
  b.rule_expr(a, {eop(Expr::Op::add, {ev(0), en(1)})}, {atom(a, {var(0)})});
  REQUIRE(b.finish());
  auto start = std::chrono::steady_clock::now();
  sinew::engine::Database db(b.program);
  auto stop = sinew::engine::evaluate(b.program, db, Limits{0.2, 0});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(stop);
  CHECK(stop->reason == Stop::Reason::time_limit);
  CHECK_THAT(stop->message, Catch::Contains("time limit"));
  CHECK(seconds < 5);
}

TEST_CASE("an unsafe rule is refused, not crashed on", "[engine][errors]") {
  ProgramBuilder b;
  auto n = b.relation("n", 1);
  auto out = b.relation("out", 1);
  b.rule(out, {0}, {negated(n, {var(0)})});
  REQUIRE(b.finish());
  auto run = run_engine(b.program);
  REQUIRE(run.stop);
  CHECK(run.stop->reason == Stop::Reason::invalid_program);
  CHECK_THAT(run.stop->message, Catch::Contains("v0"));
}
