// What it would take (`explain --needed`): the smallest sets of case facts that would
// derive a goal. In three parts: abduction unfolds the rules backwards into the ways the
// goal could hold (needed_abduction.cpp); each way is evaluated with the case and shrunk
// to its smallest working parts (needed_check.cpp); here they are put together, with
// the facts that could block a way tried alongside it, and every set that contains
// another dropped.

#include "explain/explain.hpp"

#include "explain_support.hpp"
#include "needed_abduction.hpp"
#include "needed_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace sinew::explain {

namespace {

// What could block a rule leading to `goal`: for each atom such a rule negates, the
// ways to make it hold (a case fact itself, or the ways abduction finds to derive it).
std::vector<Hypotheses> blocking_ways(Abduction& abduction, const ir::Program& program,
                                      const engine::Database& database, ir::RelationId goal) {
  std::set<std::pair<std::set<Fact>, std::set<std::string>>> seen;
  std::vector<Hypotheses> out;
  for (const auto& [relation, known] : negated_atoms(program, goal)) {
    bool ground = std::all_of(known.begin(), known.end(),
                              [](const auto& v) { return v.has_value(); });
    if (program.relations[relation].case_input) {
      if (!ground) continue;
      std::vector<ir::Value> tuple;
      for (const auto& v : known) tuple.push_back(*v);
      if (database.contains(relation, tuple)) continue;
      Hypotheses one;
      one.facts.emplace(relation, std::move(tuple));
      if (seen.insert({one.facts, {}}).second) out.push_back(std::move(one));
      continue;
    }
    for (const Way& way : abduction.ways(relation, known, 0)) {
      if (!way.needs.checkable || (way.needs.facts.empty() && way.needs.open_inputs.empty()))
        continue;
      if (!seen.insert({way.needs.facts, way.needs.conditions}).second) continue;
      out.push_back(way.needs);
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> Explainer::blockers(
    ir::RelationId relation, const NeededOptions& options) {
  Abduction abduction(program_, database_, options);
  std::set<Fact> facts;
  for (const Hypotheses& way : blocking_ways(abduction, program_, database_, relation)) {
    for (const Fact& fact : way.facts) {
      if (!database_.contains(fact.first, fact.second)) facts.insert(fact);
    }
  }
  return {facts.begin(), facts.end()};
}

std::vector<Requirement> Explainer::needed(ir::RelationId relation,
                                           std::span<const ir::Value> tuple,
                                           const NeededOptions& options) {
  if (database_.find(relation, tuple)) return {Requirement{}};  // it already holds
  NeededOptions bounded = options;
  if (!bounded.deadline) bounded.deadline = deadline_;
  Abduction abduction(program_, database_, bounded);
  std::vector<std::optional<ir::Value>> known(tuple.begin(), tuple.end());
  WayChecker checker(program_, database_, relation, tuple, ways_evaluator_);
  std::optional<std::vector<Hypotheses>> blocking;  // found when first needed
  const std::vector<std::int64_t> boundaries = boundary_values(program_);
  std::vector<Hypotheses> found;
  for (const Way& way : abduction.ways(relation, known, 0)) {
    if (!way.needs.checkable) {
      found.push_back(way.needs);  // cannot be put to the engine: kept as found
      continue;
    }
    auto working = smallest_ways(way.needs, checker, program_, boundaries);
    // Another rule may undo the way, or undo it for some values of a number: each
    // fact (or pair) that could block such a rule is tried with it.
    if (!blocking) blocking = blocking_ways(abduction, program_, database_, relation);
    for (std::size_t b = 0; b < blocking->size(); ++b) {
      Hypotheses more = way.needs.merged((*blocking)[b]);
      auto repaired = smallest_ways(more, checker, program_, boundaries);
      for (std::size_t c = b + 1; c < blocking->size() && repaired.empty(); ++c) {
        for (Hypotheses& smallest :
             smallest_ways(more.merged((*blocking)[c]), checker, program_, boundaries)) {
          working.push_back(std::move(smallest));
        }
      }
      for (Hypotheses& smallest : repaired) working.push_back(std::move(smallest));
    }
    for (Hypotheses& smallest : working) {
      // An absence is named only when giving that fact would undo the way.
      auto trial = checker.trial(smallest);
      std::set<Fact> absences;
      for (const Fact& absent : smallest.absent_inputs) {
        auto facts = trial->facts;
        facts.push_back(absent);
        if (!checker.holds(facts)) absences.insert(absent);
      }
      smallest.absent_inputs = std::move(absences);
      smallest.absent.clear();
      for (const auto& [rel, values] : smallest.absent_inputs)
        smallest.absent.insert(atom_text(rel, values));
      for (const auto& open : smallest.open_inputs) {
        bool conditioned = std::any_of(
            smallest.value_conditions.begin(), smallest.value_conditions.end(),
            [&](const ValueCondition& c) { return c.relation == open.first; });
        if (!conditioned) {
          smallest.conditions.insert(
              fmt::format("{} (any value)", partial_atom_text(program_, database_.symbols(),
                                                              open.first, open.second)));
        }
      }
      found.push_back(std::move(smallest));
    }
  }
  // Keep the smallest: drop every set whose facts and conditions contain another's.
  std::sort(found.begin(), found.end(),
            [](const Hypotheses& a, const Hypotheses& b) { return a.size() < b.size(); });
  std::vector<Hypotheses> minimal;
  for (const Hypotheses& candidate : found) {
    bool redundant = std::any_of(minimal.begin(), minimal.end(), [&](const Hypotheses& kept) {
      return std::includes(candidate.facts.begin(), candidate.facts.end(), kept.facts.begin(),
                           kept.facts.end()) &&
             std::includes(candidate.conditions.begin(), candidate.conditions.end(),
                           kept.conditions.begin(), kept.conditions.end());
    });
    if (!redundant) minimal.push_back(candidate);
  }
  std::vector<Requirement> requirements;
  for (const Hypotheses& hypotheses : minimal) {
    Requirement requirement;
    requirement.facts.assign(hypotheses.facts.begin(), hypotheses.facts.end());
    requirement.conditions.assign(hypotheses.conditions.begin(), hypotheses.conditions.end());
    requirement.must_be_absent.assign(hypotheses.absent.begin(), hypotheses.absent.end());
    requirement.value_conditions.assign(hypotheses.value_conditions.begin(),
                                        hypotheses.value_conditions.end());
    requirement.absent_inputs.assign(hypotheses.absent_inputs.begin(),
                                     hypotheses.absent_inputs.end());
    requirement.checkable = hypotheses.checkable;
    requirements.push_back(std::move(requirement));
  }
  // Deterministic: by size, then by the text of the facts.
  std::stable_sort(
      requirements.begin(), requirements.end(), [&](const Requirement& a, const Requirement& b) {
        auto key = [&](const Requirement& r) {
          std::string text;
          for (const auto& [rel, values] : r.facts) text += atom_text(rel, values) + " ";
          for (const auto& condition : r.conditions) text += condition + " ";
          return std::pair{r.facts.size() + r.conditions.size() + r.must_be_absent.size(), text};
        };
        return key(a) < key(b);
      });
  return requirements;
}

}  // namespace sinew::explain
