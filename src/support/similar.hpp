#pragma once
// "Did you mean": the known name closest to a misspelt one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinew {

// Edit distance with transpositions (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if one is close enough to be a plausible typo.
// Ties go to the alphabetically first candidate, so the hint is deterministic.
std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates);

// "; did you mean `x`?" or an empty string.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace sinew
