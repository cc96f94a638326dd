#pragma once
// LineReader: the lines of a stream, in constant memory whatever their number or length.
//
// A line longer than the limit is not kept: it is reported as too long (with its
// length) and skipped, so that a 100 MB line cannot exhaust memory.

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::cli {

class LineReader {
 public:
  LineReader(std::FILE* file, std::size_t max_line_bytes);

  struct Line {
    std::size_t number = 0;  // 1-based
    std::string_view text;   // without its line end; empty when too long
    bool too_long = false;
    std::size_t length = 0;  // in bytes, also when too long
  };
  // The next line, or false at the end of the stream. The view is valid until the next call.
  bool next(Line& line);
  bool failed() const { return std::ferror(file_) != 0; }

 private:
  bool fill();

  std::FILE* file_;
  std::size_t max_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t number_ = 0;
  std::string long_line_;  // a line that spans buffer refills (up to the limit)
};

}  // namespace sinew::cli
