#pragma once
// What one conclusion of a case rests on, traced from provenance: the rules of its
// proof, the statements (rules' and facts') met on the way, and the case facts at its
// leaves. The same walk as Explainer::why, keeping ids instead of building texts, so
// that every answer of a batch can carry its reasons.

#include "explain/matcher.hpp"
#include "explain/proof_leaves.hpp"

#include "engine/database.hpp"
#include "ir/program.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace sinew::cases {

struct CaseBasis {
  std::vector<ir::RuleId> rules;      // in the order the proof meets them, once each
  std::vector<ir::OriginId> origins;  // rules' and knowledge-base facts' statements, once each
  std::vector<std::pair<ir::RelationId, std::uint32_t>> case_facts;  // rows, once each

  void clear() {
    rules.clear();
    origins.clear();
    case_facts.clear();
  }
};

class BasisTracer {
 public:
  // `database` holds an evaluated case with provenance on (`symbols`: where
  // expressions intern strings); the rows of the knowledge base's own facts are the
  // same for every case, so one tracer serves a session. `unchanging`, by relation:
  // those whose rows stay the same from case to case (they are indexed once).
  BasisTracer(const ir::Program& program, const engine::Database& database, SymbolTable& symbols,
              const std::vector<bool>* unchanging = nullptr);

  // Adds the basis of the row to `basis`.
  void trace(ir::RelationId relation, std::uint32_t row, CaseBasis& basis);

 private:
  void trace(ir::RelationId relation, std::uint32_t row, CaseBasis& basis, std::size_t& budget);
  void trace_body(const ir::Rule& rule, const explain::Bindings& solution, CaseBasis& basis,
                  std::size_t& budget);

  const ir::Program& program_;
  const engine::Database& database_;
  explain::Matcher matcher_;
  explain::ProofLeaves leaves_;
};

}  // namespace sinew::cases
