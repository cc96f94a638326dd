#pragma once
// The expectations a golden case writes inline, as comments, parsed from its text.
// The format is documented in tests/golden/README.md.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::golden {

// `// error E0301 @14:27` (or `@other/file.sinew:3:1`), with the `// message:`,
// `// hint:` and `// note:` lines that follow it.
struct ExpectedDiagnostic {
  std::string severity;  // "error" or "warning"
  std::string code;      // "E0301"
  std::string file;      // relative to the case's folder; empty: the case file itself
  unsigned line = 0, column = 0;
  std::vector<std::string> messages, hints, notes;  // substrings that must occur
  unsigned written_at = 0;                          // the line of the case file that states it

  std::string describe() const;  // `error E0301 @14:27 (message: ...)`
};

struct CheckCase {
  std::vector<ExpectedDiagnostic> diagnostics;
  std::vector<std::string> problems;  // malformed expectation lines: the case is broken
};

CheckCase parse_check_case(std::string_view text);

// `// args:`, `// exit:`, `// expect:` and `// stderr:` lines of a run case.
struct RunCase {
  std::vector<std::vector<std::string>> invocations;  // one per `// args:` line
  int exit_code = 0;
  std::vector<std::string> stdout_lines;  // the whole of stdout, line by line
  std::vector<std::string> stderr_parts;  // substrings stderr must contain
  std::vector<std::string> problems;
};

// `default_args` is used when the case has no `// args:` line.
RunCase parse_run_case(std::string_view text, const std::vector<std::string>& default_args);

// Splits a command line as a shell would for simple cases: spaces separate words,
// '…' and "…" group them (in "…", \" and \\ are escapes).
std::vector<std::string> split_arguments(std::string_view text, std::string& problem);

// Every file of `folder` (not its sub-folders) whose extension is one of
// `extensions`, in sorted order.
std::vector<std::filesystem::path> case_files(const std::filesystem::path& folder,
                                              const std::vector<std::string>& extensions);

std::string read_text(const std::filesystem::path& path);

}  // namespace sinew::golden
