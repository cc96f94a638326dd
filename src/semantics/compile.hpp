#pragma once
// The front end as one call: files in, a checked IR program (or diagnostics) out.

#include "ir/program.hpp"
#include "support/diagnostics.hpp"
#include "support/source_map.hpp"
#include "syntax/ast.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sinew::semantics {

// Reads the files and folders named on a command line: a folder contributes its
// `.sinew` files, recursively, in sorted order; a file is read whatever its
// extension; `import`s are followed, each file read once.
std::vector<ast::Module> load_modules(const std::vector<std::string>& paths, SourceMap& sources,
                                      DiagnosticSink& sink);

struct CompileOptions {
  // Warn about rules and edges that cite nothing, in programs that declare sources.
  bool require_citations = true;
};

// The passes, in order: declarations, kinds and entities, clauses (names, types,
// safety), citations, stratification, unused declarations. Returns the program when
// there were no errors.
std::optional<ir::Program> compile(const std::vector<ast::Module>& modules,
                                   const SourceMap& sources, DiagnosticSink& sink,
                                   const CompileOptions& options = {});

// A query written after the program was compiled (`sinew query -e`, the REPL), with
// the values of its `$parameters`.
std::optional<ir::Query> lower_query(
    const ast::QueryDecl& query, ir::Program& program, ast::Dialect dialect,
    const SourceMap& sources, DiagnosticSink& sink,
    const std::map<std::string, std::string>* parameters = nullptr);

// A ground fact such as `disposition(seek_treatment_immediately)` (`sinew explain -e`).
std::optional<ir::Fact> lower_fact(const ast::Atom& atom, ir::Program& program,
                                   ast::Dialect dialect, const SourceMap& sources,
                                   DiagnosticSink& sink);

}  // namespace sinew::semantics
