// The string literal the printers write (support/quoting.hpp).
#include "support/quoting.hpp"

#include <catch2/catch.hpp>

using sinew::quoted;

TEST_CASE("quoted escapes quote, backslash, line feed, tab and carriage return") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("") == "\"\"");
  CHECK(quoted("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(quoted("a\\b") == "\"a\\\\b\"");
  CHECK(quoted("one\ntwo\tthree\rfour") == "\"one\\ntwo\\tthree\\rfour\"");
  // No raw control character is left for a reader to trip over.
  CHECK(quoted("a\r\nb").find('\r') == std::string::npos);
}

TEST_CASE("dot_escaped escapes only the quote and the backslash, for a Graphviz label") {
  CHECK(sinew::dot_escaped("plain name") == "plain name");
  CHECK(sinew::dot_escaped("say \"hi\"") == "say \\\"hi\\\"");
  CHECK(sinew::dot_escaped("a\\b") == "a\\\\b");
  CHECK(sinew::dot_escaped("tab\tstays") == "tab\tstays");
}
