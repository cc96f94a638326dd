// libFuzzer target: the compiled-file loader (format::decode) on arbitrary bytes.
//
// Every input is decoded twice: as it is, and with its checksums recomputed. Mutated
// bytes almost never pass the CRCs, so without the second pass the fuzzer would only
// ever explore the header checks; with it, it reaches the section readers and the
// validator. A file that loads must export to JSON and encode to bytes that load again.
#include "format/binary.hpp"
#include "format/container.hpp"

#include "format/compiled.hpp"
#include "format/export.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace sinew::format;

void store_u32(std::string& bytes, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// The same bytes with every checksum the layout lets us find made to match. Leaves
// the bytes alone where the table does not fit the file.
std::string with_checksums_recomputed(std::string bytes) {
  if (bytes.size() < header_size) return bytes;
  store_u32(bytes, 12, crc32c(std::string_view(bytes).substr(0, 12)));
  std::uint64_t count = load_u32(bytes.data() + 24);
  std::uint64_t table_end = header_size + table_entry_size * count;
  if (count > last_section || table_end > bytes.size()) return bytes;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::size_t entry = header_size + table_entry_size * i;
    std::uint64_t offset = load_u64(bytes.data() + entry + 8);
    std::uint64_t length = load_u64(bytes.data() + entry + 16);
    if (offset > bytes.size() || length > bytes.size() - offset) continue;
    store_u32(bytes, entry + 4, crc32c(std::string_view(bytes).substr(offset, length)));
  }
  std::string covered = bytes.substr(16, 12) + bytes.substr(header_size, table_end - header_size);
  store_u32(bytes, 28, crc32c(covered));
  return bytes;
}

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "fuzz_loader: %s\n", what);
  std::abort();
}

void load(std::string_view bytes) {
  auto compiled = decode(bytes);
  if (!compiled) {
    if (compiled.error().message.empty()) broken("a file was refused without a message");
    return;
  }
  (void)to_json(*compiled);
  const Derived* derived = compiled->derived ? &*compiled->derived : nullptr;
  std::string again = encode(compiled->program, compiled->metadata, derived);
  auto reloaded = decode(again);
  if (!reloaded) broken("a file that loads, written again, does not load");
  const Derived* rederived = reloaded->derived ? &*reloaded->derived : nullptr;
  if (encode(reloaded->program, reloaded->metadata, rederived) != again) {
    broken("a loaded file does not write the same bytes twice");
  }
  if (derived) (void)with_derived(compiled->program, *derived);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  load(bytes);
  std::string fixed = with_checksums_recomputed(bytes);
  if (fixed != bytes) load(fixed);
  return 0;
}
