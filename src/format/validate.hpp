#pragma once
// The checks a loaded program must pass before anything evaluates or explains it:
// every index in range, every value of a name column a known name, every variable of a
// rule given a value before it is used (in each join plan), types that agree where
// values flow, kinds without cycles, and strata that are the ones its rules call for.
// With these, the engine, the query layer and the explanations can trust the program
// as if the front end had just produced it.

#include "format/compiled.hpp"
#include <sinew/support/result.hpp>

namespace sinew::format {

Result<void> validate(const Compiled& compiled);

}  // namespace sinew::format
