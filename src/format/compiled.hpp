#pragma once
// Compiled rule files (`.sinewb`): a checked program written once and loaded fast,
// with no parser. The layout is documented in src/format/README.md.
//
// A loader never trusts the file: every offset, count, index and string is checked
// before use, each section carries a CRC-32C, and the program read back is checked
// against the invariants the engine and the explanations rely on. A damaged,
// truncated, foreign or newer file is refused with a message that says which.

#include "ir/program.hpp"
#include <sinew/support/result.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::format {

// The version of the layout this build writes, and the newest it reads.
inline constexpr std::uint32_t format_version = 1;
// The file's first eight bytes: a non-ASCII byte (so the file is not taken for text),
// `SNWB`, and CR LF SUB, which a text-mode transfer would mangle.
inline constexpr std::array<unsigned char, 8> magic = {0x89, 'S', 'N', 'W', 'B', 0x0d, 0x0a, 0x1a};

// What the file says about where its program came from.
struct Metadata {
  std::string compiler;                        // "sinew 0.1.0"
  std::array<std::uint8_t, 32> source_hash{};  // SHA-256 of the sources (see source_hash())
  std::vector<std::string> files;              // the rule files compiled, in the order read
  bool souffle_names = false;                  // the first file was a `.dl` (Soufflé's naming)
};

// The facts that follow from the knowledge base alone (no case, no facts files),
// computed when the file was written (`sinew compile --with-derived`). Each listed
// relation is complete: its rules need no input, so a loader may take its tuples as
// given instead of evaluating them.
struct Derived {
  struct Tuples {
    ir::RelationId relation = ir::none;
    std::size_t rows = 0;
    std::vector<ir::Value> values;  // row after row, `arity` values each
  };
  std::vector<Tuples> relations;  // by increasing RelationId
};

struct Compiled {
  ir::Program program;
  Metadata metadata;
  std::optional<Derived> derived;
};

// "sinew 0.1.0": the compiler named in the files this build writes.
std::string compiler_version();

// ---- writing ----------------------------------------------------------------------

// The bytes of a compiled file. The same program and metadata give the same bytes.
// Rules without join plans are planned first (ir::plan), on a copy.
std::string encode(const ir::Program& program, const Metadata& metadata,
                   const Derived* derived = nullptr);

// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to
// the disk, then renamed over `path`. On failure the old file is left as it was.
Result<void> write_atomically(const std::string& path, std::string_view bytes);

// SHA-256 over the sources a program was compiled from: each (name, text) pair, in
// order, as the 8-byte little-endian length of each followed by its bytes.
std::array<std::uint8_t, 32> source_hash(
    const std::vector<std::pair<std::string, std::string>>& sources);
std::string hex(const std::array<std::uint8_t, 32>& digest);
// SHA-256 of some bytes.
std::array<std::uint8_t, 32> sha256(std::string_view bytes);

// ---- reading ----------------------------------------------------------------------

struct ReadOptions {
  std::size_t max_bytes = std::size_t{1} << 31;  // larger files are refused unread
};

// Does this look like a compiled file (its first bytes are the magic)?
bool has_magic(std::string_view bytes);

// Decodes and verifies a whole file held in memory.
Result<Compiled> decode(std::string_view bytes);
// Reads and verifies a file. `what` names it in messages (the path by default).
Result<Compiled> read_file(const std::string& path, const ReadOptions& options = {});
// The program alone.
Result<ir::Program> read(const std::string& path, const ReadOptions& options = {});

// ---- derived facts ----------------------------------------------------------------

// The relations whose facts follow from the program alone: no rule on the way reads a
// case input or a facts file.
std::vector<bool> knowledge_only(const ir::Program& program);

// Evaluates the program without a case and keeps the tuples of every knowledge-only
// relation. Fails when the evaluation stops (a limit, an arithmetic error).
Result<Derived> derive(const ir::Program& program);

// The program to evaluate cases with when the derived facts are at hand: the strata
// whose relations are all in `derived` are dropped and their tuples become facts.
// Explanations want the full program (its rules derive those facts with provenance).
ir::Program with_derived(const ir::Program& program, const Derived& derived);

}  // namespace sinew::format
