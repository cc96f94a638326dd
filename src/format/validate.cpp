#include "format/validate.hpp"

#include "ir/plan.hpp"
#include "ir/strata.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace sinew::format {

namespace {

using ir::none;

// What a variable holds, as far as safety goes: names (symbol ids) or numbers.
enum class Holds : std::int8_t { unknown = -1, numbers = 0, names = 1 };

Holds holds(ir::BaseType base) {
  return base == ir::BaseType::symbol ? Holds::names : Holds::numbers;
}

class Validator {
 public:
  explicit Validator(const Compiled& compiled) : c_(compiled), p_(compiled.program) {}

  Result<void> run() {
    kinds_and_scales();
    relations();
    entities();
    for (const ir::Remarks& remarks : p_.origins.remarks()) {
      for (const ir::Citation& citation : remarks.citations) {
        // A quote may stand without a source (ir::Citation's default); the writer keeps it.
        if (citation.source != none && citation.source >= p_.sources.size()) {
          fail("a citation names a source that does not exist");
        }
      }
    }
    for (ir::FactRef fact : p_.facts) this->fact(fact);
    for (ir::RuleId r = 0; r < p_.rules.size() && ok(); ++r) rule(p_.rules[r]);
    if (ok()) strata();
    for (const ir::Query& query : p_.queries) this->query(query);
    for (const ir::TestCase& test : p_.tests) this->test(test);
    if (ok() && c_.derived) derived(*c_.derived);
    if (!ok()) return Error{"it is damaged: " + error_};
    return {};
  }

 private:
  bool ok() const { return error_.empty(); }
  void fail(std::string_view what) {
    if (error_.empty()) error_ = std::string(what);
  }

  void origin(ir::OriginId id) {
    if (id != none && id >= p_.origins.size())
      fail("an item points at a statement that does not exist");
  }
  void relation_id(ir::RelationId id) {
    if (id >= p_.relations.size()) fail("an item names a relation that does not exist");
  }
  void unary_relation(ir::RelationId id) {
    if (id == none) return;
    relation_id(id);
    if (ok() && p_.relations[id].arity() != 1)
      fail("a kind or scale has a relation that is not of one column");
  }
  void column_type(const ir::ColumnType& type) {
    if (type.scale == none) return;
    if (type.scale >= p_.scales.size()) fail("a type names a scale that does not exist");
    if (type.base != ir::BaseType::symbol) fail("a scale's values are not names");
  }
  void ordering(const ir::Ordering& ordering) {
    if (ordering.scale != none && ordering.scale >= p_.scales.size()) {
      fail("a comparison names a scale that does not exist");
    }
  }
  void value(ir::BaseType base, ir::Value v) {
    if (base == ir::BaseType::symbol && v >= p_.symbols.size())
      fail("a value is a name that does not exist");
  }
  void tuple(ir::RelationId relation, std::span<const ir::Value> values) {
    relation_id(relation);
    if (!ok()) return;
    const auto& columns = p_.relations[relation].columns;
    if (values.size() != columns.size()) {
      fail("a fact has the wrong number of values");
      return;
    }
    for (std::size_t i = 0; i < values.size(); ++i) value(columns[i].type.base, values[i]);
  }
  void fact(ir::FactRef fact) {
    tuple(fact.relation, fact.values);
    origin(fact.origin);
  }

  void kinds_and_scales() {
    const auto& kinds = p_.kinds;
    for (const ir::Kind& kind : kinds) {
      for (std::uint32_t parent : kind.parents) {
        if (parent >= kinds.size()) fail("a kind has a parent that does not exist");
      }
      unary_relation(kind.members);
    }
    if (!ok()) return;
    // No kind may be its own ancestor: colour by depth-first search, without recursion.
    std::vector<std::uint8_t> state(kinds.size(), 0);  // 0 new, 1 on the path, 2 done
    for (std::uint32_t start = 0; start < kinds.size() && ok(); ++start) {
      if (state[start]) continue;
      std::vector<std::pair<std::uint32_t, std::size_t>> stack{{start, 0}};
      state[start] = 1;
      while (!stack.empty() && ok()) {
        auto& [kind, next] = stack.back();
        if (next == kinds[kind].parents.size()) {
          state[kind] = 2;
          stack.pop_back();
          continue;
        }
        std::uint32_t parent = kinds[kind].parents[next++];
        if (state[parent] == 1) fail("a kind is its own ancestor");
        if (state[parent] == 0) {
          state[parent] = 1;
          stack.emplace_back(parent, 0);
        }
      }
    }
    for (const ir::Scale& scale : p_.scales) {
      std::set<SymbolId> seen;
      for (SymbolId level : scale.levels) {
        value(ir::BaseType::symbol, level);
        if (!seen.insert(level).second) fail("a scale has a level twice");
      }
      unary_relation(scale.members);
    }
  }

