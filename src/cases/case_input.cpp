// Reading cases (case_input.hpp): what each column of each input accepts, worked out
// once per knowledge base; a case that lists a fact both as present and as absent; and
// the present facts of one case. The JSON document itself is read in case_shape.cpp,
// its values in case_values.cpp.

#include "cases/case_input.hpp"

#include "case_values.hpp"

#include "ir/kinds.hpp"
#include "ir/printer.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sinew::cases {

CaseReader::CaseReader(const ir::Program& program) : program_(program) {
  accepted_.resize(program.relations.size());
  names_.resize(program.relations.size());
  ir::KindAncestry ancestry(program.kinds);
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    const ir::Relation& relation = program.relations[r];
    if (!relation.case_input) continue;
    inputs_.push_back(r);
    accepted_[r].resize(relation.arity());
    names_[r].resize(relation.arity());
    for (std::size_t c = 0; c < relation.arity(); ++c) {
      const ir::ColumnType& type = relation.columns[c].type;
      std::vector<bool>& accepted = accepted_[r][c];
      auto accept = [&](SymbolId symbol) {
        if (accepted.size() <= symbol) accepted.resize(program.symbols.size(), false);
        accepted[symbol] = true;
        names_[r][c].emplace_back(program.symbols.text(symbol));
      };
      if (type.scale != ir::none) {
        for (SymbolId level : program.scales[type.scale].levels) accept(level);
        continue;
      }
      std::uint32_t kind = ir::none;
      for (std::uint32_t k = 0; k < program.kinds.size(); ++k) {
        if (program.kinds[k].name == type.name) kind = k;
      }
      if (kind == ir::none) continue;
      for (const ir::Entity& entity : program.entities) {
        if (std::any_of(entity.kinds.begin(), entity.kinds.end(),
                        [&](std::uint32_t k) { return ancestry.is_a(k, kind); })) {
          accept(entity.id);
        }
      }
      if (accepted.empty()) accepted.resize(1, false);  // a kind without entities accepts nothing
    }
  }
  std::sort(inputs_.begin(), inputs_.end(), [&](ir::RelationId a, ir::RelationId b) {
    return program.relations[a].name < program.relations[b].name;
  });
  // An example for messages, from this knowledge base: its first input of one column
  // that names things (`{"has": ["..."]}`).
  example_ = "{}";
  for (ir::RelationId r : inputs_) {
    if (program.relations[r].arity() == 1 && !names_[r][0].empty()) {
      example_ = fmt::format("{{{}: [\"...\"]}}", json_quoted(program.relations[r].name));
      break;
    }
  }
}

ir::RelationId CaseReader::input_named(std::string_view key) const {
  ir::RelationId found = ir::none;
  for (ir::RelationId r : inputs_) {
    if (program_.relations[r].name == key) found = r;
  }
  return found;
}

CaseRefusal CaseReader::not_an_input(const std::string& key) const {
  std::vector<std::string> names;
  for (ir::RelationId r : inputs_) names.push_back(program_.relations[r].name);
  std::string message = fmt::format("`{}` is not an input of this knowledge base", key);
  std::string hint = did_you_mean(key, names);
  if (!hint.empty()) {
    message += "; " + hint;
  } else if (!names.empty()) {
    message += fmt::format("; its inputs are {}", fmt::join(names, ", "));
  }
  return CaseRefusal{.message = std::move(message), .key = key};
}

std::optional<CaseRefusal> CaseReader::read(const GivenCase& given, SymbolTable& symbols,
                                            CaseFacts& facts) const {
  facts.clear();
  auto refused = [&](CaseRefusal refusal) {
    facts.clear();
    return std::optional<CaseRefusal>(std::move(refusal));
  };
  // The number of values first, for every fact (an unknown input is refused when read).
  for (const auto* list : {&given.present, &given.absent}) {
    for (const GivenFact& fact : *list) {
      auto relation = program_.find_relation(fact.relation);
      std::size_t arity = relation ? program_.relations[*relation].arity() : fact.values.size();
      if (fact.values.size() == arity) continue;
      return refused(
          {.message = fmt::format("`{}` takes {} value{}; the fact gives {}", fact.relation, arity,
                                  arity == 1 ? "" : "s", fact.values.size()),
           .key = std::string(fact.relation)});
    }
  }
  if (auto refusal = read_given(given.present, false, symbols, facts))
    return refused(std::move(*refusal));
  if (auto refusal = read_given(given.absent, true, symbols, facts))
    return refused(std::move(*refusal));
  if (auto clash = contradiction(facts, symbols)) return refused(std::move(*clash));
  return std::nullopt;
}

