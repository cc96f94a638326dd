// Exit codes (DESIGN section 4): 0 success, 1 the input was refused, 2 a usage error.
// A usage error says what was wrong and points to `--help`; it never reads a file.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

using sinew::test::Outcome;
using sinew::test::sinew_in_repository;

namespace {

void expect_usage_error(const std::vector<std::string>& args, const std::string& says) {
  Outcome outcome = sinew_in_repository(args);
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.find(says) != std::string::npos);
  bool points_to_help = outcome.err.find("--help` to see its options") != std::string::npos ||
                        outcome.err.find("`sinew --help` to see the commands") != std::string::npos;
  CHECK(points_to_help);
  // Said in the words of the help, not CLI11's ("A subcommand is required").
  CHECK(outcome.err.find("is required") == std::string::npos);
  CHECK(outcome.err.find("not expected") == std::string::npos);
}

}  // namespace

TEST_CASE("usage errors exit with 2", "[cli][exit-codes]") {
  SECTION("no subcommand") { expect_usage_error({}, "which command?"); }
  SECTION(
      "explain: an empty fact or goal, and a drawing of what is not a proof (issue 12, item 13)") {
    expect_usage_error({"explain", "kb/", "-e", ""}, "the fact after `-e` is empty");
    expect_usage_error({"explain", "kb/", "--needed", " "}, "the goal after `--needed` is empty");
    for (const std::string format : {"dot", "svg"}) {
      expect_usage_error({"explain", "kb/", "--needed", "disposition(self_care)", "--format",
                          format},
                         "`--needed` answers as text or JSON");
      expect_usage_error({"explain", "kb/", "-e", "disposition(self_care)", "--why-not", "--format",
                          format},
                         "`--why-not` answers as text or JSON");
    }
  }
  SECTION("an unknown subcommand, with the closest one when it is a typo") {
    expect_usage_error({"frobnicate"}, "unknown command `frobnicate`\n");
    expect_usage_error({"bogus"}, "unknown command `bogus`\n");
    expect_usage_error({"chek", "kb/"}, "unknown command `chek`; did you mean `check`?");
    expect_usage_error({"qeury", "kb/"}, "unknown command `qeury`; did you mean `query`?");
  }
  SECTION("an unknown option of a command, with the closest one") {
    expect_usage_error({"query", "kb/", "--fromat", "json"},
                       "`--fromat` is not an option of `sinew query`; did you mean `--format`?");
  }
  SECTION("an empty query after -e asks nothing") {
    expect_usage_error({"query", "kb/", "-e", ""}, "the query after `-e` is empty");
    expect_usage_error({"query", "kb/", "-e", "  "}, "the query after `-e` is empty");
  }
  SECTION("an unknown option") { expect_usage_error({"check", "--bogus", "kb/"}, "--bogus"); }
  SECTION("an unknown option before the subcommand") {
    expect_usage_error({"--bogus", "check", "kb/"}, "--bogus");
  }
  SECTION("missing FILES, for every command that takes them") {
    for (const char* command : {"check", "dump", "run", "query", "test"}) {
      INFO(command);
      expect_usage_error({command}, "files");
    }
  }
  SECTION("an option value that is not allowed") {
    expect_usage_error({"query", "kb/", "--format", "xml"},
                       "`xml` is not a value `--format` takes: write one of table, json, csv, tsv");
    expect_usage_error({"dump", "--stage=bytecode", "kb/"}, "bytecode");
    expect_usage_error({"run", "kb/", "--max-facts", "many"}, "many");
    // Every command with a time limit refuses a negative one.
    for (const char* command :
         {"run", "query", "test", "explain", "graph", "path", "repl", "eval"}) {
      INFO(command);
      expect_usage_error({command, "kb/", "--timeout", "-1"},
                         "`--timeout` takes a number of 0 or more, not `-1`");
    }
  }
  SECTION("an option without its value") {
    expect_usage_error({"query", "kb/", "-e"}, "`--expression` needs a value after it");
  }
}

TEST_CASE("success exits with 0, refused input with 1", "[cli][exit-codes]") {
  CHECK(sinew_in_repository({"check", "kb/"}).exit_code == 0);
  CHECK(sinew_in_repository({"test", "kb/"}).exit_code == 0);
  Outcome version = sinew_in_repository({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("sinew") == 0);
  Outcome help = sinew_in_repository({"--help"});
  CHECK(help.exit_code == 0);
  for (const char* command : {"check", "dump", "run", "query", "test"}) {
    INFO(command);
    CHECK(help.out.find(command) != std::string::npos);
  }
  Outcome missing = sinew_in_repository({"check", "kb/no_such_file.sinew"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("error[E0701]") != std::string::npos);
}
