// `sinew fmt FILES... [--check]` (DESIGN section 4): files rewritten in place, `--check`
// changes nothing and shows the diff, `-` is standard input, a file that does not parse
// is left untouched with its diagnostics, usage errors exit 2. That kb/ stays formatted
// is a CTest of its own (tests/CMakeLists.txt).

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using sinew::test::Outcome;
using sinew::test::run_sinew;
using sinew::test::sinew_in_repository;
using sinew::test::slurp;
using sinew::test::TempDir;

namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const std::string messy =
    "// a comment\nfinding a \"A\", b \"B\".\np(X) :-   q(X),\n  r(X).  // why\n";
const std::string tidy =
    "// a comment\nfinding a \"A\",\n        b \"B\".\np(X) :- q(X), r(X).  // why\n";

}  // namespace

TEST_CASE("sinew fmt rewrites files in place, folders recursively", "[cli][fmt]") {
  TempDir dir;
  write(dir / "kb/one.sinew", messy);
  write(dir / "kb/deeper/two.sinew", messy);
  write(dir / "kb/notes.txt", messy);
  Outcome outcome = run_sinew({"fmt", "kb"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(slurp(dir / "kb/one.sinew") == tidy);
  CHECK(slurp(dir / "kb/deeper/two.sinew") == tidy);
  CHECK(slurp(dir / "kb/notes.txt") == messy);  // not a rule file
  // No temporary file is left behind.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  CHECK(files == 3);
  // Formatted files are a fixed point.
  CHECK(run_sinew({"fmt", "--check", "kb"}, dir.path()).exit_code == 0);
}

TEST_CASE("sinew fmt through a symbolic link formats the file it points to", "[cli][fmt]") {
  TempDir dir;
  write(dir / "real/a.sinew", messy);
  std::filesystem::create_directories(dir / "kb");
  std::filesystem::create_symlink("../real/a.sinew", dir / "kb/a.sinew");
  Outcome outcome = run_sinew({"fmt", "kb/a.sinew"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(std::filesystem::is_symlink(dir / "kb/a.sinew"));
  CHECK(slurp(dir / "real/a.sinew") == tidy);
}

TEST_CASE("sinew fmt --check changes nothing, shows a unified diff and exits 1", "[cli][fmt]") {
  TempDir dir;
  write(dir / "a.sinew", messy);
  Outcome outcome = run_sinew({"fmt", "--check", "a.sinew"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  CHECK(slurp(dir / "a.sinew") == messy);
  CHECK(outcome.out ==
        "--- a.sinew\n+++ a.sinew (formatted)\n@@ -1,4 +1,4 @@\n // a comment\n"
        "-finding a \"A\", b \"B\".\n-p(X) :-   q(X),\n-  r(X).  // why\n"
        "+finding a \"A\",\n+        b \"B\".\n+p(X) :- q(X), r(X).  // why\n");
}

TEST_CASE("sinew fmt - formats standard input to standard output", "[cli][fmt]") {
  TempDir dir;
  write(dir / "in.sinew", messy);
  Outcome outcome = run_sinew({"fmt", "-"}, dir.path(), std::chrono::seconds(60), dir / "in.sinew");
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.out == tidy);
  Outcome check = run_sinew({"fmt", "--check", "-"}, dir.path(), std::chrono::seconds(60),
                            dir / "in.sinew");
  CHECK(check.exit_code == 1);
  CHECK(check.out.starts_with("--- <stdin>\n+++ <stdin> (formatted)\n"));
}

TEST_CASE("sinew fmt leaves a file that does not parse untouched, with its diagnostics",
          "[cli][fmt]") {
  TempDir dir;
  std::string broken = "p(X) :-   q(X\nfinding a \"A\", b \"B\".\n";
  write(dir / "broken.sinew", broken);
  write(dir / "good.sinew", messy);
  Outcome outcome = run_sinew({"fmt", "broken.sinew", "good.sinew"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  CHECK(slurp(dir / "broken.sinew") == broken);
  CHECK(slurp(dir / "good.sinew") == tidy);  // the other files are still formatted
  CHECK(outcome.err.find("broken.sinew:1:") != std::string::npos);
  CHECK(outcome.err.find("error[E01") != std::string::npos);
}

TEST_CASE("sinew fmt: usage errors exit 2, missing files 1", "[cli][fmt]") {
  CHECK(sinew_in_repository({"fmt"}).exit_code == 2);
  CHECK(sinew_in_repository({"fmt", "--check", "--bogus", "kb/"}).exit_code == 2);
  Outcome missing = sinew_in_repository({"fmt", "no/such/file.sinew"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("error[E0701]") != std::string::npos);
}
