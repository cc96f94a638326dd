// `sinew run`: counts on stdout, `-D DIR` writes each output as DIR/rel.csv
// (tab-separated, sorted), `-D -` prints the tuples; the same facts in another order
// give byte-identical files.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace sinew::test;
namespace fs = std::filesystem;

namespace {

// Transitive closure over symbols, with a `.printsize` relation that is not written.
const std::string closure_program = R"(.decl edge(x: symbol, y: symbol)
.decl path(x: symbol, y: symbol)
.decl weight(x: symbol, w: number)
.decl heavy(x: symbol, w: number)
.decl light(w: number, x: symbol)
.input edge, weight
.output path, heavy, light
.printsize edge
path(x, y) :- edge(x, y).
path(x, z) :- path(x, y), edge(y, z).
heavy(x, w) :- weight(x, w), w > 10.
light(w, x) :- weight(x, w), w < 50.
)";

// The facts, in the order given; `shuffled` gives another order of the same lines.
void write_facts(const TempDir& dir, const std::string& folder, bool shuffled) {
  std::vector<std::string> edges = {"c\td", "a\tb", "b\tc", "zeta\ta", "b\tc"};
  std::vector<std::string> weights = {"a\t100", "b\t-5", "c\t11", "d\t9"};
  if (shuffled) {
    std::reverse(edges.begin(), edges.end());
    std::rotate(weights.begin(), weights.begin() + 2, weights.end());
  }
  std::string edge_text, weight_text;
  for (const auto& line : edges) edge_text += line + "\n";
  for (const auto& line : weights) weight_text += line + "\n";
  dir.write(folder + "/edge.facts", edge_text);
  dir.write(folder + "/weight.facts", weight_text);
}

}  // namespace

TEST_CASE("`run -D DIR` writes sorted, tab-separated rel.csv files", "[cli][run]") {
  TempDir dir;
  dir.write("closure.dl", closure_program);
  write_facts(dir, "facts", false);
  fs::create_directories(dir / "out");
  Outcome outcome = run_sinew({"run", "closure.dl", "-F", "facts", "-D", "out"}, dir.path());
  INFO(outcome.describe());
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
  CHECK(lines_of(outcome.out) ==
        std::vector<std::string>{"edge\t4", "path\t10", "heavy\t2", "light\t3"});

  // Only the `.output` relations are written.
  std::vector<std::string> written;
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    written.push_back(entry.path().filename().string());
  }
  std::sort(written.begin(), written.end());
  CHECK(written == std::vector<std::string>{"heavy.csv", "light.csv", "path.csv"});

  CHECK(slurp(dir / "out" / "path.csv") ==
        "a\tb\na\tc\na\td\nb\tc\nb\td\nc\td\nzeta\ta\nzeta\tb\nzeta\tc\nzeta\td\n");
  CHECK(slurp(dir / "out" / "heavy.csv") == "a\t100\nc\t11\n");
  // Numbers are sorted as numbers, not as text.
  CHECK(slurp(dir / "out" / "light.csv") == "-5\tb\n9\td\n11\tc\n");
}

TEST_CASE("`run -D -` prints the tuples before each count, and writes no file", "[cli][run]") {
  TempDir dir;
  dir.write("closure.dl", closure_program);
  write_facts(dir, "facts", false);
  Outcome outcome = run_sinew({"run", "closure.dl", "-F", "facts", "-D", "-"}, dir.path());
  INFO(outcome.describe());
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
  CHECK(lines_of(outcome.out) ==
        std::vector<std::string>{"edge\t4", R"(path("a", "b").)", R"(path("a", "c").)",
                                 R"(path("a", "d").)", R"(path("b", "c").)", R"(path("b", "d").)",
                                 R"(path("c", "d").)", R"(path("zeta", "a").)",
                                 R"(path("zeta", "b").)", R"(path("zeta", "c").)",
                                 R"(path("zeta", "d").)", "path\t10", R"(heavy("a", 100).)",
                                 R"(heavy("c", 11).)", "heavy\t2", R"(light(-5, "b").)",
                                 R"(light(9, "d").)", R"(light(11, "c").)", "light\t3"});
  CHECK(!fs::exists(dir / "-"));
}

TEST_CASE("the same facts in another order give byte-identical output", "[cli][run]") {
  TempDir dir;
  dir.write("closure.dl", closure_program);
  write_facts(dir, "facts_a", false);
  write_facts(dir, "facts_b", true);
  fs::create_directories(dir / "out_a");
  fs::create_directories(dir / "out_b");
  Outcome a = run_sinew({"run", "closure.dl", "-F", "facts_a", "-D", "out_a"}, dir.path());
  Outcome b = run_sinew({"run", "closure.dl", "-F", "facts_b", "-D", "out_b"}, dir.path());
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(a.out == b.out);
  for (const char* file : {"path.csv", "heavy.csv", "light.csv"}) {
    INFO(file);
    CHECK(slurp(dir / "out_a" / file) == slurp(dir / "out_b" / file));
  }
  Outcome print_a = run_sinew({"run", "closure.dl", "-F", "facts_a", "-D", "-"}, dir.path());
  Outcome print_b = run_sinew({"run", "closure.dl", "-F", "facts_b", "-D", "-"}, dir.path());
  CHECK(print_a.out == print_b.out);
}

TEST_CASE("`run` without -F reads facts from the current folder", "[cli][run]") {
  TempDir dir;
  dir.write("closure.dl", closure_program);
  write_facts(dir, ".", false);
  Outcome outcome = run_sinew({"run", "closure.dl"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(lines_of(outcome.out) ==
        std::vector<std::string>{"edge\t4", "path\t10", "heavy\t2", "light\t3"});
}

TEST_CASE("`run -D` into a folder that cannot be written is refused", "[cli][run]") {
  TempDir dir;
  dir.write("closure.dl", closure_program);
  write_facts(dir, "facts", false);
  dir.write("a_file", "not a folder\n");
  Outcome outcome = run_sinew({"run", "closure.dl", "-F", "facts", "-D", "a_file"}, dir.path());
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.err.find("a_file") != std::string::npos);
  CHECK(outcome.out.empty());
}

TEST_CASE("`run` on kb/ (no `.input`) prints the count of every output", "[cli][run][kb]") {
  Outcome outcome = sinew_in_repository({"run", "kb/"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
  // Without a case, nothing is concluded: every `output` of the knowledge base is empty.
  auto lines = lines_of(outcome.out);
  CHECK(std::find(lines.begin(), lines.end(), "disposition\t0") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "advise\t0") != lines.end());
}
