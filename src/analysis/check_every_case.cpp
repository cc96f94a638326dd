#include "analysis/check_every_case.hpp"

#include "analysis/deep_check.hpp"
#include "engine/cases.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sinew::analysis {

namespace {

// `hint` says what the author can do instead; the rest of the analysis still ran.
void not_exact(DiagnosticSink& sink, std::string why, std::string hint, Span span = {}) {
  Diagnostic diagnostic;
  diagnostic.code = &codes::analysis_not_exact;
  diagnostic.primary.span = span;
  diagnostic.message = std::move(why);
  diagnostic.hint = "the other checks still ran; " + std::move(hint);
  sink.report(std::move(diagnostic));
}

Span span_of(const ir::Program& program, ir::OriginId origin) {
  return origin == ir::none ? Span{} : program.origins[origin].span;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string check_every_case(const ir::Program& program, DiagnosticSink& sink,
                             const Progress& progress) {
  auto reads_file = std::find_if(program.relations.begin(), program.relations.end(),
                                 [](const ir::Relation& r) { return r.load_facts; });
  if (reads_file != program.relations.end()) {
    not_exact(sink,
              "the analysis over every case was not made: the program reads facts files, "
              "which differ from run to run",
              "check it with `sinew test` cases and the facts files you use",
              span_of(program, reads_file->origin));
    return {};
  }
  engine::CaseEvaluator evaluator(program);
  if (evaluator.prepare(engine::Database(program))) {
    not_exact(sink,
              "the analysis over every case was not made: the knowledge base itself could "
              "not be evaluated",
              "run `sinew run` on it to see why evaluation stops");
    return {};
  }
  DeepOptions options;
  options.progress = progress;
  DeepReport report = deep_check(program, evaluator, options);
  if (!report.not_exact.empty())
    not_exact(sink, "the analysis over every case was not made: " + report.not_exact,
              "check this part with `sinew test` cases; the findings shown cover the rest",
              span_of(program, report.not_exact_at));
  for (Finding& finding : report.findings) {
    Diagnostic diagnostic;
    diagnostic.code = finding.code;
    diagnostic.message = std::move(finding.message);
    diagnostic.primary.span = span_of(program, finding.origin);
    diagnostic.notes = std::move(finding.notes);
    diagnostic.hint = std::move(finding.hint);
    sink.report(std::move(diagnostic));
  }
  if (!report.not_exact.empty()) return {};
  if (report.undecided > 0) {
    not_exact(sink,
              fmt::format("the analysis over every case is incomplete: {} could not be "
                          "decided within {} s each, and no finding was drawn from {}",
                          plural(report.undecided, "question", "questions"),
                          options.question_seconds, report.undecided == 1 ? "it" : "them"),
              "the findings shown are proved; the undecided questions may hide more");
  }
  std::string exclusions;
  if (!program.exclusions.empty()) {
    exclusions = fmt::format("; {} of {} `exclusive` statements proved", report.exclusions_proved,
                             program.exclusions.size());
  }
  std::string covered = report.undecided == 0
                            ? std::string("every case analysed")
                            : fmt::format("every case analysed, {} left undecided",
                                          plural(report.undecided, "question", "questions"));
  return fmt::format("{}: {} that read case facts, over {} a case can give{}\n", covered,
                     plural(report.rules_checked, "rule", "rules"),
                     plural(report.inputs, "fact", "facts"), exclusions);
}

}  // namespace sinew::analysis
