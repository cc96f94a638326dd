// Aggregates: the variables of the braces that are bound outside group the aggregate,
// the others are local to it; the result is a fresh variable of the right type.

#include "semantics/compile_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew;
using test::compile_clean;

namespace {

const ir::Literal& only_aggregate(const ir::Rule& rule) {
  auto it = std::find_if(rule.body.begin(), rule.body.end(),
                         [](const auto& l) { return l.kind == ir::Literal::Kind::aggregate; });
  REQUIRE(it != rule.body.end());
  REQUIRE(it->aggregate.size() == 1);
  return *it;
}

ir::VariableId variable_named(const ir::Rule& rule, std::string_view name) {
  auto it = std::find(rule.variables.begin(), rule.variables.end(), name);
  INFO("variable " << name);
  REQUIRE(it != rule.variables.end());
  return static_cast<ir::VariableId>(it - rule.variables.begin());
}

}  // namespace

TEST_CASE("a grouped count shares the group variable with the outer body",
          "[semantics][aggregates]") {
  auto program = compile_clean(R"(.decl edge(x: number, y: number)
.decl node(x: number)
.decl degree(x: number, n: number)
.input edge, node
.output degree
degree(x, n) :- node(x), n = count : { edge(x, _) }.
)",
                               "degree.dl");
  auto rules = test::rules_for(program, "degree");
  REQUIRE(rules.size() == 1);
  const ir::Rule& rule = *rules[0];
  const ir::Aggregate& count = only_aggregate(rule).aggregate.front();
  CHECK(count.op == ir::AggregateOp::count);
  CHECK_FALSE(count.target.has_value());
  REQUIRE(count.body.size() == 1);
  const ir::AtomRef& edge = count.body[0].atom;
  CHECK(edge.relation == test::relation_id(program, "edge"));
  // The `x` inside the braces is the outer `x`: it groups the count.
  REQUIRE(edge.args[0].kind == ir::Argument::Kind::variable);
  CHECK(edge.args[0].variable == variable_named(rule, "x"));
  CHECK(edge.args[1].kind == ir::Argument::Kind::wildcard);
  // The count's result is a number, and `n` is bound to it.
  CHECK(rule.head_args[1].type == ir::BaseType::number);
  CHECK(program.relations[rule.head].columns[1].type.base == ir::BaseType::number);
}

TEST_CASE("sum, min, max and mean keep their target, and mean is a float", "[semantics][aggregates]") {
  auto program = compile_clean(R"(.decl weight(who: symbol, w: number)
.decl who(x: symbol)
.decl total(x: symbol, s: number)
.decl lightest(x: symbol, m: number)
.decl heaviest(m: number)
.decl average(m: float)
.input weight
.output total, lightest, heaviest, average
who(x) :- weight(x, _).
total(x, s) :- who(x), s = sum w : { weight(x, w) }.
lightest(x, m) :- who(x), m = min w : weight(x, w).
heaviest(m) :- m = max(w) : { weight(_, w) }.
average(m) :- m = mean w : { weight(_, w) }.
)",
                               "weights.dl");
  struct Expected {
    const char* relation;
    ir::AggregateOp op;
    ir::BaseType result;
  };
  for (Expected e : {Expected{"total", ir::AggregateOp::sum, ir::BaseType::number},
                     Expected{"lightest", ir::AggregateOp::min, ir::BaseType::number},
                     Expected{"heaviest", ir::AggregateOp::max, ir::BaseType::number},
                     Expected{"average", ir::AggregateOp::mean, ir::BaseType::floating}}) {
    INFO(e.relation);
    auto rules = test::rules_for(program, e.relation);
    REQUIRE(rules.size() == 1);
    const ir::Aggregate& aggregate = only_aggregate(*rules[0]).aggregate.front();
    CHECK(aggregate.op == e.op);
    REQUIRE(aggregate.target.has_value());
    CHECK(aggregate.target->op == ir::Expr::Op::variable);
    CHECK(rules[0]->head_args.back().type == e.result);
  }
}

TEST_CASE("an aggregate's local variable is not one of the rule's outer variables",
          "[semantics][aggregates]") {
  auto program = compile_clean(R"(input has(f: symbol)
output findings(n: number)
findings(N) :- N = count : { has(F), F != "none" }.
)");
  const ir::Rule& rule = *test::rules_for(program, "findings")[0];
  const ir::Aggregate& count = only_aggregate(rule).aggregate.front();
  ir::VariableId f = variable_named(rule, "F");
  CHECK(count.body[0].atom.args[0].variable == f);
  // Nothing outside the braces mentions F.
  for (const ir::Literal& literal : rule.body) {
    if (literal.kind == ir::Literal::Kind::positive) {
      for (const ir::Argument& arg : literal.atom.args)
        CHECK(arg.variable != f);
    }
  }
}
