#pragma once
// Test helper: a checked program from source text, failing the test on diagnostics.

#include "ir/program.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "syntax/parser.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace sinew::testing {

inline ir::Program compile_text(const std::string& text, const std::string& name = "test.sinew") {
  SourceMap sources;
  DiagnosticSink sink;
  FileId file = sources.add(name, text);
  syntax::ParseOptions options;
  options.dialect = syntax::dialect_for_path(name);
  std::vector<ast::Module> modules{syntax::parse_module(sources, file, sink, options)};
  auto program = semantics::compile(modules, sources, sink);
  INFO(render_all(sources, sink));
  REQUIRE(program.has_value());
  return std::move(*program);
}

}  // namespace sinew::testing
