#include "cases/case_space.hpp"

#include "interchangeable.hpp"

#include "explain/needed_check.hpp"
#include "ir/comparisons.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace sinew::cases {

// ---- the space ----------------------------------------------------------------------------

namespace {

std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
  if (b != 0 && a > std::numeric_limits<std::uint64_t>::max() / b)
    return std::numeric_limits<std::uint64_t>::max();
  return a * b;
}

std::uint64_t binomial(std::uint64_t n, std::uint64_t k) {
  std::uint64_t out = 1;
  for (std::uint64_t i = 1; i <= k; ++i) out = out * (n - k + i) / i;  // exact at each step
  return out;
}

std::uint64_t lowest_bits(std::uint64_t count) {
  return count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
}

}  // namespace

std::uint64_t CaseSpace::size() const {
  std::uint64_t size = 1;
  for (const SpaceDimension& dimension : dimensions)
    size = saturating_product(size, dimension.choices());
  return size;
}

std::uint64_t CaseSpace::cases() const {
  std::uint64_t cases = 1;
  for (const SpaceDimension& dimension : dimensions) {
    bool some_of = dimension.kind == SpaceDimension::Kind::some_of;
    std::uint64_t n = dimension.values.size();
    cases = saturating_product(cases, some_of ? (n >= 64 ? std::numeric_limits<std::uint64_t>::max()
                                                         : std::uint64_t{1} << n)
                                              : n + 1);
  }
  return cases;
}

void CaseSpace::first(SpacePicks& picks) const { picks.assign(dimensions.size(), 0); }

bool CaseSpace::next(SpacePicks& picks) const {
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const SpaceDimension& dimension = dimensions[d];
    if (dimension.kind == SpaceDimension::Kind::one_of) {
      if (++picks[d] < dimension.choices()) return true;
    } else {
      std::size_t present = std::popcount(picks[d]);
      if (present < dimension.values.size()) {
        picks[d] = lowest_bits(present + 1);
        return true;
      }
    }
    picks[d] = 0;
  }
  return false;
}

std::uint64_t CaseSpace::weight(const SpacePicks& picks) const {
  std::uint64_t weight = 1;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    if (dimensions[d].kind == SpaceDimension::Kind::some_of)
      weight *= binomial(dimensions[d].values.size(), std::popcount(picks[d]));
  }
  return weight;
}

void CaseSpace::orbit(const SpacePicks& picks,
                      const std::function<void(const SpacePicks&)>& visit) const {
  SpacePicks member = picks;
  // Each `some_of` pick runs through the sets of the same size, in increasing order of
  // their bits (Gosper's step), the first dimension fastest.
  auto advance = [&](std::size_t d) {
    std::uint64_t set = member[d];
    if (set == 0) return false;
    std::uint64_t lowest = set & -set;
    std::uint64_t ripple = set + lowest;
    std::uint64_t next = (((ripple ^ set) >> 2) / lowest) | ripple;
    std::size_t n = dimensions[d].values.size();
    if (n < 64 && next >> n) return false;
    if (next < set) return false;  // wrapped around at 64 bits
    member[d] = next;
    return true;
  };
  while (true) {
    visit(member);
    std::size_t d = 0;
    for (; d < dimensions.size(); ++d) {
      if (dimensions[d].kind != SpaceDimension::Kind::some_of) continue;
      if (advance(d)) break;
      member[d] = picks[d];
    }
    if (d == dimensions.size()) return;
  }
}

std::vector<SpaceFact> CaseSpace::facts(const SpacePicks& picks) const {
  std::vector<SpaceFact> out;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const SpaceDimension& dimension = dimensions[d];
    if (dimension.kind == SpaceDimension::Kind::one_of) {
      if (picks[d] != 0) out.push_back({dimension.relation, dimension.values[picks[d] - 1]});
      continue;
    }
    for (std::size_t i = 0; i < dimension.values.size(); ++i) {
      if (picks[d] >> i & 1) out.push_back({dimension.relation, dimension.values[i]});
    }
  }
  return out;
}

std::size_t CaseSpace::fact_count(const SpacePicks& picks) const {
  std::size_t count = 0;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    count += dimensions[d].kind == SpaceDimension::Kind::one_of ? (picks[d] != 0)
                                                                : std::popcount(picks[d]);
  }
  return count;
}

