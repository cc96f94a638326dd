// `sinew test` on case folders (case.json + expected.json) and rule coverage: what a
// failing case says, what expected.json may hold, and which rules never fire.

#include "unit/cli/cli_helpers.hpp"
#include "unit/cli/triage_rules.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace sinew::test;

namespace {

const std::string rules = triage_rules + R"(test "an ache is self care" {
  given has(ache).
  expect disposition(self_care).
}
)";

// A folder with the rules and one case folder.
void write_kb(const TempDir& dir, const std::string& case_json, const std::string& expected_json) {
  dir.write("kb/rules.sinew", rules);
  dir.write("kb/cases/chest_pain/case.json", case_json);
  if (!expected_json.empty()) dir.write("kb/cases/chest_pain/expected.json", expected_json);
}

}  // namespace

TEST_CASE("case folders run after the test blocks, and coverage counts both", "[cli][test]") {
  TempDir dir;
  write_kb(dir, R"({"has": ["chest_pain"]})",
           R"({"disposition": ["seek_treatment_immediately"], "absent": {"advise": ["ache"]}})");
  Outcome outcome = run_sinew({"test", "kb"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.out ==
        "ok      an ache is self care\n"
        "ok      kb/cases/chest_pain\n"
        "rule coverage: 3 of 4 rules fire in some test\n"
        "  never fires: kb/rules.sinew:12  reach(see_physician)  (rule rash_needs_a_physician)\n"
        "2 passed, 0 failed\n");

  SECTION("--require-coverage refuses less than every rule") {
    Outcome required = run_sinew({"test", "kb", "--require-coverage"}, dir.path());
    INFO(required.describe());
    CHECK(required.exit_code == 1);
    CHECK(required.err.find("1 of 4 rules never fire") != std::string::npos);
  }
  SECTION("a rule file alone runs its test blocks, not the case folders") {
    Outcome alone = run_sinew({"test", "kb/rules.sinew"}, dir.path());
    INFO(alone.describe());
    CHECK(alone.out.find("kb/cases") == std::string::npos);
    CHECK(lines_of(alone.out).back() == "1 passed, 0 failed");
  }
}

TEST_CASE("a failing case folder says what was expected and what the case got", "[cli][test]") {
  TempDir dir;
  write_kb(
      dir, R"({"has": ["chest_pain", "rash"]})",
      R"({"disposition": ["see_physician"], "advise": [], "absent": {"advise": ["chest_pain"]}})");
  Outcome outcome = run_sinew({"test", "kb"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.out.find("FAILED  kb/cases/chest_pain  (kb/cases/chest_pain/expected.json)\n"
                         "    the case: has chest_pain, rash\n"
                         "    disposition: expected see_physician\n"
                         "                 got      seek_treatment_immediately\n"
                         "    advise: expected nothing\n"
                         "            got      chest_pain\n"
                         "    advise: expected not to include chest_pain, but it does\n") !=
        std::string::npos);
  CHECK(lines_of(outcome.out).back() == "1 passed, 1 failed");
}

TEST_CASE("mistakes in a case folder fail it with a message that names them", "[cli][test]") {
  struct Mistake {
    std::string case_json, expected_json, message;
  };
  std::vector<Mistake> mistakes = {
      {R"({"has": ["chest_pian"]})", R"({"disposition": []})",
       "kb/cases/chest_pain/case.json: `has`: \"chest_pian\" is not a known finding; did you mean "
       "`chest_pain`?"},
      {R"({"has": ["chest_pain"]})", "", "kb/cases/chest_pain/expected.json"},
      {R"({"has": ["chest_pain"]})", R"({"dispositon": ["self_care"]})",
       "`dispositon` is not an output of this knowledge base; did you mean `disposition`?"},
      {R"({"has": ["chest_pain"]})", R"({"disposition": ["seek_treatment_immediatly"]})",
       "\"seek_treatment_immediatly\" is not a name this knowledge base knows; did you mean "
       "`seek_treatment_immediately`?"},
      {R"({"has": ["chest_pain"]})", R"({"disposition": ["self_care"], "disposition": []})",
       "`disposition` appears twice in expected.json"},
      {R"({"has": ["chest_pain"]})", R"({"disposition": "self_care"})",
       "`disposition` takes a list of values"},
      {R"({"has": ["chest_pain"]})", R"({"disposition": [)", "expected.json is not valid JSON"},
      {R"({"has": ["chest_pain"]})", R"({})", "expected.json expects nothing"},
  };
  for (const Mistake& mistake : mistakes) {
    TempDir dir;
    write_kb(dir, mistake.case_json, mistake.expected_json);
    Outcome outcome = run_sinew({"test", "kb"}, dir.path());
    INFO(outcome.describe());
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.out.find("FAILED  kb/cases/chest_pain") != std::string::npos);
    CHECK(outcome.out.find(mistake.message) != std::string::npos);
  }
}
