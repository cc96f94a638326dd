#include <sinew/support/diagnostics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace sinew {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::note: return "\x1b[1;36m";
  }
  return "";
}

// The source line of a span and a caret line under the whole range (first line only).
void render_snippet(std::string& out, const SourceFile& file, Span span, std::string_view label,
                    const RenderOptions& options) {
  LineCol at = file.line_col(span.begin);
  std::string_view line = file.line(at.line);
  std::string number = std::to_string(at.line);
  std::string gutter(number.size(), ' ');
  fmt::format_to(std::back_inserter(out), " {} | {}\n", number, line);

  std::string carets;
  std::size_t line_begin = span.begin - (at.column - 1);
  // Walk the line by bytes up to the start: keep tabs so the caret lines up.
  std::size_t offset = 0;
  for (std::size_t i = line_begin; offset < line.size() && i < span.begin; ++i, ++offset) {
    char c = line[offset];
    if (is_continuation_byte(c)) continue;
    carets += c == '\t' ? '\t' : ' ';
  }
  std::size_t width = 0;
  std::size_t end = std::min<std::size_t>(span.end, line_begin + line.size());
  for (std::size_t i = span.begin; i < end; ++i) {
    if (!is_continuation_byte(line[i - line_begin])) ++width;
  }
  if (options.color) carets += "\x1b[1;32m";
  carets += '^';
  for (std::size_t i = 1; i < width; ++i) carets += '~';
  if (options.color) carets += "\x1b[0m";
  if (!label.empty()) fmt::format_to(std::back_inserter(carets), " {}", label);
  fmt::format_to(std::back_inserter(out), " {} | {}\n", gutter, carets);
}

void render_heading(std::string& out, const SourceMap& sources, Span span, Severity severity,
                    std::string_view code, std::string_view message,
                    const RenderOptions& options) {
  if (span.valid()) {
    const SourceFile& file = sources.file(span.file);
    LineCol at = file.line_col(span.begin);
    fmt::format_to(std::back_inserter(out), "{}:{}:{}: ", file.path(), at.line, at.column);
  }
  if (options.color) out += severity_color(severity);
  out += severity_name(severity);
  if (!code.empty()) fmt::format_to(std::back_inserter(out), "[{}]", code);
  out += ':';
  if (options.color) out += "\x1b[0m";
  fmt::format_to(std::back_inserter(out), " {}\n", message);
}

}  // namespace

void DiagnosticSink::report(Diagnostic diagnostic) {
  if (diagnostic.severity() == Severity::error) ++errors_;
  diagnostics_.push_back(std::move(diagnostic));
}

Diagnostic& DiagnosticSink::report(const Code& code, Span span, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = &code;
  diagnostic.message = std::move(message);
  diagnostic.primary.span = span;
  report(std::move(diagnostic));
  return diagnostics_.back();
}

std::size_t DiagnosticSink::warning_count() const {
  return static_cast<std::size_t>(std::count_if(
      diagnostics_.begin(), diagnostics_.end(),
      [](const Diagnostic& d) { return d.severity() == Severity::warning; }));
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> result = diagnostics_;
  std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Span& x = a.primary.span;
    const Span& y = b.primary.span;
    return std::tie(x.file, x.begin, x.end, a.code->id) < std::tie(y.file, y.begin, y.end, b.code->id);
  });
  return result;
}

void DiagnosticSink::clear() {
  diagnostics_.clear();
  errors_ = 0;
}

std::string render(const SourceMap& sources, const Diagnostic& diagnostic,
                   const RenderOptions& options) {
  std::string out;
  const Span& span = diagnostic.primary.span;
  render_heading(out, sources, span, diagnostic.severity(), diagnostic.code->id,
                 diagnostic.message, options);
  if (span.valid()) {
    render_snippet(out, sources.file(span.file), span, diagnostic.primary.message, options);
  }
  for (const Label& label : diagnostic.secondary) {
    render_heading(out, sources, label.span, Severity::note, "", label.message, options);
    if (label.span.valid()) render_snippet(out, sources.file(label.span.file), label.span, "", options);
  }
  for (const std::string& note : diagnostic.notes) {
    fmt::format_to(std::back_inserter(out), "  = note: {}\n", note);
  }
  if (!diagnostic.hint.empty()) {
    fmt::format_to(std::back_inserter(out), "  = hint: {}\n", diagnostic.hint);
  }
  return out;
}

std::string render_all(const SourceMap& sources, const DiagnosticSink& sink,
                       const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& diagnostic : sink.sorted()) out += render(sources, diagnostic, options);
  std::size_t errors = sink.error_count();
  std::size_t warnings = sink.warning_count();
  if (errors + warnings > 0) {
    auto plural = [](std::size_t n, std::string_view word) {
      return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
    };
    if (errors > 0 && warnings > 0) {
      fmt::format_to(std::back_inserter(out), "{} and {}\n", plural(errors, "error"),
                     plural(warnings, "warning"));
    } else if (errors > 0) {
      fmt::format_to(std::back_inserter(out), "{}\n", plural(errors, "error"));
    } else {
      fmt::format_to(std::back_inserter(out), "{}\n", plural(warnings, "warning"));
    }
  }
  return out;
}

}  // namespace sinew
