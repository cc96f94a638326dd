#pragma once
// What `run`, `query` and `test` share: limits on the command line, reading facts
// files, and what to say when an evaluation stops early.

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "ir/program.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace sinew::cli {

struct EvaluationOptions {
  std::string fact_dir = ".";
  double timeout_seconds = 0;
  std::uint64_t max_facts = 0;

  // -F, --timeout and --max-facts.
  void add_to(CLI::App& command, bool with_fact_dir = true);
  engine::Limits limits() const { return {timeout_seconds, max_facts}; }
  // When work that began at `start` must stop under `--timeout`; nullopt: no limit.
  // Evaluation keeps its own clock; what follows it (explaining, path search) uses this.
  std::optional<std::chrono::steady_clock::time_point> deadline(
      std::chrono::steady_clock::time_point start) const;
};

// Prints that `--timeout` stopped `what` (`explaining r(5000)`) before it was done, and
// returns the exit code for a limit.
int report_out_of_time(const EvaluationOptions& options, const std::string& what);

// Reads the `.input` facts files. Prints why on failure.
bool load_fact_files(const ir::Program& program, engine::Database& database,
                     const EvaluationOptions& options);

// Evaluates; on a stop, prints why and returns the exit code to use (0 when complete).
int evaluate_or_explain(const ir::Program& program, engine::Database& database,
                        const EvaluationOptions& options,
                        const engine::EvalOptions& engine_options = {});

}  // namespace sinew::cli
