// `sinew check FILES...`: parse and check; diagnostics on standard error. With `--deep`
// (or as `sinew lint`), also the analysis over every case (src/analysis). With
// `--format json`, every diagnostic as one JSON document on standard output.

#include "command.hpp"
#include "deep_check_report.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace sinew::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool deep = false;
  bool source_coverage = false;
  std::string format = "text";
};

void add_options(CLI::App* command, CheckOptions& options) {
  command->add_option("files", options.files, "Rule files or folders of .sinew files")->required();
  command->add_option("--format", options.format, "How diagnostics are shown")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--source-coverage", options.source_coverage,
                    "Also list each sentence of each source with the rules that cite it");
}

int run_check(const CheckOptions& options) {
  DiagnosticSink sink;
  Workspace workspace(options.files, &sink);
  std::string covered;
  if (workspace.ok() && options.deep) covered = add_deep_findings(workspace, sink);
  bool coverage = workspace.ok() && options.source_coverage;
  int exit_code = workspace.ok() && !sink.has_errors() ? exit_ok : exit_refused;
  if (options.format == "json") {
    nlohmann::ordered_json out = diagnostics_json(workspace.sources(), sink);
    if (coverage) out["source_coverage"] = source_coverage_json(workspace.program());
    std::string json = out.dump(2) + "\n";
    std::fwrite(json.data(), 1, json.size(), stdout);
  } else {
    workspace.show(sink);
    std::fwrite(covered.data(), 1, covered.size(), stderr);
    if (coverage) {
      std::string text = source_coverage_text(workspace.program());
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
  }
  return exit_code;
}

}  // namespace

Runner add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand("check", "Parse and check rule files; report any problems");
  add_options(command, *options);
  command->add_flag("--deep", options->deep,
                    "Also analyse every possible case: rules that never fire, conclusions no "
                    "case reaches, rules that never decide, exclusive conclusions together");
  return [options]() { return run_check(*options); };
}

Runner add_lint_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  options->deep = true;
  auto* command = app.add_subcommand("lint", "The same as `sinew check --deep`");
  add_options(command, *options);
  return [options]() { return run_check(*options); };
}

}  // namespace sinew::cli
