#pragma once
// The parser: source text to AST, with one diagnostic per broken statement.

#include "support/diagnostics.hpp"
#include "support/source_map.hpp"
#include "syntax/ast.hpp"

#include <optional>
#include <string_view>

namespace sinew::syntax {

struct ParseOptions {
  ast::Dialect dialect = ast::Dialect::sinew;
  // Deeper nesting of brackets is an error (E0105), so that no later pass can
  // overflow the stack on hostile input.
  std::size_t max_depth = 200;
};

// `.dl` files use Souffle's naming convention; everything else is Sinew's.
ast::Dialect dialect_for_path(std::string_view path);

// Parses a whole file. Errors go to `sink`; the module holds every statement that
// parsed, so that checking can go on and report more than the first mistake.
//
// - One error per broken statement: the parser skips to the end of that statement
//   and goes on (the rule is in src/syntax/recovery.hpp). Three mistakes in three
//   statements give three errors.
// - A file that is not UTF-8 gets one E0101 at its first bad byte and is not parsed;
//   a file with nothing but blanks and comments gets E0102. A UTF-8 byte order mark
//   is skipped.
// - An annotation (`@cite`, `@note`, `@assumption`) joins the statement before it
//   (a `rule`'s own annotations are written between its name and its clause); one
//   with no statement before it is E0117, and those after a broken statement are
//   dropped with it.
// - Nesting deeper than `options.max_depth` (brackets, `-` signs, aggregates, and
//   chains of operators, which make trees as deep as they are long) is one E0105,
//   never a stack overflow.
ast::Module parse_module(const SourceMap& sources, FileId file, DiagnosticSink& sink,
                         const ParseOptions& options = {});

// Parses the text of one query, with or without the leading `?-` and the final `.`
// (`sinew query -e`, the REPL); a path question starts with `?~`.
std::optional<ast::QueryDecl> parse_query(const SourceMap& sources, FileId file,
                                          DiagnosticSink& sink, const ParseOptions& options = {});

// Parses one atom, such as `disposition(seek_treatment_immediately)` (`sinew explain -e`).
std::optional<ast::Atom> parse_atom(const SourceMap& sources, FileId file, DiagnosticSink& sink,
                                    const ParseOptions& options = {});

}  // namespace sinew::syntax
