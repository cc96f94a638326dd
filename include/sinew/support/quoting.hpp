#pragma once
// Text written as a string literal of the rule language, for the printers.

#include <string>
#include <string_view>

namespace sinew {

// `text` between double quotes with `"`, `\`, line feed, tab and carriage return
// escaped (`\"`, `\\`, `\n`, `\t`, `\r`): the escapes the grammar reads back
// (grammar/rules.hpp, escaped_char), so the printed literal parses to `text` again.
// One function for the AST printer, the AST dump and the IR printer: three copies had
// already drifted (one lacked `\r`).
std::string quoted(std::string_view text);

}  // namespace sinew
