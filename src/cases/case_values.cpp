// The values of a case (case_values.hpp): a JSON scalar checked against the type, kind
// or scale of its column and turned into its value, or refused with a message that names
// the input and the value.

#include "case_values.hpp"

#include "ir/printer.hpp"
#include "support/similar.hpp"
#include "support/utf8.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <limits>
#include <string_view>

namespace sinew::cases {

namespace {

std::string number_word(const ir::ColumnType& type) {
  return type.base == ir::BaseType::floating ? "a number" : "a whole number";
}

const char* article(const std::string& noun) {
  return !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos
             ? "an"
             : "a";
}

std::string where(const CaseColumn& column) { return where_in_case(column.key, column.absent); }

// A name for a column of names: one it accepts, or a message that says what it is.
Result<ir::Value> name_value(const CaseColumn& column, const std::string& text,
                             SymbolTable& symbols) {
  const std::vector<bool>& accepted = column.accepted;
  const ir::ColumnType& type = column.declared.type;
  const ir::Program& program = column.program;
  if (accepted.empty()) return symbols.intern(text);  // any symbol will do
  auto found = symbols.find(text);
  if (found && *found < accepted.size() && accepted[*found]) return *found;
  std::string what = type.scale != ir::none ? fmt::format("level of `{}`", type.name)
                                            : fmt::format("{}", type.name);
  std::string message;
  const ir::Entity* entity = nullptr;
  if (found) {
    for (const ir::Entity& e : program.entities) {
      if (e.id == *found) entity = &e;
    }
  }
  if (entity && !entity->kinds.empty()) {
    message = fmt::format("{}: {} is a {}, not a {}", where(column), json_quoted(text),
                          program.kinds[entity->kinds.front()].name, what);
  } else {
    message = fmt::format("{}: {} is not a known {}", where(column), json_quoted(text), what);
    std::string hint = did_you_mean(text, column.names);
    if (!hint.empty()) message += "; " + hint;
  }
  return Error{message};
}

}  // namespace

std::string json_quoted(const std::string& text) {
  using Json = nlohmann::json;
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string where_in_case(const std::string& key, bool absent) {
  return fmt::format("`{}`{}", key, absent ? " (under \"absent\")" : "");
}

std::string accepted_in_words(const CaseColumn& column) {
  const ir::Column& declared = column.declared;
  const ir::ColumnType& type = declared.type;
  std::string range = declared.range.empty() ? std::string()
                                             : " " + ir::range_in_words(column.program, declared);
  switch (type.base) {
    case ir::BaseType::number: return "a whole number" + range;
    case ir::BaseType::unsigned_number:
      return range.empty() ? "a whole number of zero or more" : "a whole number" + range;
    case ir::BaseType::floating: return "a number" + range;
    case ir::BaseType::symbol: break;
  }
  if (type.scale != ir::none) return fmt::format("a level of `{}` in quotes", type.name);
  if (column.accepted.empty()) return "a name in quotes";
  return fmt::format("the name of {} {} in quotes", article(type.name), type.name);
}

Result<ir::Value> text_value(const CaseColumn& column, const std::string& text,
                             const std::string& shown, SymbolTable& symbols) {
  const ir::ColumnType& type = column.declared.type;
  if (type.base != ir::BaseType::symbol) {
    return Error{
        fmt::format("{} takes {}, not the text {}", where(column), number_word(type), shown)};
  }
  return name_value(column, text, symbols);
}

Result<ir::Value> integer_value(const CaseColumn& column, std::int64_t n) {
  switch (column.declared.type.base) {
    case ir::BaseType::number: return static_cast<ir::Value>(n);
    case ir::BaseType::unsigned_number:
      if (n < 0) {
        return Error{
            fmt::format("{} takes a whole number of zero or more, not {}", where(column), n)};
      }
      return static_cast<ir::Value>(n);
    case ir::BaseType::floating: return std::bit_cast<ir::Value>(static_cast<double>(n));
    case ir::BaseType::symbol: break;
  }
  return Error{fmt::format("{} takes names in quotes, not the number {}", where(column), n)};
}

Result<ir::Value> large_integer_value(const CaseColumn& column, std::uint64_t n) {
  const ir::ColumnType& type = column.declared.type;
  if (type.base == ir::BaseType::unsigned_number) return n;
  if (type.base == ir::BaseType::floating) return std::bit_cast<ir::Value>(static_cast<double>(n));
  if (type.base == ir::BaseType::symbol) {
    return Error{fmt::format("{} takes names in quotes, not the number {}", where(column), n)};
  }
  return Error{fmt::format("{}: {} is out of range (the largest number is {})", where(column), n,
                           std::numeric_limits<std::int64_t>::max())};
}

Result<ir::Value> float_value(const CaseColumn& column, double n, const std::string& text) {
  const ir::ColumnType& type = column.declared.type;
  if (type.base == ir::BaseType::floating) return std::bit_cast<ir::Value>(n);
  bool whole = text.find_first_of(".eE") == std::string::npos;
  if (type.base == ir::BaseType::symbol) {
    return Error{fmt::format("{} takes names in quotes, not the number {}", where(column), text)};
  }
  if (whole) {
    return Error{fmt::format("{}: {} is out of range (the largest number is {})", where(column),
                             text, std::numeric_limits<std::int64_t>::max())};
  }
  return Error{fmt::format("{} takes a whole number, not {}", where(column), text)};
}

Result<ir::Value> within_range(const CaseColumn& column, ir::Value value,
                               const std::string& shown) {
  const ir::Column& declared = column.declared;
  if (declared.range.contains(declared.type.base, value)) return value;
  return Error{fmt::format("{} takes {}, not {} (its declared range is {})", where(column),
                           accepted_in_words(column), shown,
                           ir::print_range(column.program, declared))};
}

std::string shown_as_json(const GivenValue& value) {
  // As the JSON library writes it (`4.0` for a whole float), which is how a case file
  // written by a program shows it; a number JSON cannot hold as `nan` or `inf`.
  if (const double* n = std::get_if<double>(&value); n && !std::isfinite(*n))
    return fmt::format("{}", *n);
  return std::visit(
      [](const auto& v) {
        return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      },
      value);
}

Result<ir::Value> given_value(const CaseColumn& column, const GivenValue& value,
                              const std::string& shown, SymbolTable& symbols) {
  struct Convert {
    const CaseColumn& column;
    const std::string& shown;
    SymbolTable& symbols;
    Result<ir::Value> operator()(const std::string& text) const {
      if (first_invalid_utf8(text) != std::string_view::npos) {
        return Error{
            fmt::format("{}: {} is not UTF-8 text; give names as UTF-8", where(column), shown)};
      }
      return text_value(column, text, shown, symbols);
    }
    Result<ir::Value> operator()(std::int64_t n) const { return integer_value(column, n); }
    Result<ir::Value> operator()(std::uint64_t n) const {
      if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return integer_value(column, static_cast<std::int64_t>(n));
      }
      return large_integer_value(column, n);
    }
    Result<ir::Value> operator()(double n) const {
      if (!std::isfinite(n) && column.declared.type.base != ir::BaseType::symbol) {
        return Error{fmt::format("{} takes {}, not {}; a case holds finite numbers only",
                                 where(column), accepted_in_words(column), shown)};
      }
      return float_value(column, n, shown);
    }
  };
  auto converted = std::visit(Convert{column, shown, symbols}, value);
  if (!converted) return converted;
  return within_range(column, *converted, shown);
}

}  // namespace sinew::cases
