// The printed IR (`sinew dump --stage=ir|plan`).
#include "unit/engine/program_builder.hpp"

#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <catch2/catch.hpp>

using namespace sinew::testing;

TEST_CASE("prints relations, facts, strata, rules and plans", "[ir][printer]") {
  ProgramBuilder b;
  auto edge = b.relation("edge", 2);
  auto path = b.relation("path", 2);
  auto named = b.relation("named", {BaseType::symbol});
  b.program.relations[edge].load_facts = true;
  b.program.relations[path].output = true;
  b.fact_numbers(edge, {1, -2});
  b.fact(named, {b.symbol("say \"hi\"")});
  b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
  b.rule(path, {0, 1},
         {atom(path, {var(0), var(2)}), atom(edge, {var(2), var(1)}),
          compare(ev(0), CompareOp::ne, en(3))});
  REQUIRE(b.finish());
  b.program.rules[1].variables = {"x", "y", "z"};
  plan(b.program);
  std::string text = print(b.program);
  CHECK(text ==
        "relation edge(c0: number, c1: number) input=\"edge.facts\"\n"
        "relation path(c0: number, c1: number) output\n"
        "relation named(c0: symbol)\n"
        "fact edge(1, -2)\n"
        "fact named(\"say \\\"hi\\\"\")\n"
        "stratum 0: edge\n"
        "stratum 1 recursive: path\n"
        "  rule 0: path(v0, v1) :- edge(v0, v1).\n"
        "    plan: edge(v0, v1)\n"
        "  rule 1: path(x, y) :- path(x, z), edge(z, y), x != 3.\n"
        "    plan delta=0: path(x, z)*, x != 3, edge(z, y)\n"
        "stratum 2: named\n");
  CHECK(print(b.program, PrintOptions{false, false}).find("plan") == std::string::npos);
}

TEST_CASE("prints aggregates and expressions", "[ir][printer]") {
  ProgramBuilder b;
  auto v = b.relation("v", 2);
  auto out = b.relation("out", 2);
  b.rule_expr(out, {ev(0), eop(Expr::Op::mul, {ev(1), en(2)})},
              {aggregate(AggregateOp::sum, 1, ev(2), {atom(v, {var(0), var(2)})}),
               atom(v, {var(0), wild()})});
  REQUIRE(b.finish());
  CHECK(print_rule(b.program, b.program.rules[0]) ==
        "out(v0, (v1 * 2)) :- v1 = sum v2 : { v(v0, v2) }, v(v0, _).");
}

TEST_CASE("prints a symbol with a carriage return escaped, as the source reads it",
          "[ir][printer]") {
  ProgramBuilder b;
  auto named = b.relation("named", {BaseType::symbol});
  b.fact(named, {b.symbol("line\r\nnext\tend")});
  REQUIRE(b.finish());
  std::string text = print(b.program, PrintOptions{false, true});
  CHECK(text.find("fact named(\"line\\r\\nnext\\tend\")\n") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}
