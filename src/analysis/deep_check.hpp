#pragma once
// The static analysis of `sinew check --deep`: what is true of every case, proved over
// the grounding with Z3. Each finding is a diagnostic of the catalog (W10xx, E1001)
// with the statement it is about, a message for the author, a hint, and its witness: a
// case that shows it, or the reason no case exists.

#include "engine/cases.hpp"
#include "ir/program.hpp"
#include "support/catalog.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::analysis {

struct Finding {
  const Code* code = nullptr;
  ir::OriginId origin = ir::none;  // the statement it is about
  std::string message;
  std::vector<std::string> notes;  // the witness, or why no case exists
  std::string hint;
};

struct DeepReport {
  std::vector<Finding> findings;
  std::string not_exact;  // empty when every case was covered exactly
  ir::OriginId not_exact_at = ir::none;
  std::size_t atoms = 0, inputs = 0, rules_checked = 0;
  std::size_t exclusions_proved = 0;  // `exclusive` statements no case breaks
  // Questions the solver could not decide within `question_seconds`: no finding was
  // drawn from them (a rule is taken to fire, a conclusion to be reached).
  std::size_t undecided = 0;
};

// Called now and then during a long analysis: what it is doing, and how far it is.
using Progress = std::function<void(std::string_view step, std::size_t done, std::size_t total)>;

struct DeepOptions {
  bool rules_that_never_decide = true;  // the costliest check: one proof per rule
  Progress progress;                    // may be empty
  double question_seconds = 5;          // the solver's time for one question
};

// `evaluator` must be prepared (its base evaluated).
DeepReport deep_check(const ir::Program& program, const engine::CaseEvaluator& evaluator,
                      const DeepOptions& options = {});

}  // namespace sinew::analysis
