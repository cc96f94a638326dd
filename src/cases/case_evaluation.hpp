#pragma once
// Evaluating cases: one JSON case in, one JSON answer out, fast enough for a service.
//
// A `CaseModel` holds what depends only on the knowledge base, worked out once: the
// case reader, the output relations, and for every level of a graded output (such as
// `disposition` on the care-level scale) the smallest sets of case facts that reach it.
// A `CaseSession` (one per thread) evaluates case after case on its own database.
//
// The answer to a case:
//
//   {"conclusions": {"disposition": ["seek_treatment_immediately"], "advise": [...], ...},
//    "explanations": [{"conclusion": "disposition(seek_treatment_immediately)",
//                      "rules": [{"rule", "file", "line"}, ...], "case_facts": [...],
//                      "citations": [{"source", "quote"}], "notes": [...],
//                      "assumptions": [...], "disclaimers": [...]}, ...],
//    "unknown_findings": [{"fact": "has(chest_pain)", "if_present": {"disposition":
//                          "seek_treatment_immediately"}, "note": "..."}]}
//
// `conclusions` holds every output relation by name, in declaration order: a relation of
// one column as a list of values, of several as a list of arrays. A refused case gets
// no answer but a `CaseRefusal` (case_refusal.hpp), for the caller to show as it shows
// errors (`sinew eval` writes `{"line": 7, "error": "..."}` in its place).

#include "cases/case_input.hpp"
#include "cases/case_refusal.hpp"
#include "engine/cases.hpp"
#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "explain/explain.hpp"
#include "ir/program.hpp"

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::cases {

struct CaseAnswerOptions {
  bool explanations = true;      // per conclusion: rules, case facts, citations
  bool unknown_findings = true;  // unknown findings that would raise a graded output
  engine::Limits limits;         // per case
};

class CaseStatements;

class CaseModel {
 public:
  explicit CaseModel(const ir::Program& program, CaseAnswerOptions options = {});
  ~CaseModel();

  const ir::Program& program() const { return program_; }
  const CaseAnswerOptions& options() const { return options_; }
  const CaseReader& reader() const { return reader_; }

  // A graded output: an output relation of one column typed by a scale.
  struct Graded {
    ir::RelationId relation = ir::none;
    std::uint32_t scale = ir::none;
    // By level (index on the scale): the ways a case can reach it.
    std::vector<std::vector<explain::Requirement>> ways;
  };
  const std::vector<Graded>& graded() const { return graded_; }
  // The case facts that may change a graded output when a case adds them: those its
  // ways name, those its rules name, and those that could block one of its rules.
  const std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>>& candidates() const {
    return candidates_;
  }
  const std::vector<ir::RelationId>& outputs() const { return outputs_; }
  // What explanations cite, rendered once.
  const CaseStatements& statements() const { return *statements_; }
  // The knowledge base evaluated without a case, and its case strata compiled; when
  // that evaluation stopped, `base_stop` says why (every case then answers with it).
  const engine::CaseEvaluator& evaluator() const { return evaluator_; }
  const std::optional<engine::Stop>& base_stop() const { return base_stop_; }

 private:
  const ir::Program& program_;
  CaseAnswerOptions options_;
  CaseReader reader_;
  std::vector<ir::RelationId> outputs_;
  std::vector<Graded> graded_;
  std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> candidates_;
  std::unique_ptr<const CaseStatements> statements_;
  engine::CaseEvaluator evaluator_;
  std::optional<engine::Stop> base_stop_;
};

// One per thread. Not thread-safe itself; many sessions may share one model.
class CaseSession {
 public:
  explicit CaseSession(const CaseModel& model);
  ~CaseSession();

  // Evaluates one case and appends its answer (one JSON object, no line end) to `out`.
  // nullopt when answered; otherwise why the case was refused (`out` is then left as
  // it was).
  std::optional<CaseRefusal> evaluate(std::string_view json, std::string& out);
  // The same for a case given as facts by a program.
  std::optional<CaseRefusal> evaluate(const GivenCase& given, std::string& out);
  // The same for facts already read, with this session's symbols (an empty case needs
  // none).
  std::optional<CaseRefusal> evaluate(const CaseFacts& facts, std::string& out);

  // The last case's evaluation (with provenance when explanations are on), so that a
  // caller can look up and explain its facts. Valid until the next case.
  engine::Database& database() { return worker_->database(); }
  const engine::Database& database() const { return worker_->database(); }

 private:
  // The symbols a case is read with.
  SymbolTable& symbols();
  void write_answer(const CaseFacts& facts, std::string& out);
  void write_explanations(std::string& out);
  void write_unknown_findings(const CaseFacts& facts, std::string& out);
  // Its steps: the candidates, the levels each raises, then the JSON.
  using Fact = std::pair<ir::RelationId, std::vector<ir::Value>>;
  // fact -> (graded output, the level it reaches)
  using RaisedLevels = std::map<Fact, std::vector<std::pair<std::size_t, std::size_t>>>;
  std::vector<const Fact*> unknown_candidates(const CaseFacts& facts) const;
  RaisedLevels raised_levels(const CaseFacts& facts, const std::vector<const Fact*>& candidates);
  void append_unknown_findings(const RaisedLevels& raised, std::string& out) const;
  int graded_level(const engine::Database& database, std::size_t g) const;
  std::vector<ir::Value> carried_to_probe(ir::RelationId relation,
                                          std::span<const ir::Value> tuple);

  const CaseModel& model_;
  std::unique_ptr<engine::CaseWorker> worker_;  // none when the base did not evaluate
  std::unique_ptr<engine::CaseWorker> probe_;   // the case with one unknown finding more
  std::unique_ptr<engine::Database> reading_;   // then: symbols for reading cases
  struct Explaining;                            // the tracer and its scratch
  std::unique_ptr<Explaining> explaining_;      // made after the first case
  CaseFacts facts_;
};

}  // namespace sinew::cases
