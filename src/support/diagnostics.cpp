#include "support/diagnostics.hpp"

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

// Of a long line (a program written on one line, a facts file of 3 MB), only this many
// characters around the caret are shown, with `…` where the line is cut.
constexpr std::size_t window_characters = 100;
constexpr std::size_t characters_before_caret = 40;

// The bytes of `line` shown for a caret at byte `caret`: all of a short line, else a
// window of whole characters around the caret. Costs the window, never the line.
struct Window {
  std::size_t begin = 0, end = 0;
  bool cut_before = false, cut_after = false;
};

Window window_around(std::string_view line, std::size_t caret) {
  caret = std::min(caret, line.size());
  if (line.size() <= window_characters) return {0, line.size(), false, false};
  std::size_t begin = caret;
  for (std::size_t n = 0; begin > 0 && n < characters_before_caret;) {
    --begin;
    if (!is_continuation_byte(line[begin])) ++n;
  }
  std::size_t end = begin;
  for (std::size_t n = 0; end < line.size() && n < window_characters; ++n) {
    ++end;
    while (end < line.size() && is_continuation_byte(line[end])) ++end;
  }
  return {begin, end, begin > 0, end < line.size()};
}

// The source line of a span and a caret line under the whole range (first line only).
void render_snippet(std::string& out, const SourceFile& file, Span span, std::string_view label,
                    const RenderOptions& options) {
  LineCol at = file.line_col(span.begin);
  std::string_view line = file.line(at.line);
  std::string number = std::to_string(at.line);
  std::string gutter(number.size(), ' ');
  auto line_begin = static_cast<std::size_t>(line.data() - file.text().data());
  std::size_t caret = span.begin - std::min<std::size_t>(span.begin, line_begin);
  Window shown = window_around(line, caret);
  fmt::format_to(std::back_inserter(out), " {} | {}{}{}\n", number, shown.cut_before ? "…" : "",
                 line.substr(shown.begin, shown.end - shown.begin), shown.cut_after ? "…" : "");

  std::string carets = shown.cut_before ? " " : "";
  // Walk the shown line by bytes up to the start: keep tabs so the caret lines up.
  for (std::size_t i = shown.begin; i < shown.end && i < caret; ++i) {
    if (is_continuation_byte(line[i])) continue;
    carets += line[i] == '\t' ? '\t' : ' ';
  }
  std::size_t width = 0;
  std::size_t end = std::min<std::size_t>(span.end - std::min<std::size_t>(span.end, line_begin),
                                          shown.end);
  for (std::size_t i = caret; i < end; ++i) {
    if (!is_continuation_byte(line[i])) ++width;
  }
  if (options.color) carets += "\x1b[1;32m";
  carets += '^';
  for (std::size_t i = 1; i < width; ++i) carets += '~';
  if (options.color) carets += "\x1b[0m";
  if (!label.empty()) fmt::format_to(std::back_inserter(carets), " {}", label);
  fmt::format_to(std::back_inserter(out), " {} | {}\n", gutter, carets);
}

void render_heading(std::string& out, const SourceMap& sources, Span span, Severity severity,
                    std::string_view code, std::string_view message, const RenderOptions& options) {
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
  return static_cast<std::size_t>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(),
                    [](const Diagnostic& d) { return d.severity() == Severity::warning; }));
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> result = diagnostics_;
  std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Span& x = a.primary.span;
    const Span& y = b.primary.span;
    return std::tie(x.file, x.begin, x.end, a.code->id) <
           std::tie(y.file, y.begin, y.end, b.code->id);
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
  render_heading(out, sources, span, diagnostic.severity(), diagnostic.code->id, diagnostic.message,
                 options);
  if (span.valid()) {
    render_snippet(out, sources.file(span.file), span, diagnostic.primary.message, options);
  }
  for (const Label& label : diagnostic.secondary) {
    render_heading(out, sources, label.span, Severity::note, "", label.message, options);
    if (label.span.valid())
      render_snippet(out, sources.file(label.span.file), label.span, "", options);
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
