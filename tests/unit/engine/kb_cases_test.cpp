// Case evaluation on the bundled knowledge base: random cases give exactly what a whole
// evaluation gives, the base stays as prepared, threads share one evaluator, and a
// worker in its steady state allocates nothing.
#include "unit/engine/allocation_counter.hpp"

#include "engine/cases.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"

#include <catch2/catch.hpp>
#include <skip.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <thread>

namespace engine = sinew::engine;
namespace ir = sinew::ir;
using ir::RelationId;
using ir::Value;

namespace {

const ir::Program& kb() {
  static const ir::Program program = [] {
    std::filesystem::current_path(SINEW_SOURCE_DIR);
    sinew::SourceMap sources;
    sinew::DiagnosticSink sink;
    auto modules = sinew::semantics::load_modules({"kb"}, sources, sink);
    auto compiled = sinew::semantics::compile(modules, sources, sink);
    INFO(sinew::render_all(sources, sink));
    REQUIRE(compiled.has_value());
    return std::move(*compiled);
  }();
  return program;
}

RelationId relation(const ir::Program& program, std::string_view name) {
  auto id = program.find_relation(name);
  REQUIRE(id);
  return *id;
}

struct Case {
  std::vector<Value> findings;
  std::optional<std::int64_t> days;
};

// Random cases of 1 to 6 findings, most with a symptom, some with a duration.
std::vector<Case> random_cases(const engine::CaseEvaluator& evaluator, std::size_t count,
                               std::uint64_t seed) {
  const ir::Program& program = evaluator.program();
  auto finding_kind = std::find_if(program.kinds.begin(), program.kinds.end(),
                                   [](const ir::Kind& k) { return k.name == "finding"; });
  REQUIRE(finding_kind != program.kinds.end());
  std::vector<Value> findings;
  for (const auto& row : evaluator.base().sorted(finding_kind->members)) findings.push_back(row[0]);
  REQUIRE(findings.size() > 20);
  std::vector<Value> symptoms = {*program.symbols.find("muscle_spasm"),
                                 *program.symbols.find("muscle_soreness")};
  std::mt19937_64 rng(seed);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::vector<Case> cases(count);
  for (Case& c : cases) {
    if (pick(10) < 8) c.findings.push_back(symptoms[pick(2)]);
    std::size_t more = 1 + pick(5);
    for (std::size_t i = 0; i < more; ++i) c.findings.push_back(findings[pick(findings.size())]);
    if (pick(2) == 0) c.days = static_cast<std::int64_t>(pick(8));
  }
  return cases;
}

void insert(engine::CaseWorker& worker, const Case& c, RelationId has, RelationId days) {
  worker.clear();
  for (Value f : c.findings) worker.insert(has, std::span<const Value>(&f, 1));
  if (c.days) {
    Value d = static_cast<Value>(*c.days);
    worker.insert(days, std::span<const Value>(&d, 1));
  }
}

// The conclusions of a case, as text, for comparing runs.
std::vector<std::vector<std::vector<Value>>> outputs(const ir::Program& program,
                                                     const engine::Database& database) {
  std::vector<std::vector<std::vector<Value>>> out;
  for (RelationId r = 0; r < program.relations.size(); ++r) {
    if (program.relations[r].output) out.push_back(database.sorted(r));
  }
  return out;
}

}  // namespace

