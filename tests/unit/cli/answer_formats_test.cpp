// `sinew query --format json|csv|tsv`: what a program reads. Values holding the
// separators are escaped, and each format is checked against the JSON of the same
// answers (decoded independently, here); several queries make one JSON document; a
// question without variables answers `yes` or `no` in every format.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace sinew::test;

namespace {

// Symbols holding every character a CSV or TSV writer must take care of.
const std::string awkward_program = R"(.decl s(x: symbol, n: number)
s("plain", 1).
s("a\tb", 2).
s("line\nbreak", 3).
s("carriage\rreturn", 4).
s("back\\slash", 5).
s("com,ma", 6).
s("quo\"te", 7).
s("", 8).
)";

using Rows = std::multiset<std::vector<std::string>>;

// RFC 4180, as a spreadsheet reads it.
Rows decode_csv(const std::string& text, std::vector<std::string>& header) {
  std::vector<std::vector<std::string>> lines(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string& field = lines.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      lines.back().emplace_back();
    } else if (c == '\n') {
      lines.emplace_back(1);
    } else {
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(lines.back() == std::vector<std::string>{""});  // the text ends with a line end
  lines.pop_back();
  header = lines.front();
  return Rows(lines.begin() + 1, lines.end());
}

// Tab-separated, with `\t`, `\n`, `\r` and `\\` for the characters it cannot hold.
Rows decode_tsv(const std::string& text, std::vector<std::string>& header) {
  std::vector<std::vector<std::string>> lines(1, std::vector<std::string>(1));
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string& field = lines.back().back();
    if (c == '\\') {
      REQUIRE(i + 1 < text.size());
      char e = text[++i];
      bool known = std::string("tnr\\").find(e) != std::string::npos;
      REQUIRE(known);
      field += e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : '\\';
    } else if (c == '\t') {
      lines.back().emplace_back();
    } else if (c == '\n') {
      lines.emplace_back(1);
    } else {
      REQUIRE(c != '\r');  // a raw carriage return would end the line for some readers
      field += c;
    }
  }
  REQUIRE(lines.back() == std::vector<std::string>{""});
  lines.pop_back();
  header = lines.front();
  return Rows(lines.begin() + 1, lines.end());
}

Rows from_json(const std::string& text) {
  Rows rows;
  for (const auto& answer : nlohmann::json::parse(text)) {
    rows.insert({answer.at("X").get<std::string>(), std::to_string(answer.at("N").get<int>())});
  }
  return rows;
}

}  // namespace

TEST_CASE("csv and tsv answers hold the same values as json, whatever the characters",
          "[cli][query][formats]") {
  TempDir dir;
  dir.write("awkward.dl", awkward_program);
  auto ask = [&](const std::string& format) {
    Outcome outcome = run_sinew({"query", "awkward.dl", "-e", "?- s(X, N).", "--format", format},
                                dir.path());
    INFO(outcome.describe());
    REQUIRE(outcome.exit_code == 0);
    return outcome.out;
  };
  Rows expected = from_json(ask("json"));
  REQUIRE(expected.size() == 8);
  CHECK(expected.count({"a\tb", "2"}) == 1);
  CHECK(expected.count({"quo\"te", "7"}) == 1);

  std::vector<std::string> header;
  CHECK(decode_csv(ask("csv"), header) == expected);
  CHECK(header == std::vector<std::string>{"X", "N"});
  std::string tsv = ask("tsv");
  CHECK(decode_tsv(tsv, header) == expected);
  CHECK(header == std::vector<std::string>{"X", "N"});
  // One line per answer, and the escapes as the reference says.
  CHECK(std::count(tsv.begin(), tsv.end(), '\n') == 9);
  CHECK(tsv.find("a\\tb\t2\n") != std::string::npos);
  CHECK(tsv.find("back\\\\slash\t5\n") != std::string::npos);
}

TEST_CASE("a question without variables answers yes or no in every format",
          "[cli][query][formats]") {
  TempDir dir;
  dir.write("awkward.dl", awkward_program);
  struct Expected {
    const char* format;
    const char* yes;
    const char* no;
  };
  for (const Expected& e :
       {Expected{"table", "yes\n", "no\n"}, Expected{"csv", "answer\nyes\n", "answer\nno\n"},
        Expected{"tsv", "answer\nyes\n", "answer\nno\n"}, Expected{"json", "[{}]\n", "[]\n"}}) {
    INFO(e.format);
    Outcome yes = run_sinew(
        {"query", "awkward.dl", "-e", "?- s(\"plain\", 1).", "--format", e.format}, dir.path());
    INFO(yes.describe());
    CHECK(yes.exit_code == 0);
    CHECK(yes.out == e.yes);
    Outcome no = run_sinew(
        {"query", "awkward.dl", "-e", "?- s(\"plain\", 2).", "--format", e.format}, dir.path());
    INFO(no.describe());
    CHECK(no.exit_code == 0);
    CHECK(no.out == e.no);
  }
}

TEST_CASE("several queries in json make one document keyed by name or text",
          "[cli][query][formats]") {
  Outcome outcome = sinew_in_repository({"query", "kb/", "--format", "json"});
  INFO(outcome.describe());
  REQUIRE(outcome.exit_code == 0);
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(outcome.out);  // one document
  REQUIRE(document.is_object());
  REQUIRE(document.contains(flagship_query));  // a query without a name: its text
  std::vector<std::string> answers;
  for (const auto& answer : document[flagship_query]) answers.push_back(answer.at("F"));
  CHECK(answers == flagship_answers);
  CHECK(document.contains("red_flags"));  // a saved query: its name
  // Each value is what `-e` prints for that query alone.
  Outcome alone = sinew_in_repository({"query", "kb/", "-e", flagship_query, "--format", "json"});
  REQUIRE(alone.exit_code == 0);
  CHECK(nlohmann::ordered_json::parse(alone.out) == document[flagship_query]);
}
