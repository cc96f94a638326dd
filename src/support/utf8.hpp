#pragma once
// UTF-8 checked: source files (the parser's E0101) and the names in a case.

#include <cstddef>
#include <string_view>

namespace sinew {

// The byte offset of the first byte that is not part of valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF included), or npos.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace sinew
