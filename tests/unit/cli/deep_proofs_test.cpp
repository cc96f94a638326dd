// Data as deep as 100,000 steps: a chain `r(0)`, `r(1)`, ... made by a recursive rule,
// and a knowledge graph that is one long path. Every command that follows the data
// finishes with bounded output (or refuses plainly), never a crash; and `--timeout`
// stops the work after the evaluation too (explaining, searching for paths) with exit 3.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace sinew::test;

namespace {

// `r(depth)` holds, and its only proof is `depth` rules deep.
std::string chain_program(int depth) {
  return ".decl r(x:number)\n.output r\nr(0).\nr(x + 1) :- r(x), x < " + std::to_string(depth) +
         ".\n";
}

// A knowledge graph that is one path n0 - n1 - ... - n<length>.
std::string long_path_program(int length) {
  std::string text = ".decl link(a:symbol, b:symbol)\n.output link\n";
  for (int i = 0; i < length; ++i) {
    text += "link(\"n" + std::to_string(i) + "\", \"n" + std::to_string(i + 1) + "\").\n";
  }
  return text;
}

// Finished by itself, without a crash or a hang, with the exit code expected.
void check_finished(const Outcome& outcome, int expected_exit) {
  INFO(outcome.describe().substr(0, 2000));
  REQUIRE_FALSE(outcome.timed_out);
  REQUIRE(outcome.signal == 0);
  CHECK(outcome.exit_code == expected_exit);
}

}  // namespace

