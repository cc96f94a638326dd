#pragma once
// A subcommand of `sinew`: its options live in the closure that runs it.

#include <CLI/CLI.hpp>

#include <functional>

namespace sinew::cli {

using Runner = std::function<int()>;

// Each adds its subcommand to `app` and returns what runs it once parsed.
Runner add_check_command(CLI::App& app);
Runner add_lint_command(CLI::App& app);
Runner add_dump_command(CLI::App& app);
Runner add_run_command(CLI::App& app);
Runner add_query_command(CLI::App& app);
Runner add_test_command(CLI::App& app);
Runner add_graph_command(CLI::App& app);
Runner add_path_command(CLI::App& app);
Runner add_explain_command(CLI::App& app);
Runner add_eval_command(CLI::App& app);
Runner add_repl_command(CLI::App& app);
Runner add_compile_command(CLI::App& app);
Runner add_export_command(CLI::App& app);
Runner add_fmt_command(CLI::App& app);
Runner add_diff_command(CLI::App& app);

}  // namespace sinew::cli
