// Grounding the case part of a program: every rule of a case stratum solved over the
// facts any case could bring (the base, plus every input and every derived fact found
// so far), with the conditions on case facts kept instead of checked.

#include "analysis/grounding.hpp"

#include "explain/matcher.hpp"
#include "explain/needed_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <set>

namespace sinew::analysis {

namespace {

using explain::Bindings;
using explain::Matcher;
using Known = std::vector<std::optional<ir::Value>>;

void variables_of(const ir::Expr& expr, std::set<ir::VariableId>& out) {
  if (expr.op == ir::Expr::Op::variable) out.insert(expr.variable);
  for (const ir::Expr& arg : expr.args) variables_of(arg, out);
}

std::set<ir::VariableId> variables_of(const ir::Literal& literal) {
  std::set<ir::VariableId> out;
  variables_of(literal.lhs, out);
  variables_of(literal.rhs, out);
  for (const ir::Argument& arg : literal.atom.args) {
    if (arg.kind == ir::Argument::Kind::variable) out.insert(arg.variable);
  }
  return out;
}

bool is_plain(const ir::Expr& expr) {
  return expr.op == ir::Expr::Op::variable || expr.op == ir::Expr::Op::constant;
}

// A rule body split for grounding: atoms and comparisons solved first, then each
// aggregate, then the comparisons that read an aggregate's result, then negations.
struct SplitBody {
  std::vector<ir::Literal> before, after, negated;
  std::vector<const ir::Aggregate*> aggregates;
  std::size_t variable_count = 0;
};

class Grounder {
 public:
  Grounder(const ir::Program& program, const engine::CaseEvaluator& evaluator, Grounding& out,
           const GroundingLimits& limits)
      : program_(program),
        evaluator_(evaluator),
        out_(out),
        limits_(limits),
        possible_(evaluator.base()),
        matcher_(program, possible_, possible_.symbols()) {
    matcher_.keep_indexes(std::vector<bool>(program.relations.size(), true));
  }

  void run() {
    out_.case_dependent = evaluator_.split().case_dependent;
    out_.by_rule.resize(program_.rules.size());
    add_inputs();
    add_case_facts();
    for (std::uint32_t s : evaluator_.split().case_strata) {
      const ir::Stratum& stratum = program_.strata[s];
      if (stratum.recursive) {
        current_ = stratum.rules.empty() ? ir::none : program_.rules[stratum.rules.front()].origin;
        not_exact(fmt::format("`{}` is derived recursively from case facts",
                              program_.relations[stratum.relations.front()].name));
        continue;
      }
      for (ir::RuleId rule : stratum.rules) ground_rule(rule);
    }
    for (Atom& atom : out_.atoms) {
      std::sort(atom.derivations.begin(), atom.derivations.end(),
                [](const Derivation& a, const Derivation& b) {
                  return std::tie(a.rule, a.conditions) < std::tie(b.rule, b.conditions);
                });
      atom.derivations.erase(std::unique(atom.derivations.begin(), atom.derivations.end(),
                                         [](const Derivation& a, const Derivation& b) {
                                           return a.rule == b.rule && a.conditions == b.conditions;
                                         }),
                             atom.derivations.end());
    }
    for (AtomId id = 0; id < out_.atoms.size(); ++id) {
      const auto& derivations = out_.atoms[id].derivations;
      for (std::uint32_t d = 0; d < derivations.size(); ++d) {
        if (derivations[d].rule != ir::none) out_.by_rule[derivations[d].rule].push_back({id, d});
      }
    }
    mark_base_rules();
    out_.blocked_at.resize(program_.rules.size());
    for (ir::RuleId id = 0; id < program_.rules.size(); ++id) {
      if (out_.by_rule[id].empty() && out_.base_rule_fired[id]) {
        bool base = !out_.case_dependent[program_.rules[id].head];
        if (!base) out_.blocked_at[id] = first_blocking_condition(program_.rules[id]);
      } else if (!out_.base_rule_fired[id]) {
        out_.blocked_at[id] = first_blocking_condition(program_.rules[id]);
      }
    }
  }

 private:
  void not_exact(std::string why) {
    if (!out_.not_exact.empty()) return;
    out_.not_exact = std::move(why);
    out_.not_exact_at = current_;
  }

