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
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

namespace sinew::explain {

namespace {

// A way to make an atom that a rule leading to the goal negates hold: it undoes that
// rule wherever the rule needs the atom absent.
struct Blocker {
  Hypotheses needs;
  // The atom, when it has no variable: then every blocker of it undoes the same rules.
  std::optional<Fact> ground;
};

// What could block a rule leading to `goal`: for each atom such a rule negates, the
// ways to make it hold (a case fact itself, or the ways abduction finds to derive it).
std::vector<Blocker> blocking_ways(Abduction& abduction, const ir::Program& program,
                                   const engine::Database& database, ir::RelationId goal) {
  std::set<std::pair<std::set<Fact>, std::set<std::string>>> seen;
  std::vector<Blocker> out;
  for (const auto& [relation, known] : negated_atoms(program, goal)) {
    std::optional<Fact> ground;
    if (std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); })) {
      std::vector<ir::Value> tuple;
      for (const auto& v : known) tuple.push_back(*v);
      ground = Fact{relation, std::move(tuple)};
    }
    if (program.relations[relation].case_input) {
      if (!ground || database.contains(relation, ground->second)) continue;
      Hypotheses one;
      one.facts.insert(*ground);
      if (seen.insert({one.facts, {}}).second) out.push_back(Blocker{std::move(one), ground});
      continue;
    }
    for (const Way& way : abduction.ways(relation, known, 0)) {
      if (!way.needs.checkable || (way.needs.facts.empty() && way.needs.open_inputs.empty()))
        continue;
      if (!seen.insert({way.needs.facts, way.needs.conditions}).second) continue;
      out.push_back(Blocker{way.needs, ground});
    }
  }
  return out;
}

// The smallest ways that `way` with blockers added gives: each blocker alone, and when
// one alone does not repair the way, with a second one. Appended to `working`, until
// `room` sets are found.
void try_blockers(const Hypotheses& way, bool works_alone, const std::vector<Blocker>& blocking,
                  WayChecker& checker, const ir::Program& program,
                  const std::vector<std::int64_t>& boundaries, std::size_t room,
                  std::vector<Hypotheses>& working) {
  // Atoms that, made to hold, still leave this way undone: their other blockers are not
  // tried alone (they would make the same atom hold, with facts of their own).
  std::set<Fact> futile;
  for (std::size_t b = 0; b < blocking.size() && working.size() < room; ++b) {
    const Blocker& blocker = blocking[b];
    Hypotheses more = way.merged(blocker.needs);
    if (more == way) continue;  // the way has it already: the same checks as the way's
    std::vector<Hypotheses> repaired;
    if (!blocker.ground || !futile.contains(*blocker.ground)) {
      repaired = smallest_ways(more, checker, program, boundaries);
      // Only a way of facts alone is tried once: with an open number, another value
      // may be the one a blocker repairs.
      if (repaired.empty() && blocker.ground && !works_alone && more.open_inputs.empty() &&
          checker.concludes({more.facts.begin(), more.facts.end()}, *blocker.ground))
        futile.insert(*blocker.ground);
    }
    for (std::size_t c = b + 1; c < blocking.size() && repaired.empty(); ++c) {
      // A second blocker of the same atom blocks nothing more.
      if (blocker.ground && blocking[c].ground == blocker.ground) continue;
      Hypotheses both = more.merged(blocking[c].needs);
      if (both == more) continue;  // the same checks as the blocker's alone, which failed
      for (Hypotheses& smallest : smallest_ways(both, checker, program, boundaries))
        working.push_back(std::move(smallest));
    }
    for (Hypotheses& smallest : repaired) working.push_back(std::move(smallest));
  }
}

}  // namespace

std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> Explainer::blockers(
    ir::RelationId relation, const NeededOptions& options) {
  Abduction abduction(program_, database_, options);
  std::set<Fact> facts;
  for (const Blocker& blocker : blocking_ways(abduction, program_, database_, relation)) {
    for (const Fact& fact : blocker.needs.facts) {
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
  std::optional<std::vector<Blocker>> blocking;  // found when first needed
  const std::vector<std::int64_t> boundaries = boundary_values(program_);
  std::vector<Hypotheses> found;
  for (const Way& way : abduction.ways(relation, known, 0)) {
    if (!way.needs.checkable) {
      found.push_back(way.needs);  // cannot be put to the engine: kept as found
      continue;
    }
    auto working = smallest_ways(way.needs, checker, program_, boundaries);
    // Another rule may undo the way, or undo it for some values of a number: facts that
    // could block such a rule are tried with it. A way of facts alone that concludes
    // the goal is undone by nothing. Within the sets kept, like abduction's ways.
    bool works_alone = !working.empty();
    if ((!works_alone || !way.needs.open_inputs.empty()) && found.size() < bounded.max_sets) {
      if (!blocking) blocking = blocking_ways(abduction, program_, database_, relation);
      try_blockers(way.needs, works_alone, *blocking, checker, program_, boundaries,
                   bounded.max_sets - found.size(), working);
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
