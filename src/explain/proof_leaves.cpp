// The kinds of leaf of a proof (proof_leaves.hpp).
#include "explain/proof_leaves.hpp"

namespace sinew::explain {

ProofLeaves::ProofLeaves(const ir::Program& program, const engine::Database& database)
    : program_(program), stated_(database.relation_count()) {
  for (ir::FactRef fact : program.facts) {
    if (fact.origin == ir::none || fact.relation >= database.relation_count()) continue;
    if (auto row = database.find(fact.relation, fact.values)) {
      auto& origins = stated_[fact.relation];
      if (origins.size() <= *row) origins.resize(*row + 1, ir::none);
      if (origins[*row] == ir::none) origins[*row] = fact.origin;
    }
  }
}

ProofLeaf ProofLeaves::leaf(ir::RelationId relation, std::uint32_t row) const {
  if (relation < stated_.size() && row < stated_[relation].size() &&
      stated_[relation][row] != ir::none) {
    return {ProofStep::Kind::fact, stated_[relation][row]};
  }
  const ir::Relation& schema = program_.relations[relation];
  if (schema.case_input) return {ProofStep::Kind::input};
  if (schema.load_facts) return {ProofStep::Kind::loaded};
  // A kind's membership is the knowledge base's own statement; any other row that
  // nothing derived or stated was given with the case.
  return {schema.kind_membership ? ProofStep::Kind::fact : ProofStep::Kind::input};
}

}  // namespace sinew::explain