  void relations() {
    std::vector<std::string_view> names;
    names.reserve(p_.relations.size());
    for (const ir::Relation& relation : p_.relations) {
      if (relation.name.empty()) fail("a relation has an empty name");
      names.push_back(relation.name);
      for (const ir::Column& column : relation.columns) column_type(column.type);
      origin(relation.origin);
    }
    std::sort(names.begin(), names.end());
    if (std::adjacent_find(names.begin(), names.end()) != names.end()) {
      fail("two relations have the same name");
    }
  }

  void entities() {
    std::vector<bool> declared(p_.symbols.size(), false);
    for (const ir::Entity& entity : p_.entities) {
      value(ir::BaseType::symbol, entity.id);
      if (entity.id >= declared.size()) continue;
      if (declared[entity.id]) fail("an entity is declared twice");
      declared[entity.id] = true;
      if (entity.kinds.empty()) fail("an entity has no kind");
      for (std::uint32_t kind : entity.kinds) {
        if (kind >= p_.kinds.size()) fail("an entity has a kind that does not exist");
      }
      for (SymbolId parent : entity.parents) value(ir::BaseType::symbol, parent);
      origin(entity.origin);
    }
  }

  // ---- rules --------------------------------------------------------------------------

  // Checks the variables and types of a conjunction and what it uses.
  class Body {
   public:
    Body(Validator& v, std::size_t variables) : v_(v), holds_(variables, Holds::unknown) {}

    void claim(ir::VariableId var, Holds what) {
      if (var >= holds_.size()) {
        v_.fail("a rule uses a variable that does not exist");
        return;
      }
      if (holds_[var] == Holds::unknown) holds_[var] = what;
      else if (holds_[var] != what) v_.fail("a variable holds both names and numbers");
    }

    void expr(const ir::Expr& e) {
      using Op = ir::Expr::Op;
      Holds type = holds(e.type);
      auto args_hold = [&](Holds what) {
        for (const ir::Expr& arg : e.args) {
          if (holds(arg.type) != what) v_.fail("an operator is given values of the wrong type");
        }
      };
      auto arity = [&](std::size_t lo, std::size_t hi) {
        if (e.args.size() < lo || e.args.size() > hi)
          v_.fail("an operator has the wrong number of operands");
      };
      switch (e.op) {
        case Op::variable: claim(e.variable, type); break;
        case Op::constant: v_.value(e.type, e.constant); break;
        case Op::add:
        case Op::sub:
        case Op::mul:
        case Op::div:
        case Op::mod:
          arity(2, 2);
          if (type == Holds::names) v_.fail("arithmetic gives a name");
          args_hold(Holds::numbers);
          break;
        case Op::neg:
        case Op::abs:
          arity(1, 1);
          if (type == Holds::names) v_.fail("arithmetic gives a name");
          args_hold(Holds::numbers);
          break;
        case Op::min:
        case Op::max:
          arity(1, SIZE_MAX);
          args_hold(type);
          break;
        case Op::cat:
          if (type != Holds::names) v_.fail("`cat` gives a number");
          args_hold(Holds::names);
          break;
        case Op::strlen:
        case Op::to_number:
          arity(1, 1);
          if (type != Holds::numbers) v_.fail("`strlen` or `to_number` gives a name");
          args_hold(Holds::names);
          break;
        case Op::to_string:
          arity(1, 1);
          if (type != Holds::names) v_.fail("`to_string` gives a number");
          break;
      }
      for (const ir::Expr& arg : e.args) expr(arg);
    }

