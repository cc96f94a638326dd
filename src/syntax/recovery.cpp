// Statement-level error recovery, and the UTF-8 check that precedes parsing.
#include "recovery.hpp"

#include "grammar/rules.hpp"

namespace sinew::syntax {

namespace {

namespace p = tao::pegtl;

// A top-level keyword followed by a name, a directive, or `?-`.
struct block_breaker : p::sor<grammar::leading<grammar::statement_keyword>,
                              p::seq<p::one<'.'>, grammar::directive_name>, grammar::query_start> {
};

bool starts_statement(std::string_view text, std::size_t at, bool in_block) {
  char c = text[at];
  if (!in_block) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '?';
  }
  p::memory_input in(text.data() + at, text.data() + text.size(), "");
  try {
    return p::parse<block_breaker>(in);
  } catch (const p::parse_error&) {
    return false;  // an unclosed comment right after the keyword
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Nothing but blanks or a comment up to the end of the line.
bool rest_of_line_blank(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size() || text[at] == '\n' || text[at] == '\r') return true;
  return text[at] == '/' && at + 1 < text.size() && (text[at + 1] == '/' || text[at + 1] == '*');
}

bool ends_statement(std::string_view text, std::size_t dot) {
  if (dot + 1 >= text.size()) return true;
  char next = text[dot + 1];
  if (is_space(next)) return true;
  return next == '/' && dot + 2 < text.size() && (text[dot + 2] == '/' || text[dot + 2] == '*');
}

// Past the quoted text that opens at `at`; a short one also ends at the end of its line.
std::size_t skip_string(std::string_view text, std::size_t at) {
  if (text.substr(at, 3) == "\"\"\"") {
    std::size_t close = text.find("\"\"\"", at + 3);
    return close == std::string_view::npos ? text.size() : close + 3;
  }
  std::size_t i = at + 1;
  while (i < text.size() && text[i] != '"' && text[i] != '\n') {
    i += text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n' ? 2 : 1;
  }
  return i < text.size() && text[i] == '"' ? i + 1 : i;
}

}  // namespace

std::size_t resume_point(std::string_view text, std::size_t statement_begin, std::size_t error_at) {
  std::size_t depth = 0;
  std::size_t i = statement_begin;
  while (i < text.size()) {
    bool line_start = i > statement_begin && i >= error_at && text[i - 1] == '\n';
    if (line_start && starts_statement(text, i, depth > 0)) return i;
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '/' && next == '/') {
      std::size_t line_end = text.find('\n', i);
      i = line_end == std::string_view::npos ? text.size() : line_end;
      continue;
    }
    if (c == '/' && next == '*') {
      std::size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) return text.size();
      i = close + 2;
      continue;
    }
    if (c == '"') {
      i = skip_string(text, i);
      continue;
    }
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (depth > 0) --depth;
      if (depth == 0 && i >= error_at && rest_of_line_blank(text, i + 1)) return i + 1;
    } else if (c == '.' && depth == 0 && i >= error_at && ends_statement(text, i)) {
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

}  // namespace sinew::syntax
