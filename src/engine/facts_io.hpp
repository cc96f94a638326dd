#pragma once
// Facts files in and out, as Soufflé reads and writes them.
//
// In: one tuple per line, fields separated by the relation's delimiter (a TAB unless
// declared otherwise), no header (unless `headers=true`), no quoting; numbers in
// decimal (a leading `-` or `+`), floats as C reads them, symbols as their text; `\r\n`
// line ends accepted.
// A malformed line is refused with `FILE:LINE: field N: ...`.
// Out: `OUTDIR/<name>.csv`, tab-separated, tuples sorted (numbers numerically,
// symbols by text), floats in shortest round-trip form.

#include "engine/database.hpp"
#include "ir/program.hpp"
#include <sinew/support/result.hpp>

#include <string>
#include <string_view>

namespace sinew::engine {

// Reads `DIR/<facts_file>` of every `.input` relation (Relation::load_facts). A
// missing file is an error naming the relation and the path.
Result<void> load_facts(const ir::Program& program, Database& database, const std::string& dir);

// Reads one facts file into a relation. Returns the number of lines read. With
// `headers`, the first line names the columns and is skipped (`.input r(headers=true)`).
Result<std::size_t> read_facts_file(Database& database, ir::RelationId relation,
                                    const std::string& path, char delimiter = '\t',
                                    bool headers = false);

// Parses facts text (the contents of a facts file); `name` labels error messages.
Result<std::size_t> read_facts_text(Database& database, ir::RelationId relation,
                                    std::string_view text, std::string_view name,
                                    char delimiter = '\t', bool headers = false);

// The sorted tuples of a relation as facts-file text (one line per tuple).
std::string format_relation(const Database& database, ir::RelationId relation,
                            char delimiter = '\t');

// Writes `OUTDIR/<name>.csv` for every output relation (Relation::output).
Result<void> write_outputs(const ir::Program& program, const Database& database,
                           const std::string& outdir);
// Writes one relation to a file.
Result<void> write_relation(const Database& database, ir::RelationId relation,
                            const std::string& path, char delimiter = '\t');

}  // namespace sinew::engine
