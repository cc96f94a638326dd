#pragma once
// Diagnostics: what Sinew tells an author about their input, and how it is shown.

#include "support/catalog.hpp"
#include "support/source_map.hpp"
#include "support/span.hpp"

#include <string>
#include <vector>

namespace sinew {

struct Label {
  Span span;
  std::string message;  // may be empty for the primary label
};

struct Diagnostic {
  const Code* code = nullptr;
  std::string message;             // lower-case, names in backticks
  Label primary;                   // the caret goes under the whole range
  std::vector<Label> secondary;    // shown as `note:` lines with their own location
  std::vector<std::string> notes;  // free-text notes
  std::string hint;                // "did you mean ...", or how to fix it; may be empty

  Severity severity() const { return code->severity; }
};

// Collects diagnostics. Library code reports here and never prints.
class DiagnosticSink {
 public:
  void report(Diagnostic diagnostic);
  // Shorthand for the common case of one span and one message.
  Diagnostic& report(const Code& code, Span span, std::string message);

  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const;
  bool has_errors() const { return errors_ > 0; }
  bool empty() const { return diagnostics_.empty(); }
  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  // By file, then position, then code: the order in which they are shown.
  std::vector<Diagnostic> sorted() const;
  void clear();

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;
};

struct RenderOptions {
  bool color = false;
};

// `file:line:col: error[E0123]: message`, the source line, a caret line, notes.
std::string render(const SourceMap& sources, const Diagnostic& diagnostic,
                   const RenderOptions& options = {});
// All diagnostics in display order, then a summary line when there were any.
std::string render_all(const SourceMap& sources, const DiagnosticSink& sink,
                       const RenderOptions& options = {});

}  // namespace sinew
