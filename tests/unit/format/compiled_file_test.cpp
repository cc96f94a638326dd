// Compiled files on the bundled knowledge base: the same program gives the same bytes,
// what is read back evaluates as the sources do, and a damaged, truncated or newer
// file is refused with a message, never read.
#include "format/binary.hpp"
#include "unit/kb_fixture.hpp"

#include "format/compiled.hpp"
#include "format/export.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using namespace sinew;
using namespace sinew::testing;
namespace fs = std::filesystem;

namespace {

const std::string& kb_bytes() {
  static const std::string bytes = [] {
    format::Metadata metadata;
    metadata.compiler = format::compiler_version();
    metadata.files = {"kb"};
    return format::encode(kb_program(), metadata);
  }();
  return bytes;
}

}  // namespace

TEST_CASE("the knowledge base compiles to the same bytes every time", "[format]") {
  const std::string& bytes = kb_bytes();
  REQUIRE(format::has_magic(bytes));
  format::Metadata metadata;
  metadata.compiler = format::compiler_version();
  metadata.files = {"kb"};
  CHECK(format::encode(kb_program(), metadata) == bytes);

  // Read back and written again: nothing is lost or reordered on the way.
  auto decoded = format::decode(bytes);
  INFO((decoded ? std::string() : decoded.error().message));
  REQUIRE(decoded.ok());
  CHECK(decoded->metadata.compiler == metadata.compiler);
  CHECK(format::encode(decoded->program, decoded->metadata) == bytes);
}

TEST_CASE("a loaded knowledge base has every statement's origin, read from a file or from memory",
          "[format]") {
  // read_file hands the file's bytes to the program; decode copies what it keeps.
  fs::path file = fs::temp_directory_path() / "sinew_compiled_file_test.sinewb";
  REQUIRE(format::write_atomically(file.string(), kb_bytes()).ok());
  auto from_file = format::read_file(file.string());
  fs::remove(file);
  auto from_memory = format::decode(kb_bytes());
  REQUIRE(from_file.ok());
  REQUIRE(from_memory.ok());
  const ir::Origins& sources = kb_program().origins;
  for (const format::Compiled* loaded : {&*from_file, &*from_memory}) {
    const ir::Origins& origins = loaded->program.origins;
    REQUIRE(origins.size() == sources.size());
    for (ir::OriginId id = 0; id < sources.size(); ++id) {
      ir::OriginView source = sources[id], read = origins[id];
      INFO(source.file << ":" << source.line);
      CHECK(read.file == source.file);
      CHECK(read.line == source.line);
      CHECK(read.column == source.column);
      CHECK(read.text == source.text);
      CHECK(read.rule_name == source.rule_name);
      CHECK(std::equal(read.citations.begin(), read.citations.end(), source.citations.begin(),
                       source.citations.end()));
      CHECK(std::equal(read.notes.begin(), read.notes.end(), source.notes.begin(),
                       source.notes.end()));
      CHECK(std::equal(read.assumptions.begin(), read.assumptions.end(), source.assumptions.begin(),
                       source.assumptions.end()));
    }
    CHECK(origins.remarks() == sources.remarks());
  }
}

TEST_CASE("a compiled knowledge base reaches the conclusions its sources reach", "[format]") {
  auto decoded = format::decode(kb_bytes());
  REQUIRE(decoded.ok());
  const ir::Program& loaded = decoded->program;
  for (const std::vector<std::string>& findings :
       {std::vector<std::string>{"muscle_spasm", "chest_pain"},
        std::vector<std::string>{"muscle_soreness", "redness", "swelling"},
        std::vector<std::string>{"muscle_soreness", "intense_workout"}}) {
    auto from_sources = evaluate_case(kb_program(), findings, 4);
    auto from_file = evaluate_case(loaded, findings, 4);
    for (ir::RelationId r = 0; r < loaded.relations.size(); ++r) {
      INFO(loaded.relations[r].name);
      CHECK(from_file->sorted(r) == from_sources->sorted(r));
    }
  }
}

// Every length short of the whole file, and every byte changed in turn: each damaged
// file is refused with a message. A single changed byte is a burst of at most 8 bits,
// which CRC-32C always detects, and every byte is under a checksum; should a change
// ever go unnoticed, it must at least read back as the same program.
TEST_CASE("a compiled file cut short at any length is refused", "[format][damage]") {
  const std::string& bytes = kb_bytes();
  std::size_t unexplained = 0;
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    auto decoded = format::decode(std::string_view(bytes).substr(0, size));
    if (!decoded.ok() && !decoded.error().message.empty()) continue;
    INFO("the first " << size << " of " << bytes.size() << " bytes");
    CHECK_FALSE(decoded.ok());
    ++unexplained;
  }
  CHECK(unexplained == 0);
}

TEST_CASE("a compiled file with any one byte changed is refused", "[format][damage]") {
  const std::string& bytes = kb_bytes();
  std::string damaged = bytes;
  std::size_t unexplained = 0;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    for (unsigned char change : {0x01, 0xff}) {  // one bit, and every bit
      damaged[at] = static_cast<char>(bytes[at] ^ change);
      auto decoded = format::decode(damaged);
      damaged[at] = bytes[at];
      if (!decoded.ok() && !decoded.error().message.empty()) continue;
      INFO("byte " << at << " of " << bytes.size() << " changed by " << int(change));
      ++unexplained;
      if (!decoded.ok()) {
        CHECK_FALSE(decoded.error().message.empty());
        continue;
      }
      CHECK(format::encode(decoded->program, decoded->metadata) == bytes);
    }
  }
  CHECK(unexplained == 0);
}

TEST_CASE("a file of a newer format version is refused as newer, not as damaged", "[format]") {
  std::string newer = kb_bytes();
  // The version follows the eight bytes of magic, little-endian; the header's checksum
  // (over its first 12 bytes) follows at 12, as a newer Sinew would write it.
  newer[format::magic.size()] = static_cast<char>(format::format_version + 1);
  std::uint32_t checksum = format::crc32c(std::string_view(newer).substr(0, 12));
  for (int i = 0; i < 4; ++i) newer[12 + i] = static_cast<char>((checksum >> (8 * i)) & 0xff);
  auto decoded = format::decode(newer);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().message.find("newer") != std::string::npos);

  CHECK_FALSE(format::decode("not a compiled file at all").ok());
}

TEST_CASE("the JSON export is deterministic and names what the knowledge base holds", "[format]") {
  auto decoded = format::decode(kb_bytes());
  REQUIRE(decoded.ok());
  std::string text = format::to_json(*decoded);
  CHECK(format::to_json(*decoded) == text);
  auto json = nlohmann::json::parse(text);
  CHECK(json.at("format_version") == format::export_version);
  CHECK(json.at("rules").size() == kb_program().rules.size());
  CHECK(json.at("entities").size() == kb_program().entities.size());
}