    void atom(const ir::AtomRef& atom) {
      v_.relation_id(atom.relation);
      if (!v_.ok()) return;
      const auto& columns = v_.p_.relations[atom.relation].columns;
      if (atom.args.size() != columns.size()) {
        v_.fail("a condition has the wrong number of values");
        return;
      }
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const ir::Argument& arg = atom.args[i];
        if (arg.kind == ir::Argument::Kind::variable)
          claim(arg.variable, holds(columns[i].type.base));
        if (arg.kind == ir::Argument::Kind::constant) v_.value(columns[i].type.base, arg.constant);
      }
    }

    void literals(const std::vector<ir::Literal>& body) {
      for (const ir::Literal& literal : body) {
        switch (literal.kind) {
          case ir::Literal::Kind::positive:
          case ir::Literal::Kind::negative: atom(literal.atom); break;
          case ir::Literal::Kind::comparison:
            v_.ordering(literal.ordering);
            expr(literal.lhs);
            expr(literal.rhs);
            if (holds(literal.lhs.type) != holds(literal.rhs.type)) {
              v_.fail("a comparison compares a name with a number");
            }
            if (literal.ordering.base == ir::BaseType::symbol &&
                holds(literal.lhs.type) != Holds::names) {
              v_.fail("a comparison orders numbers as names");
            }
            break;
          case ir::Literal::Kind::aggregate: {
            if (literal.aggregate.size() != 1) {
              v_.fail("an aggregate condition does not hold one aggregate");
              break;
            }
            const ir::Aggregate& a = literal.aggregate.front();
            v_.ordering(a.ordering);
            bool counts = a.op == ir::AggregateOp::count;
            if (!counts && !a.target) v_.fail("an aggregate has nothing to add up");
            if (a.target) expr(*a.target);
            bool by_value = a.op == ir::AggregateOp::min || a.op == ir::AggregateOp::max;
            Holds result = by_value && a.target ? holds(a.target->type) : Holds::numbers;
            if (!by_value && a.target && holds(a.target->type) == Holds::names && !counts) {
              v_.fail("an aggregate adds up names");
            }
            if (by_value && a.ordering.base == ir::BaseType::symbol && result != Holds::names) {
              v_.fail("an aggregate orders numbers as names");
            }
            claim(a.result, result);
            literals(a.body);
            break;
          }
        }
      }
    }

   private:
    Validator& v_;
    std::vector<Holds> holds_;
  };

  // Follows a conjunction in `order`, as the engine will, and checks that every
  // variable has its value before it is needed.
  void bindings(std::span<const ir::Literal> body, std::span<const std::uint32_t> order,
                std::vector<bool>& bound, std::span<const std::uint32_t> counts) {
    auto all_bound = [&](const ir::Expr& e) {
      std::vector<ir::VariableId> vars;
      ir::collect_variables(e, vars);
      return std::all_of(vars.begin(), vars.end(), [&](ir::VariableId v) { return bound[v]; });
    };
    for (std::uint32_t position : order) {
      const ir::Literal& literal = body[position];
      switch (literal.kind) {
        case ir::Literal::Kind::positive:
          for (const ir::Argument& arg : literal.atom.args) {
            if (arg.kind == ir::Argument::Kind::variable) bound[arg.variable] = true;
          }
          break;
        case ir::Literal::Kind::negative:
          for (const ir::Argument& arg : literal.atom.args) {
            if (arg.kind == ir::Argument::Kind::variable && !bound[arg.variable]) {
              fail("a rule uses a variable under `!` before it has a value");
            }
          }
          break;
        case ir::Literal::Kind::comparison: {
          bool left = all_bound(literal.lhs), right = all_bound(literal.rhs);
          if (left && right) break;
          bool eq = literal.op == ir::CompareOp::eq;
          if (eq && !left && right && literal.lhs.op == ir::Expr::Op::variable) {
            bound[literal.lhs.variable] = true;
          } else if (eq && left && !right && literal.rhs.op == ir::Expr::Op::variable) {
            bound[literal.rhs.variable] = true;
          } else {
            fail("a rule compares a variable before it has a value");
          }
          break;
        }
        case ir::Literal::Kind::aggregate: {
          const ir::Aggregate& a = literal.aggregate.front();
          for (ir::VariableId v : ir::grouping_variables(literal, counts)) {
            if (!bound[v]) fail("a rule groups an aggregate by a variable before it has a value");
          }
          if (!ok()) return;
          std::vector<bool> inner = bound;
          std::vector<std::uint32_t> inner_order = ir::order_literals(p_, a.body, none, inner, {},
                                                                      counts);
          if (!permutation(inner_order, a.body.size())) {
            fail("an aggregate's conditions cannot be put in order");
            return;
          }
          bindings(a.body, inner_order, inner, counts);
          std::vector<ir::VariableId> target_vars;
          if (a.target) ir::collect_variables(*a.target, target_vars);
          bool target_bound = std::all_of(target_vars.begin(), target_vars.end(),
                                          [&](ir::VariableId t) { return inner[t]; });
          if (ok() && !target_bound) {
            fail("an aggregate adds up a variable its conditions do not give a value");
          }
          bound[a.result] = true;
          break;
        }
      }
      if (!ok()) return;
    }
  }

