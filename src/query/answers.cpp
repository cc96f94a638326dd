#include "query/answers.hpp"

#include "query/demand.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sinew::query {

void keep_needed(ir::Program& program, std::span<const ir::RelationId> targets) {
  std::vector<bool> needed(program.relations.size(), false);
  std::vector<ir::RelationId> work(targets.begin(), targets.end());
  std::vector<std::vector<ir::RuleId>> rules_of(program.relations.size());
  for (ir::RuleId r = 0; r < program.rules.size(); ++r)
    rules_of[program.rules[r].head].push_back(r);
  while (!work.empty()) {
    ir::RelationId relation = work.back();
    work.pop_back();
    if (needed[relation]) continue;
    needed[relation] = true;
    for (ir::RuleId r : rules_of[relation]) ir::add_relations_read(program.rules[r].body, work);
  }
  std::erase_if(program.strata, [&](const ir::Stratum& stratum) {
    return std::none_of(stratum.relations.begin(), stratum.relations.end(),
                        [&](ir::RelationId r) { return needed[r]; });
  });
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    if (!needed[r]) program.relations[r].load_facts = false;  // no need to read its file
  }
}

Prepared prepare(const ir::Program& program, std::span<const ir::Query* const> queries) {
  Prepared prepared{program, {}};
  ir::Program& extended = prepared.program;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const ir::Query& query = *queries[q];
    ir::Relation relation;
    relation.name = fmt::format("?-{}", q + 1);
    for (std::size_t i = 0; i < query.answer_variables.size(); ++i) {
      relation.columns.push_back(
          ir::Column{query.variables[query.answer_variables[i]], query.answer_types[i]});
    }
    auto id = static_cast<ir::RelationId>(extended.relations.size());
    extended.relations.push_back(std::move(relation));
    ir::Stratum stratum;
    stratum.relations.push_back(id);
    for (const auto& alternative : query.alternatives) {
      ir::Rule rule;
      rule.head = id;
      rule.body = alternative;
      rule.variables = query.variables;
      rule.origin = query.origin;
      for (std::size_t i = 0; i < query.answer_variables.size(); ++i) {
        ir::Expr expr;
        expr.op = ir::Expr::Op::variable;
        expr.variable = query.answer_variables[i];
        expr.type = query.answer_types[i].base;
        rule.head_args.push_back(std::move(expr));
      }
      stratum.rules.push_back(static_cast<ir::RuleId>(extended.rules.size()));
      extended.rules.push_back(std::move(rule));
    }
    extended.strata.push_back(std::move(stratum));
    prepared.answers.push_back(id);
  }
  keep_needed(extended, prepared.answers);
  demand_transform(extended, prepared.answers);
  return prepared;
}

Table answers(const Prepared& prepared, std::size_t query, const ir::Query& definition,
              const engine::Database& database) {
  return shape(definition, database.sorted(prepared.answers[query]), database.symbols(),
               prepared.program.scales);
}

}  // namespace sinew::query
