#pragma once
// Which names of a case input no knowledge base tells apart (case_space.hpp explains
// what interchangeable means and why the case space merges such names).

#include "engine/cases.hpp"

#include <span>
#include <string>
#include <vector>

namespace sinew::cases {

// `names` (sorted, each accepted by every program) split into classes of names that
// can be swapped in every program without changing it. Each class is sorted; classes
// come in the order of their first name. A program that orders or spells names puts
// every name in a class of its own.
std::vector<std::vector<std::string>> interchangeable_classes(
    std::span<const engine::CaseEvaluator* const> evaluators,
    const std::vector<std::string>& names);

}  // namespace sinew::cases
