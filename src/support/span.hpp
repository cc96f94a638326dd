#pragma once
// Span: a range of bytes in one source file held in memory.

#include <cstdint>

namespace sinew {

using FileId = std::uint32_t;
inline constexpr FileId no_file = 0xffffffffu;

struct Span {
  FileId file = no_file;
  std::uint32_t begin = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte

  bool valid() const { return file != no_file; }
  std::uint32_t size() const { return end - begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// The smallest span covering both (same file assumed).
inline Span join(Span a, Span b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  return Span{a.file, a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
}

}  // namespace sinew
