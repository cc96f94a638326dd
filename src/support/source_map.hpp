#pragma once
// SourceMap: every source text Sinew reads, kept in memory, with line lookup.

#include "support/span.hpp"
#include <sinew/support/result.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sinew {

struct LineCol {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in characters (UTF-8 code points)
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol line_col(std::uint32_t offset) const;
  // The text of a 1-based line, without its line end.
  std::string_view line(std::uint32_t number) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

  // Characters (UTF-8 code points) are counted from a checkpoint every this many bytes,
  // never from the line's start: on a 3 MB line, each column found costs at most this.
  static constexpr std::uint32_t checkpoint_bytes = 4096;

 private:
  // The characters of the text before `offset`.
  std::uint32_t characters_before(std::uint32_t offset) const;

  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<std::uint32_t> checkpoints_;  // characters before byte k * checkpoint_bytes
};

class SourceMap {
 public:
  // Adds text that is already in memory (tests, the REPL, -e queries).
  FileId add(std::string path, std::string text);
  // Reads a file from disk. Refuses files over max_bytes.
  Result<FileId> load(const std::string& path, std::size_t max_bytes = std::size_t{1} << 30);

  const SourceFile& file(FileId id) const { return files_.at(id); }
  std::size_t size() const { return files_.size(); }
  LineCol line_col(Span span) const { return file(span.file).line_col(span.begin); }
  std::string_view text(Span span) const;

 private:
  std::deque<SourceFile> files_;  // deque: references stay valid as files are added
};

// Reads a whole file into a string.
Result<std::string> read_file(const std::string& path,
                              std::size_t max_bytes = std::size_t{1} << 30);

}  // namespace sinew
