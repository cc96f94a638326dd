// `sinew check --deep`, `sinew lint`, `--format json` and `--source-coverage`, through the
// binary on kb/. (What the analysis finds is tested in tests/unit/analysis, the
// tests/golden/deep cases and the oracle.)

#include "unit/cli/sinew_process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("check --deep on kb/ reports what the analysis finds and exits 0 on warnings") {
  auto outcome = sinew::test::run_sinew({"check", "--deep", "kb"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(contains(outcome.err,
                 "kb/module.sinew:45:1: warning[W1002]: no case can conclude "
                 "`disposition(see_physician)`"));
  CHECK(contains(outcome.err,
                 "every case analysed: 27 rules that read case facts, over 29 "
                 "facts a case can give; 1 of 1 `exclusive` statements proved"));
  auto lint = sinew::test::run_sinew({"lint", "kb"});
  CHECK(lint.err == outcome.err);
  CHECK(lint.exit_code == 0);
}

TEST_CASE("check --format json prints every diagnostic as one document") {
  auto outcome = sinew::test::run_sinew({"check", "--deep", "--format", "json", "kb"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  auto json = nlohmann::json::parse(outcome.out);
  CHECK(json["errors"] == 0);
  CHECK(json["warnings"] == 4);
  const auto& first = json["diagnostics"].at(0);
  CHECK(first["code"] == "W1002");
  CHECK(first["file"] == "kb/module.sinew");
  CHECK(first["line"] == 45);
  CHECK(first["column"] == 1);
  CHECK(first["notes"].at(0) ==
        "every case with `reach(see_physician)` also has "
        "`reach(appointment_right_away)` or "
        "`reach(seek_treatment_immediately)`");
}

TEST_CASE("check --source-coverage lists each sentence of kb's source with what cites it") {
  auto outcome = sinew::test::run_sinew({"check", "--source-coverage", "--format", "json", "kb"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  auto json = nlohmann::json::parse(outcome.out);
  const auto& coverage = json["source_coverage"].at(0);
  CHECK(coverage["source"] == "seed");
  CHECK(coverage["total"] == 26);
  CHECK(coverage["cited"] == 18);
  const auto& sentences = coverage["sentences"];
  // The blog pointer is not a clinical statement: kb/ cites it nowhere.
  auto blog = std::find_if(sentences.begin(), sentences.end(), [](const auto& s) {
    return s["text"] == "You can learn more about ice or heat for muscle pain in our blog.";
  });
  REQUIRE(blog != sentences.end());
  CHECK((*blog)["cited_by"].empty());
  auto ice = std::find_if(sentences.begin(), sentences.end(), [](const auto& s) {
    return contains(s["text"].template get<std::string>(), "apply ice (to an injured muscle)");
  });
  REQUIRE(ice != sentences.end());
  auto by = (*ice)["cited_by"];
  CHECK(std::find(by.begin(), by.end(), "soreness_ice_for_injured_muscle") != by.end());
  auto text = sinew::test::run_sinew({"check", "--source-coverage", "kb"});
  CHECK(contains(text.out, "18 of 26 sentences cited"));
  CHECK(contains(text.out, "NOT CITED"));
}

}  // namespace