// The facts of one list, by input in the order the inputs first appear.
std::optional<CaseRefusal> CaseReader::read_given(std::span<const GivenFact> given, bool absent,
                                                  SymbolTable& symbols, CaseFacts& facts) const {
  std::vector<std::string_view> keys;
  for (const GivenFact& fact : given) {
    if (std::find(keys.begin(), keys.end(), fact.relation) == keys.end())
      keys.push_back(fact.relation);
  }
  for (std::string_view key : keys) {
    ir::RelationId r = input_named(key);
    if (r == ir::none) return not_an_input(std::string(key));
    const ir::Relation& relation = program_.relations[r];
    for (const GivenFact& fact : given) {
      if (fact.relation != key) continue;
      auto first = static_cast<std::uint32_t>(facts.values.size());
      for (std::size_t c = 0; c < fact.values.size(); ++c) {
        CaseColumn column{program_,     relation.columns[c], accepted_[r][c],
                          names_[r][c], relation.name,       absent};
        std::string shown = shown_as_json(fact.values[c]);
        auto value = given_value(column, fact.values[c], shown, symbols);
        if (!value) {
          return CaseRefusal{
              .message = value.error().message, .key = relation.name, .value = std::move(shown)};
        }
        facts.values.push_back(*value);
      }
      facts.entries.push_back({r, absent, first});
    }
  }
  return std::nullopt;
}

// A fact both present and documented absent: the first such present fact, in the
// order the case lists them (so the message does not depend on where "absent" stands).
std::optional<CaseRefusal> CaseReader::contradiction(const CaseFacts& facts,
                                                     const SymbolTable& symbols) const {
  std::vector<std::size_t> absent;  // entries, sorted by relation and values
  for (std::size_t e = 0; e < facts.entries.size(); ++e) {
    if (facts.entries[e].absent) absent.push_back(e);
  }
  if (absent.empty()) return std::nullopt;
  auto key = [&](std::size_t e) {
    return std::pair(facts.entries[e].relation, facts.tuple(program_, facts.entries[e]));
  };
  auto less = [&](std::size_t a, std::size_t b) {
    auto [ra, ta] = key(a);
    auto [rb, tb] = key(b);
    if (ra != rb) return ra < rb;
    return std::lexicographical_compare(ta.begin(), ta.end(), tb.begin(), tb.end());
  };
  std::sort(absent.begin(), absent.end(), less);
  for (std::size_t e = 0; e < facts.entries.size(); ++e) {
    if (facts.entries[e].absent) continue;
    auto found = std::lower_bound(absent.begin(), absent.end(), e, less);
    if (found == absent.end() || less(e, *found)) continue;
    const ir::Relation& relation = program_.relations[facts.entries[e].relation];
    auto tuple = facts.tuple(program_, facts.entries[e]);
    std::vector<std::string> values;
    for (std::size_t c = 0; c < tuple.size(); ++c) {
      bool name = relation.columns[c].type.base == ir::BaseType::symbol;
      values.push_back(name
                           ? json_quoted(std::string(symbols.text(static_cast<SymbolId>(tuple[c]))))
                           : ir::print_value(program_, relation.columns[c].type, tuple[c]));
    }
    std::string shown = values.size() == 1 ? values[0]
                                           : fmt::format("[{}]", fmt::join(values, ", "));
    std::string message = fmt::format(
        "`{}` lists {} as present, and \"absent\" lists it as absent; it cannot be both: "
        "keep it in the one that is true",
        relation.name, shown);
    return CaseRefusal{
        .message = std::move(message), .key = relation.name, .value = std::move(shown)};
  }
  return std::nullopt;
}

Result<std::vector<ir::Fact>> read_case(const ir::Program& program, SymbolTable& symbols,
                                        std::string_view json) {
  CaseReader reader(program);
  CaseFacts facts;
  if (auto refusal = reader.read(json, symbols, facts)) return Error{std::move(refusal->message)};
  std::vector<ir::Fact> out;
  for (const CaseFacts::Entry& entry : facts.entries) {
    if (entry.absent) continue;
    auto tuple = facts.tuple(program, entry);
    out.push_back(ir::Fact{entry.relation, {tuple.begin(), tuple.end()}, ir::none});
  }
  return out;
}

}  // namespace sinew::cases
