#include "support/quote_parts.hpp"

#include <cctype>

namespace sinew {

std::string squeeze_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<std::string> quote_parts(const std::string& quote) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < quote.size();) {
    if (quote.compare(i, 3, "...") == 0 || quote.compare(i, 3, "\u2026") == 0) {
      parts.push_back(current);
      current.clear();
      i += 3;
      continue;
    }
    current += quote[i++];
  }
  parts.push_back(current);
  std::vector<std::string> kept;
  for (const std::string& part : parts) {
    std::string squeezed = squeeze_whitespace(part);
    if (!squeezed.empty()) kept.push_back(std::move(squeezed));
  }
  return kept;
}

}  // namespace sinew
