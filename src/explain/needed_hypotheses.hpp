#pragma once
// What `explain --needed` passes between its parts: a set of hypotheses (facts to add,
// conditions on numbers, facts that must stay absent) while it is being built.

#include "explain/explain.hpp"
#include "ir/program.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sinew::explain {

// A fact as its relation and values.
using Fact = std::pair<ir::RelationId, std::vector<ir::Value>>;

// A requirement while it is being built: sets, so that unions and subsets are easy.
struct Hypotheses {
  std::set<Fact> facts;
  std::set<std::string> conditions;
  std::set<std::string> absent;
  std::set<ValueCondition> value_conditions;
  std::set<Fact> absent_inputs;
  // Case inputs the case must give with some value (`duration_days(D)`): the values
  // known, nullopt where open.
  std::set<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> open_inputs;
  bool checkable = true;

  Hypotheses merged(const Hypotheses& other) const {
    Hypotheses out = *this;
    out.facts.insert(other.facts.begin(), other.facts.end());
    out.conditions.insert(other.conditions.begin(), other.conditions.end());
    out.absent.insert(other.absent.begin(), other.absent.end());
    out.value_conditions.insert(other.value_conditions.begin(), other.value_conditions.end());
    out.absent_inputs.insert(other.absent_inputs.begin(), other.absent_inputs.end());
    out.open_inputs.insert(other.open_inputs.begin(), other.open_inputs.end());
    out.checkable = checkable && other.checkable;
    return out;
  }
  std::size_t size() const { return facts.size() + conditions.size() + absent.size(); }
  bool operator==(const Hypotheses&) const = default;
};

}  // namespace sinew::explain
