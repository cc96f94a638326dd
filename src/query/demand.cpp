// Demand-driven evaluation: the magic-set rewrite.
//
// A relation read with some arguments known, as `path(1, Y)`, is computed only for
// those arguments. For every such use, `path` gets an adorned copy (`path@bf`: first
// argument bound, second free) whose rules start with a "magic" relation holding the
// values asked for (`@magic:path@bf`), and magic rules pass the demand along the
// bodies in the order the planner would evaluate them (sideways information passing):
//
//   reach1(Y) :- path(1, Y).                  reach1(Y) :- path@bf(1, Y).
//   path(X, Y) :- edge(X, Y).          =>     @magic:path@bf(1).
//   path(X, Y) :- path(X, Z), edge(Z, Y).     path@bf(X, Y) :- @magic:path@bf(X), edge(X, Y).
//                                             path@bf(X, Y) :- @magic:path@bf(X), path@bf(X, Z), edge(Z, Y).
//
// Relations read under `!` or inside an aggregate are computed whole, as before, so
// the rewritten program stays stratified; if it were not, the rewrite is not used.

#include "query/demand.hpp"

#include "ir/plan.hpp"
#include "ir/strata.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace sinew::query {

namespace {

using Adornment = std::string;  // 'b' or 'f' per column

class DemandRewrite {
 public:
  DemandRewrite(const ir::Program& program, std::span<const ir::RelationId> targets)
      : original_(program), result_(program), targets_(targets.begin(), targets.end()) {
    rules_of_.resize(program.relations.size());
    for (ir::RuleId r = 0; r < program.rules.size(); ++r) {
      rules_of_[program.rules[r].head].push_back(r);
    }
    has_facts_.assign(program.relations.size(), false);
    for (ir::FactRef fact : program.facts) has_facts_[fact.relation] = true;
  }

  // The rewritten program, or nullopt when no use binds an argument.
  std::optional<ir::Program> run() {
    result_.rules.clear();
    for (ir::RelationId target : targets_) need_whole(target);
    while (!work_.empty()) {
      auto [relation, adornment] = work_.back();
      work_.pop_back();
      for (ir::RuleId r : rules_of_[relation]) rewrite(original_.rules[r], adornment);
    }
    if (!adorned_any_) return std::nullopt;
    if (!ir::stratify(result_)) return std::nullopt;
    return std::move(result_);
  }

 private:
  // A relation can be adorned when it is derived only by rules whose conclusions hold
  // plain variables or values where the adornment binds (a bound argument must be
  // matched, not computed).
  bool adornable(ir::RelationId relation, const Adornment& adornment) const {
    const ir::Relation& schema = original_.relations[relation];
    if (rules_of_[relation].empty() || has_facts_[relation] || schema.case_input ||
        schema.load_facts) {
      return false;
    }
    if (std::find(targets_.begin(), targets_.end(), relation) != targets_.end()) return false;
    for (ir::RuleId r : rules_of_[relation]) {
      const auto& args = original_.rules[r].head_args;
      for (std::size_t i = 0; i < args.size(); ++i) {
        bool plain = args[i].op == ir::Expr::Op::variable || args[i].op == ir::Expr::Op::constant;
        if (adornment[i] == 'b' && !plain) return false;
      }
    }
    return true;
  }

  void need_whole(ir::RelationId relation) {
    if (rules_of_[relation].empty()) return;
    std::string key = std::string(original_.relations[relation].arity(), 'f');
    if (adorned_.emplace(std::pair{relation, key}, relation).second) {
      work_.emplace_back(relation, key);
    }
  }

  // The adorned copy of a relation and its magic relation, made on first use.
  std::pair<ir::RelationId, ir::RelationId> adorned(ir::RelationId relation,
                                                    const Adornment& adornment) {
    auto [it, fresh] = adorned_.emplace(std::pair{relation, adornment}, ir::none);
    if (!fresh) return {it->second, magic_.at({relation, adornment})};
    const ir::Relation& schema = original_.relations[relation];
    ir::Relation copy;
    copy.name = schema.name + "@" + adornment;
    copy.columns = schema.columns;
    copy.origin = schema.origin;
    ir::Relation magic;
    magic.name = "@magic:" + copy.name;
    magic.origin = schema.origin;
    for (std::size_t i = 0; i < adornment.size(); ++i) {
      if (adornment[i] == 'b') magic.columns.push_back(schema.columns[i]);
    }
    it->second = add_relation(std::move(copy));
    ir::RelationId magic_id = add_relation(std::move(magic));
    magic_[{relation, adornment}] = magic_id;
    work_.emplace_back(relation, adornment);
    adorned_any_ = true;
    return {it->second, magic_id};
  }

  ir::RelationId add_relation(ir::Relation relation) {
    result_.relations.push_back(std::move(relation));
    return static_cast<ir::RelationId>(result_.relations.size() - 1);
  }

  static ir::Expr as_expr(const ir::Argument& arg, ir::BaseType type) {
    ir::Expr expr;
    expr.type = type;
    if (arg.kind == ir::Argument::Kind::variable) {
      expr.op = ir::Expr::Op::variable;
      expr.variable = arg.variable;
    } else {
      expr.op = ir::Expr::Op::constant;
      expr.constant = arg.constant;
    }
    return expr;
  }

