// The one reading of a comparison operator (engine/expression.hpp).
#include "engine/expression.hpp"

#include <catch2/catch.hpp>

using sinew::engine::holds_by_order;
using sinew::ir::CompareOp;

TEST_CASE("each comparison operator holds for the orders it names") {
  struct Row {
    CompareOp op;
    bool below, equal, above;  // holds when a < b, a == b, a > b
  };
  const Row rows[] = {{CompareOp::eq, false, true, false}, {CompareOp::ne, true, false, true},
                      {CompareOp::lt, true, false, false}, {CompareOp::le, true, true, false},
                      {CompareOp::gt, false, false, true}, {CompareOp::ge, false, true, true}};
  for (const Row& row : rows) {
    INFO(static_cast<int>(row.op));
    CHECK(holds_by_order(row.op, -1) == row.below);
    CHECK(holds_by_order(row.op, -7) == row.below);  // any negative order, not only -1
    CHECK(holds_by_order(row.op, 0) == row.equal);
    CHECK(holds_by_order(row.op, 1) == row.above);
    CHECK(holds_by_order(row.op, 42) == row.above);
  }
}
