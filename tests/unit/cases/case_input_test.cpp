// The case reader: every value of the wrong shape, for any key, is refused with a
// message naming the key and the value, and the message does not depend on the order
// of the keys (issue 12, item 1: `"absent": ["numbness"]` used to be read as present).

#include "unit/program_text.hpp"

#include "cases/case_input.hpp"

#include <algorithm>
#include <string>
#include <string_view>
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
output sure(f: finding)
sure(F) :- has(F).
)";

const ir::Program& program() {
  static const ir::Program compiled = testing::compile_text(program_text);
  return compiled;
}

struct Read {
  bool ok = false;
  std::string error;
  std::vector<std::string> present, absent;  // "has(spasm)"
};

Read read(const std::string& json) {
  SymbolTable symbols = program().symbols;
  cases::CaseReader reader(program());
  cases::CaseFacts facts;
  Read out;
  auto refusal = reader.read(json, symbols, facts);
  out.ok = !refusal;
  if (refusal) {
    out.error = refusal->message;
    CHECK(facts.entries.empty());
    return out;
  }
  for (const auto& entry : facts.entries) {
    std::string text = program().relations[entry.relation].name + "(";
    auto tuple = facts.tuple(program(), entry);
    for (std::size_t c = 0; c < tuple.size(); ++c) {
      const ir::ColumnType& type = program().relations[entry.relation].columns[c].type;
      if (c > 0) text += ", ";
      text += type.base == ir::BaseType::symbol
                  ? std::string(symbols.text(static_cast<SymbolId>(tuple[c])))
                  : std::to_string(static_cast<std::int64_t>(tuple[c]));
    }
    (entry.absent ? out.absent : out.present).push_back(text + ")");
  }
  return out;
}

void check_refused(const std::string& json, const std::vector<std::string>& in_error) {
  Read result = read(json);
  INFO(json);
  INFO(result.error);
  REQUIRE_FALSE(result.ok);
  for (const std::string& part : in_error) CHECK(result.error.find(part) != std::string::npos);
}

// Whether `text` ends with a whole UTF-8 character (not the first bytes of one).
bool ends_with_whole_character(std::string_view text) {
  std::size_t continuation = 0;
  while (continuation < text.size() &&
         (static_cast<unsigned char>(text[text.size() - 1 - continuation]) & 0xC0) == 0x80) {
    ++continuation;
  }
  if (continuation == text.size()) return continuation == 0;
  auto lead = static_cast<unsigned char>(text[text.size() - 1 - continuation]);
  std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
  return length == continuation + 1;
}

// {"k1": v1, "k2": v2, ...} from its members, in the order given.
std::string object(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ", ";
    out += "\"" + key + "\": " + value;
  }
  return out + "}";
}

}  // namespace

TEST_CASE("case reader: good cases give present and absent facts", "[cases]") {
  Read result = read(R"({"has": ["spasm"], "days": 4, "seen": [["rash", 2]],
                         "absent": {"has": "numbness", "seen": [["spasm", 1]]}})");
  INFO(result.error);
  REQUIRE(result.ok);
  CHECK(result.present == std::vector<std::string>{"has(spasm)", "days(4)", "seen(rash, 2)"});
  CHECK(result.absent == std::vector<std::string>{"has(numbness)", "seen(spasm, 1)"});
}

TEST_CASE("case reader: a value of the wrong shape is refused, naming key and value", "[cases]") {
  // `absent` that is not an object: once read as the previous key's findings.
  check_refused(R"({"has": ["spasm"], "absent": ["numbness"]})",
                {"`absent` must be an object", "not [\"numbness\"]"});
  check_refused(R"({"has": ["spasm"], "absent": "numbness"})",
                {"`absent` must be an object", "not \"numbness\""});
  check_refused(R"({"has": ["spasm"], "days": 1, "absent": 5})",
                {"`absent` must be an object", "not 5"});
  check_refused(R"({"has": ["spasm"], "absent": null})", {"`absent`", "not null"});
  check_refused(R"({"has": ["spasm"], "absent": true})", {"`absent`", "not true"});
  check_refused(R"({"seen": [["spasm", 1]], "absent": [["numbness", 2]]})",
                {"`absent`", "not [[\"numbness\", 2]]"});
  // The case itself.
  check_refused(R"([{"has": ["spasm"]}])",
                {"the case must be a JSON object", "not [{\"has\": [\"spasm\"]}]"});
  check_refused(R"("spasm")", {"the case must be a JSON object", "not \"spasm\""});
  check_refused("4", {"the case must be a JSON object", "not 4"});
  check_refused("null", {"the case must be a JSON object", "not null"});
  // An input of one column.
  check_refused(R"({"has": {"spasm": true}})",
                {"`has` must be the name of a finding", "not {\"spasm\": true}"});
  check_refused(R"({"has": [["spasm"]]})", {"each item of `has`", "not [\"spasm\"]"});
  check_refused(R"({"has": [{"f": "spasm"}]})", {"each item of `has`", "not {\"f\": \"spasm\"}"});
  check_refused(R"({"has": null})", {"`has`", "not null"});
  check_refused(R"({"has": [false]})", {"each item of `has`", "not false"});
  check_refused(R"({"days": [[4]]})", {"each item of `days` must be a whole number", "not [4]"});
  check_refused(R"({"days": {"n": 4}})", {"`days` must be a whole number", "not {\"n\": 4}"});
  // An input of two columns.
  check_refused(R"({"seen": "spasm"})",
                {"`seen` must be a list of arrays of 2 values", "not \"spasm\""});
  check_refused(R"({"seen": ["spasm", 1]})",
                {"each item of `seen` must be an array of 2 values", "not \"spasm\""});
  check_refused(R"({"seen": [["spasm", [1]]]})",
                {"value 2 of each item of `seen` must be a whole number", "not [1]"});
  check_refused(R"({"seen": [["spasm", 1, 2]]})", {"`seen`", "array of 2 values"});
  check_refused(R"({"seen": [["spasm"]]})", {"`seen`", "array of 2 values", "has 1"});
  // Under "absent".
  check_refused(R"({"absent": {"has": {"x": 1}}})",
                {"`has` (under \"absent\") must be", "not {\"x\": 1}"});
  check_refused(R"({"absent": {"has": [["numbness"]]}})",
                {"each item of `has` (under \"absent\")", "not [\"numbness\"]"});
  check_refused(R"({"absent": {"absent": {"has": ["numbness"]}}})",
                {"`absent` cannot stand under \"absent\""});
  check_refused(R"({"absent": {"hass": ["numbness"]}})", {"`hass` is not an input"});
}