bool CaseSpace::interchangeable(const std::string& name) const {
  for (const SpaceDimension& dimension : dimensions) {
    if (dimension.kind != SpaceDimension::Kind::some_of || dimension.values.size() < 2) continue;
    for (const SpaceValue& value : dimension.values) {
      if (value.name == name) return true;
    }
  }
  return false;
}

// ---- which names an input's rules could read -------------------------------------------------

namespace {

// The names of one input worth trying in one program: `open` when any of its kind is.
struct Wanted {
  bool open = false;
  std::set<std::string> names;
};

using Scope = std::vector<const ir::Literal*>;

bool mentions(const ir::AtomRef& atom, ir::VariableId variable) {
  return std::any_of(atom.args.begin(), atom.args.end(), [&](const ir::Argument& argument) {
    return argument.kind == ir::Argument::Kind::variable && argument.variable == variable;
  });
}

// The values `variable` takes in the rows of a knowledge-base atom (its constants and
// repeated variables respected).
std::set<ir::Value> values_from(const engine::Database& base, const ir::AtomRef& atom,
                                ir::VariableId variable) {
  std::set<ir::Value> out;
  std::size_t rows = base.size(atom.relation);
  for (std::uint32_t row = 0; row < rows; ++row) {
    auto tuple = base.row(atom.relation, row);
    std::optional<ir::Value> bound;
    bool fits = true;
    for (std::size_t c = 0; c < atom.args.size() && fits; ++c) {
      const ir::Argument& argument = atom.args[c];
      if (argument.kind == ir::Argument::Kind::constant) {
        fits = tuple[c] == argument.constant;
      } else if (argument.kind == ir::Argument::Kind::variable && argument.variable == variable) {
        fits = !bound || *bound == tuple[c];
        bound = tuple[c];
      }
    }
    if (fits && bound) out.insert(*bound);
  }
  return out;
}

// The values a variable of an input atom can take from the knowledge base: the rows of
// the knowledge-base atoms of the scope that hold it (all of them must agree); nullopt
// when none holds it.
std::optional<std::set<ir::Value>> bound_by_knowledge(const engine::CaseEvaluator& evaluator,
                                                      const Scope& scope, ir::VariableId variable) {
  std::optional<std::set<ir::Value>> out;
  for (const ir::Literal* literal : scope) {
    if (literal->kind != ir::Literal::Kind::positive) continue;
    if (evaluator.is_case_relation(literal->atom.relation)) continue;
    if (!mentions(literal->atom, variable)) continue;
    std::set<ir::Value> values = values_from(evaluator.base(), literal->atom, variable);
    if (!out) {
      out = std::move(values);
    } else {
      std::erase_if(*out, [&](ir::Value value) { return !values.contains(value); });
    }
  }
  return out;
}

void note_input_atoms(const engine::CaseEvaluator& evaluator, const Scope& scope,
                      std::map<ir::RelationId, Wanted>& wanted) {
  const SymbolTable& symbols = evaluator.base().symbols();
  for (const ir::Literal* literal : scope) {
    if (literal->kind != ir::Literal::Kind::positive &&
        literal->kind != ir::Literal::Kind::negative)
      continue;
    auto found = wanted.find(literal->atom.relation);
    if (found == wanted.end()) continue;
    Wanted& input = found->second;
    if (input.open) continue;
    const ir::Argument& argument = literal->atom.args[0];
    if (argument.kind == ir::Argument::Kind::constant) {
      input.names.emplace(symbols.text(static_cast<SymbolId>(argument.constant)));
      continue;
    }
    std::optional<std::set<ir::Value>> values;
    if (argument.kind == ir::Argument::Kind::variable)
      values = bound_by_knowledge(evaluator, scope, argument.variable);
    if (!values) {
      input.open = true;
      continue;
    }
    for (ir::Value value : *values) input.names.emplace(symbols.text(static_cast<SymbolId>(value)));
  }
}

void note_rule(const engine::CaseEvaluator& evaluator, const ir::Rule& rule,
               std::map<ir::RelationId, Wanted>& wanted) {
  Scope outer;
  for (const ir::Literal& literal : rule.body) outer.push_back(&literal);
  note_input_atoms(evaluator, outer, wanted);
  for (const ir::Literal& literal : rule.body) {
    if (literal.kind != ir::Literal::Kind::aggregate) continue;
    for (const ir::Aggregate& aggregate : literal.aggregate) {
      Scope inner = outer;
      for (const ir::Literal& part : aggregate.body) inner.push_back(&part);
      note_input_atoms(evaluator, inner, wanted);
    }
  }
}

// The names a column of an input accepts: the members of its kind, or the levels of its
// scale; nullopt when it takes any name.
std::optional<std::set<std::string>> accepted_names(const engine::CaseEvaluator& evaluator,
                                                    const ir::Column& column) {
  const ir::Program& program = evaluator.program();
  const engine::Database& base = evaluator.base();
  std::set<std::string> out;
  if (column.type.scale != ir::none) {
    for (SymbolId level : program.scales[column.type.scale].levels)
      out.emplace(program.symbols.text(level));
    return out;
  }
  for (const ir::Kind& kind : program.kinds) {
    if (kind.name != column.type.name) continue;
    for (std::uint32_t row = 0; row < base.size(kind.members); ++row)
      out.emplace(base.symbols().text(static_cast<SymbolId>(base.row(kind.members, row)[0])));
    return out;
  }
  return std::nullopt;
}

// ---- numbers ---------------------------------------------------------------------------

// A comparison of a number variable with a constant, `X op c` (the variable first).
struct Threshold {
  ir::CompareOp op;
  std::int64_t constant;
  bool holds(std::int64_t x) const {
    switch (op) {
      case ir::CompareOp::eq: return x == constant;
      case ir::CompareOp::ne: return x != constant;
      case ir::CompareOp::lt: return x < constant;
      case ir::CompareOp::le: return x <= constant;
      case ir::CompareOp::gt: return x > constant;
      case ir::CompareOp::ge: return x >= constant;
    }
    return false;
  }
};

ir::CompareOp mirrored(ir::CompareOp op) {
  switch (op) {
    case ir::CompareOp::lt: return ir::CompareOp::gt;
    case ir::CompareOp::le: return ir::CompareOp::ge;
    case ir::CompareOp::gt: return ir::CompareOp::lt;
    case ir::CompareOp::ge: return ir::CompareOp::le;
    default: return op;
  }
}

// Every comparison of numbers as a threshold; nullopt when one is not of that form
// (two variables, arithmetic), and values then cannot be merged.
std::optional<std::vector<Threshold>> thresholds(const ir::Program& program) {
  std::vector<Threshold> out;
  bool simple = true;
  ir::for_each_number_comparison(program, [&](const ir::Literal& literal) {
    using Op = ir::Expr::Op;
    const ir::Expr& lhs = literal.lhs;
    const ir::Expr& rhs = literal.rhs;
    if (lhs.op == Op::variable && rhs.op == Op::constant) {
      out.push_back({literal.op, static_cast<std::int64_t>(rhs.constant)});
    } else if (lhs.op == Op::constant && rhs.op == Op::variable) {
      out.push_back({mirrored(literal.op), static_cast<std::int64_t>(lhs.constant)});
    } else if (lhs.op != Op::constant || rhs.op != Op::constant) {
      simple = false;
    }
  });
  if (!simple) return std::nullopt;
  return out;
}

// The numbers worth trying for an input, over every program: boundary values inside
// every program's range, one per way of making the comparisons come out.
std::vector<std::int64_t> numbers_to_try(std::span<const engine::CaseEvaluator* const> evaluators,
                                         const std::string& relation) {
  std::set<std::int64_t> candidates;
  std::vector<Threshold> all_thresholds;
  bool mergeable = true;
  for (const engine::CaseEvaluator* evaluator : evaluators) {
    for (std::int64_t value : explain::boundary_values(evaluator->program()))
      candidates.insert(value);
    if (auto found = thresholds(evaluator->program())) {
      all_thresholds.insert(all_thresholds.end(), found->begin(), found->end());
    } else {
      mergeable = false;
    }
  }
  std::vector<std::int64_t> out;
  for (std::int64_t value : candidates) {
    bool in_every_range = true;
    for (const engine::CaseEvaluator* evaluator : evaluators) {
      auto r = evaluator->program().find_relation(relation);
      if (r && !evaluator->program().relations[*r].columns[0].range.contains(
                   ir::BaseType::number, static_cast<ir::Value>(value)))
        in_every_range = false;
    }
    if (in_every_range) out.push_back(value);
  }
  if (candidates.empty()) {
    // No comparison names a number: any value stands for all; the smallest in range.
    std::int64_t value = 0;
    for (const engine::CaseEvaluator* evaluator : evaluators) {
      auto r = evaluator->program().find_relation(relation);
      if (!r) continue;
      const ir::ColumnRange& range = evaluator->program().relations[*r].columns[0].range;
      if (range.low) value = std::max(value, static_cast<std::int64_t>(*range.low));
    }
    out.push_back(value);
  }
  if (!mergeable) return out;
  std::set<std::vector<bool>> seen;
  std::vector<std::int64_t> merged;
  for (std::int64_t value : out) {
    std::vector<bool> signature;
    for (const Threshold& threshold : all_thresholds) signature.push_back(threshold.holds(value));
    if (seen.insert(std::move(signature)).second) merged.push_back(value);
  }
  return merged;
}

std::string with_thousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// `24 findings of has, duration_days`: what the dimensions are, for messages.
std::string inputs_in_words(const CaseSpace& space) {
  std::map<std::string, std::size_t> names;
  std::vector<std::string> order;
  for (const SpaceDimension& dimension : space.dimensions) {
    if (!names.contains(dimension.relation)) order.push_back(dimension.relation);
    names[dimension.relation] += dimension.kind == SpaceDimension::Kind::some_of
                                     ? dimension.values.size()
                                     : 0;
  }
  std::string out;
  for (const std::string& relation : order) {
    if (!out.empty()) out += ", ";
    out += names[relation] ? fmt::format("{} names of {}", names[relation], relation) : relation;
  }
  return out.empty() ? std::string("none") : out;
}

// An input relation as the programs that have it declare it.
struct InputInfo {
  std::string name;
  std::vector<const engine::CaseEvaluator*> holders;
};

}  // namespace

