#pragma once
// Workspace: the sources named on the command line, read, checked and compiled, with
// their diagnostics shown on standard error.

#include <sinew/ir/program.hpp>
#include <sinew/support/diagnostics.hpp>
#include <sinew/support/source_map.hpp>
#include <sinew/syntax/ast.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sinew::cli {

class Workspace {
 public:
  // Reads, parses and checks. Diagnostics are printed; `program()` is empty on errors.
  explicit Workspace(const std::vector<std::string>& paths);

  bool ok() const { return program_.has_value(); }
  ir::Program& program() { return *program_; }
  const std::vector<ast::Module>& modules() const { return modules_; }
  SourceMap& sources() { return sources_; }
  // The dialect of text typed on the command line: that of the first file read.
  ast::Dialect dialect() const;

  // Prints the diagnostics gathered in `sink` (and clears it).
  void show(DiagnosticSink& sink);

 private:
  SourceMap sources_;
  std::vector<ast::Module> modules_;
  std::optional<ir::Program> program_;
};

// Are we writing to a terminal that wants colour?
bool stderr_wants_color();

}  // namespace sinew::cli
