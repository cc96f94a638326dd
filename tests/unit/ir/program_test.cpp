// Lookups on the IR: the relations a rule body reads.
#include "ir/program.hpp"

#include <catch2/catch.hpp>

using namespace sinew::ir;

namespace {

Literal atom(Literal::Kind kind, RelationId relation) {
  Literal literal;
  literal.kind = kind;
  literal.atom.relation = relation;
  return literal;
}

}  // namespace

TEST_CASE("a body reads its atoms, negated ones and those inside aggregates, in order",
          "[ir][program]") {
  Literal comparison;
  comparison.kind = Literal::Kind::comparison;
  Literal counted;
  counted.kind = Literal::Kind::aggregate;
  counted.aggregate.emplace_back();
  counted.aggregate.front().body = {atom(Literal::Kind::positive, 3),
                                    atom(Literal::Kind::negative, 4)};
  std::vector<Literal> body = {atom(Literal::Kind::positive, 1), comparison,
                               atom(Literal::Kind::negative, 2), counted,
                               atom(Literal::Kind::positive, 1)};
  std::vector<RelationId> read = {7};  // added to, not replaced
  add_relations_read(body, read);
  CHECK(read == std::vector<RelationId>{7, 1, 2, 3, 4, 1});
}
