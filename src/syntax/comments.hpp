#pragma once
// The comments of a source text, which the parser skips as blanks: `sinew fmt` puts
// them back where the author wrote them.

#include <cstdint>
#include <string_view>
#include <vector>

namespace sinew::syntax {

struct Comment {
  std::uint32_t begin = 0;  // byte offset of its `//` or `/*`
  std::uint32_t end = 0;    // one past its last byte: the line end is not part of `//`
  bool line = true;         // `// ...` rather than `/* ... */`
};

// Every comment of `text`, in order, read as the grammar reads them (grammar/rules.hpp:
// `comment`): `//` and `/*` inside a string are text, not comments. An unclosed `/*`
// runs to the end of the text.
std::vector<Comment> find_comments(std::string_view text);

}  // namespace sinew::syntax
