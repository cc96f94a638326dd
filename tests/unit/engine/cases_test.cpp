// Case evaluation on hand-built programs: the split into base and case strata, the base
// evaluated once and never changed, cases isolated from each other, the same results
// as a whole evaluation.
#include "unit/engine/engine_helpers.hpp"

#include "engine/cases.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace sinew::testing;
namespace engine = sinew::engine;

namespace {

// A small triage shape, with a patient-free case:
//   subsumed(f, g) :- is_a(f, g).   subsumed(f, g) :- is_a(f, h), subsumed(h, g).
//   flagged(f) :- subsumed(f, g), flag(g).                         (base)
//   seen(f) :- has(f).   seen(g) :- has(f), subsumed(f, g).        (case)
//   alarm(f) :- seen(f), flagged(f), !calm().                      (case)
//   calm() :- has(f), f > 100.                                     (case)
//   total(n) :- n = count : { seen(_) }.                           (case)
//   mark(7).                                                        a fact of a case relation
struct Triage {
  ProgramBuilder b;
  RelationId is_a, flag, has, subsumed, flagged, seen, alarm, calm, total, mark;

  Triage() {
    is_a = b.relation("is_a", 2);
    flag = b.relation("flag", 1);
    has = b.relation("has", 1);
    subsumed = b.relation("subsumed", 2);
    flagged = b.relation("flagged", 1);
    seen = b.relation("seen", 1);
    alarm = b.relation("alarm", 1);
    calm = b.relation("calm", 0);
    total = b.relation("total", 1);
    mark = b.relation("mark", 1);
    b.program.relations[has].case_input = true;
    // A hierarchy: 1..30, each i > 1 below i / 2.
    for (int i = 2; i <= 30; ++i) b.fact_numbers(is_a, {i, i / 2});
    b.fact_numbers(flag, {3});
    b.fact_numbers(flag, {12});
    b.fact_numbers(mark, {7});
    b.rule(subsumed, {0, 1}, {atom(is_a, {var(0), var(1)})});
    b.rule(subsumed, {0, 1}, {atom(is_a, {var(0), var(2)}), atom(subsumed, {var(2), var(1)})});
    b.rule(flagged, {0}, {atom(subsumed, {var(0), var(1)}), atom(flag, {var(1)})});
    b.rule(seen, {0}, {atom(has, {var(0)})});
    b.rule(seen, {1}, {atom(has, {var(0)}), atom(subsumed, {var(0), var(1)})});
    b.rule(calm, {}, {atom(has, {var(0)}), compare(ev(0), CompareOp::gt, en(100))});
    b.rule(alarm, {0}, {atom(seen, {var(0)}), atom(flagged, {var(0)}), negated(calm, {})});
    b.rule(total, {0}, {aggregate(AggregateOp::count, 0, std::nullopt, {atom(seen, {wild()})})});
    b.rule(mark, {0}, {atom(has, {var(0)}), compare(ev(0), CompareOp::eq, en(7))});
    REQUIRE(b.finish());
  }

  std::vector<Value> numbers(std::initializer_list<std::int64_t> values) const {
    std::vector<Value> out;
    for (auto v : values) out.push_back(static_cast<Value>(v));
    return out;
  }
};

// Every relation of a database, as sets.
std::vector<std::vector<std::vector<Value>>> contents(const engine::Database& database) {
  std::vector<std::vector<std::vector<Value>>> out;
  for (RelationId r = 0; r < database.relation_count(); ++r) out.push_back(database.sorted(r));
  return out;
}

// The whole program evaluated from scratch for one case.
engine::Database from_scratch(const Program& program, RelationId input,
                              const std::vector<Value>& facts, bool provenance = false) {
  engine::Database database(program);
  if (provenance) database.enable_provenance();
  for (Value v : facts) database.insert(input, std::span<const Value>(&v, 1));
  REQUIRE_FALSE(engine::evaluate(program, database));
  return database;
}

}  // namespace

TEST_CASE("the split puts what reads a case input, and only that, in the case strata",
          "[engine][cases]") {
  Triage t;
  engine::CaseSplit split = engine::split_by_case(t.b.program);
  auto dependent = [&](RelationId r) { return static_cast<bool>(split.case_dependent[r]); };
  CHECK_FALSE(dependent(t.is_a));
  CHECK_FALSE(dependent(t.flag));
  CHECK_FALSE(dependent(t.subsumed));
  CHECK_FALSE(dependent(t.flagged));
  CHECK(dependent(t.has));
  CHECK(dependent(t.seen));
  CHECK(dependent(t.alarm));
  CHECK(dependent(t.calm));   // under `!`
  CHECK(dependent(t.total));  // through an aggregate
  CHECK(dependent(t.mark));   // a fact of it, and a rule reading `has`
  CHECK(split.base_strata.size() + split.case_strata.size() == t.b.program.strata.size());
  for (std::uint32_t s : split.base_strata) {
    for (RelationId r : t.b.program.strata[s].relations) CHECK_FALSE(dependent(r));
  }
  for (std::uint32_t s : split.case_strata) {
    for (RelationId r : t.b.program.strata[s].relations) CHECK(dependent(r));
  }
  CHECK(std::is_sorted(split.base_strata.begin(), split.base_strata.end()));
  CHECK(std::is_sorted(split.case_strata.begin(), split.case_strata.end()));
}

