#pragma once
// The error that ends the parse of one statement, and the state every rule can see.

#include "support/catalog.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace sinew::syntax {

// Thrown from a must<> point, a depth limit or the AST builder; caught once per
// statement by the parser, which reports it and recovers. Offsets are into the file.
struct SyntaxError {
  const Code* code = nullptr;
  std::string message;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string hint = {};  // how to fix it, when there is one obvious way
};

class Tree;

// Passed to every rule as the PEGTL state: where the text starts (to turn pointers
// into offsets), how deep brackets are nested right now, and the tree being built.
struct ParseContext {
  const char* base = nullptr;   // first byte of the file's text
  const char* limit = nullptr;  // one past the last byte
  std::size_t depth = 0;
  std::size_t max_depth = 200;
  Tree* tree = nullptr;  // none while skipping blanks between statements
};

inline std::string depth_message(std::size_t max_depth) {
  return fmt::format(
      "this is nested too deeply: more than {} levels of brackets, operators "
      "or `-` signs",
      max_depth);
}

}  // namespace sinew::syntax
