#include "syntax/comments.hpp"

namespace sinew::syntax {

namespace {

bool is_identifier_rest(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Where the string that opens at `at` ends (one past its closing quotes), as the grammar
// reads it: `"""` runs to the next `"""`; a short string ends at a `"` that no name
// character follows, and never crosses a line end.
std::size_t string_end(std::string_view text, std::size_t at) {
  if (text.substr(at, 3) == "\"\"\"") {
    std::size_t close = text.find("\"\"\"", at + 3);
    return close == std::string_view::npos ? text.size() : close + 3;
  }
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      ++i;
    } else if (c == '\n' || c == '\r') {
      return i;
    } else if (c == '"' && (i + 1 == text.size() || !is_identifier_rest(text[i + 1]))) {
      return i + 1;
    }
  }
  return text.size();
}

}  // namespace

std::vector<Comment> find_comments(std::string_view text) {
  std::vector<Comment> comments;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      i = string_end(text, i);
    } else if (c == '/' && text.substr(i, 2) == "//") {
      std::size_t end = text.find_first_of("\r\n", i);
      if (end == std::string_view::npos) end = text.size();
      comments.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), true});
      i = end;
    } else if (c == '/' && text.substr(i, 2) == "/*") {
      std::size_t close = text.find("*/", i + 2);
      std::size_t end = close == std::string_view::npos ? text.size() : close + 2;
      comments.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), false});
      i = end;
    } else {
      ++i;
    }
  }
  return comments;
}

}  // namespace sinew::syntax
