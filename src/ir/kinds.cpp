// The is-a closure of kinds (kinds.hpp).
#include "ir/kinds.hpp"

namespace sinew::ir {

KindAncestry::KindAncestry(const std::vector<Kind>& kinds)
    : ancestors_(kinds.size(), std::vector<bool>(kinds.size(), false)) {
  for (std::uint32_t k = 0; k < kinds.size(); ++k) {
    // Depth-first over parents. A checked program has no is-a cycle, but a compiled
    // file is read as it is: the visited mark keeps a cycle from looping.
    std::vector<std::uint32_t> stack{k};
    while (!stack.empty()) {
      std::uint32_t current = stack.back();
      stack.pop_back();
      if (current >= kinds.size() || ancestors_[k][current]) continue;
      ancestors_[k][current] = true;
      for (std::uint32_t parent : kinds[current].parents) stack.push_back(parent);
    }
  }
}

bool KindAncestry::is_a(std::uint32_t kind, std::uint32_t ancestor) const {
  return kind < ancestors_.size() && ancestor < ancestors_.size() && ancestors_[kind][ancestor];
}

}  // namespace sinew::ir
