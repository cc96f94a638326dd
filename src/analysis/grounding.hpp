#pragma once
// Grounding: the case-dependent part of a knowledge base written out for every case at
// once. Each fact a case could give becomes an input atom; each fact a rule could
// derive for some case becomes a derived atom with the ground conditions under which
// each rule derives it. What no case changes (the base) is evaluated by the engine and
// stays out: its facts are simply true.
//
// A number a case gives is tried at representative values only (each constant a
// comparison names, and its neighbours): between two of them every comparison keeps
// its truth, so the representatives stand for all numbers. Where that would not be
// exact (arithmetic on a case's number, a comparison of two case values), or where the
// case part is recursive or sums, grounding says so in `not_exact` and no finding is
// drawn from it.

#include "engine/cases.hpp"
#include "engine/database.hpp"
#include "ir/program.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sinew::analysis {

using AtomId = std::uint32_t;

// A conjunction of ground conditions: these atoms hold, those do not, and these
// aggregate conditions hold. Facts of the base are left out (they hold in every case).
struct Conjunct {
  std::vector<AtomId> positive, negative;
  std::vector<std::uint32_t> aggregates;  // indices into Grounding::aggregates
  friend auto operator<=>(const Conjunct&, const Conjunct&) = default;
};

// One way a rule derives an atom.
struct Derivation {
  ir::RuleId rule = ir::none;  // ir::none: a fact of the program
  Conjunct conditions;
};

struct Atom {
  ir::RelationId relation = ir::none;
  std::vector<ir::Value> values;
  bool input = false;  // a case may give it; otherwise derived
  std::vector<Derivation> derivations;
};

// A condition on an aggregate's result, for one value it may take.
struct AggregateCondition {
  enum class Kind : std::uint8_t {
    extreme,  // min or max: some solution gives the value and none goes beyond it
    count,    // exactly `count` solutions hold
  };
  Kind kind = Kind::extreme;
  std::vector<Conjunct> equal, beyond;  // extreme
  std::vector<Conjunct> items;          // count
  std::uint32_t count = 0;
};

// A number input's values are one per case: at most one of these atoms holds.
using OneOf = std::vector<AtomId>;

struct Grounding {
  std::vector<Atom> atoms;
  std::vector<AggregateCondition> aggregates;
  std::vector<OneOf> one_of;
  // Ground derivations by rule (indices into atoms' derivations, as atom, position).
  std::vector<std::vector<std::pair<AtomId, std::uint32_t>>> by_rule;
  // Rules of the base that derived nothing in the base evaluation.
  std::vector<bool> base_rule_fired;
  // For a rule that derives nothing in any case: the first condition, in the order
  // written, after which its body has no solution even with every case fact possible.
  std::vector<std::optional<std::uint32_t>> blocked_at;
  std::vector<bool> case_dependent;  // by RelationId
  // Empty when the grounding is exact; otherwise why not, for the author.
  std::string not_exact;
  ir::OriginId not_exact_at = ir::none;  // the statement that makes it so

  std::optional<AtomId> find(ir::RelationId relation, const std::vector<ir::Value>& values) const;
  std::map<std::pair<ir::RelationId, std::vector<ir::Value>>, AtomId> index;
};

struct GroundingLimits {
  std::size_t max_atoms = 2'000'000;
  std::size_t max_count_items = 64;  // a count over more solutions is not encoded
};

// Grounds `program` over `evaluator`'s base (prepared). `database` supplies symbols.
Grounding ground(const ir::Program& program, const engine::CaseEvaluator& evaluator,
                 const GroundingLimits& limits = {});

// The representative values of a number a case gives, within `range`.
std::vector<std::int64_t> representative_numbers(const ir::Program& program,
                                                 const ir::ColumnRange& range);

}  // namespace sinew::analysis
