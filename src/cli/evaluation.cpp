#include "evaluation.hpp"

#include "error_report.hpp"
#include "exit_codes.hpp"

#include "engine/facts_io.hpp"
#include "support/catalog.hpp"

#include <fmt/format.h>

namespace sinew::cli {

void EvaluationOptions::add_to(CLI::App& command, bool with_fact_dir) {
  if (with_fact_dir) {
    command.add_option("-F,--facts", fact_dir,
                       "Folder of the .facts files of `.input` relations (default: .)");
  }
  command
      .add_option("--timeout", timeout_seconds,
                  "Stop after this many seconds (exit code 3); 0 means no limit")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--max-facts", max_facts,
                     "Stop when more facts than this have been derived (exit code 3); 0 means "
                     "no limit");
}

std::optional<std::chrono::steady_clock::time_point> EvaluationOptions::deadline(
    std::chrono::steady_clock::time_point start) const {
  if (timeout_seconds <= 0) return std::nullopt;
  // A huge `--timeout` is no limit rather than an overflow of the clock.
  if (timeout_seconds > 1e9) return std::nullopt;
  return start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                     std::chrono::duration<double>(timeout_seconds));
}

int report_out_of_time(const EvaluationOptions& options, const std::string& what) {
  fmt::print(stderr,
             "error[{}]: the time limit of {} seconds was reached while {}, before it was "
             "done\nraise the limit with `--timeout` to finish\n",
             codes::time_limit.id, options.timeout_seconds, what);
  return exit_limit;
}

bool load_fact_files(const ir::Program& program, engine::Database& database,
                     const EvaluationOptions& options) {
  auto loaded = engine::load_facts(program, database, options.fact_dir);
  if (loaded) return true;
  print_error(loaded.error());
  return false;
}

int evaluate_or_explain(const ir::Program& program, engine::Database& database,
                        const EvaluationOptions& options,
                        const engine::EvalOptions& engine_options) {
  auto stop = engine::evaluate(program, database, options.limits(), engine_options);
  if (!stop) return exit_ok;
  using Reason = engine::Stop::Reason;
  bool limit = stop->reason == Reason::time_limit || stop->reason == Reason::fact_limit;
  print_error(stop->code(), stop->message);
  if (limit) {
    fmt::print(stderr,
               "the results are incomplete, so none are shown; raise the limit with "
               "`--timeout` or `--max-facts` to finish\n");
    return exit_limit;
  }
  if (stop->reason == Reason::invalid_program) return exit_internal;
  return exit_refused;
}

}  // namespace sinew::cli
