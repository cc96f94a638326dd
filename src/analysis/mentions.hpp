#pragma once
// Names nothing uses: an entity that no fact, rule, test or query mentions and whose
// kinds no rule reads, and a level of a scale that nothing mentions. Their declaration
// (and an entity's kind membership) does not count as a use.

#include "analysis/deep_check.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <vector>

namespace sinew::analysis {

std::vector<Finding> unused_names(const ir::Program& program, const SymbolTable& symbols);

}  // namespace sinew::analysis
