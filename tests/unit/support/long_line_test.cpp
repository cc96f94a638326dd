// A program or facts file written on one line of megabytes: line and column are found
// without walking the line from its start, and a diagnostic shows a window of the line
// around the caret, not the whole line.

#include "support/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace sinew;

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

// The column counted the slow, obvious way.
std::uint32_t naive_column(const std::string& text, std::uint32_t offset) {
  std::uint32_t begin = offset;
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  std::uint32_t column = 1;
  for (std::uint32_t i = begin; i < offset; ++i) column += is_continuation_byte(text[i]) ? 0 : 1;
  return column;
}

// A long line of ASCII and two- and three-byte characters, so that characters straddle
// the checkpoints the columns are counted from.
std::string mixed_line(std::size_t pieces) {
  std::string line;
  for (std::size_t i = 0; i < pieces; ++i) line += i % 3 == 0 ? "é" : i % 3 == 1 ? "a" : "→";
  return line;
}

}  // namespace

TEST_CASE("line and column on a long line of mixed characters match a plain count") {
  std::string text = "first\n" + mixed_line(30'000) + "\nlast line\n";
  SourceMap sources;
  FileId file = sources.add("long.sinew", text);
  const SourceFile& source = sources.file(file);
  for (std::uint32_t offset = 0; offset <= text.size(); offset += 997) {
    if (offset < text.size() && is_continuation_byte(text[offset])) continue;
    INFO("offset " << offset);
    CHECK(source.line_col(offset).column == naive_column(text, offset));
  }
  for (std::uint32_t offset :
       {std::uint32_t{0}, std::uint32_t{6}, SourceFile::checkpoint_bytes,
        SourceFile::checkpoint_bytes + 6, static_cast<std::uint32_t>(text.size())}) {
    if (offset < text.size() && is_continuation_byte(text[offset])) continue;
    INFO("offset " << offset);
    CHECK(source.line_col(offset).column == naive_column(text, offset));
  }
  CHECK(source.line_col(static_cast<std::uint32_t>(text.size()) - 4).line == 3);
}

TEST_CASE("a diagnostic on a line of megabytes shows a window around the caret") {
  std::string line;
  for (int i = 0; i < 150'000; ++i) line += "f(" + std::to_string(i) + "). ";
  std::uint32_t at = static_cast<std::uint32_t>(line.find("f(75000)"));
  SourceMap sources;
  FileId file = sources.add("facts.dl", ".decl f(x:number)\n" + line + "\n");
  std::uint32_t begin = static_cast<std::uint32_t>(18 + at);
  DiagnosticSink sink;
  sink.report(codes::unknown_relation, Span{file, begin, begin + 8}, "a message");
  std::string text = render(sources, sink.all().front());
  INFO(text);
  CHECK(text.size() < 400);
  CHECK(text.starts_with("facts.dl:2:" + std::to_string(at + 1) + ": error[E0201]: a message\n"));
  // The shown part of the line, cut at both ends, and the caret under `f(75000)`.
  auto first = text.find('\n') + 1;
  auto second = text.find('\n', first) + 1;
  std::string shown = text.substr(first, second - first - 1);
  std::string carets = text.substr(second, text.find('\n', second) - second);
  CHECK(shown.starts_with(" 2 | …"));
  CHECK(shown.ends_with("…"));
  CHECK(shown.find("f(75000). ") != std::string::npos);
  // `…` is three bytes and one column: the caret sits under the `f` counted in columns.
  std::size_t caret_column = carets.find('^');
  std::size_t f_column = shown.find("f(75000)") - 2;
  CHECK(caret_column == f_column);
  CHECK(carets.substr(caret_column) == "^~~~~~~~");
}

TEST_CASE("a short line is shown whole, as before") {
  SourceMap sources;
  FileId file = sources.add("a.sinew", "é x(1) y");
  DiagnosticSink sink;
  sink.report(codes::unknown_relation, Span{file, 3, 7}, "m");
  std::string text = render(sources, sink.all().front());
  CHECK(text ==
        "a.sinew:1:3: error[E0201]: m\n"
        " 1 | é x(1) y\n"
        "   |   ^~~~\n");
}
