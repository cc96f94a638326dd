// The Gene Ontology closure: a real hierarchy with a known answer.
#include "unit/engine/program_builder.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "engine/facts_io.hpp"

#include <catch2/catch.hpp>
#include <skip.hpp>

#include <filesystem>

using namespace sinew::testing;
namespace engine = sinew::engine;

TEST_CASE("transitive closure of the Gene Ontology parents", "[engine][go]") {
  const std::string path = SINEW_SOURCE_DIR "/../shared/data/go/go_parents.tsv";
  if (!std::filesystem::exists(path)) SINEW_SKIP(path << " is absent");
  // parent(child, relation, parent)   (relation: `isa`, `part of`, ...)
  // ancestor(x, y) :- parent(x, _, y).
  // ancestor(x, z) :- ancestor(x, y), parent(y, _, z).
  // isa_ancestor(x, y) :- parent(x, "isa", y).
  // isa_ancestor(x, z) :- isa_ancestor(x, y), parent(y, "isa", z).
  ProgramBuilder b;
  auto parent = b.relation("parent", {BaseType::symbol, BaseType::symbol, BaseType::symbol});
  auto ancestor = b.relation("ancestor", {BaseType::symbol, BaseType::symbol});
  auto isa = b.relation("isa_ancestor", {BaseType::symbol, BaseType::symbol});
  Value isa_symbol = b.symbol("isa");
  b.rule(ancestor, {0, 1}, {atom(parent, {var(0), wild(), var(1)})});
  b.rule(ancestor, {0, 2},
         {atom(ancestor, {var(0), var(1)}), atom(parent, {var(1), wild(), var(2)})});
  b.rule(isa, {0, 1}, {atom(parent, {var(0), cst(isa_symbol), var(1)})});
  b.rule(isa, {0, 2},
         {atom(isa, {var(0), var(1)}), atom(parent, {var(1), cst(isa_symbol), var(2)})});
  REQUIRE(b.finish());
  engine::Database db(b.program);
  auto read = engine::read_facts_file(db, parent, path);
  REQUIRE(read.ok());
  CHECK(*read == 85716);
  REQUIRE_FALSE(engine::evaluate(b.program, db));
  CHECK(db.size(ancestor) == 791949);
  CHECK(db.size(isa) == 528255);
}
