#include "unit/program_text.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "query/answers.hpp"
#include "query/demand.hpp"

#include <catch2/catch.hpp>

using namespace sinew;

namespace {

// The sorted tuples of `relation` after evaluating `program`.
std::vector<std::vector<ir::Value>> contents(const ir::Program& program, const std::string& name) {
  engine::Database database(program);
  REQUIRE_FALSE(engine::evaluate(program, database).has_value());
  auto id = program.find_relation(name);
  REQUIRE(id.has_value());
  return database.sorted(*id);
}

std::size_t total_derived(const ir::Program& program) {
  engine::Database database(program);
  REQUIRE_FALSE(engine::evaluate(program, database).has_value());
  std::size_t total = 0;
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) total += database.size(r);
  return total;
}

// Checks that the rewrite happens and changes no answer of `target`.
void check_same_answers(const std::string& text, const std::string& target) {
  ir::Program program = testing::compile_text(text, "demand.dl");
  ir::Program rewritten = program;
  auto id = *program.find_relation(target);
  REQUIRE(query::demand_transform(rewritten, std::span(&id, 1)));
  CHECK(contents(rewritten, target) == contents(program, target));
}

const char* chain_with_an_island = R"(
.decl edge(x: number, y: number)
.decl path(x: number, y: number)
.decl reach1(y: number)
edge(1, 2). edge(2, 3). edge(3, 4).
edge(10, 11). edge(11, 12). edge(12, 13). edge(13, 10).
path(x, y) :- edge(x, y).
path(x, y) :- path(x, z), edge(z, y).
reach1(y) :- path(1, y).
)";

}  // namespace

TEST_CASE("a bound use is computed only for what it reaches") {
  ir::Program program = testing::compile_text(chain_with_an_island, "demand.dl");
  ir::Program rewritten = program;
  auto reach1 = *program.find_relation("reach1");
  REQUIRE(query::demand_transform(rewritten, std::span(&reach1, 1)));
  CHECK(contents(rewritten, "reach1") == contents(program, "reach1"));
  CHECK(contents(rewritten, "reach1").size() == 3);
  // The island's 16 paths are never computed.
  CHECK(total_derived(rewritten) < total_derived(program));
}

TEST_CASE("nothing is rewritten when no use binds an argument") {
  ir::Program program = testing::compile_text(R"(
.decl e(x: number, y: number)
.decl t(x: number, y: number)
e(1, 2).
t(x, y) :- e(x, y).
t(x, y) :- t(x, z), e(z, y).
)",
                                              "demand.dl");
  auto t = *program.find_relation("t");
  CHECK_FALSE(query::demand_transform(program, std::span(&t, 1)));
}

TEST_CASE("the rewrite keeps the answers of programs with negation, aggregates and arithmetic") {
  check_same_answers(R"(
.decl e(x: number, y: number)
.decl blocked(x: number)
.decl t(x: number, y: number)
.decl free_from_2(y: number)
e(1, 2). e(2, 3). e(3, 4). e(2, 5). e(5, 6). blocked(5).
t(x, y) :- e(x, y), !blocked(y).
t(x, y) :- t(x, z), e(z, y), !blocked(y).
free_from_2(y) :- t(2, y).
)",
                     "free_from_2");
  check_same_answers(R"(
.decl e(x: number, y: number)
.decl t(x: number, y: number)
.decl n(y: number, k: number)
e(1, 2). e(2, 3). e(3, 1). e(3, 4).
t(x, y) :- e(x, y).
t(x, y) :- t(x, z), e(z, y).
n(y, k) :- t(3, y), k = count : { e(y, _) }.
)",
                     "n");
  check_same_answers(R"(
.decl step(x: number, y: number)
.decl far(x: number, y: number, d: number)
.decl from_zero(y: number, d: number)
step(0, 1). step(1, 2). step(2, 3). step(7, 8).
far(x, y, 1) :- step(x, y).
far(x, y, d + 1) :- far(x, z, d), step(z, y), d < 10.
from_zero(y, d) :- far(0, y, d).
)",
                     "from_zero");
}

TEST_CASE("a query that binds a constant is answered by demand") {
  ir::Program program = testing::compile_text(chain_with_an_island, "demand.dl");
  ir::Query query;
  query.text = "?- path(1, y).";
  query.variables = {"y"};
  query.answer_variables = {0};
  query.answer_types = {program.relations[*program.find_relation("path")].columns[1].type};
  ir::Literal literal;
  literal.kind = ir::Literal::Kind::positive;
  literal.atom.relation = *program.find_relation("path");
  literal.atom.args = {{ir::Argument::Kind::constant, ir::none, 1},
                       {ir::Argument::Kind::variable, 0, 0}};
  query.alternatives = {{literal}};
  const ir::Query* queries[] = {&query};
  query::Prepared prepared = query::prepare(program, queries);
  CHECK(prepared.program.find_relation("path@bf").has_value());
  engine::Database database(prepared.program);
  REQUIRE_FALSE(engine::evaluate(prepared.program, database).has_value());
  auto table = query::answers(prepared, 0, query, database);
  CHECK(table.rows.size() == 3);
}
