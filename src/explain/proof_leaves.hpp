#pragma once
// The leaves of a proof: the rows no rule derived. Each is a statement of the knowledge
// base, a fact of the case, or a fact loaded from a file. Explainer::why shows which;
// cases::BasisTracer keeps a conclusion's statements and case facts.

#include "explain/proof_step.hpp"

#include "engine/database.hpp"
#include "ir/program.hpp"

#include <cstdint>
#include <vector>

namespace sinew::explain {

struct ProofLeaf {
  ProofStep::Kind kind = ProofStep::Kind::fact;  // fact, input or loaded
  ir::OriginId origin = ir::none;  // a fact's statement (none for a kind's membership)
};

class ProofLeaves {
 public:
  // Finds the rows of the knowledge base's own facts in `database` once: they are the
  // same for every case evaluated in it.
  ProofLeaves(const ir::Program& program, const engine::Database& database);

  // What the row is, when no rule derived it.
  ProofLeaf leaf(ir::RelationId relation, std::uint32_t row) const;

 private:
  const ir::Program& program_;
  std::vector<std::vector<ir::OriginId>> stated_;  // [relation][row]: statement or none
};

}  // namespace sinew::explain
