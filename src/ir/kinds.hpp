#pragma once
// Which kind is a kind of which: the is-a links of a program's kinds, followed once.

#include "ir/program.hpp"

#include <cstdint>
#include <vector>

namespace sinew::ir {

// Built from the kinds as they stand; build it again after kinds are added.
class KindAncestry {
 public:
  KindAncestry() = default;
  explicit KindAncestry(const std::vector<Kind>& kinds);

  // Is `ancestor` the kind itself or one of its (transitive) parents? False for a
  // kind that is not one of the kinds it was built from.
  bool is_a(std::uint32_t kind, std::uint32_t ancestor) const;

 private:
  std::vector<std::vector<bool>> ancestors_;  // [kind][ancestor]
};

}  // namespace sinew::ir