  AtomId add_atom(ir::RelationId relation, std::vector<ir::Value> values, bool input) {
    auto key = std::pair{relation, values};
    if (auto it = out_.index.find(key); it != out_.index.end()) return it->second;
    AtomId id = static_cast<AtomId>(out_.atoms.size());
    possible_.insert(relation, values);
    out_.index.emplace(std::move(key), id);
    out_.atoms.push_back(Atom{relation, std::move(values), input, {}});
    if (out_.atoms.size() > limits_.max_atoms) not_exact("it has too many possible facts");
    return id;
  }

  // The values a case may give a column of an input.
  std::optional<std::vector<ir::Value>> column_domain(const ir::Column& column) {
    std::vector<ir::Value> out;
    if (column.type.scale != ir::none) {
      for (SymbolId level : program_.scales[column.type.scale].levels) out.push_back(level);
      return out;
    }
    if (column.type.base == ir::BaseType::number) {
      for (std::int64_t n : representative_numbers(program_, column.range))
        out.push_back(static_cast<ir::Value>(n));
      return out;
    }
    for (const ir::Kind& kind : program_.kinds) {
      if (kind.name != column.type.name) continue;
      for (const auto& row : possible_.sorted(kind.members)) out.push_back(row.front());
      return out;
    }
    return std::nullopt;
  }

  void add_inputs() {
    for (ir::RelationId r = 0; r < program_.relations.size(); ++r) {
      const ir::Relation& relation = program_.relations[r];
      if (!relation.case_input) continue;
      current_ = relation.origin;
      std::vector<std::vector<ir::Value>> tuples{{}};
      for (const ir::Column& column : relation.columns) {
        auto domain = column_domain(column);
        if (!domain) {
          not_exact(
              fmt::format("a case may give `{}` any {} at all", relation.name, column.type.name));
          return;
        }
        std::vector<std::vector<ir::Value>> longer;
        for (const auto& tuple : tuples) {
          for (ir::Value v : *domain) {
            longer.push_back(tuple);
            longer.back().push_back(v);
          }
        }
        tuples = std::move(longer);
      }
      // A relation of one number takes one value per case.
      bool one_value = relation.arity() == 1 &&
                       relation.columns.front().type.base == ir::BaseType::number;
      OneOf group;
      for (auto& tuple : tuples) {
        if (possible_.contains(r, tuple)) continue;  // a fact of the base: always there
        group.push_back(add_atom(r, std::move(tuple), true));
      }
      if (one_value && group.size() > 1) out_.one_of.push_back(std::move(group));
    }
  }

  // Facts the program states for case-dependent relations hold in every case.
  void add_case_facts() {
    for (const ir::FactRef fact : program_.facts) {
      if (!out_.case_dependent[fact.relation] || program_.relations[fact.relation].case_input)
        continue;
      AtomId id = add_atom(fact.relation, {fact.values.begin(), fact.values.end()}, false);
      out_.atoms[id].derivations.push_back(Derivation{ir::none, {}});
    }
  }

  // Every wildcard of a case-dependent atom becomes a variable of its own, so that a
  // solution names the exact facts it used.
  ir::Literal named_wildcards(ir::Literal literal, std::size_t& variables) const {
    if (!out_.case_dependent[literal.atom.relation]) return literal;
    for (ir::Argument& arg : literal.atom.args) {
      if (arg.kind != ir::Argument::Kind::wildcard) continue;
      arg.kind = ir::Argument::Kind::variable;
      arg.variable = static_cast<ir::VariableId>(variables++);
    }
    return literal;
  }

