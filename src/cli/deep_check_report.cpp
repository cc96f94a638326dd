#include "deep_check_report.hpp"

#include "analysis/check_every_case.hpp"
#include "analysis/source_coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace sinew::cli {

std::string add_deep_findings(Workspace& workspace, DiagnosticSink& sink) {
  // On a terminal, a line that says how far a long analysis is (overwritten, then cleared).
  analysis::Progress progress;
  if (::isatty(STDERR_FILENO)) {
    progress = [](std::string_view step, std::size_t done, std::size_t total) {
      fmt::print(stderr, "\r\x1b[Kanalysing every case: {} {}/{}", step, done, total);
      std::fflush(stderr);
    };
  }
  std::string covered = analysis::check_every_case(workspace.program(), sink, progress);
  if (progress) fmt::print(stderr, "\r\x1b[K");
  return covered;
}

nlohmann::ordered_json diagnostics_json(const SourceMap& sources, const DiagnosticSink& sink) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : sink.sorted()) {
    nlohmann::ordered_json one;
    one["code"] = diagnostic.code->id;
    one["severity"] = diagnostic.severity() == Severity::error     ? "error"
                      : diagnostic.severity() == Severity::warning ? "warning"
                                                                   : "note";
    one["message"] = diagnostic.message;
    const Span& span = diagnostic.primary.span;
    if (span.valid()) {
      LineCol at = sources.line_col(span);
      one["file"] = sources.file(span.file).path();
      one["line"] = at.line;
      one["column"] = at.column;
    }
    one["notes"] = diagnostic.notes;
    if (!diagnostic.hint.empty()) one["hint"] = diagnostic.hint;
    list.push_back(std::move(one));
  }
  nlohmann::ordered_json out;
  out["diagnostics"] = std::move(list);
  out["errors"] = sink.error_count();
  out["warnings"] = sink.warning_count();
  return out;
}

namespace {

// A statement as an author finds it: its rule name, or where it is.
std::string statement_name(const ir::Program& program, ir::OriginId id) {
  ir::OriginView origin = program.origins[id];
  if (!origin.rule_name.empty()) return std::string(origin.rule_name);
  return fmt::format("{}:{}", origin.file, origin.line);
}

}  // namespace

std::string source_coverage_text(const ir::Program& program) {
  std::string out;
  for (const analysis::SourceCoverage& coverage : analysis::source_coverage(program)) {
    const ir::Source& source = program.sources[coverage.source];
    out += fmt::format("source `{}` \"{}\": {} of {} sentences cited\n\n", source.id, source.title,
                       coverage.cited(), coverage.sentences.size());
    for (std::size_t k = 0; k < coverage.sentences.size(); ++k) {
      const analysis::CitedSentence& sentence = coverage.sentences[k];
      std::vector<std::string> names;
      for (ir::OriginId id : sentence.cited_by) names.push_back(statement_name(program, id));
      out += fmt::format("{:4}  {}\n      {}\n", k + 1,
                         names.empty() ? std::string("NOT CITED")
                                       : fmt::format("cited by {}", fmt::join(names, ", ")),
                         sentence.text);
    }
    out += '\n';
  }
  if (out.empty()) out = "no source of this knowledge base has a text to cover\n";
  return out;
}

nlohmann::ordered_json source_coverage_json(const ir::Program& program) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const analysis::SourceCoverage& coverage : analysis::source_coverage(program)) {
    const ir::Source& source = program.sources[coverage.source];
    nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
    for (const analysis::CitedSentence& sentence : coverage.sentences) {
      nlohmann::ordered_json names = nlohmann::ordered_json::array();
      for (ir::OriginId id : sentence.cited_by) names.push_back(statement_name(program, id));
      sentences.push_back({{"text", sentence.text}, {"cited_by", std::move(names)}});
    }
    out.push_back({{"source", source.id},
                   {"title", source.title},
                   {"sentences", std::move(sentences)},
                   {"cited", coverage.cited()},
                   {"total", coverage.sentences.size()}});
  }
  return out;
}

}  // namespace sinew::cli
