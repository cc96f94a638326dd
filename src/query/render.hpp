#pragma once
// Answers as people and programs read them: a table, JSON, CSV or TSV.

#include "query/answers.hpp"
#include "support/symbol_table.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::query {

enum class Format { table, json, csv, tsv };

std::optional<Format> parse_format(std::string_view name);

// `table`: aligned columns under a header, `yes`/`no` for a query without variables;
// `json`: one array of objects from variable name to value (`[{"F": "chest_pain"}]`);
// `csv`/`tsv`: a header line of variable names, then one line per answer (a query
// without variables: the column `answer`, then `yes` or `no`).
std::string render(const Table& table, Format format, const SymbolTable& symbols);

// One field of a CSV or TSV line. CSV quotes a field that holds a comma, a quote or a
// line break (RFC 4180); TSV cannot quote, so a tab, a line break and the backslash
// are written `\t`, `\n`, `\r` and `\\` (as PostgreSQL's text format does).
std::string separated_field(std::string_view text, Format format);

// One CSV or TSV line of `fields` (each by separated_field) ending in a line feed,
// appended to `out`: the answers and the path questions write their lines alike.
void append_separated_line(std::string& out, const std::vector<std::string>& fields, Format format);

}  // namespace sinew::query
