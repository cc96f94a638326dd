// Formatting and ordering of values.
#include "engine/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>

namespace sinew::engine {

void append_value(std::string& out, const SymbolTable& symbols, const ir::BaseType base,
                  Value value) {
  char buffer[32];
  switch (base) {
    case ir::BaseType::number: {
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer,
                                     static_cast<std::int64_t>(value));
      (void)ec;
      out.append(buffer, end);
      return;
    }
    case ir::BaseType::unsigned_number: {
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
      (void)ec;
      out.append(buffer, end);
      return;
    }
    case ir::BaseType::floating:
      fmt::format_to(std::back_inserter(out), "{}", std::bit_cast<double>(value));
      return;
    case ir::BaseType::symbol: out += symbols.text(static_cast<SymbolId>(value)); return;
  }
}

std::string format_value(const SymbolTable& symbols, const ir::ColumnType& type, Value value) {
  std::string out;
  append_value(out, symbols, type.base, value);
  return out;
}

namespace {

template <typename T>
int three_way(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::size_t rank(const ir::Scale& scale, Value value) {
  auto it = std::find(scale.levels.begin(), scale.levels.end(), static_cast<SymbolId>(value));
  return static_cast<std::size_t>(it - scale.levels.begin());
}

}  // namespace

int compare_values(const SymbolTable& symbols, std::span<const ir::Scale> scales,
                   const ir::Ordering& ordering, Value a, Value b) {
  if (ordering.scale != ir::none && ordering.scale < scales.size()) {
    const ir::Scale& scale = scales[ordering.scale];
    int by_rank = three_way(rank(scale, a), rank(scale, b));
    if (by_rank != 0 || a == b) return by_rank;
    // Both outside the scale: fall through to text so the order is still total.
  }
  switch (ordering.base) {
    case ir::BaseType::number:
      return three_way(static_cast<std::int64_t>(a), static_cast<std::int64_t>(b));
    case ir::BaseType::unsigned_number: return three_way(a, b);
    case ir::BaseType::floating:
      return three_way(std::bit_cast<double>(a), std::bit_cast<double>(b));
    case ir::BaseType::symbol:
      if (a == b) return 0;
      return three_way(symbols.text(static_cast<SymbolId>(a)),
                       symbols.text(static_cast<SymbolId>(b)));
  }
  return 0;
}

}  // namespace sinew::engine
