#include "workspace.hpp"

#include "error_report.hpp"

#include "semantics/compile.hpp"
#include "syntax/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace sinew::cli {

bool stderr_wants_color() { return ::isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr; }

bool is_compiled_file(const std::string& path) {
  if (path.ends_with(".sinewb")) return true;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  char start[format::magic.size()] = {};
  in.read(start, sizeof start);
  return format::has_magic(std::string_view(start, static_cast<std::size_t>(in.gcount())));
}

Workspace::Workspace(const std::vector<std::string>& paths, DiagnosticSink* keep) {
  auto compiled = std::find_if(paths.begin(), paths.end(), is_compiled_file);
  if (compiled != paths.end()) {
    if (paths.size() == 1) {
      load_compiled(*compiled);
    } else {
      fmt::print(stderr,
                 "error: the compiled file `{}` stands alone: give either it or rule "
                 "files, not both\n",
                 *compiled);
    }
    return;
  }
  DiagnosticSink sink;
  modules_ = semantics::load_modules(paths, sources_, sink);
  if (!sink.has_errors() || !modules_.empty()) {
    program_ = semantics::compile(modules_, sources_, sink);
  }
  if (sink.has_errors()) program_.reset();
  if (keep) {
    for (const Diagnostic& diagnostic : sink.all()) keep->report(diagnostic);
    return;
  }
  show(sink);
}

ast::Dialect Workspace::dialect() const {
  if (compiled_)
    return compiled_->metadata.souffle_names ? ast::Dialect::souffle : ast::Dialect::sinew;
  return modules_.empty() ? ast::Dialect::sinew : modules_.front().dialect;
}

void Workspace::load_compiled(const std::string& path) {
  auto loaded = format::read_file(path);
  if (!loaded) {
    print_error(loaded.error());
    return;
  }
  compiled_ = std::move(loaded).value();
  program_ = std::move(compiled_->program);
  compiled_->program = ir::Program{};
  // A saved query with `$parameters` is lowered again from its syntax tree once the
  // values are known: parse its text back, and point its origin at what was parsed.
  DiagnosticSink sink;
  syntax::ParseOptions options;
  options.dialect = dialect();
  for (const ir::Query& query : program_->queries) {
    if (!query.awaiting_values || query.origin == ir::none) continue;
    FileId file = sources_.add(std::string(program_->origins[query.origin].file), query.text);
    ast::Module module = syntax::parse_module(sources_, file, sink, options);
    for (const ast::Statement& statement : module.statements) {
      if (std::holds_alternative<ast::QueryDecl>(statement.node)) {
        program_->origins.set_span(query.origin, statement.span);
      }
    }
    modules_.push_back(std::move(module));
  }
  sink.clear();
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
