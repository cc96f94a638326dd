// Definitions for the grounding. Each derived atom is a variable with one assertion,
// `d == (c1 or c2 ...)`, so a large knowledge base is handed to Z3 once, not per question.

#include "analysis/encoding.hpp"

#include <fmt/format.h>

namespace sinew::analysis {

Encoding::Encoding(const Grounding& grounding, z3::context& context, z3::solver& solver)
    : grounding_(grounding), context_(context), solver_(solver), inputs_(grounding.atoms.size()) {
  for (AtomId id = 0; id < grounding.atoms.size(); ++id) {
    if (grounding.atoms[id].input) inputs_[id] = context.bool_const(fmt::format("a{}", id).c_str());
  }
  plain_.atoms.resize(grounding.atoms.size());
  plain_.aggregates.resize(grounding.aggregates.size());
  for (AtomId id = 0; id < grounding.atoms.size(); ++id) atom_in(id, plain_);
  for (std::uint32_t c = 0; c < grounding.aggregates.size(); ++c) aggregate_in(c, plain_);
  for (const OneOf& group : grounding.one_of) {
    for (std::size_t i = 0; i < group.size(); ++i) {
      for (std::size_t j = i + 1; j < group.size(); ++j)
        solver_.add(!(input(group[i]) && input(group[j])));
    }
  }
}

z3::expr Encoding::define(const char* prefix, std::size_t index, const z3::expr& body,
                          ir::RuleId without) {
  std::string name = without == ir::none ? fmt::format("{}{}", prefix, index)
                                         : fmt::format("{}{}_without{}", prefix, index, without);
  z3::expr variable = context_.bool_const(name.c_str());
  solver_.add(variable == body);
  return variable;
}

void Encoding::begin_without(ir::RuleId rule) {
  variant_.without = rule;
  variant_.atoms.assign(grounding_.atoms.size(), std::nullopt);
  variant_.aggregates.assign(grounding_.aggregates.size(), std::nullopt);
}

void Encoding::end_without() {
  variant_.without = ir::none;
  variant_.atoms.clear();
  variant_.aggregates.clear();
}

bool Encoding::conjunct_depends(const Conjunct& conjunct, ir::RuleId rule) {
  for (AtomId a : conjunct.positive)
    if (depends_on(a, rule)) return true;
  for (AtomId a : conjunct.negative)
    if (depends_on(a, rule)) return true;
  for (std::uint32_t c : conjunct.aggregates) {
    const AggregateCondition& condition = grounding_.aggregates[c];
    for (const auto* list : {&condition.equal, &condition.beyond, &condition.items}) {
      for (const Conjunct& part : *list)
        if (conjunct_depends(part, rule)) return true;
    }
  }
  return false;
}

bool Encoding::depends_on(AtomId id, ir::RuleId rule) {
  if (depends_rule_ != rule) {
    depends_rule_ = rule;
    depends_.assign(grounding_.atoms.size(), -1);
  }
  if (depends_[id] >= 0) return depends_[id] == 1;
  bool depends = false;
  for (const Derivation& d : grounding_.atoms[id].derivations) {
    if (d.rule == rule || conjunct_depends(d.conditions, rule)) {
      depends = true;
      break;
    }
  }
  depends_[id] = depends ? 1 : 0;
  return depends;
}

z3::expr Encoding::atom_in(AtomId id, Defined& defined) {
  if (grounding_.atoms[id].input) return *inputs_[id];
  ir::RuleId without = defined.without;
  if (without != ir::none && !depends_on(id, without)) return atom(id);
  if (defined.atoms[id]) return *defined.atoms[id];
  z3::expr_vector ways(context_);
  for (const Derivation& d : grounding_.atoms[id].derivations) {
    if (d.rule != ir::none && d.rule == without) continue;
    ways.push_back(conjunct_of(d.conditions, defined));
  }
  z3::expr body = ways.empty() ? context_.bool_val(false) : z3::mk_or(ways);
  z3::expr variable = define("d", id, body, without);
  defined.atoms[id] = variable;
  return variable;
}

z3::expr Encoding::conjunct_of(const Conjunct& conjunct, Defined& defined) {
  z3::expr_vector parts(context_);
  for (AtomId a : conjunct.positive) parts.push_back(atom_in(a, defined));
  for (AtomId a : conjunct.negative) parts.push_back(!atom_in(a, defined));
  for (std::uint32_t c : conjunct.aggregates) parts.push_back(aggregate_in(c, defined));
  return parts.empty() ? context_.bool_val(true) : z3::mk_and(parts);
}

z3::expr Encoding::aggregate_in(std::uint32_t index, Defined& defined) {
  if (defined.aggregates[index]) return *defined.aggregates[index];
  const AggregateCondition& condition = grounding_.aggregates[index];
  auto any = [&](const std::vector<Conjunct>& list) {
    z3::expr_vector ways(context_);
    for (const Conjunct& c : list) ways.push_back(conjunct_of(c, defined));
    return ways.empty() ? context_.bool_val(false) : z3::mk_or(ways);
  };
  std::optional<z3::expr> body;
  if (condition.kind == AggregateCondition::Kind::extreme) {
    body = any(condition.equal) && !any(condition.beyond);
  } else {
    // Exactly `count` of the solutions hold: a pseudo-Boolean constraint, which the SAT
    // solver takes as it is.
    z3::expr_vector items(context_);
    for (const Conjunct& c : condition.items) items.push_back(conjunct_of(c, defined));
    std::vector<int> ones(items.size(), 1);
    body = z3::pbeq(items, ones.data(), static_cast<int>(condition.count));
  }
  z3::expr variable = define("g", index, *body, defined.without);
  defined.aggregates[index] = variable;
  return variable;
}

}  // namespace sinew::analysis
