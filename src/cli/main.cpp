// The `sinew` command: one binary, one subcommand per task (DESIGN section 4).

#include "command.hpp"
#include "exit_codes.hpp"
#include "usage_errors.hpp"

#include "format/compiled.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <span>
#include <vector>

namespace sinew::cli {
namespace {

int main(int argc, char** argv) {
  CLI::App app{"Sinew: a knowledge-graph rule engine with a query language.", "sinew"};
  app.require_subcommand(1);
  // "sinew <version>": the version CMake's project() sets, as compiled files name it.
  app.set_version_flag("--version", format::compiler_version());
  std::vector<std::pair<CLI::App*, Runner>> commands;
  auto add = [&](Runner (*adder)(CLI::App&)) {
    Runner runner = adder(app);
    commands.emplace_back(app.get_subcommands({}).back(), std::move(runner));
  };
  add(add_check_command);
  add(add_lint_command);
  add(add_dump_command);
  add(add_run_command);
  add(add_query_command);
  add(add_test_command);
  add(add_graph_command);
  add(add_path_command);
  add(add_explain_command);
  add(add_eval_command);
  add(add_repl_command);
  add(add_compile_command);
  add(add_export_command);
  add(add_fmt_command);
  add(add_diff_command);

  if (auto unknown = unknown_command(app, std::span<char* const>(argv, argc))) {
    fmt::print(stderr, "sinew: {}\n", *unknown);
    return exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "sinew: {}\n", usage_message(app, e));
    return exit_usage;
  }
  for (auto& [command, runner] : commands) {
    if (command->parsed()) return runner();
  }
  return exit_usage;
}

}  // namespace
}  // namespace sinew::cli

int main(int argc, char** argv) {
  try {
    return sinew::cli::main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fputs("sinew: out of memory; try a smaller input or a `--max-facts` limit\n", stderr);
    return sinew::cli::exit_limit;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sinew: internal error: %s\nthis is a bug in Sinew; please report it\n",
                 e.what());
    return sinew::cli::exit_internal;
  }
}
