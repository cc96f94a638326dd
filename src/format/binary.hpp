#pragma once
// The primitives of the compiled file: little-endian words, LEB128 numbers, strings,
// and a reader that checks every read against the bytes that are left.
//
// The reader never throws and never reads out of bounds: the first failure is kept
// (with what was being read), every later read returns zero, and the caller checks
// `ok()` before using what it read. A count is checked against the bytes left (each
// item takes at least `min_item_bytes`) before anything is allocated for it.

#include "support/varint.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sinew::format {

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void number(std::uint64_t v) { append_varint(out_, v); }
  // An index that may be `none` (0xffffffff): written as index + 1, `none` as 0.
  void index(std::uint32_t v) { number(v == 0xffffffffu ? 0 : std::uint64_t{v} + 1); }
  void flag(bool v) { u8(v ? 1 : 0); }
  void string(std::string_view s) {
    number(s.size());
    out_.append(s);
  }
  void bytes(std::string_view s) { out_.append(s); }

  std::string& out() { return out_; }
  std::size_t size() const { return out_.size(); }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view bytes, std::string_view section)
      : data_(bytes.data()), end_(bytes.data() + bytes.size()), section_(section) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t left() const { return static_cast<std::size_t>(end_ - data_); }
  bool at_end() const { return data_ == end_; }
  const char* position() const { return data_; }

  // Records a failure (the first one wins); later reads return zero. Out of line and
  // cold, so that the reads that check for it stay small enough to inline.
  [[gnu::cold, gnu::noinline]] void fail(std::string_view what, std::string_view more = {});

  std::uint8_t u8() {
    if (data_ == end_) {
      fail("the section ends in the middle of an item");
      return 0;
    }
    return static_cast<std::uint8_t>(*data_++);
  }
  bool flag() {
    std::uint8_t v = u8();
    if (v > 1) fail("a yes/no field holds another value");
    return v == 1;
  }
  [[gnu::always_inline]] std::uint64_t number() {
    // Most numbers of a file are below 128: one byte, and one test for it.
    if (data_ != end_ && static_cast<unsigned char>(*data_) < 0x80) {
      return static_cast<unsigned char>(*data_++);
    }
    return long_number();
  }
  [[gnu::always_inline]] std::uint32_t u32_number() {
    std::uint64_t v = number();
    if (v > 0xfffffffeu) fail("a number is out of range");
    return ok() ? static_cast<std::uint32_t>(v) : 0;
  }
  // An index below `limit`, or `none` when `optional`.
  [[gnu::always_inline]] std::uint32_t index(std::uint64_t limit, std::string_view what,
                                             bool optional = false) {
    std::uint64_t v = number();
    if (!ok()) return 0;
    if (optional) {
      if (v == 0) return 0xffffffffu;
      --v;
    }
    if (v >= limit) {
      fail(what, " refers to an item that does not exist");
      return 0;
    }
    return static_cast<std::uint32_t>(v);
  }
  // A count of items of at least `min_item_bytes` bytes each.
  [[gnu::always_inline]] std::size_t count(std::size_t min_item_bytes = 1) {
    std::uint64_t n = number();
    if (!ok()) return 0;
    // (Most counts are of bytes, and a division per string shows in a profile.)
    if (min_item_bytes > 1 ? n > left() / min_item_bytes : n > left()) {
      fail("a count is larger than the data that follows it");
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  [[gnu::always_inline]] std::string_view string_view() {
    std::size_t n = count(1);
    if (!ok()) return {};
    std::string_view s(data_, n);
    data_ += n;
    return s;
  }
  std::string string() { return std::string(string_view()); }
  std::string_view bytes(std::size_t n) {
    if (n > left()) {
      fail("the section ends in the middle of an item");
      return {};
    }
    std::string_view s(data_, n);
    data_ += n;
    return s;
  }
  template <typename Enum>
  Enum enumeration(std::uint8_t last, std::string_view what) {
    std::uint8_t v = u8();
    if (v > last) fail(what, " has an unknown value");
    return static_cast<Enum>(ok() ? v : 0);
  }

 private:
  std::uint64_t long_number() {
    // A number has at most ten bytes: the end of the section is tested once, not at each.
    const auto* p = reinterpret_cast<const unsigned char*>(data_);
    const std::size_t most = std::min<std::size_t>(left(), 10);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < most; ++i) {
      std::uint64_t b = p[i];
      // More than 64 bits, or not the shortest form (one value, one encoding).
      if ((i == 9 && b > 1) || (b == 0 && i > 0)) {
        fail("a number is malformed");
        return 0;
      }
      v |= (b & 0x7fu) << (7 * i);
      if (b < 0x80) {
        data_ += i + 1;
        return v;
      }
    }
    // (Ten bytes cannot all say "more follows": the tenth is refused above.)
    fail("the section ends in the middle of an item");
    return 0;
  }

  const char* data_;
  const char* end_;
  std::string_view section_;
  std::string error_;
};

inline std::uint32_t load_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
inline std::uint64_t load_u64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// CRC-32C (Castagnoli), as iSCSI and ext4 use it.
std::uint32_t crc32c(std::string_view bytes);

}  // namespace sinew::format
