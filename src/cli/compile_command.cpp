// `sinew compile FILES... -o kb.sinewb [--with-derived]`: check the sources and write the
// compiled file (format described in src/format/README.md), atomically.
//
// `sinew export FILE --format json [-o out.json]`: the compiled knowledge base as JSON
// (schema: src/format/export.schema.json).

#include "command.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include "format/compiled.hpp"
#include "format/export.hpp"

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

namespace {

// What goes into the file besides the program: the compiler, the sources and their hash.
format::Compiled compiled_form(Workspace& workspace) {
  format::Compiled compiled;
  compiled.program = workspace.program();
  if (workspace.compiled()) {
    compiled.metadata = workspace.compiled()->metadata;
    compiled.derived = workspace.compiled()->derived;
    return compiled;
  }
  format::Metadata& metadata = compiled.metadata;
  metadata.compiler = format::compiler_version();
  metadata.souffle_names = workspace.dialect() == ast::Dialect::souffle;
  std::vector<std::pair<std::string, std::string>> texts;
  for (FileId f = 0; f < workspace.sources().size(); ++f) {
    const SourceFile& file = workspace.sources().file(f);
    metadata.files.push_back(file.path());
    texts.emplace_back(file.path(), file.text());
  }
  metadata.source_hash = format::source_hash(texts);
  return compiled;
}

}  // namespace

Runner add_compile_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string output;
    bool with_derived = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "compile", "Check rule files and write them as one compiled file (.sinewb) that loads fast");
  command->add_option("files", options->files, "Rule files or folders")->required();
  command->add_option("-o,--output", options->output, "The compiled file to write, e.g. kb.sinewb")
      ->required();
  command->add_flag("--with-derived", options->with_derived,
                    "Also store what the knowledge base concludes without a case, so that "
                    "evaluating a case need not derive it again");
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    format::Compiled compiled = compiled_form(workspace);
    compiled.derived.reset();
    if (options->with_derived) {
      auto derived = format::derive(compiled.program);
      if (!derived) {
        print_error(derived.error());
        return exit_refused;
      }
      compiled.derived = std::move(derived).value();
    }
    std::string bytes = format::encode(compiled.program, compiled.metadata,
                                       compiled.derived ? &*compiled.derived : nullptr);
    if (auto written = format::write_atomically(options->output, bytes); !written) {
      print_error(written.error());
      return exit_refused;
    }
    return exit_ok;
  };
}

Runner add_export_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string format = "json";
    std::string output;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "export", "Write a compiled knowledge base (or rule files) as JSON, for other tools");
  command->add_option("files", options->files, "A compiled file, or rule files or folders")
      ->required();
  command->add_option("--format", options->format, "json")->check(CLI::IsMember({"json"}));
  command->add_option("-o,--output", options->output, "Write to this file instead of the screen");
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    std::string json = format::to_json(compiled_form(workspace));
    if (options->output.empty()) {
      std::fwrite(json.data(), 1, json.size(), stdout);
      return exit_ok;
    }
    if (auto written = format::write_atomically(options->output, json); !written) {
      print_error(written.error());
      return exit_refused;
    }
    return exit_ok;
  };
}

}  // namespace sinew::cli
