#pragma once
// `sinew fmt`: a parsed file printed again in the one layout of `kb/`, with its comments.

#include "syntax/ast.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace sinew::syntax {

// Clauses are broken when they would be longer than this; edges and lists of entities
// without labels when longer than the second (kb/ has one-line edges of 101).
inline constexpr std::size_t format_width = 100;
inline constexpr std::size_t format_list_width = 120;

// `module` in the canonical layout. `text` is the text it was parsed from, without
// errors: its comments are kept in order, and numbers and strings as written there.
//
// - Statements keep their order, and the blank lines between them (several become one).
// - Comments on a line of their own stay on a line of their own, before the same code;
//   a comment after code stays after it, at the same column while the code before it
//   on that line is unchanged (so aligned comments stay aligned), else two spaces after.
// - Annotations go on lines of their own under their statement, indented by two; a
//   named rule has them between its name and its clause.
// - A clause is one line when it fits; else its body goes on the next line, indented
//   by two more; else one condition per line, each line but the last ending in `,`,
//   and then a group is written one alternative per line, each starting with `( ` or
//   `; `, the last ending in ` )`. On one line a group is `( a ; b )`. A comment inside
//   a clause breaks it. Facts are one line.
// - A list of entities with labels has one entity per line, aligned under the first.
//   An edge, or a list without labels, is one line when it fits the list width, else
//   one object per line aligned under the first.
// - A test keeps its items in order, and the grouping of its `expect a, b.` and
//   `given a. b.`; each `given` or `expect` is one line.
// - A comment inside a term moves after it.
// - No line ends in blanks (nor does a line comment); the text ends with one line end.
//   Numbers and strings are kept as written, except a label, title, definition or
//   synonym, which is printed quoted.
std::string format(std::string_view text, const ast::Module& module);

}  // namespace sinew::syntax
