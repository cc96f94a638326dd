// `sinew diff OLD NEW [--cases F.jsonl] [--format text|json]`: what changed between two
// versions of a knowledge base, in the text and for patients. Exit 0 when no case
// concludes anything different, 1 when one does (or a version is refused), 2 on a usage
// error, which includes a case space too large to try whole without `--cases`.

#include "case_diff.hpp"
#include "command.hpp"
#include "diff_report.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "text_diff.hpp"
#include "workspace.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace sinew::cli {

namespace {

struct DiffOptions {
  std::string before, after;
  std::string cases_file;
  std::string format = "text";
  std::uint64_t max_cases = std::uint64_t{1} << 20;
};

DiffSide side_of(const std::string& path, const ir::Program& program) {
  return {path, program.module_name, program.module_version};
}

int run_diff(const DiffOptions& options) {
  Workspace before(std::vector<std::string>{options.before});
  Workspace after(std::vector<std::string>{options.after});
  if (!before.ok() || !after.ok()) return exit_refused;
  DiffReport report;
  report.before = side_of(options.before, before.program());
  report.after = side_of(options.after, after.program());
  report.text = diff_text(before.program(), after.program());
  Result<CaseDiff> cases =
      options.cases_file.empty()
          ? diff_case_space(before.program(), after.program(), {.max_cases = options.max_cases})
          : diff_case_file(before.program(), after.program(), options.cases_file);
  if (!cases) {
    print_error(cases.error());
    if (options.cases_file.empty()) {
      fmt::print(stderr,
                 "hint: give the cases to compare with `--cases FILE.jsonl` (one JSON case a "
                 "line, as `sinew eval --cases` reads them), or allow more with "
                 "`--max-cases N`\n");
      return exit_usage;
    }
    return exit_refused;
  }
  report.cases = std::move(*cases);
  std::string out = options.format == "json" ? render_diff_json(report) : render_diff_text(report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return report.cases.empty() ? exit_ok : exit_refused;
}

}  // namespace

Runner add_diff_command(CLI::App& app) {
  auto options = std::make_shared<DiffOptions>();
  auto* command = app.add_subcommand(
      "diff",
      "Compare two versions of a knowledge base: what changed in the text, and which "
      "cases conclude something different");
  command->add_option("old", options->before, "The old version: a folder, files or a .sinewb file")
      ->required();
  command->add_option("new", options->after, "The new version: a folder, files or a .sinewb file")
      ->required();
  command->add_option("--cases", options->cases_file,
                      "Cases to compare, in JSON Lines (`-`: standard input); without it, every "
                      "case of the inputs the rules read");
  command->add_option("--format", options->format, "text (for people) or json (for tools)")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_option("--max-cases", options->max_cases,
                      "Without --cases: the most cases tried (default 1048576)");
  return [options]() -> int { return run_diff(*options); };
}

}  // namespace sinew::cli
