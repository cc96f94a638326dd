#pragma once
// Pictures through Graphviz's `dot` program, when it is installed.

#include <string>

namespace sinew::cli {

// Writes `dot_text` to standard output as SVG. Prints why and returns false when
// Graphviz is missing or fails.
bool print_svg(const std::string& dot_text);

}  // namespace sinew::cli
