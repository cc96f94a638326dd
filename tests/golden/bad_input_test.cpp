// Bad input of every kind, through the real binary: each must end with exit code 1
// and a clear error that says where, never a crash, a hang or a partial answer
// (DESIGN section 9). The inputs are generated here, in a temporary folder: a file
// that is not UTF-8, an empty file, 1 MB of `(`, 100,000 nested brackets, ...

#include "unit/cli/sinew_process.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sinew;
using namespace std::string_literals;

namespace {

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// Runs `sinew <command> <file>` on `text` written to `name`, and checks the refusal.
void expect_refused(const std::string& command, const std::string& name, const std::string& text,
                    const std::vector<std::string>& stderr_parts) {
  test::TempDir dir;
  dir.write(name, text);
  auto outcome = test::run_sinew({command, name}, dir.path(), std::chrono::seconds(60));
  INFO("sinew " << command << " " << name << "\n" << outcome.describe().substr(0, 4000));
  CHECK_FALSE(outcome.timed_out);
  CHECK(outcome.signal == 0);
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.out.empty());  // no partial answer
  for (const std::string& part : stderr_parts) {
    INFO("stderr should contain: " << part);
    CHECK(outcome.err.find(part) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("a file that is not UTF-8 is refused at the first bad byte", "[golden][bad-input]") {
  std::string text = "input p(x: number)\n\xff\xfe q(2).\n";
  for (const char* command : {"check", "run", "test"}) {
    expect_refused(command, "latin1.sinew", text,
                   {"latin1.sinew:2:1: error[E0101]", "not UTF-8", "0xFF"});
  }
  // A truncated multi-byte character in the middle of a line.
  expect_refused("check", "cut.sinew", "input p(x: symbol)\np(\"caf\xc3\").\n",
                 {"cut.sinew:2:7: error[E0101]"});
}

TEST_CASE("an empty file is refused", "[golden][bad-input]") {
  expect_refused("check", "empty.sinew", "", {"empty.sinew:1:1: error[E0102]", "no statements"});
  expect_refused("check", "blank.dl", "\n\n   \n", {"blank.dl:1:1: error[E0102]"});
}

TEST_CASE("1 MB of `(` is one error, quickly", "[golden][bad-input]") {
  expect_refused("check", "parens.sinew", repeat("(", 1 << 20),
                 {"parens.sinew:1:1: error[E0106]", "1 error"});
  expect_refused("run", "parens.dl", repeat("(", 1 << 20), {"parens.dl:1:1: error[E0106]"});
}

TEST_CASE("100,000 nested brackets end in an error, not a stack overflow", "[golden][bad-input]") {
  const std::size_t depth = 100000;
  std::string open = repeat("(", depth), close = repeat(")", depth);
  // In a term: the atom's own bracket is level 1, so the 200th `(` (column 202) is
  // level 201.
  expect_refused("check", "term.sinew",
                 "relation p(x: number)\np(" + open + "1" + close + ").\nquery q ?- p(1).\n",
                 {"term.sinew:2:202: error[E0105]", "nested too deeply"});
  // Groups of conditions, in a `.dl` program.
  expect_refused("run", "groups.dl",
                 ".decl p(x: number)\n.output p\np(1).\np(2) :- " + open + "p(1)" + close + ".\n",
                 {"groups.dl:4:209: error[E0105]"});
  // Unary minus signs, each one a level.
  expect_refused("check", "minus.dl",
                 ".decl p(x: number)\n.output p\np(1).\np(x) :- p(y), x = " + repeat("-", depth) +
                     "y.\n",
                 {"minus.dl:4:219: error[E0105]"});
  // Nested aggregates.
  std::string aggregates = repeat("count : { p(", 1000) + "1" + repeat(") }", 1000);
  expect_refused("check", "aggregates.dl",
                 ".decl p(x: number)\n.output p\np(1).\np(x) :- x = " + aggregates + ".\n",
                 {"aggregates.dl:4:", "error[E0105]"});
}

TEST_CASE("unterminated strings and comments say where they open", "[golden][bad-input]") {
  expect_refused("check", "string.sinew",
                 "input p(x: symbol)\noutput q(x: symbol)\nq(X) :- p(X), X = \"open.\n",
                 {"string.sinew:3:19: error[E0103]", "not closed"});
  expect_refused("check", "long.sinew", "source s \"S\" { text \"\"\"never closed\n\n",
                 {"long.sinew:1:21: error[E0103]"});
  expect_refused("check", "comment.dl", ".decl p(x: number)\n.output p\np(1).\n/* open\np(2).\n",
                 {"comment.dl:4:1: error[E0104]", "never closed"});
}

TEST_CASE("a missing file and a folder without `.sinew` files", "[golden][bad-input]") {
  test::TempDir dir;
  for (const char* command : {"check", "run", "query", "test", "dump"}) {
    auto outcome = test::run_sinew({command, "no_such_file.sinew"}, dir.path());
    INFO(command << "\n" << outcome.describe());
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.err.find("error[E0701]") != std::string::npos);
    CHECK(outcome.err.find("`no_such_file.sinew`") != std::string::npos);
  }
  dir.write("notes/readme.txt", "not a rule file\n");
  dir.write("notes/program.dl", ".decl p(x: number)\n");  // only .sinew files count
  auto outcome = test::run_sinew({"check", "notes"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.err.find("error[E0702]") != std::string::npos);
  CHECK(outcome.err.find("`notes`") != std::string::npos);
}

TEST_CASE("NUL bytes and stray binary are syntax errors", "[golden][bad-input]") {
  expect_refused("check", "nul.sinew", "input p(x: number)\n\0\0\0p(1).\n"s,
                 {"nul.sinew:2:1: error[E0106]"});
}