  static bool permutation(std::span<const std::uint32_t> order, std::size_t size) {
    if (order.size() != size) return false;
    std::vector<bool> seen(size, false);
    for (std::uint32_t p : order) {
      if (p >= size || seen[p]) return false;
      seen[p] = true;
    }
    return true;
  }

  void rule(const ir::Rule& rule) {
    relation_id(rule.head);
    origin(rule.origin);
    if (!ok()) return;
    const auto& columns = p_.relations[rule.head].columns;
    if (rule.head_args.size() != columns.size()) {
      fail("a rule's conclusion has the wrong number of values");
      return;
    }
    Body body(*this, rule.variables.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      body.expr(rule.head_args[i]);
      if (holds(rule.head_args[i].type) != holds(columns[i].type.base)) {
        fail("a rule concludes a number where a name belongs, or the other way round");
      }
    }
    body.literals(rule.body);
    if (!ok()) return;
    std::vector<std::uint32_t> counts = ir::count_occurrences(rule);
    std::vector<ir::JoinPlan> plans = rule.plans;
    if (plans.empty()) plans.push_back(ir::plan_rule(p_, rule, none));
    for (const ir::JoinPlan& plan : plans) {
      if (!permutation(plan.order, rule.body.size())) {
        fail("a join plan does not list each condition of its rule once");
        return;
      }
      if (plan.delta != none && (plan.delta >= rule.body.size() ||
                                 rule.body[plan.delta].kind != ir::Literal::Kind::positive)) {
        fail("a join plan starts from a condition that cannot be one");
        return;
      }
      std::vector<bool> bound(rule.variables.size(), false);
      bindings(rule.body, plan.order, bound, counts);
      for (const ir::Expr& arg : rule.head_args) {
        std::vector<ir::VariableId> vars;
        ir::collect_variables(arg, vars);
        for (ir::VariableId v : vars) {
          if (!bound[v]) fail("a rule concludes a variable that never has a value");
        }
      }
      if (!ok()) return;
    }
  }

  void strata() {
    for (const ir::Stratum& stratum : p_.strata) {
      for (ir::RelationId r : stratum.relations) relation_id(r);
      for (ir::RuleId r : stratum.rules) {
        if (r >= p_.rules.size()) fail("a stratum names a rule that does not exist");
      }
    }
    if (!ok()) return;
    ir::DependencyGraph dependencies = ir::dependency_graph(p_);
    if (!dependencies.blocking.empty()) {
      fail("its rules use negation or an aggregate inside a recursive cycle");
      return;
    }
    std::vector<ir::Stratum> expected = ir::strata_of(p_, dependencies);
    bool same = expected.size() == p_.strata.size();
    for (std::size_t s = 0; same && s < expected.size(); ++s) {
      same = expected[s].relations == p_.strata[s].relations &&
             expected[s].rules == p_.strata[s].rules &&
             expected[s].recursive == p_.strata[s].recursive;
    }
    if (!same) fail("its order of evaluation (strata) is not the one its rules call for");
  }

  // ---- queries, tests, derived facts --------------------------------------------------

