// Aggregate scoping (issue 20; grammar/README.md, "Aggregate scoping"): which variables
// of an aggregate are the rule's and which are its own, nested aggregates, and an
// aggregate in a rule with no conditions. Each program is run from source and from a
// compiled .sinewb, and must print the same answer. The oracle's Prolog translation does
// not scope aggregates as Soufflé does, so these programs are checked here instead of in
// tests/oracle/prolog/regressions/.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew::test;

namespace {

// The tuples `sinew run -D -` prints (not the count lines), from source and compiled.
std::vector<std::string> answers(const std::string& program) {
  TempDir dir;
  dir.write("prog.dl", program);
  Outcome source = run_sinew({"run", "-D", "-", "prog.dl"}, dir.path());
  INFO(source.describe());
  REQUIRE(source.exit_code == 0);
  Outcome compile = run_sinew({"compile", "prog.dl", "-o", "prog.sinewb"}, dir.path());
  INFO(compile.describe());
  REQUIRE(compile.exit_code == 0);
  Outcome compiled = run_sinew({"run", "-D", "-", "prog.sinewb"}, dir.path());
  INFO(compiled.describe());
  REQUIRE(compiled.exit_code == 0);
  CHECK(compiled.out == source.out);
  std::vector<std::string> tuples;
  for (const std::string& line : lines_of(source.out)) {
    if (!line.empty() && line.back() == '.') tuples.push_back(line);
  }
  return tuples;
}

}  // namespace