  SplitBody split(std::span<const ir::Literal> body, std::size_t variables) {
    SplitBody out;
    out.variable_count = variables;
    std::set<ir::VariableId> late;  // aggregate results and what is computed from them
    for (const ir::Literal& literal : body) {
      if (literal.kind == ir::Literal::Kind::aggregate) {
        out.aggregates.push_back(&literal.aggregate.front());
        late.insert(literal.aggregate.front().result);
      }
    }
    std::vector<const ir::Literal*> comparisons;
    for (const ir::Literal& literal : body) {
      switch (literal.kind) {
        case ir::Literal::Kind::positive:
          out.before.push_back(named_wildcards(literal, out.variable_count));
          break;
        case ir::Literal::Kind::negative: out.negated.push_back(literal); break;
        case ir::Literal::Kind::comparison: comparisons.push_back(&literal); break;
        case ir::Literal::Kind::aggregate: break;
      }
    }
    for (bool grew = true; grew;) {
      grew = false;
      for (const ir::Literal* c : comparisons) {
        auto vars = variables_of(*c);
        bool reads_late = std::any_of(vars.begin(), vars.end(),
                                      [&](ir::VariableId v) { return late.count(v) > 0; });
        if (!reads_late) continue;
        for (ir::VariableId v : vars) grew |= late.insert(v).second;
      }
    }
    for (const ir::Literal* c : comparisons) {
      auto vars = variables_of(*c);
      bool reads_late = std::any_of(vars.begin(), vars.end(),
                                    [&](ir::VariableId v) { return late.count(v) > 0; });
      (reads_late ? out.after : out.before).push_back(*c);
    }
    return out;
  }

  // The ground conditions of a solution: its case-dependent atoms, and the atoms its
  // negations must not find. Nothing when a negation fails in every case.
  std::optional<Conjunct> conditions(const SplitBody& body, const Bindings& bindings) {
    Conjunct out;
    for (const ir::Literal& literal : body.before) {
      if (literal.kind != ir::Literal::Kind::positive ||
          !out_.case_dependent[literal.atom.relation])
        continue;
      std::vector<ir::Value> values;
      for (const auto& v : matcher_.values(literal.atom, bindings)) values.push_back(*v);
      if (auto id = out_.find(literal.atom.relation, values)) out.positive.push_back(*id);
    }
    for (const ir::Literal& literal : body.negated) {
      Known known = matcher_.values(literal.atom, bindings);
      for (std::uint32_t row : matcher_.matching_rows(literal.atom.relation, known)) {
        auto tuple = possible_.row(literal.atom.relation, row);
        auto id = out_.find(literal.atom.relation, {tuple.begin(), tuple.end()});
        if (!id || !out_.case_dependent[literal.atom.relation]) return std::nullopt;
        out.negative.push_back(*id);
      }
    }
    auto tidy = [](std::vector<AtomId>& ids) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    };
    tidy(out.positive);
    tidy(out.negative);
    return out;
  }

  const SplitBody& keep(SplitBody body) {
    // The matcher plans a body once by its address: bodies stay alive and in place.
    kept_.push_back(std::move(body));
    return kept_.back();
  }

  // The values an aggregate may take under `bindings`, each with its condition.
  std::vector<std::pair<ir::Value, std::uint32_t>> aggregate_options(const ir::Aggregate& aggregate,
                                                                     const Bindings& bindings) {
    std::vector<std::pair<ir::Value, std::uint32_t>> out;
    for (const ir::Literal& literal : aggregate.body) {
      if (literal.kind == ir::Literal::Kind::aggregate) {
        not_exact("an aggregate inside an aggregate reads case facts");
        return out;
      }
    }
    const SplitBody& body = keep(split(aggregate.body, bindings.values.size()));
    Bindings inner = bindings;
    inner.values.resize(body.variable_count, 0);
    inner.bound.resize(body.variable_count, false);
    std::map<std::vector<ir::Value>, std::pair<ir::Value, Conjunct>> solutions;
    matcher_.solve(body.before, inner, [&](const Bindings& found) {
      auto when = conditions(body, found);
      if (!when) return true;
      ir::Value value = 0;
      if (aggregate.target) {
        auto computed = matcher_.value(*aggregate.target, found);
        if (!computed) return true;
        value = *computed;
      }
      solutions.emplace(found.values, std::pair{value, std::move(*when)});
      return true;
    });
    switch (aggregate.op) {
      case ir::AggregateOp::min:
      case ir::AggregateOp::max: {
        std::set<ir::Value> values;
        for (const auto& [key, solution] : solutions) values.insert(solution.first);
        engine::ExprEvaluator order(possible_.symbols(), program_.scales);
        for (ir::Value v : values) {
          AggregateCondition condition;
          for (const auto& [key, solution] : solutions) {
            int o = order.order(aggregate.ordering, solution.first, v);
            if (aggregate.op == ir::AggregateOp::min) o = -o;
            if (o == 0) condition.equal.push_back(solution.second);
            if (o > 0) condition.beyond.push_back(solution.second);
          }
          out.push_back({v, add_condition(std::move(condition))});
        }
        break;
      }
      case ir::AggregateOp::count: {
        if (solutions.size() > limits_.max_count_items) {
          not_exact("a count over case facts has too many possible solutions");
          break;
        }
        for (std::uint32_t k = 0; k <= solutions.size(); ++k) {
          AggregateCondition condition;
          condition.kind = AggregateCondition::Kind::count;
          condition.count = k;
          for (const auto& [key, solution] : solutions) condition.items.push_back(solution.second);
          out.push_back({static_cast<ir::Value>(k), add_condition(std::move(condition))});
        }
        break;
      }
      case ir::AggregateOp::sum:
      case ir::AggregateOp::mean: not_exact("a sum or mean over case facts is not analysed"); break;
    }
    return out;
  }

