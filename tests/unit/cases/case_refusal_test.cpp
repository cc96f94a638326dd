// A refused case is a value (issue 13, "One way for a case"): the message, the key and
// the value at fault, and whether a limit stopped it. A case given as facts by a program
// is read by the same reader as a case file, with the same messages, without being
// written as JSON first.

#include "unit/program_text.hpp"

#include "cases/case_evaluation.hpp"
#include "cases/case_input.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace sinew;

namespace {

const char* const program_text = R"(
kind finding
finding spasm, numbness, rash.
input has(f: finding)
input days(n: number in 0..)
input score(s: float in -1.5..2.5)
input seen(f: finding, n: number)
input label(x: symbol)
output sure(f: finding)
sure(F) :- has(F).
sure(F) :- seen(F, N), N > 2.
)";

const ir::Program& program() {
  static const ir::Program compiled = testing::compile_text(program_text);
  return compiled;
}

std::optional<cases::CaseRefusal> read_json(const std::string& json) {
  SymbolTable symbols = program().symbols;
  cases::CaseFacts facts;
  return cases::CaseReader(program()).read(json, symbols, facts);
}

// A case given as facts: (relation, values) present, then absent.
struct Given {
  std::vector<std::pair<std::string, std::vector<cases::GivenValue>>> present, absent;
};

std::optional<cases::CaseRefusal> read_given(const Given& given) {
  SymbolTable symbols = program().symbols;
  cases::CaseFacts facts;
  cases::GivenCase views;
  for (const auto& [relation, values] : given.present) views.present.push_back({relation, values});
  for (const auto& [relation, values] : given.absent) views.absent.push_back({relation, values});
  auto refusal = cases::CaseReader(program()).read(views, symbols, facts);
  if (refusal) CHECK(facts.entries.empty());
  return refusal;
}

}  // namespace

TEST_CASE("a refusal names the key and the value at fault", "[cases][refusal]") {
  struct Expected {
    const char* json;
    const char* key;
    const char* value;
  };
  const Expected expected[] = {
      {R"({"hass": ["spasm"]})", "hass", ""},
      {R"({"has": ["spasm"], "has": ["rash"]})", "has", ""},
      {R"({"has": ["spasn"]})", "has", R"("spasn")"},
      {R"({"days": -1})", "days", "-1"},
      {R"({"score": 3.5})", "score", "3.5"},
      {R"({"has": {"a": [1, 2]}})", "has", R"({"a": [1, 2]})"},
      {R"({"absent": ["rash"]})", "absent", R"(["rash"])"},
      {R"({"seen": [["spasm"]]})", "seen", ""},
      {R"({"has": ["spasm"], "absent": {"has": ["spasm"]}})", "has", R"("spasm")"},
      {R"(["spasm"])", "", R"(["spasm"])"},
      {R"({"has": ["spasm"})", "has", ""},
      {"not json", "", ""},
      {"", "", ""},
  };
  for (const Expected& e : expected) {
    INFO(e.json);
    auto refusal = read_json(e.json);
    REQUIRE(refusal);
    CHECK_FALSE(refusal->message.empty());
    CHECK(refusal->key == e.key);
    CHECK(refusal->value == e.value);
    CHECK(refusal->line == 0);
    CHECK_FALSE(refusal->stopped_on_limit);
  }
  CHECK_FALSE(read_json(R"({"has": ["spasm"], "days": 3})"));
}

