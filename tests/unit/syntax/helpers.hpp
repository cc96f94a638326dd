#pragma once
// Shared helpers of the syntax tests: parse a text, list its errors as `E0107@3:7`.

#include "support/diagnostics.hpp"
#include "syntax/parser.hpp"
#include "syntax/printer.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace sinew::test {

struct Parsed {
  SourceMap sources;
  FileId file = no_file;
  DiagnosticSink sink;
  ast::Module module;

  // Every diagnostic as `CODE@line:col`, in display order.
  std::vector<std::string> errors() const {
    std::vector<std::string> list;
    for (const Diagnostic& diagnostic : sink.sorted()) {
      LineCol at = sources.line_col(diagnostic.primary.span);
      list.push_back(fmt::format("{}@{}:{}", diagnostic.code->id, at.line, at.column));
    }
    return list;
  }
  std::string first_message() const {
    return sink.empty() ? std::string() : sink.sorted().front().message;
  }
  std::string rendered() const { return render_all(sources, sink); }
};

inline Parsed parse(std::string text, std::string path = "test.sinew",
                    syntax::ParseOptions options = {}) {
  Parsed parsed;
  options.dialect = syntax::dialect_for_path(path);
  parsed.file = parsed.sources.add(std::move(path), std::move(text));
  parsed.module = syntax::parse_module(parsed.sources, parsed.file, parsed.sink, options);
  return parsed;
}

inline std::vector<std::string> errors_of(std::string text, std::string path = "test.sinew") {
  return parse(std::move(text), std::move(path)).errors();
}

}  // namespace sinew::test
