// Bad cases given to `sinew eval kb/`, one at a time (`--case FILE`) and in a batch
// (`--cases FILE` and `--cases -`): each is refused with a message that names the key
// or value at fault, a batch goes on with the next line, and the exit code is 1.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace sinew::test;
using Json = nlohmann::json;

namespace {

struct BadCase {
  std::string what;
  std::string text;                   // the case, one line (no line end)
  std::vector<std::string> in_error;  // each must appear in the error message
};

const std::string good_case = R"({"has": ["muscle_spasm", "chest_pain"]})";

std::vector<BadCase> bad_cases() {
  return {
      {"an unknown input relation",
       R"({"hass": ["muscle_spasm"]})",
       {"`hass` is not an input", "did you mean `has`?"}},
      {"an unknown entity",
       R"({"has": ["muscle_spasm", "chest_pian"]})",
       {"`has`", "\"chest_pian\" is not a known finding", "did you mean `chest_pain`?"}},
      {"an entity of the wrong kind",
       R"({"has": ["lupus"]})",
       {"`has`", "\"lupus\" is a condition, not a finding"}},
      {"a text where a number goes",
       R"({"has": ["muscle_spasm"], "duration_days": "four"})",
       {"`duration_days`", "whole number", "\"four\""}},
      {"a number out of range",
       R"({"has": ["muscle_spasm"], "duration_days": 99999999999999999999})",
       {"`duration_days`", "99999999999999999999", "out of range"}},
      {"a duplicate key",
       R"({"has": ["muscle_spasm"], "has": ["chest_pain"]})",
       {"`has` appears twice"}},
      {"malformed JSON", R"({"has": ["muscle_spasm")", {"not valid JSON", "`has`"}},
      {"invalid UTF-8",
       "{\"has\": [\"muscle_sp\xff\xfe"
       "asm\"]}",
       {"not valid UTF-8", "`has`"}},
      {"an empty line", "", {"empty"}},
      // Values of the wrong shape (issue 12, item 1): `absent` that is not an object
      // was read as the previous key's findings, so numbness counted as present.
      {"`absent` as a list",
       R"({"has": ["muscle_spasm"], "absent": ["numbness"]})",
       {"`absent` must be an object", "not [\"numbness\"]"}},
      {"`absent` as a text",
       R"({"has": ["muscle_spasm"], "absent": "numbness"})",
       {"`absent` must be an object", "not \"numbness\""}},
      {"`absent` as a number after `duration_days`",
       R"({"has": ["muscle_soreness", "not_easing"], "duration_days": 1, "absent": 5})",
       {"`absent` must be an object", "not 5"}},
      {"the case as a list",
       R"([{"has": ["muscle_spasm"]}])",
       {"the case must be a JSON object", "not [{\"has\": [\"muscle_spasm\"]}]"}},
      {"a list inside the list of findings",
       R"({"has": [["muscle_spasm"]]})",
       {"each item of `has`", "not [\"muscle_spasm\"]"}},
      {"an object where findings go",
       R"({"has": {"muscle_spasm": true}})",
       {"`has` must be", "not {\"muscle_spasm\": true}"}},
      {"a list where a number goes",
       R"({"has": ["muscle_spasm"], "duration_days": [[4]]})",
       {"`duration_days`", "whole number", "not [4]"}},
      {"null where findings go", R"({"has": null})", {"`has`", "not null"}},
      {"a wrong shape under `absent`",
       R"({"has": ["muscle_spasm"], "absent": {"has": {"numbness": 1}}})",
       {"`has` (under \"absent\")", "not {\"numbness\": 1}"}},
      // Issue 12, item 16: a finding both present and absent, a duration below zero.
      {"a finding both present and absent",
       R"({"has": ["muscle_spasm"], "absent": {"has": ["muscle_spasm"]}})",
       {"`has` lists \"muscle_spasm\" as present", "\"absent\" lists it as absent"}},
      {"a negative duration",
       R"({"has": ["muscle_spasm"], "duration_days": -4})",
       {"`duration_days`", "-4", "0 or more", "range is 0.."}},
      {"`absent` under `absent`",
       R"({"has": ["muscle_spasm"], "absent": {"absent": {"has": ["numbness"]}}})",
       {"`absent` cannot stand under \"absent\""}},
  };
}

std::string error_of(const std::string& line) {
  Json answer = Json::parse(line);
  REQUIRE(answer.contains("error"));
  return answer["error"].get<std::string>();
}

void check_error(const std::string& message, const std::vector<std::string>& expected) {
  INFO(message);
  for (const std::string& part : expected) CHECK(message.find(part) != std::string::npos);
}

// A batch of three lines, the bad case in the middle: it is refused with its line
// number, and the good cases around it are answered.
void check_batch(const Outcome& outcome, const std::vector<std::string>& in_error) {
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.err.find("1 of 3 cases were refused") != std::string::npos);
  auto lines = lines_of(outcome.out);
  REQUIRE(lines.size() == 3);
  CHECK(Json::parse(lines[0])["conclusions"]["disposition"] == Json{"seek_treatment_immediately"});
  Json refused = Json::parse(lines[1]);
  CHECK(refused["line"] == 2);
  check_error(error_of(lines[1]), in_error);
  CHECK(Json::parse(lines[2])["conclusions"]["disposition"] == Json{"seek_treatment_immediately"});
}

}  // namespace