  std::uint32_t add_condition(AggregateCondition condition) {
    out_.aggregates.push_back(std::move(condition));
    return static_cast<std::uint32_t>(out_.aggregates.size() - 1);
  }

  // A case's number is tried at representatives only: that is exact while it is only
  // compared with constants.
  void check_numbers(const ir::Rule& rule) {
    std::set<ir::VariableId> numbers;
    for (const ir::Literal& literal : rule.body) {
      if (literal.kind != ir::Literal::Kind::positive ||
          !out_.case_dependent[literal.atom.relation])
        continue;
      const auto& columns = program_.relations[literal.atom.relation].columns;
      for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
        if (literal.atom.args[i].kind == ir::Argument::Kind::variable &&
            columns[i].type.base != ir::BaseType::symbol && columns[i].type.scale == ir::none)
          numbers.insert(literal.atom.args[i].variable);
      }
    }
    if (numbers.empty()) return;
    auto reads_number = [&](const ir::Expr& expr) {
      std::set<ir::VariableId> vars;
      variables_of(expr, vars);
      return std::any_of(vars.begin(), vars.end(),
                         [&](ir::VariableId v) { return numbers.count(v) > 0; });
    };
    for (const ir::Literal& literal : rule.body) {
      if (literal.kind != ir::Literal::Kind::comparison) continue;
      if (!reads_number(literal.lhs) && !reads_number(literal.rhs)) continue;
      bool simple = is_plain(literal.lhs) && is_plain(literal.rhs) &&
                    (literal.lhs.op == ir::Expr::Op::constant ||
                     literal.rhs.op == ir::Expr::Op::constant);
      if (!simple) not_exact("a case's number is computed with or compared with another value");
    }
    for (const ir::Expr& arg : rule.head_args) {
      if (!is_plain(arg) && reads_number(arg))
        not_exact("a rule computes a new number from a case's number");
    }
  }

  void ground_rule(ir::RuleId id) {
    const ir::Rule& rule = program_.rules[id];
    current_ = rule.origin;
    check_numbers(rule);
    const SplitBody& body = keep(split(rule.body, rule.variables.size()));
    Bindings start(body.variable_count);
    std::function<void(std::size_t, Bindings&, Conjunct&)> next_aggregate;
    next_aggregate = [&](std::size_t k, Bindings& bindings, Conjunct& extra) {
      if (k == body.aggregates.size()) {
        matcher_.solve(body.after, bindings, [&](const Bindings& full) {
          derive(id, rule, body, full, extra);
          return true;
        });
        return;
      }
      ir::VariableId result = body.aggregates[k]->result;
      for (const auto& [value, condition] : aggregate_options(*body.aggregates[k], bindings)) {
        Bindings more = bindings;
        if (more.bound[result] && more.values[result] != value) continue;
        more.bind(result, value);
        extra.aggregates.push_back(condition);
        next_aggregate(k + 1, more, extra);
        extra.aggregates.pop_back();
      }
    };
    matcher_.solve(body.before, start, [&](const Bindings& found) {
      Bindings copy = found;
      Conjunct extra;
      next_aggregate(0, copy, extra);
      return true;
    });
  }

  void derive(ir::RuleId id, const ir::Rule& rule, const SplitBody& body, const Bindings& full,
              const Conjunct& extra) {
    auto when = conditions(body, full);
    if (!when) return;
    when->aggregates = extra.aggregates;
    std::vector<ir::Value> head;
    for (const ir::Expr& arg : rule.head_args) {
      auto value = matcher_.value(arg, full);
      if (!value) return;  // an error of arithmetic: this rule derives nothing here
      head.push_back(*value);
    }
    AtomId atom = add_atom(rule.head, std::move(head), false);
    out_.atoms[atom].derivations.push_back(Derivation{id, std::move(*when)});
  }

