// Lookups on the IR that every layer needs.
#include "ir/program.hpp"

namespace sinew::ir {

std::optional<RelationId> Program::find_relation(std::string_view name) const {
  for (std::size_t i = 0; i < relations.size(); ++i) {
    if (relations[i].name == name) return static_cast<RelationId>(i);
  }
  return std::nullopt;
}

void add_relations_read(const std::vector<Literal>& body, std::vector<RelationId>& out) {
  for (const Literal& literal : body) {
    if (literal.kind == Literal::Kind::positive || literal.kind == Literal::Kind::negative) {
      out.push_back(literal.atom.relation);
    }
    for (const Aggregate& aggregate : literal.aggregate) add_relations_read(aggregate.body, out);
  }
}

}  // namespace sinew::ir
