#include "support/diagnostics.hpp"
#include "support/similar.hpp"
#include "support/symbol_table.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace sinew;

TEST_CASE("a diagnostic shows file, line, column, code and a caret under the range") {
  SourceMap sources;
  FileId file = sources.add("kb/spasm.sinew", "first line\nreach(L) :- level(L), !cleared(L).\n");
  DiagnosticSink sink;
  std::uint32_t begin = 11 + 22;
  sink.report(codes::cannot_stratify, Span{file, begin, begin + 11},
              "cannot stratify `reach` and `cleared`")
      .primary.message = "negation inside a recursive cycle";
  std::string text = render(sources, sink.all().front());
  CHECK(text ==
        "kb/spasm.sinew:2:23: error[E0301]: cannot stratify `reach` and `cleared`\n"
        " 2 | reach(L) :- level(L), !cleared(L).\n"
        "   |                       ^~~~~~~~~~~ negation inside a recursive cycle\n");
}

TEST_CASE("columns count characters, not bytes") {
  SourceMap sources;
  FileId file = sources.add("a.sinew", "\"é\" x");
  CHECK(sources.line_col(Span{file, 5, 6}).column ==
        5);  // `"é" x`: x is the fifth character, the sixth byte
}

TEST_CASE("diagnostics are shown by file and position, with a summary") {
  SourceMap sources;
  FileId file = sources.add("a.sinew", "a.\nb.\n");
  DiagnosticSink sink;
  sink.report(codes::unknown_relation, Span{file, 3, 4}, "second");
  sink.report(codes::unused_relation, Span{file, 0, 1}, "first");
  auto sorted = sink.sorted();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].message == "first");
  CHECK(render_all(sources, sink).ends_with("1 error and 1 warning\n"));
}

TEST_CASE("every diagnostic code is unique and well formed") {
  std::set<std::string_view> ids;
  for (const Code* code : all_codes()) {
    CHECK(ids.insert(code->id).second);
    REQUIRE(code->id.size() == 5);
    char expected = code->severity == Severity::error     ? 'E'
                    : code->severity == Severity::warning ? 'W'
                                                          : 'N';
    CHECK(code->id[0] == expected);
  }
}

TEST_CASE("did you mean finds plausible typos only") {
  std::vector<std::string> names{"disposition", "advise", "consider_cause", "has"};
  CHECK(closest_match("dispositon", names) == "disposition");
  CHECK(closest_match("advice", names) == "advise");
  CHECK(closest_match("zebra", names) == std::nullopt);
  CHECK(did_you_mean("hsa", names) == "did you mean `has`?");
}

TEST_CASE("symbols intern to stable ids and survive growth") {
  SymbolTable table;
  std::vector<SymbolId> ids;
  for (int i = 0; i < 10000; ++i) ids.push_back(table.intern("s" + std::to_string(i)));
  for (int i = 0; i < 10000; ++i) {
    CHECK(table.text(ids[i]) == "s" + std::to_string(i));
    CHECK(table.intern("s" + std::to_string(i)) == ids[i]);
  }
  CHECK(table.find("missing") == std::nullopt);
  SymbolTable copy = table;
  CHECK(copy.find("s42") == ids[42]);
}

TEST_CASE("the catalog lists every code its header declares") {
  auto header = read_file(SINEW_SOURCE_DIR "/src/support/catalog.hpp");
  REQUIRE(header.ok());
  std::size_t declared = 0;
  for (std::size_t at = header->find("inline constexpr Code "); at != std::string::npos;
       at = header->find("inline constexpr Code ", at + 1)) {
    ++declared;
  }
  CHECK(all_codes().size() == declared);
}
