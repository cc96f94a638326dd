#include "ir/facts.hpp"

namespace sinew::ir {

FactRef Facts::operator[](std::size_t i) const {
  // The run whose first fact is the last at or before i.
  auto run = std::upper_bound(runs_.begin(), runs_.end(), i,
                              [](std::size_t index, const Run& r) { return index < r.first; });
  --run;
  return at(*run, i - run->first);
}

}  // namespace sinew::ir
