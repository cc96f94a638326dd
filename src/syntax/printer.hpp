#pragma once
// Printing the AST: as source text (parses back to the same tree) and as a debug dump.

#include "support/source_map.hpp"
#include "syntax/ast.hpp"

#include <string>
#include <string_view>

namespace sinew::syntax {

// Source text in the module's dialect. parse(print(m)) equals m once spans are cleared.
std::string print(const ast::Module& module);
std::string print(const ast::Term& term, ast::Dialect dialect = ast::Dialect::sinew);
std::string print(const ast::Atom& atom, ast::Dialect dialect = ast::Dialect::sinew);
std::string print(const ast::Literal& literal, ast::Dialect dialect = ast::Dialect::sinew);
// A query without its name and final `.`: `?- F : p(F) limit 3` or `?~ a ~ b all`.
std::string print(const ast::QueryDecl& query, ast::Dialect dialect = ast::Dialect::sinew);

// The same, with numbers and strings as the author wrote them in `source`, the text
// the spans point into (`0x2A`, `1e-3`, escapes, `"""long strings"""`), and groups
// written `( a ; b )`, for `sinew fmt`.
// A statement is printed without its annotations and without the final line end; a
// string with no span of its own (a label, a title) is printed quoted.
std::string print_as_written(const ast::StatementNode& statement, std::string_view source);
std::string print_as_written(const ast::Literal& literal, std::string_view source);
std::string print_as_written(const ast::Atom& atom, std::string_view source);
std::string print_as_written(const ast::Term& term, std::string_view source);

// An indented tree, one node per line, with line:col of each node when `sources` is
// given (`sinew dump --stage=ast`). Each line is
//
//   <indent><node> [@line:col] [details]
//
// two spaces of indent per level; `@line:col` is where the node starts (1-based,
// columns in characters) and is left out without `sources` or for nodes that have no
// place of their own (`alternative`, `objects`, `definition`, `synonym`). The first
// line is `module [path] dialect=sinew|souffle statements=N`; then one line per
// statement, named as in the AST (`kind_decl`, `relation_decl`, `rule_decl`, ...)
// followed by its parts, then the statement's annotations. Bodies list their
// alternatives (`alternative 1`, `alternative 2`: the `;`-separated parts), each with
// its conditions (`atom`, `negation`, `comparison <op>`, `group`); values are
// `term <kind> <text>`. A query lists its chosen columns first (`select variable F`,
// `select count`, `select max L`), then its body, then `order_by <column> asc|desc`
// and `limit N`; a path question is one `path_question directed|undirected [all]
// [within N]` line with `from`, `to` (each with its term) and `through <relation>`
// lines beneath. For example, for
//
//   kind finding
//
//   rule urgent
//     @cite seed "...seek treatment immediately."
//     reach(seek_treatment_immediately) :- has(muscle_spasm), duration_days(N), N >= 3.
//
// the dump is
//
//   module kb/spasm.sinew dialect=sinew statements=2
//     kind_decl @1:1 finding
//     rule_decl @3:1 urgent
//       clause @5:3
//         head @5:3 reach
//           term @5:9 constant seek_treatment_immediately
//         alternative 1
//           atom @5:40 has
//             term @5:44 constant muscle_spasm
//           atom @5:59 duration_days
//             term @5:73 variable N
//           comparison @5:77 >=
//             term @5:77 variable N
//             term @5:82 integer 3
//       annotation @4:3 cite seed "...seek treatment immediately."
std::string dump(const ast::Module& module, const SourceMap* sources = nullptr);

// Sets every span (and the file id) to its default, for comparing trees.
void clear_spans(ast::Module& module);

}  // namespace sinew::syntax