TEST_CASE("case reader: a long refused value is shown cut short", "[cases]") {
  std::string long_list = "[";
  for (int i = 0; i < 100; ++i) long_list += (i ? ", " : "") + std::string("\"numbness\"");
  long_list += "]";
  Read result = read(R"({"absent": )" + long_list + "}");
  REQUIRE_FALSE(result.ok);
  CHECK(result.error.find("not [\"numbness\", \"numbness\"") != std::string::npos);
  CHECK(result.error.find("...") != std::string::npos);
  CHECK(result.error.size() < 400);
  // Cut short by the end of the text, too.
  check_refused(R"({"absent": ["numbness", )", {"`absent` must be an object", "..."});
  // Cut between whole UTF-8 characters, wherever the limit falls in one.
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\xC3\xA9";  // é
  for (const std::string before : {"", "x"}) {
    Read accented = read(R"({"absent": [")" + before + accents + R"("]})");
    INFO(before);
    REQUIRE_FALSE(accented.ok);
    REQUIRE(accented.error.ends_with("..."));
    CHECK(ends_with_whole_character(
        std::string_view(accented.error).substr(0, accented.error.size() - 3)));
  }
}

TEST_CASE("case reader: the message does not depend on the order of the keys", "[cases]") {
  using Members = std::vector<std::pair<std::string, std::string>>;
  const std::vector<Members> bad_cases = {
      {{"has", R"(["spasm"])"}, {"days", "2"}, {"absent", R"(["numbness"])"}},
      {{"has", R"(["spasm"])"}, {"days", "1"}, {"absent", "5"}},
      {{"has", R"(["spasm"])"}, {"seen", R"([["rash", 1]])"}, {"absent", R"("numbness")"}},
      {{"has", R"({"spasm": 1})"}, {"days", "2"}, {"absent", R"({"has": ["numbness"]})"}},
      {{"has", R"(["spasm"])"}, {"days", "[[2]]"}, {"absent", R"({"has": ["numbness"]})"}},
      {{"has", R"(["spasm"])"}, {"days", "2"}, {"absent", R"({"has": {"numbness": 1}})"}},
      {{"has", R"(["spasm"])"}, {"seen", R"(["rash", 1])"}, {"absent", "{}"}},
  };
  for (Members members : bad_cases) {
    std::sort(members.begin(), members.end());
    std::string first_error;
    do {
      std::string json = object(members);
      Read result = read(json);
      INFO(json);
      REQUIRE_FALSE(result.ok);
      if (first_error.empty()) first_error = result.error;
      CHECK(result.error == first_error);
    } while (std::next_permutation(members.begin(), members.end()));
  }
}

// Issue 12, item 16.
TEST_CASE("case reader: a fact both present and absent is refused, naming the value", "[cases]") {
  check_refused(R"({"has": ["spasm"], "absent": {"has": ["spasm"]}})",
                {"`has` lists \"spasm\" as present", "it cannot be both"});
  check_refused(R"({"absent": {"seen": [["rash", 2]]}, "seen": [["rash", 2]]})",
                {"`seen` lists [\"rash\", 2] as present"});
  check_refused(R"({"days": 3, "absent": {"days": [1, 3]}})", {"`days` lists 3 as present"});
  // The first present one is named, wherever "absent" stands.
  const std::string first =
      read(R"({"has": ["rash", "spasm"], "absent": {"has": ["spasm", "rash"]}})").error;
  CHECK(first.find("\"rash\"") != std::string::npos);
  CHECK(read(R"({"absent": {"has": ["spasm", "rash"]}, "has": ["rash", "spasm"]})").error == first);
  // Not a clash: another value, another input.
  CHECK(read(R"({"has": ["spasm"], "absent": {"has": ["rash"]}, "seen": [["spasm", 1]]})").ok);
  CHECK(read(R"({"seen": [["rash", 1]], "absent": {"seen": [["rash", 2]]}})").ok);
}

TEST_CASE("case reader: a number outside its column's range is refused", "[cases]") {
  check_refused(R"({"days": -4})",
                {"`days` takes a whole number of 0 or more, not -4", "range is 0.."});
  check_refused(R"({"days": [2, -1]})", {"`days`", "not -1"});
  check_refused(R"({"absent": {"days": -1}})", {"`days` (under \"absent\")", "not -1"});
  check_refused(R"({"score": 3})", {"`score` takes a number from -1.5 to 2.5, not 3"});
  check_refused(R"({"score": -1.75})", {"`score`", "not -1.75", "range is -1.5..2.5"});
  CHECK(read(R"({"days": 0, "score": -1.5})").ok);
  CHECK(read(R"({"days": 9223372036854775807, "score": 2.5})").ok);
  // The range is part of what the message says a value must be.
  check_refused(R"({"days": "four"})", {"`days`", "\"four\""});
  check_refused(R"({"days": [[1]]})", {"each item of `days` must be a whole number of 0 or more"});
}
