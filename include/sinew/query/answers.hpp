#pragma once
// Answering queries: each query becomes a relation of its answers, added to a copy of
// the program that keeps only the strata the answers need.

#include <sinew/engine/database.hpp>
#include <sinew/ir/program.hpp>

#include <span>
#include <string>
#include <vector>

namespace sinew::query {

// Answers as a table: one column per answer variable, rows sorted.
struct Table {
  std::vector<std::string> columns;
  std::vector<ir::ColumnType> types;
  std::vector<std::vector<ir::Value>> rows;
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

Table answers(const Prepared& prepared, std::size_t query, const ir::Query& definition,
              const engine::Database& database);

}  // namespace sinew::query
