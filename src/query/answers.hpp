#pragma once
// Answering queries: each query becomes a relation of its answers, added to a copy of
// the program that keeps only the strata the answers need.

#include "engine/database.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <span>
#include <string>
#include <vector>

namespace sinew::query {

// Answers as a table: one column per column of the query (by default, per answer
// variable), rows in the query's order (by default, sorted).
struct Table {
  std::vector<std::string> columns;
  std::vector<ir::ColumnType> types;
  std::vector<std::vector<ir::Value>> rows;
  std::string error;        // not empty: no answers could be given (a sum out of range)
  std::size_t omitted = 0;  // answers left out after these by the reader (the REPL's cut)
};

// The program to evaluate for some queries, and where each query's answers land.
struct Prepared {
  ir::Program program;
  std::vector<ir::RelationId> answers;  // by query
};

// Adds one answer relation per query (named `?-1`, `?-2`, ...: no author can name a
// relation so) and drops the strata that no answer depends on.
Prepared prepare(const ir::Program& program, std::span<const ir::Query* const> queries);

// Keeps only the strata (and `.input` files) needed for `targets`.
void keep_needed(ir::Program& program, std::span<const ir::RelationId> targets);

// The answers of query number `query` of `prepare`, once `database` is evaluated.
Table answers(const Prepared& prepared, std::size_t query, const ir::Query& definition,
              const engine::Database& database);

// Shapes the rows of a query's answer relation (in Database::sorted order) into what the
// query shows: its columns (the distinct values of the chosen variables, or one row per
// group with its aggregates), then `order by` (levels of a scale by rank), then `limit`.
Table shape(const ir::Query& definition, std::vector<std::vector<ir::Value>> rows,
            const SymbolTable& symbols, std::span<const ir::Scale> scales);

}  // namespace sinew::query
