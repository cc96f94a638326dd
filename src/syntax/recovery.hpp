#pragma once
// Where the parser starts again after an error: the end of the broken statement.
//
// The rule (clox's `synchronize`, at the level of statements). Scanning from the start
// of the broken statement, skipping quoted text and comments, and counting `{` `}`:
//
// 1. outside braces, a `.` at or after the error that is followed by whitespace, a
//    comment or the end of the file ends the statement;
// 2. a `}` at or after the error that closes the statement's outermost `{` and ends
//    its line ends the statement (a test, source or entity block is one statement;
//    the `}` of an aggregate, `count : { ... }.`, is followed by more of its rule);
// 3. a line at or after the error's position that starts in column 1 with what can start a
//    statement (a letter, `_`, `.` or `?`) starts the next statement; inside braces only
//    a top-level keyword (`rule`, `test`, `kind`, ...), a directive (`.decl`) or `?-`
//    does, so that a block whose `}` is missing does not swallow the rest of the file;
// 4. otherwise the file ends the statement.
//
// Rule 3 catches the most common slip, a missing `.` at the end of a line, without
// losing the next statement; it assumes continuation lines are indented, as they are
// in every example. Annotation lines (`@cite`) never start a statement here: they
// belong to the broken statement and are skipped with it.

#include <cstddef>
#include <string_view>

namespace sinew::syntax {

std::size_t resume_point(std::string_view text, std::size_t statement_begin, std::size_t error_at);

}  // namespace sinew::syntax
