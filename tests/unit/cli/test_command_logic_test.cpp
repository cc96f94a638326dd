// The logic of `sinew test` called through the library sinew::cli, not the binary:
// reading expected.json, running a case folder, and counting rule coverage.

#include "cli/case_folders.hpp"
#include "cli/expected_conclusions.hpp"
#include "cli/rule_coverage.hpp"
#include "unit/cli/sinew_process.hpp"
#include "unit/cli/triage_rules.hpp"
#include "unit/program_text.hpp"

#include <catch2/catch.hpp>

using sinew::test::TempDir;
using sinew::testing::compile_text;
namespace cli = sinew::cli;

namespace {

const std::string& rules = sinew::test::triage_rules;

// A case folder `chest_pain` holding the two files.
std::string write_case_folder(const TempDir& dir, const std::string& case_json,
                              const std::string& expected_json) {
  dir.write("cases/chest_pain/case.json", case_json);
  dir.write("cases/chest_pain/expected.json", expected_json);
  return (dir / "cases/chest_pain").generic_string();
}

}  // namespace

TEST_CASE("expected.json names outputs and values the knowledge base knows", "[cli][test]") {
  sinew::ir::Program program = compile_text(rules);

  auto read = cli::read_expected(
      program,
      R"({"disposition": ["seek_treatment_immediately"], "absent": {"advise": ["ache"]}})");
  REQUIRE(read.ok());
  REQUIRE(read->exactly.size() == 1);
  CHECK(program.relations[read->exactly[0].relation].name == "disposition");
  CHECK(read->exactly[0].values == std::vector<std::string>{"seek_treatment_immediately"});
  REQUIRE(read->absent.size() == 1);
  CHECK(read->absent[0].values == std::vector<std::string>{"ache"});

  auto not_an_output = cli::read_expected(program, R"({"reach": ["self_care"]})");
  REQUIRE_FALSE(not_an_output.ok());
  CHECK(not_an_output.error().message.find("`reach` is not an output of this knowledge base") !=
        std::string::npos);

  auto unknown_value = cli::read_expected(program, R"({"advise": ["chest_pian"]})");
  REQUIRE_FALSE(unknown_value.ok());
  CHECK(unknown_value.error().message.find("\"chest_pian\" is not a name") != std::string::npos);
}

TEST_CASE("a case folder passes, fails with the difference, and feeds rule coverage",
          "[cli][test]") {
  sinew::ir::Program program = compile_text(rules);
  TempDir dir;
  std::vector<sinew::engine::RuleProfile> profile;

  SECTION("the expected conclusions hold: no failure, and the rules that fired are counted") {
    std::string folder = write_case_folder(dir, R"({"has": ["chest_pain"]})",
                                           R"({"disposition": ["seek_treatment_immediately"]})");
    CHECK(cli::find_case_folders({dir.path().string()}) == std::vector<std::string>{folder});
    cli::CaseFolderResult result = cli::run_case_folder(program, folder, {}, profile);
    CHECK(result.failures.empty());
    CHECK_FALSE(result.stopped);

    cli::RuleCoverage coverage(program);
    CHECK(coverage.covered() == 0);
    coverage.add(profile);
    CHECK(coverage.total() == 4);
    CHECK(coverage.covered() == 2);  // chest_pain_is_urgent and the disposition rule
    std::string report = coverage.report();
    CHECK(report.rfind("rule coverage: 2 of 4 rules fire in some test\n", 0) == 0);
    CHECK(report.find("(rule ache_is_self_care)") != std::string::npos);
    CHECK(report.find("(rule rash_needs_a_physician)") != std::string::npos);
    CHECK(report.find("(rule chest_pain_is_urgent)") == std::string::npos);
  }

  SECTION("a different conclusion is a failure that shows the case and both values") {
    std::string folder = write_case_folder(dir, R"({"has": ["chest_pain"]})",
                                           R"({"disposition": ["see_physician"]})");
    cli::CaseFolderResult result = cli::run_case_folder(program, folder, {}, profile);
    REQUIRE(result.failures.size() == 2);
    CHECK(result.failures[0] == "the case: has chest_pain");
    CHECK(result.failures[1] ==
          "disposition: expected see_physician\n"
          "                 got      seek_treatment_immediately");
  }
}
