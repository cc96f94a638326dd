#include <sinew/support/source_map.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace sinew {

namespace {

bool is_continuation_byte(unsigned char c) { return (c & 0xC0u) == 0x80u; }

}  // namespace

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t column = 1;
  for (std::uint32_t i = line_starts_[line - 1]; i < offset; ++i) {
    if (!is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++column;
  }
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
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                        &std::fclose);
  if (!file) {
    return Error{fmt::format("cannot read `{}`: {}", path, std::strerror(errno))};
  }
  std::string text;
  char buffer[1 << 16];
  while (true) {
    std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    if (n == 0) break;
    if (text.size() + n > max_bytes) {
      return Error{fmt::format("`{}` is larger than {} bytes, the most Sinew reads", path,
                               max_bytes)};
    }
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) {
    return Error{fmt::format("cannot read `{}`: {}", path, std::strerror(errno))};
  }
  return text;
}

}  // namespace sinew
