#pragma once
// Printing the AST: as source text (parses back to the same tree) and as a debug dump.

#include <sinew/support/source_map.hpp>
#include <sinew/syntax/ast.hpp>

#include <string>

namespace sinew::syntax {

// Source text in the module's dialect. parse(print(m)) equals m once spans are cleared.
std::string print(const ast::Module& module);
std::string print(const ast::Term& term, ast::Dialect dialect = ast::Dialect::sinew);
std::string print(const ast::Atom& atom, ast::Dialect dialect = ast::Dialect::sinew);
std::string print(const ast::Literal& literal, ast::Dialect dialect = ast::Dialect::sinew);

// An indented tree, one node per line, with line:col of each node when `sources` is
// given (`sinew dump --stage=ast`).
std::string dump(const ast::Module& module, const SourceMap* sources = nullptr);

// Sets every span (and the file id) to its default, for comparing trees.
void clear_spans(ast::Module& module);

}  // namespace sinew::syntax
