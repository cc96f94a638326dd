// ir::KindAncestry: a kind is a kind of itself and of every kind above it, never of
// one below or beside it; a cycle (possible only in a hand-made compiled file) ends.
#include "ir/kinds.hpp"

#include <catch2/catch.hpp>

using namespace sinew::ir;

namespace {

Kind kind(std::vector<std::uint32_t> parents) {
  Kind k;
  k.parents = std::move(parents);
  return k;
}

}  // namespace

TEST_CASE("a kind is a kind of itself and of its ancestors only", "[ir][kinds]") {
  // 0 finding; 1 symptom is a finding; 2 pain is a symptom; 3 sign is a finding.
  KindAncestry ancestry({kind({}), kind({0}), kind({1}), kind({0})});
  CHECK(ancestry.is_a(2, 2));
  CHECK(ancestry.is_a(2, 1));
  CHECK(ancestry.is_a(2, 0));
  CHECK_FALSE(ancestry.is_a(0, 2));
  CHECK_FALSE(ancestry.is_a(2, 3));
  CHECK_FALSE(ancestry.is_a(3, 1));
}

TEST_CASE("a kind that is not one of the kinds is a kind of nothing", "[ir][kinds]") {
  KindAncestry ancestry({kind({})});
  CHECK_FALSE(ancestry.is_a(none, none));
  CHECK_FALSE(ancestry.is_a(0, 1));
  CHECK_FALSE(ancestry.is_a(1, 0));
  CHECK_FALSE(KindAncestry().is_a(0, 0));
}

TEST_CASE("an is-a cycle does not loop", "[ir][kinds]") {
  KindAncestry ancestry({kind({1}), kind({0}), kind({})});
  CHECK(ancestry.is_a(0, 1));
  CHECK(ancestry.is_a(1, 0));
  CHECK_FALSE(ancestry.is_a(0, 2));
}
