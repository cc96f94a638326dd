// `sinew dump --stage=ast|ir|plan FILES...`: every stage of the pipeline, printed.

#include "command.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include "ir/plan.hpp"
#include "ir/printer.hpp"
#include "syntax/printer.hpp"

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

Runner add_dump_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string stage = "ir";
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("dump",
                                     "Print a stage of the pipeline: the syntax tree, "
                                     "the checked program, or its join plans");
  command->add_option("--stage", options->stage, "ast, ir or plan")
      ->check(CLI::IsMember({"ast", "ir", "plan"}))
      ->default_str("ir");
  command->add_option("files", options->files, "Rule files or folders")->required();
  return [options]() -> int {
    Workspace workspace(options->files);
    if (options->stage == "ast") {
      for (const ast::Module& module : workspace.modules()) {
        fmt::print("{}", syntax::dump(module, &workspace.sources()));
      }
      return workspace.ok() ? exit_ok : exit_refused;
    }
    if (!workspace.ok()) return exit_refused;
    ir::PrintOptions print_options;
    print_options.plans = options->stage == "plan";
    if (print_options.plans) ir::plan(workspace.program());
    fmt::print("{}", ir::print(workspace.program(), print_options));
    return exit_ok;
  };
}

}  // namespace sinew::cli