TEST_CASE("a case given as facts is refused as the same case file is", "[cases][refusal]") {
  using V = cases::GivenValue;
  const std::int64_t most = std::numeric_limits<std::int64_t>::max();
  const std::pair<Given, const char*> same[] = {
      {{{{"has", {V("spasm")}}}, {}}, R"({"has": ["spasm"]})"},
      {{{{"has", {V("spasn")}}}, {}}, R"({"has": ["spasn"]})"},
      {{{{"has", {V(std::int64_t{4})}}}, {}}, R"({"has": [4]})"},
      {{{{"days", {V(std::int64_t{-1})}}}, {}}, R"({"days": [-1]})"},
      {{{{"days", {V(std::uint64_t{1} << 63)}}}, {}}, R"({"days": [9223372036854775808]})"},
      {{{{"days", {V(2.5)}}}, {}}, R"({"days": [2.5]})"},
      {{{{"days", {V("three")}}}, {}}, R"({"days": ["three"]})"},
      {{{{"score", {V(4.0)}}}, {}}, R"({"score": [4.0]})"},
      {{{{"score", {V(std::int64_t{most})}}}, {}}, R"({"score": [9223372036854775807]})"},
      {{{{"seen", {V("rash"), V(1.5)}}}, {}}, R"({"seen": [["rash", 1.5]]})"},
      {{{{"hass", {V("spasm")}}}, {}}, R"({"hass": ["spasm"]})"},
      {{{{"sure", {V("spasm")}}}, {}}, R"({"sure": ["spasm"]})"},
      {{{{"has", {V("spasm")}}}, {{"has", {V("numbness")}}, {"has", {V("spasm")}}}},
       R"({"has": ["spasm"], "absent": {"has": ["numbness", "spasm"]}})"},
      {{{}, {{"hass", {V("spasm")}}}}, R"({"absent": {"hass": ["spasm"]}})"},
      // Facts are read by input, in the order the inputs first appear: the second
      // `has` is read before `days`, as in the case file that lists `has` once.
      {{{{"has", {V("spasm")}}, {"days", {V(std::int64_t{-1})}}, {"has", {V("spasn")}}}, {}},
       R"({"has": ["spasm", "spasn"], "days": [-1]})"},
  };
  for (const auto& [given, json] : same) {
    INFO(json);
    auto from_json = read_json(json);
    auto from_facts = read_given(given);
    REQUIRE(from_json.has_value() == from_facts.has_value());
    if (!from_json) continue;
    CHECK(from_facts->message == from_json->message);
    CHECK(from_facts->key == from_json->key);
    CHECK(from_facts->value == from_json->value);
  }
  CHECK_FALSE(read_given({{{"has", {V("spasm")}}, {"seen", {V("rash"), V(std::int64_t{3})}}}, {}}));
}

TEST_CASE("a case given as facts is refused where JSON could not hold it", "[cases][refusal]") {
  using V = cases::GivenValue;
  auto wrong_count = read_given({{{"seen", {V("rash")}}}, {}});
  REQUIRE(wrong_count);
  CHECK(wrong_count->message == "`seen` takes 2 values; the fact gives 1");
  CHECK(wrong_count->key == "seen");

  auto not_a_number = read_given({{{"score", {V(std::nan(""))}}}, {}});
  REQUIRE(not_a_number);
  CHECK(not_a_number->message.find("finite numbers only") != std::string::npos);
  CHECK(not_a_number->value == "nan");

  auto infinite_name = read_given({{{"has", {V(double{INFINITY})}}}, {}});
  REQUIRE(infinite_name);
  CHECK(infinite_name->message == "`has` takes names in quotes, not the number inf");

  auto not_utf8 = read_given({{{"label", {V(std::string("bad\xff"))}}}, {}});
  REQUIRE(not_utf8);
  CHECK(not_utf8->message.find("is not UTF-8 text") != std::string::npos);
  CHECK(not_utf8->key == "label");
  CHECK_FALSE(read_given({{{"label", {V(std::string("caf\xc3\xa9"))}}}, {}}));
}

TEST_CASE("a case stopped by a limit is refused as such, and its answer left unwritten",
          "[cases][refusal]") {
  cases::CaseAnswerOptions options;
  options.limits.max_facts = 1;
  cases::CaseModel model(program(), options);
  cases::CaseSession session(model);
  std::string out = "before";
  auto stopped = session.evaluate(R"({"has": ["spasm", "rash", "numbness"]})", out);
  REQUIRE(stopped);
  CHECK(stopped->stopped_on_limit);
  CHECK_FALSE(stopped->message.empty());
  CHECK(out == "before");
  auto refused = session.evaluate(R"({"has": ["spasn"]})", out);
  REQUIRE(refused);
  CHECK_FALSE(refused->stopped_on_limit);
  CHECK(out == "before");
}
