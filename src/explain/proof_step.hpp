#pragma once
// A proof as Explainer::why builds it and the renderers show it.

#include "ir/program.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sinew::explain {

// One step of a proof: a fact and how it is known, with the steps it rests on.
struct ProofStep {
  enum class Kind {
    derived,    // concluded by `rule` from `premises`
    fact,       // stated in the knowledge base, at `origin`
    input,      // given by the case (or a test, or the command line)
    loaded,     // read from a facts file
    absent,     // a `!` condition that holds: no such fact
    condition,  // a comparison that holds
    aggregate,  // the value of an aggregate; `premises` show the facts it rests on
    note,       // where the proof is cut short, and how to see the rest
  };
  Kind kind = Kind::fact;
  ir::RelationId relation = ir::none;  // derived, fact, input, loaded, absent
  std::vector<ir::Value> tuple;        // derived, fact, input, loaded
  std::string text;                    // the atom or condition, values filled in
  ir::RuleId rule = ir::none;          // derived, and the rule of a condition
  ir::OriginId origin = ir::none;      // the rule's or the fact's statement
  std::vector<std::pair<std::string, std::string>> bindings;  // derived: variable, value
  std::uint32_t height = 0;                                   // derived: the proof's height
  std::vector<ProofStep> premises;
};

}  // namespace sinew::explain