Result<CaseSpace> case_space(std::span<const engine::CaseEvaluator* const> evaluators,
                             const CaseSpaceOptions& options) {
  std::map<std::string, InputInfo> inputs;  // by name: the order of the dimensions
  for (const engine::CaseEvaluator* evaluator : evaluators) {
    for (const ir::Relation& relation : evaluator->program().relations) {
      if (!relation.case_input) continue;
      InputInfo& info = inputs[relation.name];
      info.name = relation.name;
      info.holders.push_back(evaluator);
    }
  }
  CaseSpace space;
  std::map<std::string, std::vector<std::string>> named;  // by input: the names to try
  for (const auto& [name, info] : inputs) {
    const ir::Program& first = info.holders.front()->program();
    const ir::Relation& relation = first.relations[*first.find_relation(name)];
    if (relation.arity() != 1) {
      return Error{
          fmt::format("the input `{}` takes {} values at once; only inputs of one value "
                      "can be tried in every combination",
                      name, relation.arity())};
    }
    SpaceDimension numbers{SpaceDimension::Kind::one_of, name, {}};
    const ir::BaseType base = relation.columns[0].type.base;
    if (base == ir::BaseType::number) {
      for (std::int64_t value : numbers_to_try(info.holders, name))
        numbers.values.push_back({"", value});
      space.dimensions.push_back(std::move(numbers));
      continue;
    }
    if (base != ir::BaseType::symbol) {
      return Error{
          fmt::format("the input `{}` takes {}; only names and whole numbers can be "
                      "tried in every combination",
                      name, base == ir::BaseType::floating ? "fractions" : "unsigned numbers")};
    }
    // Names: those any program's rules could read, accepted by every program.
    std::set<std::string> names;
    std::vector<std::set<std::string>> accepted;
    for (const engine::CaseEvaluator* evaluator : info.holders) {
      const ir::Program& program = evaluator->program();
      ir::RelationId r = *program.find_relation(name);
      auto accepts = accepted_names(*evaluator, program.relations[r].columns[0]);
      std::map<ir::RelationId, Wanted> wanted{{r, {}}};
      for (const ir::Rule& rule : program.rules) note_rule(*evaluator, rule, wanted);
      if (wanted[r].open) {
        if (!accepts) {
          return Error{
              fmt::format("the input `{}` takes any name, and a rule reads it whatever "
                          "it is; its values cannot all be tried",
                          name)};
        }
        names.insert(accepts->begin(), accepts->end());
      } else {
        names.insert(wanted[r].names.begin(), wanted[r].names.end());
      }
      if (accepts) accepted.push_back(std::move(*accepts));
    }
    std::vector<std::string>& kept = named[name];
    for (const std::string& value : names) {
      bool everywhere = info.holders.size() == evaluators.size() &&
                        std::all_of(accepted.begin(), accepted.end(),
                                    [&](const auto& set) { return set.contains(value); });
      if (everywhere) {
        kept.push_back(value);
      } else {
        space.partly_known.push_back({name, {value, 0}});
      }
    }
  }
  // A name some program refuses is tried on its own.
  for (const SpaceFact& fact : space.partly_known) {
    space.dimensions.push_back({SpaceDimension::Kind::some_of, fact.relation, {fact.value}});
  }
  // Names: merged where interchangeable, unless a name is tried for two inputs (a swap
  // would then move two dimensions at once).
  std::map<std::string, int> inputs_of;
  for (const auto& entry : named) {
    for (const std::string& value : entry.second) ++inputs_of[value];
  }
  for (const auto& [name, values] : named) {
    std::vector<std::string> shared, own;
    for (const std::string& value : values) (inputs_of[value] > 1 ? shared : own).push_back(value);
    std::vector<std::vector<std::string>> classes;
    if (options.merge_interchangeable) {
      classes = interchangeable_classes(evaluators, own);
    } else {
      for (const std::string& value : own) classes.push_back({value});
    }
    for (const std::string& value : shared) classes.push_back({value});
    std::sort(classes.begin(), classes.end());
    for (const auto& group : classes) {
      SpaceDimension dimension{SpaceDimension::Kind::some_of, name, {}};
      for (const std::string& value : group) dimension.values.push_back({value, 0});
      space.dimensions.push_back(std::move(dimension));
    }
  }
  std::stable_sort(space.dimensions.begin(), space.dimensions.end(),
                   [](const SpaceDimension& a, const SpaceDimension& b) {
                     return a.relation < b.relation;
                   });
  std::uint64_t size = space.size();
  if (size > options.max_cases) {
    return Error{fmt::format(
        "the case space has {} cases to try (every combination of the inputs that rules "
        "read: {}), more than the {} that are tried one by one",
        size == std::numeric_limits<std::uint64_t>::max() ? std::string("too many")
                                                          : with_thousands(size),
        inputs_in_words(space), with_thousands(options.max_cases))};
  }
  return space;
}

