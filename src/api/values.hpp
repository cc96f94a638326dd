#pragma once
// Values between the API's form (names and numbers) and the engine's (64-bit words).

#include "ir/program.hpp"
#include "support/symbol_table.hpp"
#include <sinew/sinew.hpp>

#include <string>
#include <string_view>

namespace sinew::api {

ColumnInfo::Base base_of(ir::BaseType base);

Value to_value(const ir::ColumnType& type, ir::Value value, const SymbolTable& symbols);

// A value for column `column` of `relation`. A name the knowledge base does not know is
// refused: no fact could hold it, and it is most likely a typo.
Result<ir::Value> to_engine(const ir::Program& program, ir::RelationId relation, std::size_t column,
                            const Value& value, const SymbolTable& symbols);

// The relation named so, or an error that suggests the closest name.
Result<ir::RelationId> find_relation(const ir::Program& program, std::string_view name);

}  // namespace sinew::api
