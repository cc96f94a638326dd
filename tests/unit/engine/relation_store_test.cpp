// RelationStore: its semi-naive marks move only when the driver says so, and a dropped
// de-duplication set comes back only when asked for (or by an insert).
#include "engine/relation_store.hpp"
#include "unit/engine/engine_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew::testing;
namespace engine = sinew::engine;

namespace {

void insert_numbers(engine::RelationStore& store, std::int64_t from, std::int64_t to) {
  for (std::int64_t n = from; n < to; ++n) {
    Value value = static_cast<Value>(n);
    store.insert(&value);
  }
}

}  // namespace

TEST_CASE("the semi-naive marks move by start_rounds and advance_round only", "[engine][store]") {
  engine::RelationStore store(1);
  insert_numbers(store, 0, 3);
  CHECK(store.stable_end() == 0);
  CHECK(store.recent_end() == 0);
  CHECK_FALSE(store.has_recent());

  store.start_rounds();  // everything known so far is recent
  CHECK(store.stable_end() == 0);
  CHECK(store.recent_end() == 3);
  CHECK(store.has_recent());

  insert_numbers(store, 3, 5);  // a round adds rows: to-add, not recent yet
  CHECK(store.recent_end() == 3);
  store.advance_round();
  CHECK(store.stable_end() == 3);
  CHECK(store.recent_end() == 5);
  CHECK(store.has_recent());

  store.advance_round();  // a round that added nothing: no delta, the rounds end
  CHECK(store.stable_end() == 5);
  CHECK(store.recent_end() == 5);
  CHECK_FALSE(store.has_recent());

  store.clear();
  CHECK(store.stable_end() == 0);
  CHECK(store.recent_end() == 0);
}

TEST_CASE("a dropped set is built again by restore_set or by an insert", "[engine][store]") {
  engine::RelationStore store(1);
  insert_numbers(store, 0, 100);
  Value present = 42, absent = 1000;
  REQUIRE(store.has_set());

  store.drop_set();
  CHECK_FALSE(store.has_set());
  CHECK(store.size() == 100);  // the rows stay
  store.restore_set();
  CHECK(store.has_set());
  CHECK(store.find(&present) == 42);
  CHECK(store.find(&absent) == engine::no_row);

  store.drop_set();
  CHECK_FALSE(store.insert(&present).is_new);  // still de-duplicated
  CHECK(store.has_set());
  CHECK(store.insert(&absent).is_new);
  CHECK(store.size() == 101);
}

TEST_CASE("dropping complete sets changes no result, and restore_sets brings them back",
          "[engine][store]") {
  // big(x) :- seed(x).              (stratum 1: big enough to have its set dropped)
  // copy(x) :- seed(x).             (the same, and never looked up)
  // small(x) :- probe(x), !big(x).  (stratum 2: looks rows of big up)
  ProgramBuilder b;
  auto seed = b.relation("seed", 1);
  auto big = b.relation("big", 1);
  auto copy = b.relation("copy", 1);
  auto probe = b.relation("probe", 1);
  auto small = b.relation("small", 1);
  const int rows = 5000;  // above engine::large_relation
  for (int i = 0; i < rows; ++i) b.fact_numbers(seed, {i});
  for (int i : {7, rows + 7}) b.fact_numbers(probe, {i});
  b.rule(big, {0}, {atom(seed, {var(0)})});
  b.rule(copy, {0}, {atom(seed, {var(0)})});
  b.rule(small, {0}, {atom(probe, {var(0)}), negated(big, {var(0)})});
  REQUIRE(b.finish());

  engine::Database kept(b.program), dropped(b.program);
  engine::EvalOptions drop;
  drop.drop_complete_sets = true;
  REQUIRE_FALSE(engine::evaluate(b.program, kept));
  REQUIRE_FALSE(engine::evaluate(b.program, dropped, {}, drop));
  CHECK(kept.store(copy).has_set());
  CHECK_FALSE(dropped.store(copy).has_set());
  // Binding the plan of `small` built the set of `big` again for its lookups.
  CHECK(dropped.store(big).has_set());
  CHECK(dropped.sorted(small) == kept.sorted(small));
  CHECK(dropped.sorted(small) == std::vector<std::vector<Value>>{{Value{rows + 7}}});

  dropped.restore_sets();
  CHECK(dropped.store(copy).has_set());
  Value seven = 7;
  CHECK(dropped.contains(copy, std::span(&seven, 1)));
}