// ---- one program's facts -----------------------------------------------------------------

SpaceBinding::SpaceBinding(const CaseSpace& space, const engine::CaseEvaluator& evaluator,
                           const SymbolTable& symbols) {
  const ir::Program& program = evaluator.program();
  auto refuse = [&](std::string message) {
    refusals_.push_back(std::move(message));
    return static_cast<std::uint32_t>(refusals_.size() - 1);
  };
  for (const SpaceDimension& dimension : space.dimensions) {
    kinds_.push_back(dimension.kind);
    std::vector<Fact>& facts = facts_.emplace_back();
    auto relation = program.find_relation(dimension.relation);
    bool input = relation && program.relations[*relation].case_input;
    std::optional<std::set<std::string>> accepts;
    if (input) accepts = accepted_names(evaluator, program.relations[*relation].columns[0]);
    for (const SpaceValue& value : dimension.values) {
      Fact fact;
      if (!input) {
        fact.refusal = refuse(
            fmt::format("`{}` is not an input of this version", dimension.relation));
      } else if (value.is_number()) {
        fact = {*relation, static_cast<ir::Value>(value.number)};
      } else if (auto id = symbols.find(value.name);
                 id && (!accepts || accepts->contains(value.name))) {
        fact = {*relation, *id};
      } else {
        fact.refusal = refuse(fmt::format("`{}`: \"{}\" is not a known {}", dimension.relation,
                                          value.name,
                                          program.relations[*relation].columns[0].type.name));
      }
      facts.push_back(fact);
    }
  }
}

const std::string* SpaceBinding::give(engine::CaseWorker& worker, const SpacePicks& picks) const {
  worker.clear();
  const std::string* refused = nullptr;
  auto insert = [&](const Fact& fact) {
    if (fact.refusal != ir::none) {
      if (!refused) refused = &refusals_[fact.refusal];
      return;
    }
    ir::Value value = fact.value;
    worker.insert(fact.relation, std::span<const ir::Value>(&value, 1));
  };
  for (std::size_t d = 0; d < facts_.size(); ++d) {
    if (kinds_[d] == SpaceDimension::Kind::one_of) {
      if (picks[d] != 0) insert(facts_[d][picks[d] - 1]);
      continue;
    }
    for (std::uint64_t set = picks[d]; set != 0; set &= set - 1)
      insert(facts_[d][std::countr_zero(set)]);
  }
  return refused;
}

}  // namespace sinew::cases
