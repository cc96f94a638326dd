#include "column_ranges.hpp"

#include "ir/printer.hpp"

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

namespace sinew::semantics {

namespace {

// `0..`, `1..10`, `..7`: the range as written.
std::string written(const ast::ColumnRange& range) { return range.low + ".." + range.high; }

// The value of a bound written `text` in a column of `base`, or why it cannot be one.
std::optional<ir::Value> bound_value(std::string_view text, ir::BaseType base, std::string& why) {
  bool negative = text.starts_with('-');
  std::string_view digits = negative ? text.substr(1) : text;
  bool prefixed = digits.size() > 2 && digits[0] == '0' &&
                  (digits[1] == 'x' || digits[1] == 'X' || digits[1] == 'b' || digits[1] == 'B');
  bool fraction = !prefixed && digits.find_first_of(".eE") != std::string_view::npos;
  if (fraction || base == ir::BaseType::floating) {
    if (base != ir::BaseType::floating) {
      why = "this column takes whole numbers";
      return std::nullopt;
    }
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      if (!prefixed) {
        why = "the number is out of range";
        return std::nullopt;
      }
    } else {
      return std::bit_cast<ir::Value>(value);
    }
  }
  int radix = 10;
  if (prefixed) {
    radix = (digits[1] == 'x' || digits[1] == 'X') ? 16 : 2;
    digits = digits.substr(2);
  }
  std::uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude,
                                      radix);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    why = "the number is out of range";
    return std::nullopt;
  }
  switch (base) {
    case ir::BaseType::unsigned_number:
      if (negative && magnitude != 0) {
        why = "this column takes no negative numbers";
        return std::nullopt;
      }
      return magnitude;
    case ir::BaseType::floating: {
      double value = static_cast<double>(magnitude);
      return std::bit_cast<ir::Value>(negative ? -value : value);
    }
    case ir::BaseType::number: {
      constexpr auto largest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
      if (magnitude > largest + (negative ? 1 : 0)) {
        why = "the number is out of range";
        return std::nullopt;
      }
      return negative ? ~magnitude + 1 : magnitude;  // two's complement
    }
    case ir::BaseType::symbol: break;
  }
  why = "this column does not hold numbers";
  return std::nullopt;
}

}  // namespace

ir::ColumnRange lower_column_range(Context& context, const ast::RelationDecl& relation,
                                   const ast::Parameter& param, const ir::ColumnType& type) {
  const ast::ColumnRange& range = *param.range;
  auto refuse = [&](std::string message, std::string hint) {
    context.sink.report(codes::column_range, range.span, std::move(message)).hint = std::move(hint);
    return ir::ColumnRange{};
  };
  if (relation.role != ast::RelationDecl::Role::input) {
    return refuse(fmt::format("only an `input` takes a range: it limits the values a case gives, "
                              "and `{}` is not an input",
                              relation.name.text),
                  "declare the relation with `input`, or remove `in " + written(range) + "`");
  }
  if (type.base == ir::BaseType::symbol) {
    return refuse(fmt::format("the column `{}` is of type `{}`, not a number, so it cannot take "
                              "a range",
                              param.name.text, type.name),
                  "a range is for a column of `number`, `unsigned` or `float`");
  }
  ir::ColumnRange out;
  for (const std::string* text : {&range.low, &range.high}) {
    if (text->empty()) continue;
    std::string why;
    auto value = bound_value(*text, type.base, why);
    if (!value) {
      return refuse(fmt::format("the range of `{}` cannot start or end at {}: {}", param.name.text,
                                *text, why),
                    fmt::format("write a range of values of type `{}`", type.name));
    }
    (text == &range.low ? out.low : out.high) = value;
  }
  if (out.low && out.high && !out.contains(type.base, *out.low)) {
    return refuse(fmt::format("the range {} of `{}` holds no number: it ends before it starts",
                              written(range), param.name.text),
                  "write the smaller number first, as in `in 1..10`");
  }
  return out;
}

bool check_fact_in_range(Context& context, const ir::Fact& fact, const ast::Atom& atom) {
  const ir::Relation& relation = context.program.relations[fact.relation];
  bool in_range = true;
  for (std::size_t c = 0; c < relation.columns.size() && c < fact.values.size(); ++c) {
    const ir::Column& column = relation.columns[c];
    if (column.range.empty() || column.range.contains(column.type.base, fact.values[c])) continue;
    in_range = false;
    Span where = c < atom.args.size() ? atom.args[c].span : atom.span;
    context.sink
        .report(codes::column_range, where,
                fmt::format("`{}` takes {} {} in its column `{}`, not {}", relation.name,
                            column.type.base == ir::BaseType::floating ? "a number"
                                                                       : "a whole number",
                            ir::range_in_words(context.program, column), column.name,
                            ir::print_value(context.program, column.type, fact.values[c])))
        .hint = fmt::format("its declaration says `{}: {} in {}`", column.name, column.type.name,
                            ir::print_range(context.program, column));
  }
  return in_range;
}

}  // namespace sinew::semantics
