#pragma once
// Cases as JSON: one object whose keys are the knowledge base's `input` relations.
//
//   {"has": ["muscle_spasm", "chest_pain"], "duration_days": 4}
//
// A unary relation takes a list of values (or one value); a relation of several
// columns takes a list of arrays. Unknown keys, unknown entities, entities of the wrong
// kind and values of the wrong type are refused with a message that names them.

#include <sinew/ir/program.hpp>
#include <sinew/support/result.hpp>
#include <sinew/support/symbol_table.hpp>

#include <string_view>
#include <vector>

namespace sinew::query {

// The facts of one case. New symbols (strings in symbol columns that are not kinds)
// are interned into `symbols`.
Result<std::vector<ir::Fact>> read_case(const ir::Program& program, SymbolTable& symbols,
                                        std::string_view json);

}  // namespace sinew::query
