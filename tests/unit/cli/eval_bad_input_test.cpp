// Bad cases given to `sinew eval kb/`, one at a time (`--case FILE`) and in a batch
// (`--cases FILE` and `--cases -`): each is refused with a message that names the key
// or value at fault, a batch goes on with the next line, and the exit code is 1.

#include "cli/cli_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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
  };
}

std::string error_of(const std::string& line) {
  Json answer = Json::parse(line);
  REQUIRE(answer.contains("error"));
  return answer["error"].get<std::string>();
}

void check_error(const std::string& message, const std::vector<std::string>& expected) {
  INFO(message);
  for (const std::string& part : expected)
    CHECK(message.find(part) != std::string::npos);
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
        check_batch(
            run_sinew({"eval", "kb/", "--cases", "-"}, source_dir, std::chrono::seconds(120), file),
            bad.in_error);
      }
    }
  }
}

// Generated here, not kept in the repository: 100 MB of one line.
TEST_CASE("eval: a case of 100 MB is refused without reading it all, and the batch goes on",
          "[cli][eval]") {
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
    Outcome outcome =
        run_sinew({"eval", "kb/", "--case", "-"}, source_dir, std::chrono::seconds(120), single);
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
    check_batch(
        run_sinew({"eval", "kb/", "--cases", "-"}, source_dir, std::chrono::seconds(120), batch),
        in_error);
  }
}
