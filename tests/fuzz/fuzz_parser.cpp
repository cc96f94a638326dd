// libFuzzer target: the parser on arbitrary text, in both dialects, then the semantic
// check of what parsed. Diagnostics are expected; a crash, a hang or a sanitizer
// report is a finding.
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "support/source_map.hpp"
#include "syntax/parser.hpp"
#include "syntax/printer.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace sinew;

void check(std::string text, const char* path, ast::Dialect dialect) {
  SourceMap sources;
  DiagnosticSink sink;
  FileId file = sources.add(path, std::move(text));
  syntax::ParseOptions options;
  options.dialect = dialect;
  std::vector<ast::Module> modules;
  modules.push_back(syntax::parse_module(sources, file, sink, options));
  (void)syntax::print(modules.front());
  (void)render_all(sources, sink);
  if (sink.has_errors()) return;
  (void)semantics::compile(modules, sources, sink);
  (void)render_all(sources, sink);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // A made-up folder, so that `source ... file="x"` reads nothing real by accident.
  check(text, "fuzz-input/input.sinew", ast::Dialect::sinew);
  check(std::move(text), "fuzz-input/input.dl", ast::Dialect::souffle);
  return 0;
}