TEST_CASE("kb: hundreds of random cases give what a whole evaluation gives",
          "[engine][cases][kb]") {
  const ir::Program& program = kb();
  RelationId has = relation(program, "has"), days = relation(program, "duration_days");
  engine::Database base(program);
  base.enable_provenance();
  engine::CaseEvaluator evaluator(program);
  REQUIRE_FALSE(evaluator.prepare(std::move(base)));
  CHECK(evaluator.split().case_strata.size() > 0);
  CHECK(evaluator.split().base_strata.size() > 0);
  CHECK_FALSE(evaluator.is_case_relation(relation(program, "escalates")));
  CHECK(evaluator.is_case_relation(relation(program, "disposition")));

  std::vector<std::vector<std::vector<Value>>> base_before;
  for (RelationId r = 0; r < program.relations.size(); ++r) {
    base_before.push_back(evaluator.base().sorted(r));
  }
  engine::CaseWorker worker(evaluator);
  std::size_t urgent = 0;
  for (const Case& c : random_cases(evaluator, 400, 20240601)) {
    insert(worker, c, has, days);
    REQUIRE_FALSE(worker.run());

    engine::Database fresh(program);
    fresh.enable_provenance();
    for (Value f : c.findings) fresh.insert(has, std::span<const Value>(&f, 1));
    if (c.days) {
      Value d = static_cast<Value>(*c.days);
      fresh.insert(days, std::span<const Value>(&d, 1));
    }
    REQUIRE_FALSE(engine::evaluate(program, fresh));
    const engine::Database& got = worker.database();
    for (RelationId r = 0; r < program.relations.size(); ++r) {
      INFO("relation " << program.relations[r].name);
      REQUIRE(got.sorted(r) == fresh.sorted(r));
      if (!program.relations[r].output) continue;
      // Explanations need the rule behind each conclusion, and the same heights.
      for (std::uint32_t row = 0; row < got.size(r); ++row) {
        auto mine = got.derivation(r, row);
        auto theirs = fresh.derivation(r, *fresh.find(r, got.row(r, row)));
        REQUIRE(mine);
        REQUIRE(theirs);
        CHECK(mine->rule != ir::none);
        CHECK(program.rules[mine->rule].head == r);
        CHECK(mine->height == theirs->height);
      }
    }
    Value top = *program.symbols.find("seek_treatment_immediately");
    urgent += got.contains(relation(program, "disposition"), std::span<const Value>(&top, 1));
  }
  CHECK(urgent > 10);  // the cases reach the interesting rules

  // The base, in the evaluator and in the worker, row for row as prepared.
  for (RelationId r = 0; r < program.relations.size(); ++r) {
    CHECK(evaluator.base().sorted(r) == base_before[r]);
    if (evaluator.is_case_relation(r)) continue;
    REQUIRE(worker.database().size(r) == evaluator.base().size(r));
    for (std::uint32_t row = 0; row < worker.database().size(r); ++row) {
      auto a = worker.database().row(r, row), b = evaluator.base().row(r, row);
      CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
    }
  }
}

TEST_CASE("kb: threads share one evaluator, each with its own worker", "[engine][cases][kb]") {
  const ir::Program& program = kb();
  RelationId has = relation(program, "has"), days = relation(program, "duration_days");
  engine::CaseEvaluator evaluator(program);
  engine::Database base(program);
  base.enable_provenance();
  REQUIRE_FALSE(evaluator.prepare(std::move(base)));
  std::vector<Case> cases = random_cases(evaluator, 300, 77);

  std::vector<std::vector<std::vector<std::vector<Value>>>> expected;
  {
    engine::CaseWorker worker(evaluator);
    for (const Case& c : cases) {
      insert(worker, c, has, days);
      REQUIRE_FALSE(worker.run());
      expected.push_back(outputs(program, worker.database()));
    }
  }
  constexpr std::size_t threads = 4;
  std::vector<std::size_t> mismatches(threads, 0), stops(threads, 0);
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      engine::CaseWorker worker(evaluator);
      for (std::size_t round = 0; round < 3; ++round) {
        // Each thread walks the cases from its own starting point.
        for (std::size_t k = 0; k < cases.size(); ++k) {
          std::size_t i = (k + t * 71) % cases.size();
          insert(worker, cases[i], has, days);
          if (worker.run()) ++stops[t];
          else if (outputs(program, worker.database()) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : pool) thread.join();
  for (std::size_t t = 0; t < threads; ++t) {
    CHECK(stops[t] == 0);
    CHECK(mismatches[t] == 0);
  }
}

TEST_CASE("kb: a worker in its steady state allocates nothing per case",
          "[engine][cases][kb][allocation]") {
  if (!sinew::testing::allocation_counting)
    SINEW_SKIP("allocations are not counted under sanitizers");
  const ir::Program& program = kb();
  RelationId has = relation(program, "has"), days = relation(program, "duration_days");
  for (bool provenance : {false, true}) {
    engine::CaseEvaluator evaluator(program);
    engine::Database base(program);
    if (provenance) base.enable_provenance();
    REQUIRE_FALSE(evaluator.prepare(std::move(base)));
    std::vector<Case> cases = random_cases(evaluator, 500, 5);
    engine::CaseWorker worker(evaluator);
    for (const Case& c : cases) {  // warm up: relations grow to what cases need
      insert(worker, c, has, days);
      REQUIRE_FALSE(worker.run());
    }
    std::size_t allocations = 0, stopped = 0;
    {
      sinew::testing::AllocationCounter counter;
      for (const Case& c : cases) {
        insert(worker, c, has, days);
        stopped += worker.run().has_value();
      }
      allocations = counter.count();
    }
    INFO("provenance " << provenance);
    CHECK(stopped == 0);
    CHECK(allocations == 0);
  }
}