  void rewrite(const ir::Rule& rule, const Adornment& adornment) {
    bool whole = adornment.find('b') == std::string::npos;
    current_rule_ = &rule;
    ir::Rule out = rule;
    out.plans.clear();
    out.body.clear();
    std::vector<bool> bound(std::max<std::size_t>(rule.variables.size(), ir::variable_count(rule)),
                            false);
    if (!whole) {
      auto [copy, magic] = adorned(rule.head, adornment);
      out.head = copy;
      ir::Literal guard;
      guard.kind = ir::Literal::Kind::positive;
      guard.atom.relation = magic;
      for (std::size_t i = 0; i < adornment.size(); ++i) {
        if (adornment[i] != 'b') continue;
        const ir::Expr& arg = rule.head_args[i];
        ir::Argument argument;
        if (arg.op == ir::Expr::Op::variable) {
          argument.kind = ir::Argument::Kind::variable;
          argument.variable = arg.variable;
          bound[arg.variable] = true;
        } else {
          argument.kind = ir::Argument::Kind::constant;
          argument.constant = arg.constant;
        }
        guard.atom.args.push_back(argument);
      }
      out.body.push_back(std::move(guard));
    }
    auto counts = ir::count_occurrences(rule);
    auto order = ir::order_literals(original_, rule.body, ir::none, bound, {}, counts);
    for (std::uint32_t position : order) {
      ir::Literal literal = rule.body[position];
      switch (literal.kind) {
        case ir::Literal::Kind::positive:
          demand(literal, bound, out.body);
          for (const auto& arg : literal.atom.args) {
            if (arg.kind == ir::Argument::Kind::variable) bound[arg.variable] = true;
          }
          break;
        case ir::Literal::Kind::negative: need_whole(literal.atom.relation); break;
        case ir::Literal::Kind::aggregate:
          need_whole_inside(literal.aggregate.front().body);
          bound[literal.aggregate.front().result] = true;
          break;
        case ir::Literal::Kind::comparison:
          if (literal.op == ir::CompareOp::eq && literal.lhs.op == ir::Expr::Op::variable) {
            bound[literal.lhs.variable] = true;
          }
          if (literal.op == ir::CompareOp::eq && literal.rhs.op == ir::Expr::Op::variable) {
            bound[literal.rhs.variable] = true;
          }
          break;
      }
      out.body.push_back(std::move(literal));
    }
    result_.rules.push_back(std::move(out));
  }

  void need_whole_inside(const std::vector<ir::Literal>& body) {
    for (const ir::Literal& literal : body) {
      if (literal.kind == ir::Literal::Kind::positive ||
          literal.kind == ir::Literal::Kind::negative) {
        need_whole(literal.atom.relation);
      } else if (literal.kind == ir::Literal::Kind::aggregate) {
        need_whole_inside(literal.aggregate.front().body);
      }
    }
  }

  // A positive atom: read the adorned copy when some argument is known, and pass the
  // demand on with a magic rule whose body is what precedes the atom.
  void demand(ir::Literal& literal, const std::vector<bool>& bound,
              const std::vector<ir::Literal>& prefix) {
    ir::RelationId relation = literal.atom.relation;
    Adornment adornment;
    for (const auto& arg : literal.atom.args) {
      bool known = arg.kind == ir::Argument::Kind::constant ||
                   (arg.kind == ir::Argument::Kind::variable && bound[arg.variable]);
      adornment += known ? 'b' : 'f';
    }
    if (adornment.find('b') == std::string::npos || !adornable(relation, adornment)) {
      need_whole(relation);
      return;
    }
    auto [copy, magic] = adorned(relation, adornment);
    const ir::Relation& schema = original_.relations[relation];
    std::vector<ir::Expr> values;
    for (std::size_t i = 0; i < adornment.size(); ++i) {
      if (adornment[i] == 'b')
        values.push_back(as_expr(literal.atom.args[i], schema.columns[i].type.base));
    }
    if (prefix.empty()) {
      // Nothing to wait for: the demand is a fact.
      ir::Fact seed;
      seed.relation = magic;
      for (const ir::Expr& value : values) seed.values.push_back(value.constant);
      result_.facts.push_back(std::move(seed));
    } else {
      ir::Rule magic_rule;
      magic_rule.head = magic;
      magic_rule.head_args = std::move(values);
      magic_rule.body = prefix;
      magic_rule.variables = current_rule_->variables;
      magic_rule.origin = current_rule_->origin;
      result_.rules.push_back(std::move(magic_rule));
    }
    literal.atom.relation = copy;
  }

  const ir::Program& original_;
  ir::Program result_;
  std::vector<ir::RelationId> targets_;
  std::vector<std::vector<ir::RuleId>> rules_of_;
  std::vector<bool> has_facts_;
  std::map<std::pair<ir::RelationId, Adornment>, ir::RelationId> adorned_;
  std::map<std::pair<ir::RelationId, Adornment>, ir::RelationId> magic_;
  std::vector<std::pair<ir::RelationId, Adornment>> work_;
  const ir::Rule* current_rule_ = nullptr;  // the rule being rewritten
  bool adorned_any_ = false;
};

}  // namespace

bool demand_transform(ir::Program& program, std::span<const ir::RelationId> targets) {
  auto rewritten = DemandRewrite(program, targets).run();
  if (!rewritten) return false;
  program = std::move(*rewritten);
  return true;
}

}  // namespace sinew::query
