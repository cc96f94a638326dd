// Which symbols the knowledge base mentions, and so which entities and levels it never
// uses.

#include "analysis/mentions.hpp"

#include "support/catalog.hpp"

#include <fmt/format.h>

#include <set>

namespace sinew::analysis {

namespace {

class Mentions {
 public:
  explicit Mentions(const ir::Program& program) : program_(program) {}

  void collect() {
    for (const ir::FactRef fact : program_.facts) {
      if (program_.relations[fact.relation].kind_membership) continue;
      values(fact.relation, fact.values);
    }
    for (const ir::Rule& rule : program_.rules) {
      for (const ir::Expr& arg : rule.head_args) expr(arg);
      body(rule.body);
    }
    for (const ir::TestCase& test : program_.tests) {
      for (const ir::Fact& fact : test.given) values(fact.relation, fact.values);
      for (const ir::Expectation& e : test.expectations) {
        for (const auto& v : e.args)
          if (v) symbols_.insert(*v);
      }
    }
    for (const ir::Query& query : program_.queries) {
      for (const auto& alternative : query.alternatives) body(alternative);
    }
    for (const ir::Entity& entity : program_.entities) {
      for (SymbolId parent : entity.parents) symbols_.insert(parent);
    }
  }

  bool mentioned(SymbolId symbol) const { return symbols_.count(symbol) > 0; }
  bool read(ir::RelationId relation) const { return read_.count(relation) > 0; }

 private:
  void values(ir::RelationId relation, std::span<const ir::Value> tuple) {
    const auto& columns = program_.relations[relation].columns;
    for (std::size_t i = 0; i < tuple.size() && i < columns.size(); ++i) {
      if (columns[i].type.base == ir::BaseType::symbol) symbols_.insert(tuple[i]);
    }
  }
  void expr(const ir::Expr& e) {
    if (e.op == ir::Expr::Op::constant && e.type == ir::BaseType::symbol)
      symbols_.insert(e.constant);
    for (const ir::Expr& arg : e.args) expr(arg);
  }
  void body(const std::vector<ir::Literal>& literals) {
    for (const ir::Literal& literal : literals) {
      if (literal.kind == ir::Literal::Kind::positive ||
          literal.kind == ir::Literal::Kind::negative) {
        read_.insert(literal.atom.relation);
        const auto& columns = program_.relations[literal.atom.relation].columns;
        for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
          const ir::Argument& arg = literal.atom.args[i];
          if (arg.kind == ir::Argument::Kind::constant &&
              columns[i].type.base == ir::BaseType::symbol)
            symbols_.insert(arg.constant);
        }
      }
      expr(literal.lhs);
      expr(literal.rhs);
      for (const ir::Aggregate& aggregate : literal.aggregate) {
        if (aggregate.target) expr(*aggregate.target);
        body(aggregate.body);
      }
    }
  }

  const ir::Program& program_;
  std::set<ir::Value> symbols_;
  std::set<ir::RelationId> read_;
};

// Whether a rule reads the membership relation of one of these kinds or their parents.
bool kind_read(const ir::Program& program, const Mentions& mentions,
               std::vector<std::uint32_t> kinds) {
  std::set<std::uint32_t> seen;
  while (!kinds.empty()) {
    std::uint32_t k = kinds.back();
    kinds.pop_back();
    if (!seen.insert(k).second) continue;
    if (mentions.read(program.kinds[k].members)) return true;
    for (std::uint32_t parent : program.kinds[k].parents) kinds.push_back(parent);
  }
  return false;
}

}  // namespace

std::vector<Finding> unused_names(const ir::Program& program, const SymbolTable& symbols) {
  Mentions mentions(program);
  mentions.collect();
  std::vector<Finding> out;
  for (const ir::Entity& entity : program.entities) {
    if (mentions.mentioned(entity.id) || kind_read(program, mentions, entity.kinds)) continue;
    out.push_back(
        Finding{&codes::unused_entity,
                entity.origin,
                fmt::format("`{}` is declared but nothing uses it", symbols.text(entity.id)),
                {"no fact, rule, test or query names it, and no rule reads its kind"},
                "use it in a fact or a rule, or remove it"});
  }
  for (const ir::Scale& scale : program.scales) {
    ir::OriginId declared = program.relations[scale.members].origin;  // the scale's statement
    for (SymbolId level : scale.levels) {
      if (mentions.mentioned(level)) continue;
      out.push_back(Finding{&codes::unused_level,
                            declared,
                            fmt::format("the level `{}` of `{}` is never used", symbols.text(level),
                                        scale.name),
                            {"no fact, rule, test or query names it"},
                            "a level no rule reaches may be missing a rule, or can go"});
    }
  }
  return out;
}

}  // namespace sinew::analysis
