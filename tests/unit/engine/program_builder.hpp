#pragma once
// Builds IR programs by hand for tests and benchmarks: relations, facts, rules, and
// strata computed from the rules (Tarjan's SCCs in dependency order).

#include "ir/program.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sinew::testing {

using namespace sinew::ir;

inline Argument var(VariableId v) { return Argument{Argument::Kind::variable, v, 0}; }
inline Argument cst(Value value) { return Argument{Argument::Kind::constant, none, value}; }
inline Argument num(std::int64_t n) { return cst(static_cast<Value>(n)); }
inline Argument wild() { return Argument{}; }

inline Expr ev(VariableId v, BaseType type = BaseType::number) {
  Expr e;
  e.op = Expr::Op::variable;
  e.variable = v;
  e.type = type;
  return e;
}
inline Expr ec(Value value, BaseType type = BaseType::number) {
  Expr e;
  e.op = Expr::Op::constant;
  e.constant = value;
  e.type = type;
  return e;
}
inline Expr en(std::int64_t n) { return ec(static_cast<Value>(n)); }
inline Expr eop(Expr::Op op, std::vector<Expr> args, BaseType type = BaseType::number) {
  Expr e;
  e.op = op;
  e.args = std::move(args);
  e.type = type;
  return e;
}

inline Literal atom(RelationId r, std::vector<Argument> args) {
  Literal l;
  l.kind = Literal::Kind::positive;
  l.atom = AtomRef{r, std::move(args)};
  return l;
}
inline Literal negated(RelationId r, std::vector<Argument> args) {
  Literal l = atom(r, std::move(args));
  l.kind = Literal::Kind::negative;
  return l;
}
inline Literal compare(Expr lhs, CompareOp op, Expr rhs, Ordering ordering = {}) {
  Literal l;
  l.kind = Literal::Kind::comparison;
  l.lhs = std::move(lhs);
  l.op = op;
  l.rhs = std::move(rhs);
  l.ordering = ordering;
  return l;
}
inline Literal aggregate(AggregateOp op, VariableId result, std::optional<Expr> target,
                         std::vector<Literal> body, Ordering ordering = {}) {
  Literal l;
  l.kind = Literal::Kind::aggregate;
  Aggregate a;
  a.op = op;
  a.result = result;
  a.target = std::move(target);
  a.body = std::move(body);
  a.ordering = ordering;
  l.aggregate.push_back(std::move(a));
  return l;
}

class ProgramBuilder {
 public:
  Program program;

  RelationId relation(std::string name, std::vector<BaseType> types) {
    Relation r;
    r.name = name;
    for (std::size_t i = 0; i < types.size(); ++i) {
      Column c;
      c.name = "c" + std::to_string(i);
      c.type.base = types[i];
      c.type.name = types[i] == BaseType::number            ? "number"
                    : types[i] == BaseType::unsigned_number ? "unsigned"
                    : types[i] == BaseType::floating        ? "float"
                                                            : "symbol";
      r.columns.push_back(c);
    }
    r.facts_file = name + ".facts";
    program.relations.push_back(std::move(r));
    return static_cast<RelationId>(program.relations.size() - 1);
  }
  RelationId relation(std::string name, std::size_t arity) {
    return relation(std::move(name), std::vector<BaseType>(arity, BaseType::number));
  }

  Value symbol(std::string_view text) { return program.symbols.intern(text); }

  void fact(RelationId r, std::vector<Value> values) {
    program.facts.push_back(Fact{r, std::move(values), none});
  }
  void fact_numbers(RelationId r, std::vector<std::int64_t> values) {
    std::vector<Value> v;
    for (auto n : values) v.push_back(static_cast<Value>(n));
    fact(r, std::move(v));
  }

