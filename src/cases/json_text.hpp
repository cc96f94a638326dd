#pragma once
// Writing JSON text by hand where speed matters (one answer per case).

#include "engine/value.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <string>
#include <string_view>

namespace sinew::cases {

// `"text"`, escaped as JSON requires.
void append_json_string(std::string& out, std::string_view text);
// A value of a column: a JSON number, or a string for symbols.
void append_json_value(std::string& out, const SymbolTable& symbols, const ir::ColumnType& type,
                       ir::Value value);

}  // namespace sinew::cases
