// The analysis over every case on small knowledge bases written for each finding, and
// on kb/. (Agreement with brute force over generated knowledge bases is the oracle's:
// tests/oracle/analysis.)

#include "analysis/deep_check.hpp"

#include "unit/kb_fixture.hpp"
#include "unit/program_text.hpp"

#include "engine/cases.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace sinew {
namespace {

// The vocabulary every example shares: findings a case gives, a number, a scale.
const std::string vocabulary = R"(
kind finding "Finding"
kind action "Action"
finding a "A", b "B", c "C".
action rest "Rest", ice "Ice", heat "Heat".
scale level : low < mid < high
input has(f: finding)
input days(n: number in 0..)
output advise(r: action)
output disposition(l: level)
relation reach(l: level)
disposition(L) :- L = max X : { reach(X) }.
)";

struct Checked {
  ir::Program program;
  analysis::DeepReport report;

  std::vector<const analysis::Finding*> with(const Code& code) const {
    std::vector<const analysis::Finding*> out;
    for (const auto& f : report.findings)
      if (f.code == &code) out.push_back(&f);
    return out;
  }
  std::string rule_of(const analysis::Finding& finding) const {
    return std::string(program.origins[finding.origin].rule_name);
  }
  std::string all() const {
    std::string out;
    for (const auto& f : report.findings) {
      out += fmt::format("{} {}: {}", f.code->id, f.origin == ir::none ? "" : rule_of(f),
                         f.message);
      for (const auto& note : f.notes) out += " | " + note;
      out += "\n";
    }
    return out + "not exact: " + report.not_exact + "\n";
  }
};

Checked deep(const std::string& rules) {
  Checked checked{testing::compile_text(vocabulary + rules), {}};
  engine::CaseEvaluator evaluator(checked.program);
  REQUIRE_FALSE(evaluator.prepare(engine::Database(checked.program)));
  checked.report = analysis::deep_check(checked.program, evaluator);
  return checked;
}

TEST_CASE("a rule with a fact and its negation can never fire and the note names both") {
  auto checked = deep(R"(
rule fine
  advise(rest), reach(low) :- has(a).
rule contradiction
  advise(ice) :- has(b), has(a), !has(a).
)");
  INFO(checked.all());
  auto found = checked.with(codes::rule_never_fires);
  REQUIRE(found.size() == 1);
  CHECK(checked.rule_of(*found[0]) == "contradiction");
  REQUIRE(found[0]->notes.size() == 1);
  CHECK(found[0]->notes[0] == "it needs both `has(a)` and its absence");
}

TEST_CASE("contradictory comparisons on a case's number can never fire") {
  auto checked = deep(R"(
rule fine
  advise(rest), reach(low) :- has(a).
rule never
  advise(heat) :- days(D), D > 5, D < 2.
)");
  INFO(checked.all());
  auto found = checked.with(codes::rule_never_fires);
  REQUIRE(found.size() == 1);
  CHECK(checked.rule_of(*found[0]) == "never");
  REQUIRE(found[0]->notes.size() == 1);
  CHECK(found[0]->notes[0] ==
        "nothing in the knowledge base, and no case, makes `D < 2` hold "
        "together with the conditions before it");
}

TEST_CASE("a rule that reads a relation nothing fills can never fire") {
  auto checked = deep(R"(
relation injured()
rule fine
  advise(rest), reach(low) :- has(a).
rule never
  advise(ice) :- has(a), injured.
)");
  INFO(checked.all());
  auto found = checked.with(codes::rule_never_fires);
  REQUIRE(found.size() == 1);
  CHECK(checked.rule_of(*found[0]) == "never");
  CHECK(found[0]->notes.at(0).find("`injured`") != std::string::npos);
}

TEST_CASE("a level always outranked is a conclusion no case reaches and its rule never decides") {
  auto checked = deep(R"(
rule low_for_a
  advise(rest), reach(low) :- has(a).
rule mid_for_b
  reach(mid) :- has(b), has(a).
rule high_for_b
  reach(high) :- has(b).
)");
  INFO(checked.all());
  auto unreached = checked.with(codes::conclusion_never_reached);
  REQUIRE(unreached.size() == 1);
  CHECK(unreached[0]->message == "no case can conclude `disposition(mid)`");
  auto idle = checked.with(codes::rule_never_decides);
  REQUIRE(idle.size() == 1);
  CHECK(checked.rule_of(*idle[0]) == "mid_for_b");
  CHECK(checked.with(codes::rule_never_fires).empty());
}

