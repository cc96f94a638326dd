#include "json_text.hpp"

#include <fmt/format.h>

#include <bit>
#include <cmath>

namespace sinew::cases {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  // Most texts need no escape: copy runs of plain characters at once.
  auto plain = [](char c) {
    return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
  };
  while (!text.empty()) {
    std::size_t run = 0;
    while (run < text.size() && plain(text[run])) ++run;
    out.append(text.data(), run);
    text.remove_prefix(run);
    if (text.empty()) break;
    char c = text.front();
    text.remove_prefix(1);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out += '"';
}

void append_json_value(std::string& out, const SymbolTable& symbols, const ir::ColumnType& type,
                       ir::Value value) {
  switch (type.base) {
    case ir::BaseType::number:
      fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(value));
      return;
    case ir::BaseType::unsigned_number:
      fmt::format_to(std::back_inserter(out), "{}", value);
      return;
    case ir::BaseType::floating: {
      double number = std::bit_cast<double>(value);
      if (std::isfinite(number)) {
        fmt::format_to(std::back_inserter(out), "{}", number);
      } else {
        out += "null";  // JSON has no infinities
      }
      return;
    }
    case ir::BaseType::symbol:
      append_json_string(out, symbols.text(static_cast<SymbolId>(value)));
      return;
  }
}

}  // namespace sinew::cases