TEST_CASE("a relation read from facts files is base, and so is one no rule reaches from a case",
          "[engine][cases]") {
  ProgramBuilder b;
  auto edge = b.relation("edge", 2);
  auto path = b.relation("path", 2);
  auto start = b.relation("start", 1);
  auto reach = b.relation("reach", 1);
  b.program.relations[edge].load_facts = true;
  b.program.relations[start].case_input = true;
  b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
  b.rule(path, {0, 1}, {atom(path, {var(0), var(2)}), atom(edge, {var(2), var(1)})});
  b.rule(reach, {1}, {atom(start, {var(0)}), atom(path, {var(0), var(1)})});
  REQUIRE(b.finish());
  engine::CaseSplit split = engine::split_by_case(b.program);
  CHECK(split.case_relations == std::vector<RelationId>{start, reach});
  CHECK(split.case_strata.size() == 2);  // start's (it has no rules) and reach's

  // Facts read into the base before preparing take part, as in `evaluate`.
  engine::Database base(b.program);
  for (int i = 0; i < 5; ++i) base.insert(edge, std::vector<Value>{Value(i), Value(i + 1)});
  engine::CaseEvaluator evaluator(b.program);
  REQUIRE_FALSE(evaluator.prepare(std::move(base)));
  CHECK(evaluator.base().size(path) == 15);
  engine::CaseWorker worker(evaluator);
  Value two = 2;
  REQUIRE(worker.insert(start, std::span<const Value>(&two, 1)));
  REQUIRE_FALSE(worker.run());
  CHECK(worker.database().sorted(reach) == std::vector<std::vector<Value>>{{3}, {4}, {5}});
}

TEST_CASE("cases give what a whole evaluation gives, and the base never changes",
          "[engine][cases]") {
  Triage t;
  engine::CaseEvaluator evaluator(t.b.program);
  REQUIRE_FALSE(evaluator.prepare(engine::Database(t.b.program)));
  REQUIRE(evaluator.prepared());
  auto base_before = contents(evaluator.base());
  // Prepared: base relations complete, case relations empty.
  CHECK(evaluator.base().size(t.subsumed) > 0);
  for (RelationId r : evaluator.split().case_relations) CHECK(evaluator.base().size(r) == 0);

  engine::CaseWorker worker(evaluator);
  std::vector<std::vector<Value>> cases = {
      {}, {24}, {24, 25}, {7}, {200}, {24, 200}, {6, 7, 30}, {1}, {13, 26, 27, 28, 29, 30}, {24}};
  for (const auto& facts : cases) {
    worker.clear();
    for (Value v : facts) worker.insert(t.has, std::span<const Value>(&v, 1));
    REQUIRE_FALSE(worker.run());
    engine::Database expected = from_scratch(t.b.program, t.has, facts);
    for (RelationId r = 0; r < t.b.program.relations.size(); ++r) {
      INFO("relation " << t.b.program.relations[r].name << ", case of " << facts.size());
      CHECK(worker.database().sorted(r) == expected.sorted(r));
    }
  }
  // The base relations of the worker and of the evaluator are as prepared.
  CHECK(contents(evaluator.base()) == base_before);
  for (RelationId r = 0; r < t.b.program.relations.size(); ++r) {
    if (!evaluator.is_case_relation(r)) CHECK(worker.database().sorted(r) == base_before[r]);
  }
}