TEST_CASE("eval --case: each kind of bad case is refused, naming what is at fault", "[cli][eval]") {
  TempDir dir;
  for (const BadCase& bad : bad_cases()) {
    SECTION(bad.what) {
      auto file = dir.write("case.json", bad.text);
      Outcome outcome = sinew_in_repository({"eval", "kb/", "--case", file.string()});
      INFO(outcome.describe());
      CHECK(outcome.exit_code == 1);
      auto lines = lines_of(outcome.out);
      REQUIRE(lines.size() == 1);
      check_error(error_of(lines[0]), bad.in_error);
    }
  }
}

TEST_CASE("eval --cases: a bad line is refused with its number and the batch goes on",
          "[cli][eval]") {
  TempDir dir;
  for (const BadCase& bad : bad_cases()) {
    SECTION(bad.what) {
      auto file = dir.write("cases.jsonl", good_case + "\n" + bad.text + "\n" + good_case + "\n");
      SECTION("from a file") {
        check_batch(sinew_in_repository({"eval", "kb/", "--cases", file.string()}), bad.in_error);
      }
      SECTION("from standard input") {
        check_batch(run_sinew({"eval", "kb/", "--cases", "-"}, source_dir,
                              std::chrono::seconds(120), file),
                    bad.in_error);
      }
    }
  }
}

// Generated here, not kept in the repository: 100 MB of one line.
TEST_CASE("eval: a case of 100 MB is refused without reading it all, and the batch goes on",
          "[cli][eval][slow]") {
  TempDir dir;
  std::string huge = R"({"has": [")" + std::string(100u << 20, 'a') + R"("]})";
  auto single = dir.write("huge.json", huge);
  auto batch = dir.write("huge.jsonl", good_case + "\n" + huge + "\n" + good_case + "\n");
  huge.clear();
  huge.shrink_to_fit();
  const std::vector<std::string> in_error = {"bytes", "--max-line-bytes"};

  SECTION("one case from a file") {
    Outcome outcome = sinew_in_repository({"eval", "kb/", "--case", single.string()});
    INFO(outcome.describe());
    CHECK(outcome.exit_code == 1);
    auto lines = lines_of(outcome.out);
    REQUIRE(lines.size() == 1);
    check_error(error_of(lines[0]), in_error);
  }
  SECTION("one case from standard input") {
    Outcome outcome = run_sinew({"eval", "kb/", "--case", "-"}, source_dir,
                                std::chrono::seconds(120), single);
    INFO(outcome.describe());
    CHECK(outcome.exit_code == 1);
    auto lines = lines_of(outcome.out);
    REQUIRE(lines.size() == 1);
    check_error(error_of(lines[0]), in_error);
  }
  SECTION("a batch from a file") {
    check_batch(sinew_in_repository({"eval", "kb/", "--cases", batch.string()}), in_error);
  }
  SECTION("a batch from standard input") {
    check_batch(run_sinew({"eval", "kb/", "--cases", "-"}, source_dir, std::chrono::seconds(120),
                          batch),
                in_error);
  }
}

// The same bad value is refused with the same message wherever its key stands.
TEST_CASE("eval --cases: the message for a bad value does not depend on the order of keys",
          "[cli][eval]") {
  const std::vector<std::vector<std::string>> members = {
      {R"("has": ["muscle_spasm"])", R"("duration_days": 2)", R"("absent": ["numbness"])"},
      {R"("has": ["muscle_soreness", "not_easing"])", R"("duration_days": 1)", R"("absent": 5)"},
      {R"("has": {"muscle_spasm": 1})", R"("duration_days": 2)",
       R"("absent": {"has": ["numbness"]})"},
      {R"("has": ["muscle_spasm"])", R"("duration_days": [[2]])",
       R"("absent": {"has": ["numbness"]})"},
      {R"("has": ["muscle_spasm", "numbness"])", R"("duration_days": 2)",
       R"("absent": {"has": ["numbness", "muscle_spasm"]})"},
      {R"("has": ["muscle_spasm"])", R"("duration_days": -1)",
       R"("absent": {"has": ["numbness"]})"},
  };
  // Every order of every case, one per line, in one batch.
  std::string batch;
  std::vector<std::size_t> group;  // by line: which case it is an order of
  for (std::size_t c = 0; c < members.size(); ++c) {
    std::vector<std::string> order = members[c];
    std::sort(order.begin(), order.end());
    do {
      std::string line = "{";
      for (const std::string& member : order) line += (line.size() > 1 ? ", " : "") + member;
      batch += line + "}\n";
      group.push_back(c);
    } while (std::next_permutation(order.begin(), order.end()));
  }
  TempDir dir;
  auto file = dir.write("orders.jsonl", batch);
  Outcome outcome = sinew_in_repository({"eval", "kb/", "--cases", file.string()});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 1);
  auto lines = lines_of(outcome.out);
  REQUIRE(lines.size() == group.size());
  std::vector<std::string> first(members.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string message = error_of(lines[i]);
    INFO("line " << i + 1 << ": " << message);
    CHECK_FALSE(message.empty());
    if (first[group[i]].empty()) first[group[i]] = message;
    CHECK(message == first[group[i]]);
  }
}
