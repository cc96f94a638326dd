#pragma once
// The IR of the benchmark programs of shared/bench/programs/*.dl, built by hand.

#include "ir/program.hpp"

#include <optional>
#include <string>

namespace sinew::bench {

// `tc`, `tc_bound`, `sg`, `join1` or `triage`; nullopt for another name.
std::optional<ir::Program> benchmark_program(const std::string& name);

}  // namespace sinew::bench
