#pragma once
// The whole case space of one or more knowledge bases: every combination of the case
// inputs that can change a conclusion, for an analysis that wants to try every case
// (`sinew diff` without `--cases`, and a brute-force oracle for static analysis).
//
// Which values are worth trying:
// - a name is tried when some rule could read it: a constant of an input atom
//   (`has(worsening)`), or a value a rule joins the input with from the knowledge
//   base (`red_flag(muscle_spasm, F), has(F)`: the red flags of spasms). An input atom
//   with a variable that nothing of the knowledge base binds (`has(_)`, `has(S)` alone)
//   makes every value of its kind worth trying. Other names change no rule, so leaving
//   them out leaves out no conclusion.
// - a number is tried at each constant a comparison names, and its neighbours
//   (explain::boundary_values), inside the column's range; when every comparison of
//   numbers compares a variable with a constant, values that make every comparison come
//   out the same are tried once (the smallest of them).
// A name some knowledge base does not accept (a finding removed from a new version) is
// tried too, on its own: that knowledge base refuses the cases that give it
// (`SpaceBinding::give` says why), and `partly_known` lists such names.
//
// Interchangeable names. Two names of an input are interchangeable when swapping them
// everywhere changes no knowledge base: no rule names either, the facts (and what the
// knowledge base derives without a case) stay the same set, and no rule orders or
// spells names. The four red flags of a spasm are. Then a case with chest pain and one
// with numbness conclude the same up to the swap, so only one of them is evaluated: a
// dimension of k interchangeable names has k + 1 choices (how many are present), and
// choice j stands for the C(k, j) cases with j of them. `cases()` counts every case;
// `size()` counts the cases evaluated. When a conclusion names one of those names, the
// cases a choice stands for differ in more than a swap: `orbit` lists them all.
//
// The space is described by names and numbers, not by a program's ids, so that the
// same case can be given to two versions of a knowledge base: `SpaceBinding` turns it
// into one program's facts.

#include "engine/cases.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"
#include <sinew/support/result.hpp>

#include <compare>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace sinew::cases {

// A value of a case fact: a name, or a number when `name` is empty.
struct SpaceValue {
  std::string name;
  std::int64_t number = 0;
  bool is_number() const { return name.empty(); }
  friend auto operator<=>(const SpaceValue&, const SpaceValue&) = default;
};

struct SpaceFact {
  std::string relation;
  SpaceValue value;
  friend auto operator<=>(const SpaceFact&, const SpaceFact&) = default;
};

// One axis of the space, for one input.
struct SpaceDimension {
  enum class Kind {
    one_of,   // a number: not given, or one of `values`
    some_of,  // names: any set of `values`, interchangeable (one name: present or not)
  };
  Kind kind = Kind::some_of;
  std::string relation;
  std::vector<SpaceValue> values;
  std::size_t choices() const { return values.size() + 1; }
};

// A case of the space: one pick per dimension. For `one_of`, 0 (nothing) or i (the
// value i - 1); for `some_of`, the set of values present, as bits (bit i: value i).
using SpacePicks = std::vector<std::uint64_t>;

class CaseSpace {
 public:
  std::vector<SpaceDimension> dimensions;  // by input name, then value
  // Values worth trying that some knowledge base does not accept.
  std::vector<SpaceFact> partly_known;

  // The number of cases evaluated (the product of the dimensions' choices), and the
  // number of cases they stand for; both at most UINT64_MAX.
  std::uint64_t size() const;
  std::uint64_t cases() const;

  // The cases evaluated, in order: the first dimension changes fastest, and a `some_of`
  // pick is the first j values. `first` gives the case with nothing; `next` steps to
  // the following one, false after the last.
  void first(SpacePicks& picks) const;
  bool next(SpacePicks& picks) const;
  // How many cases of the space a case evaluated stands for.
  std::uint64_t weight(const SpacePicks& picks) const;
  // Every case it stands for (itself first): the same number of each dimension's
  // interchangeable names, in every way.
  void orbit(const SpacePicks& picks, const std::function<void(const SpacePicks&)>& visit) const;
  // The facts of a case, in dimension order, and their number.
  std::vector<SpaceFact> facts(const SpacePicks& picks) const;
  std::size_t fact_count(const SpacePicks& picks) const;
  // Is this name one of several interchangeable ones?
  bool interchangeable(const std::string& name) const;
};

struct CaseSpaceOptions {
  // Worked out only up to this many cases evaluated; a larger space is refused.
  std::uint64_t max_cases = std::uint64_t{1} << 20;
  // Merge interchangeable names (above). Off: every case is evaluated.
  bool merge_interchangeable = true;
};

// The space of the case inputs of these prepared evaluators' programs (the union of
// their inputs). Refused, with a message for the author, when an input cannot be
// enumerated (several columns, fractions, any name at all) or the space has more than
// `max_cases` cases to evaluate.
Result<CaseSpace> case_space(std::span<const engine::CaseEvaluator* const> evaluators,
                             const CaseSpaceOptions& options = {});

// The space's facts as one prepared program's.
class SpaceBinding {
 public:
  // `symbols`: the program's (or a worker's copy of them).
  SpaceBinding(const CaseSpace& space, const engine::CaseEvaluator& evaluator,
               const SymbolTable& symbols);

  // Starts a case on `worker` and gives it the facts of `picks`. When the program does
  // not accept one of them (an input or a name it does not know), why, as a case
  // reader would refuse the case; nullptr when every fact was given.
  const std::string* give(engine::CaseWorker& worker, const SpacePicks& picks) const;

 private:
  struct Fact {
    ir::RelationId relation = ir::none;
    ir::Value value = 0;
    std::uint32_t refusal = ir::none;  // index into refusals_ when not accepted
  };
  std::vector<SpaceDimension::Kind> kinds_;
  std::vector<std::vector<Fact>> facts_;  // by dimension, by value
  std::vector<std::string> refusals_;
};

}  // namespace sinew::cases
