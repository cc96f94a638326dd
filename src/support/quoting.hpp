#pragma once
// Text written as a string literal: of the rule language (the printers) or of
// Graphviz (the DOT pictures).

#include <string>
#include <string_view>

namespace sinew {

// `text` between double quotes with `"`, `\`, line feed, tab and carriage return
// escaped (`\"`, `\\`, `\n`, `\t`, `\r`): the escapes the grammar reads back
// (grammar/rules.hpp, escaped_char), so the printed literal parses to `text` again.
// One function for the AST printer, the AST dump and the IR printer: three copies had
// already drifted (one lacked `\r`).
std::string quoted(std::string_view text);

// `text` for inside a Graphviz double-quoted string (`label="..."`): `"` and `\`
// escaped with a backslash, nothing else changed. One function for the two DOT writers
// (proofs, explain_render.cpp; the knowledge graph, knowledge_graph.cpp).
std::string dot_escaped(std::string_view text);

}  // namespace sinew
