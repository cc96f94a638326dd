// The checksum of compiled files is CRC-32C whichever way this machine computes it
// (SSE 4.2 or a table): the standard check value, and a bit-at-a-time reference on
// every length and alignment around the eight-byte steps.
#include "format/binary.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

std::uint32_t crc32c_bitwise(std::string_view bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

}  // namespace

TEST_CASE("CRC-32C of long inputs, summed in blocks side by side, agrees with a reference",
          "[format]") {
  // Around the sizes where the blocks start (3 × 8192 bytes) and repeat.
  std::string bytes;
  for (std::size_t i = 0; i < 100'000; ++i)
    bytes.push_back(static_cast<char>((i * 2654435761u) >> 13));
  for (std::size_t size :
       {24'575u, 24'576u, 24'577u, 24'583u, 49'152u, 49'159u, 73'728u, 99'999u}) {
    std::string_view part = std::string_view(bytes).substr(0, size);
    INFO(size << " bytes");
    CHECK(sinew::format::crc32c(part) == crc32c_bitwise(part));
  }
  CHECK(sinew::format::crc32c(std::string_view(bytes).substr(3, 60'000)) ==
        crc32c_bitwise(std::string_view(bytes).substr(3, 60'000)));
}

TEST_CASE("CRC-32C gives the standard check value and agrees with a reference", "[format]") {
  CHECK(sinew::format::crc32c("123456789") == 0xe3069283u);
  CHECK(sinew::format::crc32c("") == 0u);
  std::string bytes;
  for (int i = 0; i < 300; ++i) bytes.push_back(static_cast<char>(i * 37 + 11));
  for (std::size_t from = 0; from < 9; ++from) {
    for (std::size_t size = 0; from + size <= bytes.size(); size += 1 + size / 7) {
      std::string_view part = std::string_view(bytes).substr(from, size);
      INFO("from " << from << ", " << size << " bytes");
      CHECK(sinew::format::crc32c(part) == crc32c_bitwise(part));
    }
  }
}
