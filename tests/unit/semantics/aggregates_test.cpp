// Aggregates: the variables of the braces that are bound outside group the aggregate,
// the others are local to it; the result is a fresh variable of the right type.

#include "unit/semantics/compile_helpers.hpp"

#include "ir/plan.hpp"

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

TEST_CASE("sum, min, max and mean keep their target, and mean is a float",
          "[semantics][aggregates]") {
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
      for (const ir::Argument& arg : literal.atom.args) CHECK(arg.variable != f);
    }
  }
}

TEST_CASE("a variable outside only as the aggregate's result is local to the braces",
          "[semantics][aggregates]") {
  // Issue 20 item 2: nothing but the count itself gives the outer `x` a value, so the
  // `x` inside is the count's own (as in Soufflé), and the count groups by nothing.
  auto program = compile_clean(R"(.decl e(a: number, b: number)
.decl p(x: number)
.input e
.output p
p(x) :- x = count : { e(x, _) }.
)",
                               "result.dl");
  const ir::Rule& rule = *test::rules_for(program, "p")[0];
  const ir::Literal& literal = only_aggregate(rule);
  const ir::Aggregate& count = literal.aggregate.front();
  REQUIRE(count.body.size() == 1);
  REQUIRE(rule.head_args[0].op == ir::Expr::Op::variable);
  ir::VariableId inner = count.body[0].atom.args[0].variable;
  CHECK(inner != rule.head_args[0].variable);
  CHECK(ir::grouping_variables(literal, ir::count_occurrences(rule)).empty());
  // Printed as written, not with the aggregate twice (`count : {..} = count : {..}`).
  CHECK(test::printed_rules(program, "p") ==
        std::vector<std::string>{"p(x) :- x = count : { e(x, _) }."});
}

TEST_CASE("an aggregate nested in braces is grouped by a variable of those braces",
          "[semantics][aggregates]") {
  auto program = compile_clean(R"(.decl s(a: number, b: number)
.decl o(n: number)
.input s
.output o
o(n) :- n = count : { s(x, _), 1 < count : { s(x, _y) } }.
)",
                               "nested.dl");
  const ir::Rule& rule = *test::rules_for(program, "o")[0];
  const ir::Aggregate& outer = only_aggregate(rule).aggregate.front();
  auto inner_it = std::find_if(outer.body.begin(), outer.body.end(), [](const auto& l) {
    return l.kind == ir::Literal::Kind::aggregate;
  });
  REQUIRE(inner_it != outer.body.end());
  const ir::Aggregate& inner = inner_it->aggregate.front();
  ir::VariableId outer_x = outer.body[0].atom.args[0].variable;
  CHECK(inner.body[0].atom.args[0].variable == outer_x);
  auto grouping = ir::grouping_variables(*inner_it, ir::count_occurrences(rule));
  CHECK(grouping == std::vector<ir::VariableId>{outer_x});
}
