// Which variables of an aggregate belong to it, and which come from the rule around it.
//
// As in Soufflé, a variable inside an aggregate is the rule's own variable ("injected":
// the aggregate is computed once per value of it) only when the rest of the rule gives
// it a value without this aggregate's result and it is not part of what the aggregate
// computes; every other variable inside is local to the aggregate. So in
// `x = max x : a(x)` and in `x = count : { e(x, _) }` the inner `x` is the aggregate's
// own and the outer `x` is its result. A variable also used outside where nothing gives
// it a value would have to be carried out of the braces (Soufflé's "witness"): those of
// `min` and `max` are, by a rewrite before lowering (aggregate_witnesses.cpp); safety
// refuses the others (E0506). grammar/README.md, "Aggregate scoping", has the examples.

#include "rule_builder.hpp"

namespace sinew::semantics {

namespace {

// Every variable of `term` is in `grounded`; aggregates other than `excluded` give a
// value, `excluded` does not.
bool term_grounded(const ast::Term& term, const ast::Term* excluded,
                   const std::set<std::string>& grounded) {
  switch (term.kind) {
    case ast::Term::Kind::variable: return grounded.contains(term.text);
    case ast::Term::Kind::wildcard: return false;
    case ast::Term::Kind::aggregate: return &term != excluded;
    default: break;
  }
  for (const ast::Term& arg : term.args) {
    if (!term_grounded(arg, excluded, grounded)) return false;
  }
  return true;
}

}  // namespace

std::set<std::string> grounded_names(const std::vector<const ast::Literal*>& literals,
                                     const ast::Term* excluded, std::set<std::string> grounded) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const ast::Literal* literal : literals) {
      if (literal->kind == ast::Literal::Kind::atom) {
        for (const ast::Term& arg : literal->atom.args) {
          if (arg.kind == ast::Term::Kind::variable) changed |= grounded.insert(arg.text).second;
        }
      } else if (literal->kind == ast::Literal::Kind::comparison && literal->op == "=" &&
                 literal->operands.size() == 2) {
        for (int side = 0; side < 2; ++side) {
          const ast::Term& target = literal->operands[side];
          const ast::Term& source = literal->operands[1 - side];
          if (target.kind == ast::Term::Kind::variable && !grounded.contains(target.text) &&
              term_grounded(source, excluded, grounded)) {
            grounded.insert(target.text);
            changed = true;
          }
        }
      }
    }
  }
  return grounded;
}

std::set<std::string> injected_names(const ast::Term& aggregate,
                                     const std::vector<const ast::Literal*>& scope,
                                     const std::set<std::string>& grounded_outside) {
  std::set<std::string> inside;
  collect_variable_names(aggregate, true, inside);
  std::set<std::string> grounded = grounded_names(scope, &aggregate, grounded_outside);
  std::set<std::string> computed;  // what the aggregate works on is its own
  for (const ast::Term& target : aggregate.args) collect_variable_names(target, true, computed);
  std::set<std::string> injected;
  for (const std::string& name : inside) {
    if (grounded.contains(name) && !computed.contains(name)) injected.insert(name);
  }
  return injected;
}

}  // namespace sinew::semantics
