#include "line_reader.hpp"

#include <cstring>

namespace sinew::cli {

LineReader::LineReader(std::FILE* file, std::size_t max_line_bytes)
    : file_(file), max_(max_line_bytes), buffer_(1 << 16) {}

bool LineReader::fill() {
  begin_ = end_ = 0;
  if (eof_) return false;
  end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::next(Line& line) {
  long_line_.clear();
  std::size_t length = 0;
  bool too_long = false;
  bool started = false;
  while (true) {
    if (begin_ == end_ && !fill()) {
      if (!started) return false;
      break;  // the last line has no line end
    }
    started = true;
    const char* start = buffer_.data() + begin_;
    const void* found = std::memchr(start, '\n', end_ - begin_);
    std::size_t chunk = found ? static_cast<const char*>(found) - start : end_ - begin_;
    length += chunk;
    if (!too_long) {
      if (length > max_) {
        too_long = true;
        long_line_.clear();
        long_line_.shrink_to_fit();
      } else {
        long_line_.append(start, chunk);
      }
    }
    begin_ += chunk;
    if (found) {
      ++begin_;
      break;
    }
  }
  line.number = ++number_;
  line.length = length;
  line.too_long = too_long;
  std::string_view text = too_long ? std::string_view() : std::string_view(long_line_);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  line.text = text;
  return true;
}

}  // namespace sinew::cli
