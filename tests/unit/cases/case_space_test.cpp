// The case space: which names and numbers are tried, interchangeable names merged and
// counted, every case a merged one stands for, and the facts a case gives a worker.

#include "unit/program_text.hpp"

#include "cases/case_space.hpp"
#include "engine/cases.hpp"
#include "engine/database.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace sinew;

namespace {

const char* const triage = R"(
kind finding "Finding"
finding spasm "Spasm", pain "Pain", numb "Numb", tingle "Tingle", worse "Worse",
        unread "Never read".
scale level : home < urgent
input has(f: finding)
input days(n: number in 0..)
output disposition(l: level)
relation flag(f: finding)
relation reach(l: level)
flag(pain). flag(numb). flag(tingle).
reach(home) :- has(spasm).
reach(urgent) :- has(spasm), flag(F), has(F).
reach(urgent) :- has(worse), days(D), D >= 3, D < 10.
disposition(L) :- L = max X : { reach(X) }.
)";

struct Prepared {
  ir::Program program;
  engine::CaseEvaluator evaluator;
  explicit Prepared(const std::string& text)
      : program(testing::compile_text(text)), evaluator(program) {
    REQUIRE_FALSE(evaluator.prepare(engine::Database(program)));
  }
};

cases::CaseSpace space_of(const Prepared& prepared, cases::CaseSpaceOptions options = {}) {
  const engine::CaseEvaluator* evaluators[] = {&prepared.evaluator};
  auto space = cases::case_space(evaluators, options);
  INFO((space ? "" : space.error().message));
  REQUIRE(space.ok());
  return std::move(*space);
}

std::vector<std::string> values_of(const cases::SpaceDimension& dimension) {
  std::vector<std::string> out;
  for (const auto& value : dimension.values)
    out.push_back(value.is_number() ? std::to_string(value.number) : value.name);
  return out;
}

}  // namespace

TEST_CASE("the case space tries the names rules read and the numbers where comparisons turn") {
  Prepared prepared(triage);
  cases::CaseSpace space = space_of(prepared);
  REQUIRE(space.dimensions.size() == 4);
  // `days`: not given, 2 (below 3), 3 (3 to 9), 10 (10 and more); 4 and 9 turn nothing.
  CHECK(space.dimensions[0].relation == "days");
  CHECK(values_of(space.dimensions[0]) == std::vector<std::string>{"2", "3", "10"});
  // The three flags are interchangeable; `unread` is read by no rule.
  CHECK(values_of(space.dimensions[1]) == std::vector<std::string>{"numb", "pain", "tingle"});
  CHECK(values_of(space.dimensions[2]) == std::vector<std::string>{"spasm"});
  CHECK(values_of(space.dimensions[3]) == std::vector<std::string>{"worse"});
  CHECK(space.interchangeable("pain"));
  CHECK_FALSE(space.interchangeable("spasm"));
  CHECK(space.size() == 4 * 4 * 2 * 2);
  CHECK(space.cases() == 4 * 8 * 2 * 2);

  std::uint64_t evaluated = 0, covered = 0;
  cases::SpacePicks picks;
  space.first(picks);
  do {
    ++evaluated;
    covered += space.weight(picks);
  } while (space.next(picks));
  CHECK(evaluated == space.size());
  CHECK(covered == space.cases());
}

TEST_CASE("a merged case stands for every case with as many of its names") {
  Prepared prepared(triage);
  cases::CaseSpace space = space_of(prepared);
  cases::SpacePicks picks{1, 0b011, 1, 0};  // days 2, two flags, spasm
  CHECK(space.weight(picks) == 3);
  std::set<std::set<std::string>> members;
  space.orbit(picks, [&](const cases::SpacePicks& member) {
    std::set<std::string> facts;
    for (const auto& fact : space.facts(member))
      facts.insert(fact.relation + "(" +
                   (fact.value.is_number() ? std::to_string(fact.value.number) : fact.value.name) +
                   ")");
    members.insert(facts);
  });
  CHECK(members ==
        std::set<std::set<std::string>>{{"days(2)", "has(numb)", "has(pain)", "has(spasm)"},
                                        {"days(2)", "has(numb)", "has(tingle)", "has(spasm)"},
                                        {"days(2)", "has(pain)", "has(tingle)", "has(spasm)"}});
  CHECK(space.fact_count(picks) == 4);
}

TEST_CASE("without merging, or when a rule names a flag, every name is its own dimension") {
  Prepared prepared(triage);
  cases::CaseSpace unmerged = space_of(prepared, {.merge_interchangeable = false});
  CHECK(unmerged.size() == unmerged.cases());
  CHECK(unmerged.dimensions.size() == 6);

  std::string named = triage;
  named += "relation noted()\nnoted :- has(numb).\n";
  Prepared naming(named);
  cases::CaseSpace space = space_of(naming);
  CHECK_FALSE(space.interchangeable("numb"));
  CHECK(space.interchangeable("pain"));
  CHECK(space.interchangeable("tingle"));
}

TEST_CASE("a case of the space is given to a worker as facts") {
  Prepared prepared(triage);
  cases::CaseSpace space = space_of(prepared);
  cases::SpaceBinding binding(space, prepared.evaluator, prepared.program.symbols);
  engine::CaseWorker worker(prepared.evaluator);
  auto disposition = *prepared.program.find_relation("disposition");
  auto level = [&](const cases::SpacePicks& picks) {
    binding.give(worker, picks);
    REQUIRE_FALSE(worker.run());
    const engine::Database& database = worker.database();
    if (database.size(disposition) == 0) return std::string("none");
    return std::string(database.symbols().text(database.row(disposition, 0)[0]));
  };
  CHECK(level({0, 0, 0, 0}) == "none");
  CHECK(level({0, 0, 1, 0}) == "home");
  CHECK(level({0, 0b100, 1, 0}) == "urgent");
  CHECK(level({2, 0, 1, 1}) == "urgent");  // days 3, worse
  CHECK(level({3, 0, 1, 1}) == "home");    // days 10
}

TEST_CASE("a space too large to try is refused with its size") {
  Prepared prepared(triage);
  const engine::CaseEvaluator* evaluators[] = {&prepared.evaluator};
  auto space = cases::case_space(evaluators, {.max_cases = 10});
  REQUIRE_FALSE(space.ok());
  CHECK_THAT(space.error().message, Catch::Contains("64 cases to try"));
  CHECK_THAT(space.error().message, Catch::Contains("more than the 10"));
}
