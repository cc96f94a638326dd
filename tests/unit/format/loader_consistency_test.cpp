// What the writer can write, the reader reads, and what the reader refuses it refuses
// for the right reason: each case here was once refused or misreported.
#include "format/codec.hpp"
#include "format/container.hpp"
#include "unit/program_text.hpp"

#include "format/compiled.hpp"
#include "format/export.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <limits>

using namespace sinew;
using namespace sinew::testing;

namespace {

format::Metadata metadata() {
  format::Metadata m;
  m.compiler = format::compiler_version();
  m.files = {"test.sinew"};
  return m;
}

const char* const small_program = R"(
relation edge(a: number, b: number)
relation path(a: number, b: number)
edge(1, 2).
path(A, B) :- edge(A, B).
path(A, C) :- path(A, B), edge(B, C).
)";

format::Compiled decoded(const std::string& bytes) {
  auto compiled = format::decode(bytes);
  INFO((compiled ? std::string() : compiled.error().message));
  REQUIRE(compiled.ok());
  return std::move(*compiled);
}

std::string refusal(const std::string& bytes) {
  auto compiled = format::decode(bytes);
  REQUIRE_FALSE(compiled.ok());
  return compiled.error().message;
}

}  // namespace

TEST_CASE("a section of an optional feature this build does not know is skipped", "[format]") {
  ir::Program program = compile_text(small_program);
  auto sections = format::write_sections(program, metadata(), nullptr);
  // What a newer Sinew might add: section 14 for its optional feature, bit 1.
  sections.emplace_back(static_cast<format::SectionId>(14), std::string("\x01\x02\x03", 3));
  std::string newer = format::assemble(1u << 1, sections);
  format::Compiled compiled = decoded(newer);
  CHECK(format::encode(compiled.program, compiled.metadata) == format::encode(program, metadata()));

  // Without an optional feature to belong to, such a section is damage.
  std::string damaged = format::assemble(0, sections);
  CHECK(refusal(damaged).find("damaged") != std::string::npos);
}

TEST_CASE("a citation without a source is read back as it was written", "[format]") {
  ir::Program program = compile_text(small_program);
  ir::Origin quoted;
  quoted.file = "test.sinew";
  quoted.remarks.citations.push_back(ir::Citation{ir::none, "a quote on its own"});
  ir::OriginId id = program.origins.add(quoted);
  format::Compiled compiled = decoded(format::encode(program, metadata()));
  REQUIRE(compiled.program.origins[id].citations.size() == 1);
  CHECK(compiled.program.origins[id].citations.front().source == ir::none);
  auto json = nlohmann::json::parse(format::to_json(compiled));
  CHECK(json.at("origins").at(id).at("citations").at(0).at("source").is_null());
}

TEST_CASE("items at their smallest encoding are not taken for a count too large", "[format]") {
  // Each section below ends with items whose every field is empty: the bytes left
  // after the count are exactly the items' smallest size.
  ir::Program program = compile_text(small_program);
  program.sources.emplace_back();     // 9 empty strings and no text: 10 bytes
  program.origins.add(ir::Origin{});  // 8 bytes
  program.queries.emplace_back();     // 13 bytes
  format::Compiled compiled = decoded(format::encode(program, metadata()));
  CHECK(compiled.program.sources.size() == program.sources.size());
  CHECK(compiled.program.origins.size() == program.origins.size());
  CHECK(compiled.program.queries.size() == 1);

  // A relation without columns derives at most one fact, which takes no bytes.
  ir::Program flag = compile_text(R"(
relation seed(a: number)
relation any_seed()
seed(1).
any_seed() :- seed(_).
)");
  auto derived = format::derive(flag);
  REQUIRE(derived.ok());
  REQUIRE(derived->relations.back().rows == 1);
  format::Compiled with_flag = decoded(format::encode(flag, metadata(), &*derived));
  REQUIRE(with_flag.derived.has_value());
  CHECK(with_flag.derived->relations.back().rows == 1);
}

TEST_CASE("a relation with an empty name is reported as such, not as a duplicate", "[format]") {
  ir::Program program = compile_text(small_program);
  program.relations.front().name.clear();
  std::string message = refusal(format::encode(program, metadata()));
  CHECK(message.find("empty name") != std::string::npos);
  CHECK(message.find("same name") == std::string::npos);

  program.relations.front().name = program.relations.back().name;
  CHECK(refusal(format::encode(program, metadata())).find("same name") != std::string::npos);
}

TEST_CASE("floats that JSON cannot hold export as named strings", "[format]") {
  ir::Program program = compile_text(R"(
relation reading(x: float)
reading(1.5).
)");
  REQUIRE(program.facts.size() == 1);
  auto add = [&](double v) {
    ir::Value value = std::bit_cast<ir::Value>(v);
    program.facts.add(program.facts[0].relation, std::span(&value, 1), program.facts[0].origin);
  };
  add(std::numeric_limits<double>::quiet_NaN());
  add(std::numeric_limits<double>::infinity());
  add(-std::numeric_limits<double>::infinity());
  auto json = nlohmann::json::parse(format::to_json(decoded(format::encode(program, metadata()))));
  const auto& facts = json.at("facts");
  REQUIRE(facts.size() == 4);
  CHECK(facts.at(0).at("values").at(0) == 1.5);
  CHECK(facts.at(1).at("values").at(0) == "NaN");
  CHECK(facts.at(2).at("values").at(0) == "Infinity");
  CHECK(facts.at(3).at("values").at(0) == "-Infinity");
}
