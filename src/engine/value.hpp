#pragma once
// Values as people read them, and the orders in which they compare.

#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <span>
#include <string>

namespace sinew::engine {

using ir::Value;

// The text of a value in a column of that type: numbers in decimal, floats in their
// shortest round-trip form, symbols (and scale levels) as their text, unquoted.
// Shared by every output (facts files, tables, JSON strings).
std::string format_value(const SymbolTable& symbols, const ir::ColumnType& type, Value value);
// The same, appended to `out` (no allocation when `out` has room).
void append_value(std::string& out, const SymbolTable& symbols, const ir::BaseType base,
                  Value value);

// Three-way comparison by an ordering: numbers numerically (signed, unsigned, or as
// doubles), symbols by text, levels of a scale by rank (`scales` is
// Program::scales; a symbol that is not a level of the scale sorts after the levels,
// by text).
int compare_values(const SymbolTable& symbols, std::span<const ir::Scale> scales,
                   const ir::Ordering& ordering, Value a, Value b);

}  // namespace sinew::engine
