// One CSV or TSV line (query/render.hpp), as the answers and the path questions write it.
#include "query/render.hpp"

#include <catch2/catch.hpp>

using sinew::query::append_separated_line;
using sinew::query::Format;

TEST_CASE("a CSV line quotes a field with a comma, a quote or a line break") {
  std::string out = "before\n";
  append_separated_line(out, {"plain", "a,b", "say \"hi\"", "two\nlines", ""}, Format::csv);
  CHECK(out == "before\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
}

TEST_CASE("a TSV line escapes a tab, a line break and the backslash") {
  std::string out;
  append_separated_line(out, {"a\tb", "c\\d", "e\r\nf"}, Format::tsv);
  CHECK(out == "a\\tb\tc\\\\d\te\\r\\nf\n");
}
