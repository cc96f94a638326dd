#include "semantics/compile.hpp"
#include "syntax/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace sinew::semantics {

namespace fs = std::filesystem;

namespace {

// Loads files and their imports once each, in a deterministic order.
class Loader {
 public:
  Loader(SourceMap& sources, DiagnosticSink& sink) : sources_(sources), sink_(sink) {}

  void add_argument(const std::string& path) {
    std::error_code error;
    auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      sink_.report(codes::file_not_found, Span{}, fmt::format("cannot find `{}`", path)).hint =
          "check the spelling of the path, and that it is relative to the folder you run "
          "`sinew` from";
      return;
    }
    if (fs::is_directory(status)) {
      add_folder(path);
    } else {
      add_file(path, Span{});
    }
  }

  std::vector<ast::Module> take() { return std::move(modules_); }

 private:
  void add_folder(const std::string& folder) {
    std::vector<std::string> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
      if (it->is_regular_file(error) && it->path().extension() == ".sinew") {
        files.push_back(it->path().lexically_normal().string());
      }
    }
    if (error) {
      sink_.report(codes::file_not_found, Span{},
                   fmt::format("cannot read the folder `{}`: {}", folder, error.message()));
      return;
    }
    if (files.empty()) {
      sink_
          .report(codes::no_source_files, Span{},
                  fmt::format("the folder `{}` holds no `.sinew` files", folder))
          .hint = "name the files to read, or a folder that contains `.sinew` files";
      return;
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) add_file(file, Span{});
  }

  void add_file(const std::string& path, Span imported_at) {
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(path, error);
    std::string key = error ? path : canonical.string();
    if (!seen_.insert(key).second) return;

    auto file = sources_.load(path);
    if (!file) {
      auto& diagnostic = sink_.report(imported_at.valid() ? codes::import_not_found
                                                          : codes::file_not_found,
                                      imported_at, file.error().message);
      if (imported_at.valid())
        diagnostic.hint = "an import is read relative to the file that imports it";
      return;
    }
    syntax::ParseOptions options;
    options.dialect = syntax::dialect_for_path(path);
    ast::Module module = syntax::parse_module(sources_, *file, sink_, options);
    std::vector<std::pair<std::string, Span>> imports;
    for (const ast::Statement& statement : module.statements) {
      if (const auto* import = std::get_if<ast::ImportDecl>(&statement.node)) {
        fs::path target = fs::path(path).parent_path() / import->path;
        imports.emplace_back(target.lexically_normal().string(), import->path_span);
      }
    }
    modules_.push_back(std::move(module));
    for (const auto& [target, span] : imports) add_file(target, span);
  }

  SourceMap& sources_;
  DiagnosticSink& sink_;
  std::set<std::string> seen_;
  std::vector<ast::Module> modules_;
};

}  // namespace

std::vector<ast::Module> load_modules(const std::vector<std::string>& paths, SourceMap& sources,
                                      DiagnosticSink& sink) {
  Loader loader(sources, sink);
  for (const std::string& path : paths) loader.add_argument(path);
  return loader.take();
}

}  // namespace sinew::semantics
