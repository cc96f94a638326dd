// The bundled knowledge base through the command line: it checks clean, its tests
// pass, and the flagship question (DESIGN section 7) has exactly its six answers in
// every output format (DESIGN section 4).

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

using namespace sinew::test;

TEST_CASE("`sinew check kb/` is clean: exit 0 and nothing at all on stderr", "[cli][kb]") {
  Outcome outcome = sinew_in_repository({"check", "kb/"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
  CHECK(outcome.out.empty());
}

TEST_CASE("`sinew test kb/` ends with `N passed, 0 failed`, every rule made to fire", "[cli][kb]") {
  Outcome outcome = sinew_in_repository({"test", "kb/", "--require-coverage"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  auto lines = lines_of(outcome.out);
  REQUIRE(!lines.empty());
  std::smatch match;
  REQUIRE(std::regex_match(lines.back(), match, std::regex(R"(([0-9]+) passed, 0 failed)")));
  std::size_t passed = std::stoul(match[1].str());
  CHECK(passed > 0);
  // One `ok` line per passing test, before the summary.
  std::size_t ok_lines = 0;
  for (const std::string& line : lines) ok_lines += line.rfind("ok      ", 0) == 0;
  CHECK(ok_lines == passed);
  // The case folders of kb/cases/ ran too, and together with the test blocks they make
  // every rule fire.
  CHECK(outcome.out.find("ok      kb/cases/recurrent_spasms_with_tingling\n") != std::string::npos);
  REQUIRE(lines.size() >= 2);
  std::smatch coverage;
  REQUIRE(std::regex_match(
      lines[lines.size() - 2], coverage,
      std::regex(R"(rule coverage: ([0-9]+) of ([0-9]+) rules fire in some test)")));
  CHECK(coverage[1].str() == coverage[2].str());
}

TEST_CASE("the flagship question in the default table", "[cli][kb][query]") {
  for (std::vector<std::string> format :
       {std::vector<std::string>{}, std::vector<std::string>{"--format", "table"}}) {
    std::vector<std::string> args = {"query", "kb/", "-e", flagship_query};
    args.insert(args.end(), format.begin(), format.end());
    Outcome outcome = sinew_in_repository(args);
    INFO(outcome.describe());
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.empty());
    std::vector<std::string> expected = {"F", std::string(12, '-')};
    expected.insert(expected.end(), flagship_answers.begin(), flagship_answers.end());
    expected.push_back("(6 answers)");
    CHECK(lines_of(outcome.out) == expected);
  }
}

TEST_CASE("the flagship question as JSON, exactly as DESIGN section 4 fixes it",
          "[cli][kb][query]") {
  Outcome outcome = sinew_in_repository({"query", "kb/", "-e", flagship_query, "--format", "json"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.err.empty());
  // One array, each answer an object from variable name to value.
  nlohmann::json expected = nlohmann::json::array();
  for (const std::string& answer : flagship_answers) expected.push_back({{"F", answer}});
  auto parsed = nlohmann::json::parse(outcome.out, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed == expected);
  CHECK(outcome.out == R"([{"F":"chest_pain"},{"F":"chronic_pain"},{"F":"not_easing"},)"
                       R"({"F":"numbness"},{"F":"tingling"},{"F":"worsening"}])"
                       "\n");
}

TEST_CASE("the flagship question as CSV and TSV: a header line, then the answers",
          "[cli][kb][query]") {
  for (const char* format : {"csv", "tsv"}) {
    Outcome outcome = sinew_in_repository(
        {"query", "kb/", "-e", flagship_query, "--format", format});
    INFO(format << "\n" << outcome.describe());
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.empty());
    std::vector<std::string> expected = {"F"};
    expected.insert(expected.end(), flagship_answers.begin(), flagship_answers.end());
    CHECK(lines_of(outcome.out) == expected);
  }
}

TEST_CASE("CSV and TSV headers name every variable, in order of appearance", "[cli][kb][query]") {
  const std::string query =
      "?- escalates(Finding, muscle_spasm, Level), Level = seek_treatment_immediately.";
  Outcome csv = sinew_in_repository({"query", "kb/", "-e", query, "--format", "csv"});
  Outcome tsv = sinew_in_repository({"query", "kb/", "-e", query, "--format", "tsv"});
  INFO(csv.describe() << "\n" << tsv.describe());
  REQUIRE(csv.exit_code == 0);
  REQUIRE(tsv.exit_code == 0);
  std::vector<std::string> csv_lines = {"Finding,Level"}, tsv_lines = {"Finding\tLevel"};
  for (const std::string& answer : flagship_answers) {
    csv_lines.push_back(answer + ",seek_treatment_immediately");
    tsv_lines.push_back(answer + "\tseek_treatment_immediately");
  }
  CHECK(lines_of(csv.out) == csv_lines);
  CHECK(lines_of(tsv.out) == tsv_lines);
}

TEST_CASE("the saved queries of kb/ are answered, and a named one alone", "[cli][kb][query]") {
  Outcome all = sinew_in_repository({"query", "kb/"});
  INFO(all.describe());
  CHECK(all.exit_code == 0);
  CHECK(all.err.empty());
  for (const std::string& answer : flagship_answers) {
    CHECK(all.out.find(answer) != std::string::npos);
  }
  Outcome named = sinew_in_repository({"query", "kb/", "--name", "red_flags", "--format", "csv"});
  INFO(named.describe());
  CHECK(named.exit_code == 0);
  CHECK(lines_of(named.out) ==
        std::vector<std::string>{"F", "chest_pain", "chronic_pain", "numbness", "tingling"});
}

TEST_CASE("`sinew dump` prints every stage of kb/", "[cli][kb][dump]") {
  struct Stage {
    const char* name;
    const char* shows;  // something each stage must print
  };
  for (Stage stage : {Stage{"ast", "module kb/spasm.sinew dialect=sinew"},
                      Stage{"ir", "relation escalates(f: finding, s: symptom, level: care_level)"},
                      Stage{"plan", "plan: "}}) {
    Outcome outcome = sinew_in_repository({"dump", std::string("--stage=") + stage.name, "kb/"});
    INFO(stage.name << "\n" << outcome.describe().substr(0, 2000));
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.empty());
    CHECK(outcome.out.find(stage.shows) != std::string::npos);
  }
  // The default stage is the checked program.
  CHECK(sinew_in_repository({"dump", "kb/"}).out ==
        sinew_in_repository({"dump", "--stage=ir", "kb/"}).out);
}

TEST_CASE("`query --explain` shows why each answer holds, with its citation", "[cli][kb]") {
  Outcome outcome = sinew_in_repository(
      {"query", "kb/", "--explain", "-e",
       "?- escalates(F, muscle_spasm, seek_treatment_immediately)."});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  // The answers, then one proof per answer down to the facts of the knowledge base.
  CHECK(outcome.out.find("(6 answers)") != std::string::npos);
  CHECK(outcome.out.find("\nF = chest_pain\n"
                         "escalates(chest_pain, muscle_spasm, seek_treatment_immediately)\n"
                         "  by rule red_flags_escalate_spasm, kb/disposition.sinew:") !=
        std::string::npos);
  CHECK(outcome.out.find("red_flag(muscle_spasm, chest_pain): stated at kb/spasm.sinew:") !=
        std::string::npos);
  CHECK(outcome.out.find("source seed: \"A physician should check out recurrent muscle spasms") !=
        std::string::npos);

  // Explanations are text; JSON answers are asked of `sinew explain`.
  Outcome json = sinew_in_repository(
      {"query", "kb/", "--explain", "--format", "json", "-e", "?- escalates(F, S, L)."});
  CHECK(json.exit_code == 2);
  CHECK(json.err.find("--format table") != std::string::npos);

  // An answer that counts others has no single fact to prove.
  Outcome counted = sinew_in_repository(
      {"query", "kb/", "--explain", "-e", "?- S, count : escalates(F, S, L)."});
  CHECK(counted.exit_code == 0);
  CHECK(counted.out.find("not explained one by one") != std::string::npos);
}

TEST_CASE("`graph --rules` draws how the rules connect the relations", "[cli][kb]") {
  Outcome outcome = sinew_in_repository({"graph", "kb/", "--rules"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.out.rfind("digraph rules {", 0) == 0);
  // `has` is a case input (bold); named rules label their arrows.
  CHECK(outcome.out.find("[label=\"has\", style=\"rounded,bold\"]") != std::string::npos);
  CHECK(outcome.out.find("[label=\"red_flags_escalate_spasm\"]") != std::string::npos);
  // The same picture every time.
  CHECK(sinew_in_repository({"graph", "kb/", "--rules"}).out == outcome.out);
}

TEST_CASE("`explain` refuses a fact it cannot explain, and says why", "[cli][kb]") {
  struct Bad {
    const char* fact;
    const char* says;
  };
  for (const Bad& bad : {
           Bad{"disposition(a, b)", "error[E0401]: `disposition` takes 1 value, but here it has 2"},
           Bad{"disposition(seek_treatment_immediatly)",
               "did you mean `seek_treatment_immediately`?"},
           Bad{"disposition(X)", "error[E0505]: a fact states plain values, but `X` is a variable"},
       }) {
    Outcome outcome = sinew_in_repository({"explain", "kb/", "-e", bad.fact});
    INFO(outcome.describe());
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.out.empty());
    CHECK(outcome.err.find(bad.says) != std::string::npos);
  }
}
