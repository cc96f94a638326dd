// Lowering clauses to IR rules: one rule per head and per `;` alternative, arguments
// that are expressions become `T = expr` bindings, facts are folded to values.

#include "unit/semantics/compile_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew;
using test::compile_clean;
using test::printed_rules;
using test::rules_for;
using Strings = std::vector<std::string>;

TEST_CASE("semicolon alternatives give one rule each, with one origin", "[semantics][rules]") {
  auto program = compile_clean(R"(input a(x: number)
input b(x: number)
input c(x: number)
output q(x: number)
rule either
  @assumption "an example"
  q(X) :- a(X), (b(X) ; c(X)), X > 1.
)");
  CHECK(printed_rules(program, "q") ==
        Strings{"q(X) :- a(X), b(X), X > 1.", "q(X) :- a(X), c(X), X > 1."});
  auto rules = rules_for(program, "q");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0]->origin == rules[1]->origin);
  ir::OriginView origin = program.origins[rules[0]->origin];
  CHECK(origin.rule_name == "either");
  CHECK(origin.line == 5);
  CHECK(Strings(origin.assumptions.begin(), origin.assumptions.end()) == Strings{"an example"});
}

TEST_CASE("alternatives multiply out: two groups of two give four rules", "[semantics][rules]") {
  auto program = compile_clean(R"(input a(x: number)
input b(x: number)
output q(x: number)
q(X) :- (a(X) ; b(X)), (X > 1 ; X < -1).
)");
  CHECK(printed_rules(program, "q") == Strings{"q(X) :- a(X), X > 1.", "q(X) :- a(X), X < -1.",
                                               "q(X) :- b(X), X > 1.", "q(X) :- b(X), X < -1."});
}

TEST_CASE("a top-level semicolon splits the body", "[semantics][rules]") {
  auto program = compile_clean(R"(input a(x: number)
input b(x: number)
output q(x: number)
q(X) :- a(X), X > 0 ; b(X).
)");
  CHECK(printed_rules(program, "q") == Strings{"q(X) :- a(X), X > 0.", "q(X) :- b(X)."});
}

TEST_CASE("several heads give one rule per head, with the same body", "[semantics][rules]") {
  auto program = compile_clean(R"(input has(f: symbol)
output advise(r: symbol)
output reach(l: number)
reach(3), advise("rest"), advise(F) :- has(F).
)");
  CHECK(printed_rules(program, "reach") == Strings{"reach(3) :- has(F)."});
  CHECK(printed_rules(program, "advise") ==
        Strings{"advise(\"rest\") :- has(F).", "advise(F) :- has(F)."});
}

TEST_CASE("an expression in a body atom is bound to a fresh variable first", "[semantics][rules]") {
  auto program = compile_clean(R"(input p(x: number)
output next(x: number)
next(X) :- p(X), p(X + 1).
)");
  auto rules = rules_for(program, "next");
  REQUIRE(rules.size() == 1);
  const ir::Rule& rule = *rules[0];
  // p(X), T = X + 1, p(T): the binding comes right before the atom that reads it.
  REQUIRE(rule.body.size() == 3);
  CHECK(rule.body[0].kind == ir::Literal::Kind::positive);
  const ir::Literal& binding = rule.body[1];
  CHECK(binding.kind == ir::Literal::Kind::comparison);
  CHECK(binding.op == ir::CompareOp::eq);
  REQUIRE(binding.lhs.op == ir::Expr::Op::variable);
  CHECK(binding.rhs.op == ir::Expr::Op::add);
  const ir::Literal& atom = rule.body[2];
  CHECK(atom.kind == ir::Literal::Kind::positive);
  REQUIRE(atom.atom.args.size() == 1);
  CHECK(atom.atom.args[0].kind == ir::Argument::Kind::variable);
  CHECK(atom.atom.args[0].variable == binding.lhs.variable);
  CHECK(atom.atom.args[0].variable != rule.body[0].atom.args[0].variable);
}

TEST_CASE("an expression in a head is kept as an expression", "[semantics][rules]") {
  auto program = compile_clean(R"(.decl a(n: number)
.output a
a(0).
a(n + 1) :- a(n), n < 10.
)",
                               "counter.dl");
  auto rules = rules_for(program, "a");
  REQUIRE(rules.size() == 1);
  REQUIRE(rules[0]->head_args.size() == 1);
  CHECK(rules[0]->head_args[0].op == ir::Expr::Op::add);
  CHECK(rules[0]->body.size() == 2);
}

TEST_CASE("facts are folded to values, and constants keep their type", "[semantics][rules]") {
  auto program = compile_clean(R"(relation n(x: number)
relation f(x: float)
relation s(x: symbol)
n(1 + 2). n(-4 * 2). n(0x10). n(0b101).
f(2). f(-0.5).
s(chest_pain). s("chest pain").
query q ?- n(A), f(B), s(C).
)");
  CHECK(test::facts_of(program, "n") == std::vector<Strings>{{"-8"}, {"16"}, {"3"}, {"5"}});
  CHECK(test::facts_of(program, "f") == std::vector<Strings>{{"-0.5"}, {"2"}});
  CHECK(test::facts_of(program, "s") ==
        std::vector<Strings>{{"\"chest pain\""}, {"\"chest_pain\""}});
}

TEST_CASE("an entity, its quoted name and a symbol are one value", "[semantics][rules]") {
  auto program = compile_clean(R"(kind finding
finding chest_pain.
input has(f: finding)
output urgent(f: symbol)
urgent(chest_pain) :- has(chest_pain).
urgent("chest_pain") :- has("chest_pain").
)");
  auto rules = rules_for(program, "urgent");
  REQUIRE(rules.size() == 2);
  ir::Value value = test::symbol(program, "chest_pain");
  for (const ir::Rule* rule : rules) {
    CHECK(rule->head_args[0].op == ir::Expr::Op::constant);
    CHECK(rule->head_args[0].constant == value);
    REQUIRE(rule->body.size() == 1);
    CHECK(rule->body[0].atom.args[0].kind == ir::Argument::Kind::constant);
    CHECK(rule->body[0].atom.args[0].constant == value);
  }
}

TEST_CASE("an edge is one fact per pair of its ends", "[semantics][rules]") {
  auto program = compile_clean(R"(kind condition
kind symptom
condition flu, lupus.
symptom soreness, spasm.
relation may_cause(c: condition, s: symptom)
flu, lupus may_cause soreness, spasm.
query q ?- may_cause(C, S).
)");
  CHECK(test::facts_of(program, "may_cause") == std::vector<Strings>{{"\"flu\"", "\"soreness\""},
                                                                     {"\"flu\"", "\"spasm\""},
                                                                     {"\"lupus\"", "\"soreness\""},
                                                                     {"\"lupus\"", "\"spasm\""}});
}

TEST_CASE("a variable takes the type of the first column it fills", "[semantics][rules]") {
  auto program = compile_clean(R"(input p(x: number, y: symbol)
output q(y: symbol, n: number)
q(Y, N) :- p(X, Y), N = X * 2.
)");
  auto rules = rules_for(program, "q");
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]->head_args[0].type == ir::BaseType::symbol);
  CHECK(rules[0]->head_args[1].type == ir::BaseType::number);
  CHECK(rules[0]->variables.size() >= 3);
}
