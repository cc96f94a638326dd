#pragma once
// Answers as people and programs read them: a table, JSON, CSV or TSV.

#include <sinew/query/answers.hpp>
#include <sinew/support/symbol_table.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace sinew::query {

enum class Format { table, json, csv, tsv };

std::optional<Format> parse_format(std::string_view name);

// `table`: aligned columns under a header, `yes`/`no` for a query without variables;
// `json`: one array of objects from variable name to value (`[{"F": "chest_pain"}]`);
// `csv`/`tsv`: a header line of variable names, then one line per answer.
std::string render(const Table& table, Format format, const SymbolTable& symbols);

}  // namespace sinew::query