  // Head arguments as expressions; variables named v0, v1, ...
  RuleId rule_expr(RelationId head, std::vector<Expr> head_args, std::vector<Literal> body) {
    Rule r;
    r.head = head;
    r.head_args = std::move(head_args);
    r.body = std::move(body);
    program.rules.push_back(std::move(r));
    return static_cast<RuleId>(program.rules.size() - 1);
  }
  // Head arguments all variables.
  RuleId rule(RelationId head, std::vector<VariableId> head_vars, std::vector<Literal> body) {
    std::vector<Expr> args;
    for (VariableId v : head_vars) args.push_back(ev(v));
    return rule_expr(head, std::move(args), std::move(body));
  }

  // Names the variables of every rule and computes the strata. False when the
  // program cannot be stratified (a negation or aggregate inside a cycle).
  bool finish() {
    for (Rule& r : program.rules) name_variables(r);
    return stratify();
  }

 private:
  static void collect(const Literal& l, std::vector<std::pair<RelationId, bool>>& deps) {
    if (l.kind == Literal::Kind::positive) deps.push_back({l.atom.relation, false});
    if (l.kind == Literal::Kind::negative) deps.push_back({l.atom.relation, true});
    if (l.kind == Literal::Kind::aggregate) {
      for (const Literal& inner : l.aggregate[0].body) {
        std::vector<std::pair<RelationId, bool>> d;
        collect(inner, d);
        for (auto& x : d) deps.push_back({x.first, true});
      }
    }
  }

  static void name_variables(Rule& r) {
    std::uint32_t count = 0;
    std::function<void(const Expr&)> expr = [&](const Expr& e) {
      if (e.op == Expr::Op::variable) count = std::max(count, e.variable + 1);
      for (const Expr& a : e.args) expr(a);
    };
    std::function<void(const Literal&)> lit = [&](const Literal& l) {
      for (const Argument& a : l.atom.args) {
        if (a.kind == Argument::Kind::variable) count = std::max(count, a.variable + 1);
      }
      expr(l.lhs);
      expr(l.rhs);
      for (const Aggregate& a : l.aggregate) {
        count = std::max(count, a.result + 1);
        if (a.target) expr(*a.target);
        for (const Literal& inner : a.body) lit(inner);
      }
    };
    for (const Expr& e : r.head_args) expr(e);
    for (const Literal& l : r.body) lit(l);
    r.variables.clear();
    for (std::uint32_t v = 0; v < count; ++v) r.variables.push_back("v" + std::to_string(v));
  }

  bool stratify() {
    std::size_t n = program.relations.size();
    std::vector<std::vector<std::pair<RelationId, bool>>> uses(n);  // head -> body relations
    for (const Rule& r : program.rules) {
      for (const Literal& l : r.body) collect(l, uses[r.head]);
    }
    // Tarjan: SCCs come out in reverse topological order of "uses", i.e. a relation's
    // SCC comes after the SCCs it uses: evaluation order.
    std::vector<int> index(n, -1), low(n, 0), component(n, -1);
    std::vector<bool> on_stack(n, false);
    std::vector<RelationId> stack;
    std::vector<std::vector<RelationId>> components;
    int counter = 0;
    std::function<void(RelationId)> visit = [&](RelationId v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack[v] = true;
      for (auto [w, negative] : uses[v]) {
        (void)negative;
        if (index[w] < 0) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
      }
      if (low[v] == index[v]) {
        std::vector<RelationId> members;
        RelationId w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component[w] = static_cast<int>(components.size());
          members.push_back(w);
        } while (w != v);
        std::sort(members.begin(), members.end());
        components.push_back(members);
      }
    };
    for (RelationId v = 0; v < n; ++v) {
      if (index[v] < 0) visit(v);
    }
    program.strata.clear();
    for (const auto& members : components) {
      Stratum s;
      s.relations = members;
      for (RelationId head : members) {
        for (auto [w, negative] : uses[head]) {
          if (component[w] == component[head]) {
            if (negative) return false;
            s.recursive = true;
          }
        }
      }
      for (RuleId id = 0; id < program.rules.size(); ++id) {
        if (component[program.rules[id].head] == component[members[0]]) s.rules.push_back(id);
      }
      program.strata.push_back(std::move(s));
    }
    return true;
  }
};

}  // namespace sinew::testing
