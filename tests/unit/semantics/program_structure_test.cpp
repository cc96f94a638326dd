// What else lowering puts in the program: strata in evaluation order, the two
// dialects' reading of names, directives, tests and queries, citations.

#include "unit/semantics/compile_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew;
using test::compile_clean;
using Strings = std::vector<std::string>;

namespace {

// The stratum that holds `name`.
std::size_t stratum_of(const ir::Program& program, std::string_view name) {
  ir::RelationId id = test::relation_id(program, name);
  for (std::size_t s = 0; s < program.strata.size(); ++s) {
    const auto& relations = program.strata[s].relations;
    if (std::find(relations.begin(), relations.end(), id) != relations.end()) return s;
  }
  FAIL("no stratum holds " << name);
  return 0;
}

}  // namespace

TEST_CASE("a negated or counted relation is complete in an earlier stratum",
          "[semantics][strata]") {
  auto program = compile_clean(R"(.decl edge(x: number, y: number)
.decl path(x: number, y: number)
.decl node(x: number)
.decl unreachable(x: number, y: number)
.decl reach_count(x: number, n: number)
.input edge
.output unreachable, reach_count
node(x) :- edge(x, _).
node(y) :- edge(_, y).
path(x, y) :- edge(x, y).
path(x, z) :- path(x, y), edge(y, z).
unreachable(x, y) :- node(x), node(y), !path(x, y).
reach_count(x, n) :- node(x), n = count : { path(x, _) }.
)",
                               "strata.dl");
  CHECK(stratum_of(program, "path") < stratum_of(program, "unreachable"));
  CHECK(stratum_of(program, "node") < stratum_of(program, "unreachable"));
  CHECK(stratum_of(program, "path") < stratum_of(program, "reach_count"));
  CHECK(program.strata[stratum_of(program, "path")].recursive);
  CHECK_FALSE(program.strata[stratum_of(program, "unreachable")].recursive);
}

TEST_CASE("in `.dl` every name in an atom is a variable, in `.sinew` only capitalised ones",
          "[semantics][dialect]") {
  auto souffle = compile_clean(R"(.decl p(x: symbol)
.decl q(x: symbol)
.input p
.output q
q(x) :- p(x).
)",
                               "copy.dl");
  const ir::Rule& copy = *test::rules_for(souffle, "q")[0];
  CHECK(copy.head_args[0].op == ir::Expr::Op::variable);
  CHECK(copy.body[0].atom.args[0].kind == ir::Argument::Kind::variable);

  auto sinew = compile_clean(R"(input p(x: symbol)
output q(x: symbol)
q(x) :- p(X), p(x), X != x.
)");
  const ir::Rule& constant = *test::rules_for(sinew, "q")[0];
  CHECK(constant.head_args[0].op == ir::Expr::Op::constant);
  CHECK(constant.head_args[0].constant == test::symbol(sinew, "x"));
  CHECK(constant.body[0].atom.args[0].kind == ir::Argument::Kind::variable);
  CHECK(constant.body[1].atom.args[0].kind == ir::Argument::Kind::constant);
}

TEST_CASE("directives set inputs, outputs, sizes, file names and delimiters",
          "[semantics][directives]") {
  auto program = compile_clean(R"(.decl e(x: number, y: number)
.decl f(x: number)
.decl g(x: number)
.input e(filename="edges.tsv", delimiter=",", IO=file)
.input f
.output g
.printsize f
g(x) :- e(x, _), f(x).
)",
                               "io.dl");
  const ir::Relation& e = program.relations[test::relation_id(program, "e")];
  const ir::Relation& f = program.relations[test::relation_id(program, "f")];
  const ir::Relation& g = program.relations[test::relation_id(program, "g")];
  CHECK(e.load_facts);
  CHECK(e.facts_file == "edges.tsv");
  CHECK(e.delimiter == ',');
  CHECK(f.load_facts);
  CHECK(f.facts_file == "f.facts");
  CHECK(f.delimiter == '\t');
  CHECK(f.print_size);
  CHECK(g.output);
  CHECK_FALSE(g.load_facts);
}