TEST_CASE("explaining a proof 100,000 rules deep: bounded output in every format",
          "[cli][explain][depth][slow]") {
  TempDir dir;
  dir.write("deep.dl", chain_program(100000));
  std::string program = (dir / "deep.dl").string();
  for (std::string format : {"text", "json", "dot"}) {
    INFO("--format " << format);
    auto outcome = run_sinew({"explain", program, "-e", "r(100000)", "--format", format});
    check_finished(outcome, 0);
    CHECK(outcome.out.size() < 500'000);
    // The proof stops 50 rules down and says how to see the rest.
    CHECK(outcome.out.find("99950 more levels of rules below: explain `r(99950)`") !=
          std::string::npos);
  }
  auto answers = run_sinew({"query", program, "-e", "?- r(100000).", "--explain"});
  check_finished(answers, 0);
  CHECK(answers.out.size() < 500'000);
  CHECK(answers.out.find("more levels of rules below") != std::string::npos);
}

TEST_CASE("a proof's text grows with its depth, not with its square", "[cli][explain][depth]") {
  TempDir dir;
  dir.write("deep.dl", chain_program(1000));
  auto outcome = run_sinew({"explain", (dir / "deep.dl").string(), "-e", "r(1000)"});
  check_finished(outcome, 0);
  // It was 4 MB: every level indented further, 1,000 levels deep.
  CHECK(outcome.out.size() < 100'000);
  std::size_t longest = 0;
  for (const std::string& line : lines_of(outcome.out)) longest = std::max(longest, line.size());
  CHECK(longest < 250);
}

TEST_CASE("why-not and what-it-would-take over a chain 100,000 deep finish",
          "[cli][explain][depth]") {
  TempDir dir;
  dir.write("deep.dl", chain_program(100000));
  std::string program = (dir / "deep.dl").string();
  auto why_not = run_sinew({"explain", program, "-e", "r(100001)", "--why-not"});
  check_finished(why_not, 0);
  CHECK(why_not.out.find("r(100001) does not hold") != std::string::npos);
  CHECK(why_not.out.size() < 500'000);
  auto needed = run_sinew({"explain", program, "--needed", "r(100001)"});
  check_finished(needed, 0);
  CHECK(needed.out.size() < 500'000);
}

TEST_CASE("every path along a path of 100,000 edges: found without a crash",
          "[cli][path][depth][slow]") {
  TempDir dir;
  dir.write("long.dl", long_path_program(100000));
  std::string program = (dir / "long.dl").string();
  for (bool all : {false, true}) {
    INFO("all: " << all);
    std::vector<std::string> args = {"path", program,   "--from",       "n0",
                                     "--to", "n100000", "--max-length", "200000"};
    if (all) args.push_back("--all");
    auto outcome = run_sinew(args);
    check_finished(outcome, 0);
    CHECK(outcome.out.find("n99999 -link-> n100000") != std::string::npos);
    auto query = run_sinew(
        {"query", program, "-e",
         std::string("?~ n0 ~ n100000") + (all ? " all" : "") + " within 200000."});
    check_finished(query, 0);
    CHECK(query.out == outcome.out);
  }
}

TEST_CASE("an explanation that outlasts --timeout stops with exit 3", "[cli][explain][timeout]") {
  // Evaluating this takes a moment; proving `g()` takes many seconds: 100 premises,
  // each 50 rules deep, each rule found again among 20,000 facts.
  std::string text = chain_program(20000) + ".decl g()\ng() :- ";
  for (int i = 0; i < 100; ++i) text += (i ? ", r(" : "r(") + std::to_string(19999 - i * 60) + ")";
  text += ".\n";
  TempDir dir;
  dir.write("wide.dl", text);
  std::string program = (dir / "wide.dl").string();
  struct Case {
    std::vector<std::string> args;
    std::string doing;
  };
  for (const Case& c :
       {Case{{"explain", program, "-e", "g()"}, "while explaining `g()`"},
        Case{{"query", program, "-e", "?- g().", "--explain"}, "while explaining the answers"}}) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--timeout", "0.5"});
    auto outcome = run_sinew(args, {}, std::chrono::seconds(60));
    INFO(outcome.describe().substr(0, 2000));
    check_finished(outcome, 3);
    CHECK(outcome.err.find("error[E0803]: the time limit of 0.5 seconds was reached " + c.doing) !=
          std::string::npos);
    CHECK(outcome.out.find("more levels of rules below") == std::string::npos);
  }
  // The REPL's `:explain` too, each question with its own time.
  dir.write("input.txt", ":explain g()\n:explain r(3)\n");
  auto repl = run_sinew({"repl", program, "--timeout", "0.5"}, {}, std::chrono::seconds(60),
                        dir / "input.txt");
  INFO(repl.describe().substr(0, 2000));
  REQUIRE_FALSE(repl.timed_out);
  REQUIRE(repl.signal == 0);
  CHECK(repl.err.find("error[E0803]: the time limit of 0.5 seconds was reached while "
                      "explaining `g()`") != std::string::npos);
  CHECK(repl.out.find("r(3)") != std::string::npos);
}

TEST_CASE("a search for every path that outlasts --timeout stops with exit 3",
          "[cli][path][timeout]") {
  // Twenty entities all linked to each other, and one linked to none of them: every
  // simple path of up to 18 edges is tried before the search gives up.
  std::string text = ".decl link(a:symbol, b:symbol)\n.output link\nlink(\"alone\", \"other\").\n";
  for (int i = 0; i < 20; ++i) {
    for (int j = i + 1; j < 20; ++j) {
      text += "link(\"n" + std::to_string(i) + "\", \"n" + std::to_string(j) + "\").\n";
    }
  }
  TempDir dir;
  dir.write("dense.dl", text);
  auto outcome = run_sinew({"path", (dir / "dense.dl").string(), "--from", "n0", "--to", "alone",
                            "--all", "--max-length", "18", "--timeout", "0.5"},
                           {}, std::chrono::seconds(60));
  check_finished(outcome, 3);
  CHECK(outcome.err.find("error[E0803]: the time limit of 0.5 seconds was reached while "
                         "searching for paths") != std::string::npos);
}

TEST_CASE("every command that takes --timeout stops a long evaluation with exit 3",
          "[cli][timeout]") {
  // A chain of a billion facts: no command finishes it in half a second.
  TempDir dir;
  dir.write("endless.dl", chain_program(1'000'000'000));
  std::string program = (dir / "endless.dl").string();
  std::vector<std::vector<std::string>> commands = {
      {"run", program},
      {"query", program, "-e", "?- r(5)."},
      {"query", program, "-e", "?- r(5).", "--explain"},
      {"explain", program, "-e", "r(5)"},
      {"explain", program, "-e", "r(5)", "--why-not"},
      {"explain", program, "--needed", "r(5)"},
      {"graph", program},
      {"path", program, "--from", "a", "--to", "b"},
  };
  for (std::vector<std::string> args : commands) {
    INFO(args.front() << " " << args.back());
    args.insert(args.end(), {"--timeout", "0.5"});
    auto outcome = run_sinew(args, {}, std::chrono::seconds(60));
    check_finished(outcome, 3);
    CHECK(outcome.err.find("time limit of 0.5 seconds was reached") != std::string::npos);
  }
}

TEST_CASE("printing a program nested 100,000 deep: refused plainly, never a crash",
          "[cli][dump][depth]") {
  std::string sum = "0";
  for (int i = 0; i < 100000; ++i) sum += " + 1";
  std::string brackets = std::string(100000, '(') + "1" + std::string(100000, ')');
  for (const std::string& expression : {sum, brackets}) {
    TempDir dir;
    dir.write("nested.dl", ".decl s(x:number)\n.output s\ns(" + expression + ").\n");
    for (std::string stage : {"ast", "ir"}) {
      INFO("--stage " << stage << ", " << expression.substr(0, 20));
      auto outcome = run_sinew({"dump", "--stage", stage, (dir / "nested.dl").string()});
      check_finished(outcome, 1);
      CHECK(outcome.err.find("error[E0105]") != std::string::npos);
      CHECK(outcome.err.size() < 10'000);
    }
  }
}
