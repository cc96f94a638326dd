#include "support/source_map.hpp"

#include "support/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sinew {

namespace {

bool is_continuation_byte(unsigned char c) { return (c & 0xC0u) == 0x80u; }

}  // namespace

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  std::uint32_t characters = 0;
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (i % checkpoint_bytes == 0) checkpoints_.push_back(characters);
    if (!is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++characters;
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  checkpoints_.push_back(characters);  // for the end of a text of a multiple of the size
}

std::uint32_t SourceFile::characters_before(std::uint32_t offset) const {
  std::uint32_t checkpoint = offset / checkpoint_bytes;
  std::uint32_t characters = checkpoints_[checkpoint];
  for (std::uint32_t i = checkpoint * checkpoint_bytes; i < offset; ++i) {
    if (!is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++characters;
  }
  return characters;
}

// Once per statement (every rule and fact keeps its line and column): a column counted
// from the line's start made 150,000 facts on one line quadratic (20 s).
LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t column = 1 + characters_before(offset) - characters_before(line_starts_[line - 1]);
  return {line, column};
}

std::string_view SourceFile::line(std::uint32_t number) const {
  if (number == 0 || number > line_starts_.size()) return {};
  std::size_t begin = line_starts_[number - 1];
  std::size_t end = number < line_starts_.size() ? line_starts_[number] - 1 : text_.size();
  std::string_view view(text_);
  view = view.substr(begin, end - begin);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

FileId SourceMap::add(std::string path, std::string text) {
  files_.emplace_back(std::move(path), std::move(text));
  return static_cast<FileId>(files_.size() - 1);
}

Result<FileId> SourceMap::load(const std::string& path, std::size_t max_bytes) {
  auto text = read_file(path, max_bytes);
  if (!text) return text.error();
  return add(path, std::move(text).value());
}

std::string_view SourceMap::text(Span span) const {
  const std::string& text = file(span.file).text();
  if (span.begin > text.size()) return {};
  return std::string_view(text).substr(span.begin, span.end - span.begin);
}

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  auto cannot_read = [&] {
    return Error{fmt::format("cannot read `{}`: {}", path, std::strerror(errno)),
                 codes::file_not_found.id};
  };
  auto too_large = [&] {
    return Error{fmt::format("`{}` is larger than {} bytes, the most Sinew reads", path, max_bytes),
                 codes::file_too_large.id};
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot_read();
  std::unique_ptr<int, void (*)(int*)> closer(&fd, [](int* f) { ::close(*f); });
  // A regular file's size lets it be refused unread, and read in one piece. A pipe has
  // no size, and a file may grow as it is read: the loop reads to the end regardless.
  struct stat info {};
  std::size_t expected = 0;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    if (static_cast<std::uint64_t>(info.st_size) > max_bytes) return too_large();
    expected = static_cast<std::size_t>(info.st_size);
  }
  std::string text;
  std::size_t size = 0;
  while (true) {
    if (size == text.size()) text.resize(std::max({size + (1 << 16), expected + 1, size * 2}));
    ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_read();
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
    if (size > max_bytes) return too_large();
  }
  text.resize(size);
  return text;
}

}  // namespace sinew