TEST_CASE("a variable outside only as the aggregate's result is the aggregate's own",
          "[cli][aggregates]") {
  // Issue 20 item 2: was an internal error at run time (exit 70). Soufflé prints p(2).
  CHECK(answers(R"(.decl e(a: number, b: number)
.decl p(x: number)
.output p
e(1, 1). e(2, 5).
p(x) :- x = count : { e(x, _) }.
)") == std::vector<std::string>{"p(2)."});
}

TEST_CASE("the target's variable is the aggregate's own, whatever the rule binds",
          "[cli][aggregates]") {
  // Soufflé's rule: `x` of `max x` is local, so n is the maximum over all of e.
  CHECK(answers(R"(.decl e(a: number, b: number)
.decl r(x: number, n: number)
.output r
e(1, 1). e(2, 5). e(4, 2).
r(x, n) :- e(x, _), n = max x : { e(x, _) }.
)") == std::vector<std::string>{"r(1, 4).", "r(2, 4).", "r(4, 4)."});
}

TEST_CASE("variables that occur only inside braces belong to those braces", "[cli][aggregates]") {
  // Sinew derives p1() (both minimums exist); Soufflé 2.5 derives nothing.
  CHECK(answers(R"(.decl e0(a: number, b: number)
.decl e2(a: symbol, b: number)
.decl p1()
.output p1
e0(4, 1).
e2("q'r", 2).
p1() :- y = min x + 2 : { e0(x, 1) }, w = min x : { e2(z, x) }.
)") == std::vector<std::string>{"p1()."});
}

TEST_CASE("`_` counts as a variable of its own", "[cli][aggregates]") {
  // Soufflé 2.5 gives 1 for the first two and 2 for the third; each is 2.
  CHECK(answers(R"(.decl e(a: symbol, b: number)
.decl f(a: number)
.decl e3(a: number, b: number, c: number)
.decl two_atoms(n: number)
.decl repeated(n: number)
.decl one_atom(n: number)
.output two_atoms, repeated, one_atom
e("c", 2). e("d", 2). f(5).
e3(1, 2, 1). e3(1, 0, 1).
two_atoms(n) :- n = count : { e(_, 2), f(5) }.
repeated(n) :- n = count : { e3(x, _, x) }.
one_atom(n) :- n = count : { e(_, 2) }.
)") == std::vector<std::string>{"two_atoms(2).", "repeated(2).", "one_atom(2)."});
}

TEST_CASE("an aggregate grouped by a variable of a recursive rule", "[cli][aggregates]") {
  // The body has one solution for p(1, 1): Soufflé 2.5 gives {(0, 0), (1, 1)}.
  CHECK(answers(R"(.decl e3(a: number)
.decl p(v: number, w: number)
.output p
e3(23).
p(1, 1).
p(v, 0) :- p(_, y), v = count : { e3(_z), e3(_w), !e3(y) }.
)") == std::vector<std::string>{"p(1, 0).", "p(1, 1)."});
}

TEST_CASE("nested aggregates read the variables of the braces around them", "[cli][aggregates]") {
  // o1: the inner count (2) is compared with `y` of the outer braces; o2: the inner
  // count is grouped by the `x` that the outer braces bind.
  CHECK(answers(R"(.decl s(a: number, b: number)
.decl o1(n: number)
.decl o2(n: number)
.output o1, o2
s(1, 2). s(1, 3). s(2, 2). s(3, 1).
o1(x) :- x = count : { s(_, y), y < count : { s(_, 2) } }.
o2(n) :- n = count : { s(x, _), 1 < count : { s(x, _y) } }.
)") == std::vector<std::string>{"o1(1).", "o2(2)."});
}

TEST_CASE("a witness of min or max is carried out of the braces", "[cli][aggregates]") {
  // As Soufflé's GroundWitnesses: `s` is each student whose height is the maximum (two
  // tie), and `x, y` the rows whose sum is the least (from Soufflé's aggregate_witnesses).
  CHECK(answers(R"(.decl student(name: symbol, height: number)
.decl tallest(name: symbol, height: number)
.decl a(x: number, y: number)
.decl least(x: number, y: number, s: number)
.output tallest, least
student("Anna", 170). student("Rachel", 180). student("Quarantina", 180).
a(1, 2). a(5, 6). a(-50, 3). a(54, 5).
tallest(s, n) :- n = max h : { student(s, h) }.
least(x, y, s) :- s = min x + y : { a(x, y) }.
)") == std::vector<std::string>{"tallest(\"Quarantina\", 180).", "tallest(\"Rachel\", 180).",
                                "least(-50, 3, -47)."});
  // The explanation names the carried-out maximum `max`, never `X = X` with X the
  // aggregate's own text.
  TempDir dir;
  dir.write("prog.dl", R"(.decl student(name: symbol, height: number)
.decl tallest(name: symbol, height: number)
.output tallest
student("Anna", 170). student("Rachel", 180).
tallest(s, n) :- n = max h : { student(s, h) }.
)");
  Outcome explain = run_sinew({"explain", "prog.dl", "-e", "tallest(\"Rachel\", 180)"}, dir.path());
  INFO(explain.describe());
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("max = max h : { student(s, h) }, with max = 180: holds") !=
        std::string::npos);
  CHECK(explain.out.find("} = max h") == std::string::npos);
}

TEST_CASE("an aggregate in a rule without conditions", "[cli][aggregates]") {
  const std::string program = R"(.decl e(a: number)
.decl p(n: number)
.output p
e(1). e(2). e(7).
p(count : { e(_) }).
)";
  CHECK(answers(program) == std::vector<std::string>{"p(3)."});
  TempDir dir;
  dir.write("prog.dl", program);
  Outcome provenance = run_sinew({"run", "--provenance", "-D", "-", "prog.dl"}, dir.path());
  INFO(provenance.describe());
  CHECK(provenance.exit_code == 0);
  CHECK(lines_of(provenance.out).front() == "p(3).");
  Outcome explain = run_sinew({"explain", "prog.dl", "-e", "p(3)"}, dir.path());
  INFO(explain.describe());
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("count : { e(_) } is 3") != std::string::npos);
  // Each counted fact once: `_` stands for every row, not the first one three times.
  for (const char* fact : {"- e(1): stated", "- e(2): stated", "- e(7): stated"}) {
    INFO(fact);
    CHECK(explain.out.find(fact) != std::string::npos);
  }
  CHECK(explain.out.find("e(1): stated") == explain.out.rfind("e(1): stated"));
  Outcome why_not = run_sinew({"explain", "prog.dl", "-e", "p(2)", "--why-not"}, dir.path());
  INFO(why_not.describe());
  CHECK(why_not.exit_code == 0);
  CHECK(why_not.out.find("is 3, not 2") != std::string::npos);
}
