// ir::Facts keeps facts in runs: whatever the order of relations and origins, reading
// them back (in order, or by index) gives what was added.
#include "ir/facts.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <vector>

using namespace sinew::ir;

namespace {

constexpr OriginId no_origin = 0xffffffffu;

// The facts as read back, one by one and by index: both must be `added`.
void check_reads_back(const Facts& facts, const std::vector<Fact>& added) {
  REQUIRE(facts.size() == added.size());
  std::size_t i = 0;
  for (FactRef fact : facts) {
    REQUIRE(i < added.size());
    CHECK(fact.relation == added[i].relation);
    CHECK(fact.origin == added[i].origin);
    CHECK(std::vector<Value>(fact.values.begin(), fact.values.end()) == added[i].values);
    ++i;
  }
  CHECK(i == added.size());
  for (std::size_t j = 0; j < added.size(); ++j) {
    FactRef fact = facts[j];
    CHECK(fact.relation == added[j].relation);
    CHECK(fact.origin == added[j].origin);
    CHECK(std::vector<Value>(fact.values.begin(), fact.values.end()) == added[j].values);
  }
}

}  // namespace

TEST_CASE("facts of one relation with counting origins read back as added", "[ir][facts]") {
  Facts facts;
  std::vector<Fact> added;
  for (OriginId o = 10; o < 20; ++o) added.push_back(Fact{3, {o, o * 2}, o});
  for (const Fact& fact : added) facts.push_back(fact);
  check_reads_back(facts, added);
}

TEST_CASE("facts that share an origin, or have none, read back as added", "[ir][facts]") {
  Facts facts;
  std::vector<Fact> added = {
      {1, {7}, 4},         {1, {8}, 4},         {1, {9}, 4},   // one origin for three
      {1, {1}, no_origin}, {1, {2}, no_origin},                // none
      {1, {3}, 5},         {1, {4}, 6},         {1, {5}, 8},   // counting, then a gap
      {2, {}, 9},          {2, {}, 10},                        // no columns
      {1, {6}, 11},        {2, {}, 12},         {1, {7}, 13},  // relations alternate
  };
  for (const Fact& fact : added) facts.push_back(fact);
  check_reads_back(facts, added);
}

TEST_CASE("random facts read back as added", "[ir][facts]") {
  std::mt19937 random(7);
  auto pick = [&](std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(random);
  };
  Facts facts;
  std::vector<Fact> added;
  OriginId origin = 0;
  for (int i = 0; i < 5000; ++i) {
    RelationId relation = pick(3);
    Fact fact{relation, std::vector<Value>(relation, pick(100)), no_origin};
    switch (pick(4)) {
      case 0: fact.origin = no_origin; break;
      case 1: fact.origin = origin; break;
      default: fact.origin = ++origin; break;
    }
    added.push_back(fact);
    facts.push_back(fact);
  }
  check_reads_back(facts, added);
}

TEST_CASE("a fact added for filling in holds what is written into it", "[ir][facts]") {
  Facts facts;
  std::span<Value> place = facts.add(0, 3, 1);
  REQUIRE(place.size() == 3);
  place[0] = 5;
  place[1] = 6;
  place[2] = 7;
  facts.add(0, 3, 2)[1] = 9;
  check_reads_back(facts, {{0, {5, 6, 7}, 1}, {0, {0, 9, 0}, 2}});
}

TEST_CASE("a fact added again from the table's own values is copied whole", "[ir][facts]") {
  Facts facts;
  std::vector<Fact> added;
  facts.push_back(Fact{0, {1, 2, 3}, 0});
  added.push_back(Fact{0, {1, 2, 3}, 0});
  for (int i = 0; i < 100; ++i) {  // the values move as the table grows
    FactRef first = facts[0];
    facts.add(first.relation, first.values, first.origin);
    added.push_back(added.front());
  }
  check_reads_back(facts, added);
}
