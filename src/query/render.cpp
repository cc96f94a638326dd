#include "query/render.hpp"

#include "engine/value.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>

namespace sinew::query {

namespace {

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  }));
}

std::string render_table(const Table& table, const SymbolTable& symbols) {
  if (table.columns.empty()) return table.rows.empty() ? "no\n" : "yes\n";
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const std::string& column : table.columns) widths.push_back(display_width(column));
  for (const auto& row : table.rows) {
    auto& line = cells.emplace_back();
    for (std::size_t i = 0; i < row.size(); ++i) {
      line.push_back(engine::format_value(symbols, table.types[i], row[i]));
      widths[i] = std::max(widths[i], display_width(line.back()));
    }
  }
  std::string out;
  auto add_line = [&](const std::vector<std::string>& line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      out += line[i];
      if (i + 1 < line.size()) out.append(widths[i] - display_width(line[i]) + 2, ' ');
    }
    out += '\n';
  };
  add_line(table.columns);
  std::vector<std::string> rule;
  for (std::size_t width : widths) rule.emplace_back(width, '-');
  add_line(rule);
  for (const auto& line : cells) add_line(line);
  // When the reader left answers out, it says how many (the REPL: "showing 50 of ...").
  if (table.omitted == 0) {
    out += fmt::format("({} answer{})\n", table.rows.size(), table.rows.size() == 1 ? "" : "s");
  }
  return out;
}

nlohmann::ordered_json json_value(const SymbolTable& symbols, const ir::ColumnType& type,
                                  ir::Value value) {
  switch (type.base) {
    case ir::BaseType::number: return static_cast<std::int64_t>(value);
    case ir::BaseType::unsigned_number: return value;
    case ir::BaseType::floating: return std::bit_cast<double>(value);
    case ir::BaseType::symbol: return std::string(symbols.text(static_cast<SymbolId>(value)));
  }
  return nullptr;
}

std::string render_json(const Table& table, const SymbolTable& symbols) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size(); ++i) {
      object[table.columns[i]] = json_value(symbols, table.types[i], row[i]);
    }
    array.push_back(std::move(object));
  }
  return array.dump() + "\n";
}

std::string render_separated(const Table& table, const SymbolTable& symbols, Format format) {
  std::string out;
  // A question without variables has one answer, yes or no, under a column of its own:
  // an empty header and empty lines would say nothing to a spreadsheet.
  if (table.columns.empty()) {
    append_separated_line(out, {"answer"}, format);
    append_separated_line(out, {table.rows.empty() ? "no" : "yes"}, format);
    return out;
  }
  append_separated_line(out, table.columns, format);
  std::vector<std::string> fields(table.columns.size());
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      fields[i] = engine::format_value(symbols, table.types[i], row[i]);
    }
    append_separated_line(out, fields, format);
  }
  return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  if (name == "tsv") return Format::tsv;
  return std::nullopt;
}

std::string separated_field(std::string_view text, Format format) {
  std::string out;
  if (format == Format::tsv) {
    for (char c : text) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
    return out;
  }
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void append_separated_line(std::string& out, const std::vector<std::string>& fields,
                           Format format) {
  const char separator = format == Format::csv ? ',' : '\t';
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += separator;
    out += separated_field(fields[i], format);
  }
  out += '\n';
}

std::string render(const Table& table, Format format, const SymbolTable& symbols) {
  switch (format) {
    case Format::table: return render_table(table, symbols);
    case Format::json: return render_json(table, symbols);
    case Format::csv:
    case Format::tsv: return render_separated(table, symbols, format);
  }
  return {};
}

}  // namespace sinew::query
