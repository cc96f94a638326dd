#pragma once
// Ranges of input columns (`input duration_days(n: number in 0..)`): the bounds as
// values of the column's type, and the facts of a program or a test checked against them.

#include "context.hpp"

#include "ir/program.hpp"
#include "syntax/ast.hpp"

namespace sinew::semantics {

// The range of a column of `relation` (its columns so far) declared `param`; reports
// E0418 and gives an empty range when it cannot be.
ir::ColumnRange lower_column_range(Context& context, const ast::RelationDecl& relation,
                                   const ast::Parameter& param, const ir::ColumnType& type);

// Reports E0418 for each value of `fact` outside its column's range; false if any is.
bool check_fact_in_range(Context& context, const ir::Fact& fact, const ast::Atom& atom);

}  // namespace sinew::semantics
