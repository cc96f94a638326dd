#include "case_basis.hpp"

#include "explain/explain_support.hpp"

#include "ir/plan.hpp"

#include <algorithm>

namespace sinew::cases {

namespace {

// As in Explainer::why: past this many derived steps the rest of a proof is cut.
constexpr std::size_t most_steps = 5000;
// Counted or summed facts an aggregate's basis shows.
constexpr std::size_t most_aggregated = 20;

template <typename T>
void add_once(std::vector<T>& list, const T& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

}  // namespace

BasisTracer::BasisTracer(const ir::Program& program, const engine::Database& database,
                         SymbolTable& symbols, const std::vector<bool>* unchanging)
    : program_(program),
      database_(database),
      matcher_(program, database, symbols),
      leaves_(program, database) {
  if (unchanging) matcher_.keep_indexes(*unchanging);
}

void BasisTracer::trace(ir::RelationId relation, std::uint32_t row, CaseBasis& basis) {
  std::size_t budget = most_steps;
  trace(relation, row, basis, budget);
}

void BasisTracer::trace(ir::RelationId relation, std::uint32_t row, CaseBasis& basis,
                        std::size_t& budget) {
  auto derivation = database_.derivation(relation, row);
  if (!derivation || derivation->rule == ir::none) {
    // A leaf: a statement of the knowledge base, or a fact of the case.
    explain::ProofLeaf leaf = leaves_.leaf(relation, row);
    if (leaf.origin != ir::none) add_once(basis.origins, leaf.origin);
    if (leaf.kind == explain::ProofStep::Kind::input) {
      add_once(basis.case_facts, std::pair{relation, row});
    }
    return;
  }
  const ir::Rule& rule = program_.rules[derivation->rule];
  add_once(basis.rules, derivation->rule);
  if (rule.origin != ir::none) add_once(basis.origins, rule.origin);
  if (budget == 0) return;
  --budget;

  auto solution = explain::refind_derivation(matcher_, rule, database_.row(relation, row),
                                             derivation->height);
  if (solution) trace_body(rule, *solution, basis, budget);
}

void BasisTracer::trace_body(const ir::Rule& rule, const explain::Bindings& solution,
                             CaseBasis& basis, std::size_t& budget) {
  for (const ir::Literal& literal : rule.body) {
    if (literal.kind == ir::Literal::Kind::positive) {
      auto rows = matcher_.matching_rows(literal.atom.relation,
                                         matcher_.values(literal.atom, solution));
      if (!rows.empty()) trace(literal.atom.relation, rows.front(), basis, budget);
    } else if (literal.kind == ir::Literal::Kind::aggregate) {
      // min and max rest on the solution that gives the value; count and sum on all.
      const ir::Aggregate& aggregate = literal.aggregate.front();
      std::vector<explain::Bindings> shown;
      if (aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max) {
        auto result = matcher_.aggregate(aggregate, solution);
        if (result.witness) shown.push_back(*result.witness);
      } else {
        explain::Bindings inner = solution;
        matcher_.solve(aggregate.body, inner, [&](const explain::Bindings& found) {
          shown.push_back(found);
          return shown.size() < most_aggregated;
        });
      }
      for (const explain::Bindings& inner : shown) {
        for (const ir::Literal& inside : aggregate.body) {
          if (inside.kind != ir::Literal::Kind::positive) continue;
          auto rows = matcher_.matching_rows(inside.atom.relation,
                                             matcher_.values(inside.atom, inner));
          if (!rows.empty()) trace(inside.atom.relation, rows.front(), basis, budget);
        }
      }
    }
  }
}

}  // namespace sinew::cases
