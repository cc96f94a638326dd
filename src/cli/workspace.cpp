#include "workspace.hpp"

#include <sinew/semantics/compile.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace sinew::cli {

bool stderr_wants_color() {
  return ::isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

Workspace::Workspace(const std::vector<std::string>& paths) {
  DiagnosticSink sink;
  modules_ = semantics::load_modules(paths, sources_, sink);
  if (!sink.has_errors() || !modules_.empty()) {
    program_ = semantics::compile(modules_, sources_, sink);
  }
  if (sink.has_errors()) program_.reset();
  show(sink);
}

ast::Dialect Workspace::dialect() const {
  return modules_.empty() ? ast::Dialect::sinew : modules_.front().dialect;
}

void Workspace::show(DiagnosticSink& sink) {
  if (sink.empty()) return;
  RenderOptions options;
  options.color = stderr_wants_color();
  std::string text = render_all(sources_, sink, options);
  std::fwrite(text.data(), 1, text.size(), stderr);
  sink.clear();
}

}  // namespace sinew::cli
