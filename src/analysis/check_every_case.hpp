#pragma once
// The analysis as the checker's diagnostics: what `sinew check --deep` adds to `check`.

#include "analysis/deep_check.hpp"
#include "ir/program.hpp"
#include "support/diagnostics.hpp"

#include <string>

namespace sinew::analysis {

// Evaluates the base of `program`, runs `deep_check`, and reports each finding in `sink`
// at its statement (W1006 where the analysis could not be exact). Returns one line for
// people that says what was covered, or "" when the analysis was not exact.
std::string check_every_case(const ir::Program& program, DiagnosticSink& sink,
                             const Progress& progress = {});

}  // namespace sinew::analysis
