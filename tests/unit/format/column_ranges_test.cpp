// The ranges of input columns (`input days(n: number in 0..)`) in the compiled file:
// written only when there are some (files without ranges are as before), read back
// whole, exported to JSON, and marked as a required feature so that a reader that
// would not check them refuses the file.
#include "format/binary.hpp"
#include "unit/program_text.hpp"

#include "format/compiled.hpp"
#include "format/export.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <bit>

using namespace sinew;

namespace {

const char* const ranged_program = R"(
input days(n: number in 0..)
input score(s: float in -1.5..2.5, t: number in ..0x10, u: unsigned)
output seen(n: number)
seen(N) :- days(N).
seen(T) :- score(_, T, _).
)";

std::string encoded(const ir::Program& program) {
  format::Metadata metadata;
  metadata.compiler = format::compiler_version();
  metadata.files = {"test.sinew"};
  return format::encode(program, metadata);
}

std::uint32_t required_features(const std::string& bytes) {
  std::uint32_t out = 0;
  for (int i = 0; i < 4; ++i)
    out |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[16 + i])) << (8 * i);
  return out;
}

const ir::Relation& relation(const ir::Program& program, std::string_view name) {
  auto id = program.find_relation(name);
  REQUIRE(id.has_value());
  return program.relations[*id];
}

}  // namespace

TEST_CASE("column ranges survive the compiled file and its JSON export", "[format][range]") {
  ir::Program program = testing::compile_text(ranged_program);
  const ir::Relation& days = relation(program, "days");
  REQUIRE(days.columns[0].range.low.has_value());
  CHECK(*days.columns[0].range.low == 0);
  CHECK_FALSE(days.columns[0].range.high.has_value());

  std::string bytes = encoded(program);
  CHECK(required_features(bytes) == 1);  // bit 0: column ranges
  auto decoded = format::decode(bytes);
  INFO((decoded ? std::string() : decoded.error().message));
  REQUIRE(decoded.ok());
  for (const char* name : {"days", "score", "seen"}) {
    const ir::Relation& before = relation(program, name);
    const ir::Relation& after = relation(decoded->program, name);
    REQUIRE(before.columns.size() == after.columns.size());
    for (std::size_t c = 0; c < before.columns.size(); ++c) {
      INFO(name << " column " << c);
      CHECK(before.columns[c].range == after.columns[c].range);
    }
  }
  const ir::Relation& score = relation(decoded->program, "score");
  CHECK(std::bit_cast<double>(*score.columns[0].range.low) == -1.5);
  CHECK(std::bit_cast<double>(*score.columns[0].range.high) == 2.5);
  CHECK(*score.columns[1].range.high == 16);
  CHECK(score.columns[2].range.empty());
  CHECK(encoded(decoded->program) == bytes);  // written again, the same bytes

  auto json = nlohmann::json::parse(format::to_json(*decoded));
  nlohmann::json columns;
  for (const auto& r : json["relations"]) {
    if (r["name"] == "score") columns = r["columns"];
  }
  REQUIRE(columns.size() == 3);
  CHECK(columns[0]["range"] == nlohmann::json{{"low", -1.5}, {"high", 2.5}});
  CHECK(columns[1]["range"] == nlohmann::json{{"high", 16}});
  CHECK_FALSE(columns[2].contains("range"));
}

TEST_CASE("a program without ranges is written as before", "[format][range]") {
  ir::Program program = testing::compile_text(
      "input days(n: number)\noutput seen(n: number)\n"
      "seen(N) :- days(N).\n");
  std::string bytes = encoded(program);
  CHECK(required_features(bytes) == 0);
  // No relation carries flag 64: every flags byte is as an older build wrote it.
  auto decoded = format::decode(bytes);
  REQUIRE(decoded.ok());
  for (const ir::Relation& r : decoded->program.relations) {
    for (const ir::Column& column : r.columns) CHECK(column.range.empty());
  }
}

TEST_CASE("a file whose header and relations disagree on ranges is damaged", "[format][range]") {
  std::string bytes = encoded(testing::compile_text(ranged_program));
  REQUIRE(required_features(bytes) == 1);
  bytes[16] = 0;  // clear the required feature, and make the table's checksum agree
  std::uint32_t sections = 0;
  for (int i = 0; i < 4; ++i)
    sections |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[24 + i])) << (8 * i);
  std::string covered = bytes.substr(16, 12) + bytes.substr(32, 24 * sections);
  std::uint32_t checksum = format::crc32c(covered);
  for (int i = 0; i < 4; ++i) bytes[28 + i] = static_cast<char>((checksum >> (8 * i)) & 0xff);
  auto decoded = format::decode(bytes);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().message.find("ranges") != std::string::npos);
}
