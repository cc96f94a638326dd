// Derived facts: what the knowledge base concludes without any case, computed when the
// file is written, so that case after case need not derive it again.
#include "format/compiled.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"

#include <algorithm>

namespace sinew::format {

std::vector<bool> knowledge_only(const ir::Program& program) {
  std::vector<bool> known(program.relations.size(), true);
  for (std::size_t r = 0; r < program.relations.size(); ++r) {
    known[r] = !program.relations[r].case_input && !program.relations[r].load_facts;
  }
  std::vector<std::vector<ir::RelationId>> body_of(program.rules.size());
  for (std::size_t r = 0; r < program.rules.size(); ++r) {
    ir::add_relations_read(program.rules[r].body, body_of[r]);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r < program.rules.size(); ++r) {
      ir::RelationId head = program.rules[r].head;
      if (head >= known.size() || !known[head]) continue;
      for (ir::RelationId used : body_of[r]) {
        if (used >= known.size() || !known[used]) {
          known[head] = false;
          changed = true;
          break;
        }
      }
    }
  }
  return known;
}

Result<Derived> derive(const ir::Program& program) {
  std::vector<bool> known = knowledge_only(program);
  std::vector<bool> has_rules(program.relations.size(), false);
  for (const ir::Rule& rule : program.rules) {
    if (rule.head < has_rules.size()) has_rules[rule.head] = true;
  }
  engine::Database database(program);
  if (auto stop = engine::evaluate(program, database)) {
    return Error{"the facts the knowledge base derives on its own could not be computed: " +
                     stop->message,
                 stop->code()};
  }
  Derived derived;
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    if (!known[r] || !has_rules[r]) continue;
    Derived::Tuples tuples;
    tuples.relation = r;
    for (const auto& row : database.sorted(r)) {
      tuples.values.insert(tuples.values.end(), row.begin(), row.end());
      ++tuples.rows;
    }
    derived.relations.push_back(std::move(tuples));
  }
  return derived;
}

ir::Program with_derived(const ir::Program& program, const Derived& derived) {
  ir::Program out = program;
  std::vector<bool> given(program.relations.size(), false);
  for (const Derived::Tuples& tuples : derived.relations) {
    if (tuples.relation >= given.size()) continue;
    given[tuples.relation] = true;
    std::size_t arity = program.relations[tuples.relation].arity();
    std::span<const ir::Value> values(tuples.values);
    for (std::size_t row = 0; row < tuples.rows; ++row) {
      out.facts.add(tuples.relation, values.subspan(row * arity, arity), ir::none);
    }
  }
  std::erase_if(out.strata, [&](const ir::Stratum& stratum) {
    return std::all_of(stratum.relations.begin(), stratum.relations.end(),
                       [&](ir::RelationId r) { return r < given.size() && given[r]; });
  });
  return out;
}

}  // namespace sinew::format