TEST_CASE("`input` and `output` of the knowledge-graph layer", "[semantics][directives]") {
  auto program = compile_clean(R"(input has(f: symbol)
output seen(f: symbol)
seen(F) :- has(F).
)");
  const ir::Relation& has = program.relations[test::relation_id(program, "has")];
  CHECK(has.case_input);
  CHECK_FALSE(has.load_facts);  // a case supplies it, not a facts file
  CHECK(program.relations[test::relation_id(program, "seen")].output);
}

TEST_CASE("a test keeps its givens and expectations, and `_` accepts any value",
          "[semantics][tests]") {
  auto program = compile_clean(R"(input has(f: symbol)
output seen(f: symbol, n: number)
seen(F, 1) :- has(F).
test "seen once" {
  given has("a"). has("b").
  expect seen("a", 1), seen("b", _).
  expect not seen("c", _).
}
)");
  REQUIRE(program.tests.size() == 1);
  const ir::TestCase& test_case = program.tests[0];
  CHECK(test_case.name == "seen once");
  REQUIRE(test_case.given.size() == 2);
  CHECK(test_case.given[1].values[0] == test::symbol(program, "b"));
  REQUIRE(test_case.expectations.size() == 3);
  CHECK_FALSE(test_case.expectations[0].negated);
  CHECK(test_case.expectations[0].args[1] == std::optional<ir::Value>(1));
  CHECK_FALSE(test_case.expectations[1].args[1].has_value());
  CHECK(test_case.expectations[2].negated);
  CHECK(program.origins[test_case.origin].line == 4);
}

TEST_CASE("a query's answers are its named variables, in order of appearance",
          "[semantics][queries]") {
  auto program = compile_clean(R"(input p(x: number, y: symbol)
?- p(N, Name), N > 2, p(_Skip, _), p(Other, Name).
query named ?- p(1, Y) ; p(2, Y).
)");
  REQUIRE(program.queries.size() == 2);
  const ir::Query& first = program.queries[0];
  Strings answers;
  for (ir::VariableId v : first.answer_variables) answers.push_back(first.variables[v]);
  CHECK(answers == Strings{"N", "Name", "Other"});
  CHECK(first.answer_types[1].base == ir::BaseType::symbol);
  CHECK(first.alternatives.size() == 1);
  const ir::Query& named = program.queries[1];
  CHECK(named.name == "named");
  CHECK(named.alternatives.size() == 2);
  REQUIRE(named.answer_variables.size() == 1);
  CHECK(named.variables[named.answer_variables[0]] == "Y");
}

TEST_CASE("citations and notes travel with the statement's origin", "[semantics][citations]") {
  auto program = compile_clean(
      R"(source leaflet "A leaflet" { text "Rest a sore muscle. Drink water." }
input has(f: symbol)
output advise(r: symbol)
rule rest
  @cite leaflet "Rest a sore muscle."
  @note "Also after exercise."
  advise("rest") :- has("soreness").
advise("water") :- has("cramp").
  @cite leaflet "Rest ... water."
)");
  auto rules = test::rules_for(program, "advise");
  REQUIRE(rules.size() == 2);
  ir::OriginView rest = program.origins[rules[0]->origin];
  CHECK(rest.rule_name == "rest");
  REQUIRE(rest.citations.size() == 1);
  CHECK(program.sources[rest.citations[0].source].id == "leaflet");
  CHECK(rest.citations[0].quote == "Rest a sore muscle.");
  CHECK(Strings(rest.notes.begin(), rest.notes.end()) == Strings{"Also after exercise."});
  ir::OriginView water = program.origins[rules[1]->origin];
  CHECK(water.rule_name.empty());
  CHECK(water.line == 8);
  CHECK(water.column == 1);
  CHECK(water.file == "test.sinew");
}

TEST_CASE("a program with an error gives no program, and reports every statement",
          "[semantics][errors]") {
  test::Compiled compiled = test::compile(R"(input p(x: number)
output q(x: number)
q(X) :- pp(X).
q(X) :- p(X, X).
q(_) :- p(_).
)");
  CHECK_FALSE(compiled.program.has_value());
  CHECK(compiled.codes() == Strings{"E0201@3:9", "E0401@4:9", "E0504@5:3"});
}
