// Lookups on the IR that every layer needs.
#include "ir/program.hpp"

namespace sinew::ir {

std::optional<RelationId> Program::find_relation(std::string_view name) const {
  for (std::size_t i = 0; i < relations.size(); ++i) {
    if (relations[i].name == name) return static_cast<RelationId>(i);
  }
  return std::nullopt;
}

}  // namespace sinew::ir
