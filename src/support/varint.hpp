#pragma once
// Unsigned LEB128 numbers: seven bits a byte, low bits first, the high bit set on every
// byte but the last. The compiled file's numbers, and the statements' origins in memory.

#include <cstdint>
#include <string>

namespace sinew {

inline void append_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(static_cast<std::uint8_t>(v | 0x80)));
    v >>= 7;
  }
  out.push_back(static_cast<char>(static_cast<std::uint8_t>(v)));
}

// Reads a number that is known to be well formed (written by `append_varint`, or
// checked before), stopping at `end` at the latest.
inline std::uint64_t read_varint(const char*& at, const char* end) {
  std::uint64_t v = 0;
  for (int shift = 0; at != end && shift < 64; shift += 7) {
    auto b = static_cast<std::uint8_t>(*at++);
    v |= std::uint64_t{b & 0x7fu} << shift;
    if ((b & 0x80) == 0) break;
  }
  return v;
}

}  // namespace sinew
