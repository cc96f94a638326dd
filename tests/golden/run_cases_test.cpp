// Golden run cases: every file of tests/golden/run/ is a program with the command
// lines to run it with (`// args:`), the exit code (`// exit:`), the whole of stdout
// (`// expect:` lines) and what stderr must say (`// stderr:`). See README.md.
//
// Each command runs in the case's folder, so facts folders are named relative to it
// and messages show short paths. All `// args:` lines of one case must print the same
// stdout byte for byte: that is how determinism is asserted.

#include "expectations.hpp"
#include "unit/cli/sinew_process.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace fs = std::filesystem;
using namespace sinew;

namespace {

const fs::path run_folder = fs::path(SINEW_SOURCE_DIR) / "tests" / "golden" / "run";

// `{tmp}` in an argument becomes a fresh, empty temporary folder.
std::vector<std::string> substitute(std::vector<std::string> args, const fs::path& tmp) {
  for (std::string& arg : args) {
    for (std::size_t at; (at = arg.find("{tmp}")) != std::string::npos;) {
      arg.replace(at, 5, tmp.string());
    }
  }
  return args;
}

void run_case(const fs::path& case_file) {
  std::string name = case_file.filename().string();
  const std::vector<std::string> default_args = {"run", name};
  auto expected = golden::parse_run_case(golden::read_text(case_file), default_args);
  INFO(fmt::format("{}", fmt::join(expected.problems, "\n")));
  REQUIRE(expected.problems.empty());

  std::string expected_out;
  for (const std::string& line : expected.stdout_lines) expected_out += line + "\n";
  std::optional<std::string> first_out;
  for (const auto& invocation : expected.invocations) {
    test::TempDir tmp;
    auto args = substitute(invocation, tmp.path());
    auto outcome = test::run_sinew(args, case_file.parent_path(), std::chrono::seconds(60));
    INFO("case: " << case_file.string());
    INFO("command: sinew " << fmt::format("{}", fmt::join(args, " ")));
    INFO(outcome.describe());
    CHECK_FALSE(outcome.timed_out);
    CHECK(outcome.signal == 0);
    CHECK(outcome.exit_code == expected.exit_code);
    CHECK(outcome.out == expected_out);
    if (expected.stderr_parts.empty() && expected.exit_code == 0) CHECK(outcome.err.empty());
    for (const std::string& part : expected.stderr_parts) {
      INFO("stderr should contain: " << part);
      CHECK(outcome.err.find(part) != std::string::npos);
    }
    if (!first_out) first_out = outcome.out;
    CHECK(outcome.out == *first_out);  // every command line of a case prints the same
  }
}

}  // namespace

TEST_CASE("golden run cases", "[golden][run]") {
  auto cases = golden::case_files(run_folder, {".sinew", ".dl"});
  REQUIRE(!cases.empty());
  for (const fs::path& case_file : cases) {
    DYNAMIC_SECTION(case_file.filename().string()) { run_case(case_file); }
  }
}
