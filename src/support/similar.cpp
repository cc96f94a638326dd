#include "support/similar.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sinew {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows of the optimal-string-alignment table.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates) {
  // A plausible typo changes at most a third of the name, and at least one character.
  std::size_t limit = std::max<std::size_t>(1, (name.size() + 2) / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
    std::size_t distance = edit_distance(name, candidate);
    // Same letters in another case count as one edit, however long the name.
    if (distance > 1 &&
        std::equal(name.begin(), name.end(), candidate.begin(), candidate.end(),
                   [](char x, char y) { return std::tolower(x) == std::tolower(y); })) {
      distance = 1;
    }
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best_distance > limit) return std::nullopt;
  return best;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  auto match = closest_match(name, candidates);
  if (!match) return {};
  return fmt::format("did you mean `{}`?", *match);
}

}  // namespace sinew
