// The unknown findings of a case are those that, added to it, raise a graded output,
// to the level they reach: a way worked out from an empty case can be blocked by
// another finding of the case, and a finding can raise a level by blocking a rule
// (found by tests/oracle/needed, issue 12).

#include "unit/program_text.hpp"

#include "cases/case_evaluation.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using namespace sinew;

namespace {

const char* const negations = R"(
kind finding "Finding"
finding f1 "F1", f2 "F2", f3 "F3".
scale level : low < high
input has(f: finding)
input n(v: number)
output disposition(l: level)
relation reach(l: level)
relation blocked()
relation held_down()
blocked :- n(V), V < 2.
held_down :- has(f3), !has(f2).
reach(low) :- has(f1), !blocked.
reach(high) :- has(f1), !held_down.
reach(low) :- has(f3).
disposition(L) :- L = max X : { reach(X) }.
)";

std::set<std::string> unknown(const cases::CaseModel& model, const std::string& json) {
  cases::CaseSession session(model);
  std::string out;
  REQUIRE_FALSE(session.evaluate(json, out));  // no refusal
  std::set<std::string> found;
  nlohmann::json answer = nlohmann::json::parse(out);
  for (const auto& item : answer["unknown_findings"]) {
    found.insert(item["fact"].get<std::string>() + " -> " +
                 item["if_present"]["disposition"].get<std::string>());
  }
  return found;
}

}  // namespace

TEST_CASE("unknown findings: only what actually raises the level, to the level reached") {
  ir::Program program = testing::compile_text(negations);
  cases::CaseAnswerOptions options;
  options.explanations = false;
  cases::CaseModel model(program, options);
  // Empty case: f1 reaches high, f3 low.
  CHECK(unknown(model, R"({"has": []})") ==
        std::set<std::string>{"has(f1) -> high", "has(f3) -> low"});
  // With f3 (low): f1 is held down to low by f3, so it raises nothing; f2 lifts
  // nothing either (no f1).
  CHECK(unknown(model, R"({"has": ["f3"]})").empty());
  // With f1 and f3 (low, held down): f2 unblocks high, though no way names f2.
  CHECK(unknown(model, R"({"has": ["f1", "f3"]})") == std::set<std::string>{"has(f2) -> high"});
}