  // The first condition, as written, with which the conditions so far have no solution
  // (a comparison or negation joins once the atoms before it bind its variables).
  std::optional<std::uint32_t> first_blocking_condition(const ir::Rule& rule) {
    std::vector<ir::Literal> prefix;
    std::set<ir::VariableId> bound;
    for (std::uint32_t k = 0; k < rule.body.size(); ++k) {
      const ir::Literal& literal = rule.body[k];
      auto vars = variables_of(literal);
      if (literal.kind == ir::Literal::Kind::aggregate) {
        // Over every case fact at once: its result is one value it can take.
        bound.insert(literal.aggregate.front().result);
      } else if (literal.kind == ir::Literal::Kind::positive) {
        bound.insert(vars.begin(), vars.end());
      } else {
        // Every case fact is possible here, so a negated one would always fail.
        if (literal.kind == ir::Literal::Kind::negative &&
            out_.case_dependent[literal.atom.relation])
          continue;
        if (literal.kind == ir::Literal::Kind::comparison && literal.op == ir::CompareOp::eq &&
            literal.lhs.op == ir::Expr::Op::variable)
          vars.erase(literal.lhs.variable);
        bool ready = std::all_of(vars.begin(), vars.end(),
                                 [&](ir::VariableId v) { return bound.count(v) > 0; });
        if (!ready) continue;
        if (literal.kind == ir::Literal::Kind::comparison &&
            literal.lhs.op == ir::Expr::Op::variable)
          bound.insert(literal.lhs.variable);
      }
      prefix.push_back(literal);
      const std::vector<ir::Literal>& body = kept_bodies_.emplace_back(prefix);
      Bindings bindings(rule.variables.size());
      bool any = false;
      matcher_.solve(body, bindings, [&](const Bindings&) {
        any = true;
        return false;
      });
      if (!any) return k;
    }
    return std::nullopt;
  }

  // A rule of the base fired when its body has a solution in the base.
  void mark_base_rules() {
    out_.base_rule_fired.assign(program_.rules.size(), true);
    const engine::Database& base = evaluator_.base();
    Matcher matcher(program_, base, possible_.symbols());
    for (std::uint32_t s : evaluator_.split().base_strata) {
      for (ir::RuleId id : program_.strata[s].rules) {
        const ir::Rule& rule = program_.rules[id];
        Bindings bindings(rule.variables.size());
        bool fired = false;
        matcher.solve(rule.body, bindings, [&](const Bindings&) {
          fired = true;
          return false;
        });
        out_.base_rule_fired[id] = fired;
      }
    }
  }

  const ir::Program& program_;
  const engine::CaseEvaluator& evaluator_;
  Grounding& out_;
  GroundingLimits limits_;
  engine::Database possible_;
  Matcher matcher_;
  std::deque<SplitBody> kept_;
  ir::OriginId current_ = ir::none;  // the statement being grounded, for `not_exact`
  std::deque<std::vector<ir::Literal>> kept_bodies_;
};

}  // namespace

std::optional<AtomId> Grounding::find(ir::RelationId relation,
                                      const std::vector<ir::Value>& values) const {
  auto it = index.find({relation, values});
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::vector<std::int64_t> representative_numbers(const ir::Program& program,
                                                 const ir::ColumnRange& range) {
  std::set<std::int64_t> out;
  for (std::int64_t v : explain::boundary_values(program)) out.insert(v);
  if (range.low) out.insert(static_cast<std::int64_t>(*range.low));
  if (range.high) out.insert(static_cast<std::int64_t>(*range.high));
  if (out.empty()) out.insert(0);
  std::vector<std::int64_t> kept;
  for (std::int64_t v : out) {
    if (range.contains(ir::BaseType::number, static_cast<ir::Value>(v))) kept.push_back(v);
  }
  return kept;
}

Grounding ground(const ir::Program& program, const engine::CaseEvaluator& evaluator,
                 const GroundingLimits& limits) {
  Grounding out;
  Grounder(program, evaluator, out, limits).run();
  return out;
}

}  // namespace sinew::analysis
