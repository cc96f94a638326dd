#pragma once
// A naive evaluator, for tests only: obviously right rather than fast. Stratum by
// stratum, every rule is evaluated over the full relations until nothing changes.
// Expressions: number arithmetic (checked), min, max, abs; comparisons of numbers
// and of symbols by text.

#include "ir/program.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sinew::testing {

struct NaiveResult {
  std::vector<std::set<std::vector<ir::Value>>> relations;
  std::optional<std::string> error;  // set when an expression failed (overflow, ...)
};

// `input` holds facts already loaded (by relation), in addition to program.facts.
NaiveResult naive_evaluate(const ir::Program& program,
                           std::vector<std::set<std::vector<ir::Value>>> input = {});

}  // namespace sinew::testing
