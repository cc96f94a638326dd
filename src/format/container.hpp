#pragma once
// The outer layer of a compiled file: the header, the table of sections and their
// checksums. What is inside a section is the business of the section codecs.
//
//   offset  size  field
//   0       8     magic: 89 53 4E 57 42 0D 0A 1A
//   8       4     format version (little-endian, like every word of the file)
//   12      4     CRC-32C of bytes 0..11
//   16      4     required features: bits a reader must know, or refuse the file
//   20      4     optional features: bits a reader may ignore (bit 0: derived facts)
//   24      4     number of sections, n
//   28      4     CRC-32C of bytes 16..27 and of the section table
//   32      24n   section table: id (4), CRC-32C of the section (4), offset (8), length (8)
//   32+24n  ...   the sections, back to back in table order; the file ends with the last
//
// Bytes 0..15 keep this layout in every version, so that any later file is recognised
// and refused as newer rather than as damaged. Every byte of the file is covered by one
// of the checksums.

#include <sinew/support/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinew::format {

enum class SectionId : std::uint32_t {
  module = 1,
  symbols,
  sources,
  origins,
  kinds,
  relations,
  entities,
  facts,
  rules,
  strata,
  queries,
  tests,
  derived,
};
inline constexpr std::uint32_t last_section = static_cast<std::uint32_t>(SectionId::derived);

inline constexpr std::uint32_t feature_derived = 1u << 0;  // optional: a `derived` section
// required: some input column declares a range (flag 64 of a relation); an older reader
// would skip the check of what a case gives, so it must refuse the file instead.
inline constexpr std::uint32_t feature_column_ranges = 1u << 0;
inline constexpr std::uint32_t known_required_features = feature_column_ranges;
inline constexpr std::uint32_t known_optional_features = feature_derived;
// A newer writer may add sections for optional features; a reader skips the ones it
// does not know. The table stays short enough to check at a glance.
inline constexpr std::uint32_t max_sections = 64;
inline constexpr std::size_t header_size = 32;
inline constexpr std::size_t table_entry_size = 24;

// Where each field of the header starts (the layout above).
namespace header_at {
inline constexpr std::size_t magic = 0;
inline constexpr std::size_t version = 8;
inline constexpr std::size_t header_crc = 12;  // covers [0, header_crc)
inline constexpr std::size_t required_features = 16;
inline constexpr std::size_t optional_features = 20;
inline constexpr std::size_t section_count = 24;
inline constexpr std::size_t table_crc = 28;  // covers [required_features, table_crc) and the table
static_assert(table_crc + 4 == header_size);
}  // namespace header_at

// Where each field of an entry of the section table starts.
namespace entry_at {
inline constexpr std::size_t id = 0;
inline constexpr std::size_t crc = 4;
inline constexpr std::size_t offset = 8;
inline constexpr std::size_t length = 16;
static_assert(length + 8 == table_entry_size);
}  // namespace entry_at

// The name of a section in messages: "the rules".
std::string_view section_name(SectionId id);

struct Container {
  std::uint32_t required_features = 0;
  std::uint32_t optional_features = 0;
  // By SectionId (index 0 unused); empty views for absent sections. Sections of
  // optional features this build does not know are checked and left out.
  std::vector<std::string_view> sections;
  std::vector<bool> present;
};

// Lays out the header, the table and the sections (in increasing id order).
std::string assemble(std::uint32_t optional_features,
                     const std::vector<std::pair<SectionId, std::string>>& sections,
                     std::uint32_t required_features = 0);

// Checks the header, the table and every checksum. The views point into `file`.
Result<Container> open_container(std::string_view file);

}  // namespace sinew::format