TEST_CASE("no fact of a case reaches the next one", "[engine][cases]") {
  Triage t;
  engine::CaseEvaluator evaluator(t.b.program);
  REQUIRE_FALSE(evaluator.prepare(engine::Database(t.b.program)));
  engine::CaseWorker worker(evaluator);
  auto insert = [&](std::int64_t v) {
    Value value = static_cast<Value>(v);
    return worker.insert(t.has, std::span<const Value>(&value, 1));
  };

  REQUIRE(insert(24));
  REQUIRE(insert(200));  // calm: no alarm
  REQUIRE_FALSE(worker.run());
  CHECK(worker.database().size(t.alarm) == 0);
  CHECK(worker.database().size(t.calm) == 1);

  // The first insert after a run starts a new case, even without clear().
  // 24 and what it is below (12, 6, 3, 1) are seen; those below a flag (3 or 12) alarm.
  REQUIRE(insert(24));
  REQUIRE_FALSE(worker.run());
  CHECK(worker.database().sorted(t.has) == std::vector<std::vector<Value>>{{24}});
  CHECK(worker.database().size(t.calm) == 0);
  CHECK(worker.database().sorted(t.alarm) == std::vector<std::vector<Value>>{{6}, {12}, {24}});
  // A second run without new facts changes nothing.
  REQUIRE_FALSE(worker.run());
  CHECK(worker.database().sorted(t.alarm) == std::vector<std::vector<Value>>{{6}, {12}, {24}});

  // clear(): an empty case still has the program's facts of case relations.
  worker.clear();
  REQUIRE_FALSE(worker.run());
  CHECK(worker.database().size(t.has) == 0);
  CHECK(worker.database().size(t.seen) == 0);
  CHECK(worker.database().sorted(t.total) == std::vector<std::vector<Value>>{{0}});
  CHECK(worker.database().sorted(t.mark) == std::vector<std::vector<Value>>{{7}});

  // A base relation takes no case facts.
  Value flag = 5;
  CHECK_FALSE(worker.insert(t.flag, std::span<const Value>(&flag, 1)));
  CHECK(worker.database().size(t.flag) == 2);
}

TEST_CASE("limits count one case, and a stopped case does not spoil the next", "[engine][cases]") {
  Triage t;
  engine::CaseEvaluator evaluator(t.b.program);
  REQUIRE_FALSE(evaluator.prepare(engine::Database(t.b.program)));
  engine::CaseWorker worker(evaluator);
  engine::Limits tight;
  tight.max_facts = 3;
  for (int round = 0; round < 3; ++round) {
    worker.clear();
    Value leaf = 24;
    worker.insert(t.has, std::span<const Value>(&leaf, 1));
    auto stop = worker.run(tight);
    REQUIRE(stop);
    CHECK(stop->reason == engine::Stop::Reason::fact_limit);
    CHECK(worker.run(tight)->reason == engine::Stop::Reason::fact_limit);  // the same answer
  }
  worker.clear();
  Value leaf = 24;
  worker.insert(t.has, std::span<const Value>(&leaf, 1));
  REQUIRE_FALSE(worker.run());
  engine::Database expected = from_scratch(t.b.program, t.has, {24});
  CHECK(worker.database().sorted(t.alarm) == expected.sorted(t.alarm));
}

TEST_CASE("a worker of an unprepared evaluator refuses to run", "[engine][cases]") {
  Triage t;
  engine::CaseEvaluator evaluator(t.b.program);
  engine::CaseWorker worker(evaluator);
  auto stop = worker.run();
  REQUIRE(stop);
  CHECK(stop->reason == engine::Stop::Reason::invalid_program);
  REQUIRE_FALSE(evaluator.prepare(engine::Database(t.b.program)));
  CHECK(evaluator.prepare(engine::Database(t.b.program))->reason ==
        engine::Stop::Reason::invalid_program);
}

TEST_CASE("provenance of a case: the heights of a whole evaluation, rules that derive the row",
          "[engine][cases][provenance]") {
  Triage t;
  engine::Database base(t.b.program);
  base.enable_provenance();
  engine::CaseEvaluator evaluator(t.b.program);
  REQUIRE_FALSE(evaluator.prepare(std::move(base)));
  engine::CaseWorker worker(evaluator);
  for (std::vector<Value> facts : {std::vector<Value>{24, 25}, {6, 7, 30}, {13}}) {
    worker.clear();
    for (Value v : facts) worker.insert(t.has, std::span<const Value>(&v, 1));
    REQUIRE_FALSE(worker.run());
    engine::Database expected = from_scratch(t.b.program, t.has, facts, true);
    for (RelationId r = 0; r < t.b.program.relations.size(); ++r) {
      const engine::Database& got = worker.database();
      REQUIRE(got.size(r) == expected.size(r));
      for (std::uint32_t row = 0; row < got.size(r); ++row) {
        auto mine = got.derivation(r, row);
        auto other = expected.derivation(r, *expected.find(r, got.row(r, row)));
        REQUIRE(mine);
        REQUIRE(other);
        INFO("relation " << t.b.program.relations[r].name);
        CHECK(mine->height == other->height);
        if (mine->rule == none) {
          CHECK(other->rule == none);
        } else {
          CHECK(t.b.program.rules[mine->rule].head == r);
        }
      }
    }
  }
}