TEST_CASE("one head of a rule that never decides is named when the others do") {
  auto checked = deep(R"(
rule low_for_a
  advise(rest), reach(low) :- has(a).
rule mid_for_b
  reach(mid), advise(ice) :- has(b).
rule high_for_b
  reach(high) :- has(b).
)");
  INFO(checked.all());
  auto idle = checked.with(codes::rule_never_decides);
  REQUIRE(idle.size() == 1);
  CHECK(idle[0]->message == "its conclusion `reach(mid)` never changes what a case concludes");
}

TEST_CASE("exclusive facts: a smallest case that has both or a proof that none does") {
  SECTION("broken") {
    auto checked = deep(R"(
rule ice_for_a
  advise(ice), reach(low) :- has(a).
rule heat_for_b
  advise(heat) :- has(b), !has(c).
exclusive advise(ice), advise(heat).
)");
    INFO(checked.all());
    auto found = checked.with(codes::exclusive_together);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->notes.at(0) == "for example, a case with has(a), has(b)");
    CHECK(checked.report.exclusions_proved == 0);
  }
  SECTION("proved") {
    auto checked = deep(R"(
rule ice_for_a
  advise(ice), reach(low) :- has(a).
rule heat_otherwise
  advise(heat) :- has(b), !has(a).
exclusive advise(ice), advise(heat).
)");
    INFO(checked.all());
    CHECK(checked.with(codes::exclusive_together).empty());
    CHECK(checked.report.exclusions_proved == 1);
  }
}

TEST_CASE("entities and levels nothing uses") {
  auto checked = deep(R"(
rule low_for_a
  advise(rest), reach(low) :- has(a).
rule high_for_b
  advise(ice), reach(high) :- has(b).
)");
  INFO(checked.all());
  std::vector<std::string> unused;
  for (const auto* f : checked.with(codes::unused_entity)) unused.push_back(f->message);
  for (const auto* f : checked.with(codes::unused_level)) unused.push_back(f->message);
  std::sort(unused.begin(), unused.end());
  CHECK(unused == std::vector<std::string>{"`c` is declared but nothing uses it",
                                           "`heat` is declared but nothing uses it",
                                           "the level `mid` of `level` is never used"});
}

TEST_CASE("arithmetic on a case's number is not analysed and the report says why") {
  auto checked = deep(R"(
rule sum
  advise(rest), reach(low) :- days(D), D + 1 > 4.
)");
  INFO(checked.all());
  CHECK(checked.report.not_exact ==
        "a case's number is computed with or compared with another value");
  CHECK(checked.with(codes::rule_never_fires).empty());
}

TEST_CASE("kb/: see_physician is never the disposition and heat and ice are proved apart") {
  const ir::Program& program = testing::kb_program();
  engine::CaseEvaluator evaluator(program);
  REQUIRE_FALSE(evaluator.prepare(engine::Database(program)));
  analysis::DeepReport report = analysis::deep_check(program, evaluator);
  std::vector<std::string> found;
  for (const auto& f : report.findings) found.push_back(std::string(f.code->id) + " " + f.message);
  std::sort(found.begin(), found.end());
  INFO(fmt::format("{}", fmt::join(found, "\n")));
  CHECK(report.not_exact.empty());
  CHECK(std::count(found.begin(), found.end(),
                   "W1002 no case can conclude `disposition(see_physician)`") == 1);
  CHECK(std::none_of(found.begin(), found.end(),
                     [](const std::string& f) { return f.starts_with("W1001"); }));
  CHECK(std::none_of(found.begin(), found.end(),
                     [](const std::string& f) { return f.starts_with("E1001"); }));
  CHECK(report.exclusions_proved == program.exclusions.size());
  CHECK(program.exclusions.size() >= 1);
}

}  // namespace
}  // namespace sinew
