#pragma once
// Workspace: the sources named on the command line, read, checked and compiled, with
// their diagnostics shown on standard error.

#include "format/compiled.hpp"
#include "ir/program.hpp"
#include "support/diagnostics.hpp"
#include "support/source_map.hpp"
#include "syntax/ast.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sinew::cli {

class Workspace {
 public:
  // Reads, parses and checks. Diagnostics are printed; `program()` is empty on errors.
  // One compiled `.sinewb` file may stand in place of the sources: it is loaded and
  // verified instead (a damaged or newer file is refused with a message).
  // With `keep`, the diagnostics are added to it instead of printed.
  explicit Workspace(const std::vector<std::string>& paths, DiagnosticSink* keep = nullptr);

  bool ok() const { return program_.has_value(); }
  ir::Program& program() { return *program_; }
  const std::vector<ast::Module>& modules() const { return modules_; }
  SourceMap& sources() { return sources_; }
  // The dialect of text typed on the command line: that of the first file read.
  ast::Dialect dialect() const;
  // Loaded from a compiled file: its metadata and derived facts (the syntax tree of
  // its rules is not kept; that of its saved queries with parameters is).
  const std::optional<format::Compiled>& compiled() const { return compiled_; }

  // Prints the diagnostics gathered in `sink` (and clears it).
  void show(DiagnosticSink& sink);

 private:
  SourceMap sources_;
  std::vector<ast::Module> modules_;
  std::optional<ir::Program> program_;
  std::optional<format::Compiled> compiled_;  // its program moved to `program_`

  void load_compiled(const std::string& path);
};

// Is this path a compiled file (named `.sinewb`, or starting with its magic bytes)?
bool is_compiled_file(const std::string& path);

// Are we writing to a terminal that wants colour?
bool stderr_wants_color();

}  // namespace sinew::cli
