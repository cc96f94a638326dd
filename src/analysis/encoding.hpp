#pragma once
// The grounding as propositional logic for Z3: a Boolean variable for each fact a case
// may give, and one for each derived fact, defined once in the solver as "some
// derivation's conditions all hold". Each question is then asked with assumptions, so
// that the solver keeps what it learned between questions.
//
// A second version of the definitions, with one rule taken out, shows whether that rule
// changes any conclusion. Its definitions are asserted in a solver scope of its own:
// push before `begin_without`, pop after `end_without`.

#include "analysis/grounding.hpp"

#include <z3++.h>

#include <optional>
#include <vector>

namespace sinew::analysis {

class Encoding {
 public:
  // Defines every atom and aggregate condition in `solver`, and what every case
  // satisfies (one value per number input).
  Encoding(const Grounding& grounding, z3::context& context, z3::solver& solver);

  // The variable of an atom: a case's input, or a derived fact's definition.
  z3::expr atom(AtomId id) const {
    return grounding_.atoms[id].input ? *inputs_[id] : *plain_.atoms[id];
  }
  z3::expr aggregate(std::uint32_t condition) const { return *plain_.aggregates[condition]; }
  z3::expr conjunct(const Conjunct& conjunct) { return conjunct_of(conjunct, plain_); }
  // The case's input variable for an input atom.
  z3::expr input(AtomId id) const { return *inputs_[id]; }

  // The knowledge base with `rule` taken out: `atom_without` is the atom's variable
  // there (its own only where the atom depends on the rule).
  void begin_without(ir::RuleId rule);
  z3::expr atom_without(AtomId id) { return atom_in(id, variant_); }
  void end_without();

  // Whether taking `rule` out can change the atom (it depends on the rule).
  bool depends_on(AtomId id, ir::RuleId rule);

 private:
  struct Defined {
    ir::RuleId without = ir::none;
    std::vector<std::optional<z3::expr>> atoms, aggregates;
  };
  z3::expr atom_in(AtomId id, Defined& defined);
  z3::expr aggregate_in(std::uint32_t index, Defined& defined);
  z3::expr conjunct_of(const Conjunct& conjunct, Defined& defined);
  z3::expr define(const char* prefix, std::size_t index, const z3::expr& body, ir::RuleId without);
  bool conjunct_depends(const Conjunct& conjunct, ir::RuleId rule);

  const Grounding& grounding_;
  z3::context& context_;
  z3::solver& solver_;
  std::vector<std::optional<z3::expr>> inputs_;
  Defined plain_, variant_;
  ir::RuleId depends_rule_ = ir::none;
  std::vector<signed char> depends_;  // for depends_rule_: -1 unknown, 0 no, 1 yes
};

}  // namespace sinew::analysis
