#pragma once
// How a `@cite` quote is found in its source's text: whitespace does not count (line
// breaks in the document are not the author's), and `...` (or `…`) skips words, so each
// part of the quote must occur, in order. The checker (semantics, citations.cpp) and the
// coverage of a source (analysis, source_coverage.cpp) read quotes the same way.

#include <string>
#include <string_view>
#include <vector>

namespace sinew {

// Every run of whitespace as one space, none at either end.
std::string squeeze_whitespace(std::string_view text);

// The parts of a quote between its `...`, each squeezed; empty parts dropped.
std::vector<std::string> quote_parts(const std::string& quote);

}  // namespace sinew