  void query(const ir::Query& query) {
    origin(query.origin);
    std::size_t variables = query.variables.size();
    if (query.answer_types.size() != query.answer_variables.size()) {
      fail("a query's answers have the wrong number of types");
      return;
    }
    for (const ir::ColumnType& type : query.answer_types) column_type(type);
    for (const auto& alternative : query.alternatives) {
      Body body(*this, variables);
      body.literals(alternative);
      for (std::size_t i = 0; i < query.answer_variables.size(); ++i) {
        body.claim(query.answer_variables[i], holds(query.answer_types[i].base));
      }
      if (!ok()) return;
      // The same order the engine will use: the planner's, with nothing bound yet.
      ir::Rule as_rule;
      as_rule.body = alternative;
      as_rule.variables = query.variables;
      std::vector<std::uint32_t> counts = ir::count_occurrences(as_rule);
      std::vector<bool> bound(variables, false);
      std::vector<std::uint32_t> order = ir::order_literals(p_, alternative, none, bound, {},
                                                            counts);
      if (!permutation(order, alternative.size())) {
        fail("a query's conditions cannot be put in order");
        return;
      }
      bindings(alternative, order, bound, counts);
    }
    for (ir::VariableId v : query.answer_variables) {
      if (v >= variables) fail("a query answers with a variable that does not exist");
    }
    for (const ir::QueryColumn& column : query.columns) {
      column_type(column.type);
      bool reads = column.kind != ir::QueryColumn::Kind::count;
      if (reads && column.source >= query.answer_variables.size()) {
        fail("a query shows a column that does not exist");
        continue;
      }
      bool same_as_source = column.kind == ir::QueryColumn::Kind::value ||
                            column.kind == ir::QueryColumn::Kind::min ||
                            column.kind == ir::QueryColumn::Kind::max;
      Holds shown = holds(column.type.base);
      if (same_as_source ? shown != holds(query.answer_types[column.source].base)
                         : shown != Holds::numbers) {
        fail("a query shows names as numbers, or the other way round");
      }
      if (!same_as_source && reads &&
          holds(query.answer_types[column.source].base) == Holds::names) {
        fail("a query adds up names");
      }
    }
    std::size_t shown = query.columns.empty() ? query.answer_variables.size()
                                              : query.columns.size();
    for (const ir::QueryOrder& order : query.order) {
      if (order.column >= shown) fail("a query is sorted by a column it does not show");
    }
    if (query.path) {
      for (ir::RelationId r : query.path->through) relation_id(r);
    }
    for (const ir::QueryParameter& parameter : query.parameters) column_type(parameter.type);
  }

  void test(const ir::TestCase& test) {
    origin(test.origin);
    for (const ir::Fact& fact : test.given) this->fact(fact);
    for (const ir::Expectation& expectation : test.expectations) {
      relation_id(expectation.relation);
      if (!ok()) return;
      const auto& columns = p_.relations[expectation.relation].columns;
      if (expectation.args.size() != columns.size()) {
        fail("a test expects a fact with the wrong number of values");
        return;
      }
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (expectation.args[i]) value(columns[i].type.base, *expectation.args[i]);
      }
    }
  }

  void derived(const Derived& derived) {
    std::vector<bool> knowledge = knowledge_only(p_);
    ir::RelationId previous = none;
    for (const Derived::Tuples& tuples : derived.relations) {
      relation_id(tuples.relation);
      if (!ok()) return;
      if (previous != none && tuples.relation <= previous) fail("derived facts are out of order");
      if (!knowledge[tuples.relation])
        fail("derived facts are given for a relation a case can change");
      previous = tuples.relation;
      const auto& columns = p_.relations[tuples.relation].columns;
      if (tuples.values.size() != tuples.rows * columns.size()) {
        fail("derived facts do not fill whole rows");
        return;
      }
      for (std::size_t i = 0; i < tuples.values.size(); ++i) {
        value(columns[i % columns.size()].type.base, tuples.values[i]);
      }
    }
  }

  const Compiled& c_;
  const ir::Program& p_;
  std::string error_;
};

}  // namespace

Result<void> validate(const Compiled& compiled) { return Validator(compiled).run(); }

}  // namespace sinew::format
