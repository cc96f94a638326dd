// The reader's numbers: every length reads back, whether the section goes on after it
// or ends with it (the reader looks at most ten bytes ahead, fewer at the end), and each
// malformed number is refused the same way on both.
#include "format/binary.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

using sinew::format::Reader;
using sinew::format::Writer;

namespace {

// Reads one number from `bytes`, then `padding` bytes of something else after it.
struct Read {
  std::uint64_t value;
  bool ok;
  std::size_t left;
  std::string error;
};
Read read_number(const std::string& bytes, std::size_t padding) {
  std::string section = bytes + std::string(padding, '\x7f');
  Reader in(section, "test");
  std::uint64_t value = in.number();
  return {value, in.ok(), in.left(), in.error()};
}

}  // namespace

TEST_CASE("numbers of every length read back, at the end of a section or before more", "[format]") {
  for (int bits = 0; bits <= 64; ++bits) {
    for (std::uint64_t v :
         {bits == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits) - 1,
          bits == 64 ? 0 : std::uint64_t{1} << bits}) {
      Writer out;
      out.number(v);
      for (std::size_t padding : {0, 3, 12}) {
        INFO(v << " with " << padding << " bytes after it");
        Read read = read_number(out.out(), padding);
        CHECK(read.ok);
        CHECK(read.value == v);
        CHECK(read.left == padding);
      }
    }
  }
}

TEST_CASE("a malformed number is refused, at the end of a section or before more", "[format]") {
  const std::string over_64_bits = std::string(9, '\xff') + '\x02';
  const std::string eleven_bytes = std::string(10, '\x80') + '\x01';
  const std::string not_shortest("\x81\x00", 2);
  const std::string cut_short = "\x81\x82";
  for (const std::string& bytes : {over_64_bits, eleven_bytes, not_shortest}) {
    for (std::size_t padding : {0, 12}) {
      INFO(bytes.size() << " bytes, " << padding << " after");
      Read read = read_number(bytes, padding);
      CHECK_FALSE(read.ok);
      CHECK(read.value == 0);
      CHECK_THAT(read.error, Catch::Contains("a number is malformed"));
    }
  }
  Read cut = read_number(cut_short, 0);
  CHECK_FALSE(cut.ok);
  CHECK_THAT(cut.error, Catch::Contains("ends in the middle of an item"));
}
