// The naive evaluator: nested loops in written order, full relations, to a fixpoint.
#include "unit/engine/naive_evaluator.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <map>

namespace sinew::testing {

using namespace sinew::ir;

namespace {

using Relations = std::vector<std::set<std::vector<Value>>>;
using Binding = std::map<VariableId, Value>;

struct Failed {
  std::string what;
};

class Naive {
 public:
  Naive(const Program& program, Relations& relations) : program_(program), relations_(relations) {}

  Value eval(const Expr& e, const Binding& b) {
    auto arg = [&](std::size_t i) { return static_cast<std::int64_t>(eval(e.args.at(i), b)); };
    std::int64_t r = 0;
    switch (e.op) {
      case Expr::Op::variable: return b.at(e.variable);
      case Expr::Op::constant: return e.constant;
      case Expr::Op::add:
        if (__builtin_add_overflow(arg(0), arg(1), &r)) throw Failed{"overflow"};
        return static_cast<Value>(r);
      case Expr::Op::sub:
        if (__builtin_sub_overflow(arg(0), arg(1), &r)) throw Failed{"overflow"};
        return static_cast<Value>(r);
      case Expr::Op::mul:
        if (__builtin_mul_overflow(arg(0), arg(1), &r)) throw Failed{"overflow"};
        return static_cast<Value>(r);
      case Expr::Op::div:
      case Expr::Op::mod: {
        std::int64_t x = arg(0), y = arg(1);
        if (y == 0) throw Failed{"division by zero"};
        if (x == std::numeric_limits<std::int64_t>::min() && y == -1) throw Failed{"overflow"};
        return static_cast<Value>(e.op == Expr::Op::div ? x / y : x % y);
      }
      case Expr::Op::neg:
      case Expr::Op::abs: {
        std::int64_t x = arg(0);
        if (x == std::numeric_limits<std::int64_t>::min()) throw Failed{"overflow"};
        return static_cast<Value>(e.op == Expr::Op::neg ? -x : std::abs(x));
      }
      case Expr::Op::min:
      case Expr::Op::max: {
        std::int64_t best = arg(0);
        for (std::size_t i = 1; i < e.args.size(); ++i) {
          best = e.op == Expr::Op::min ? std::min(best, arg(i)) : std::max(best, arg(i));
        }
        return static_cast<Value>(best);
      }
      default: throw Failed{"unsupported expression in the naive evaluator"};
    }
  }

  int order(const Ordering& o, Value a, Value b) {
    if (o.scale != none) {
      const auto& levels = program_.scales.at(o.scale).levels;
      auto ra = std::find(levels.begin(), levels.end(), a) - levels.begin();
      auto rb = std::find(levels.begin(), levels.end(), b) - levels.begin();
      if (ra != rb) return ra < rb ? -1 : 1;
      if (a == b) return 0;
    }
    if (o.base == BaseType::symbol) {
      auto x = program_.symbols.text(static_cast<SymbolId>(a));
      auto y = program_.symbols.text(static_cast<SymbolId>(b));
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (o.base == BaseType::floating) {
      double x = std::bit_cast<double>(a), y = std::bit_cast<double>(b);
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (o.base == BaseType::unsigned_number) return a < b ? -1 : (b < a ? 1 : 0);
    auto x = static_cast<std::int64_t>(a), y = static_cast<std::int64_t>(b);
    return x < y ? -1 : (y < x ? 1 : 0);
  }

  static void vars_of(const Expr& e, std::vector<VariableId>& out) {
    if (e.op == Expr::Op::variable) out.push_back(e.variable);
    for (const Expr& a : e.args) vars_of(a, out);
  }
  static bool bound(const Expr& e, const Binding& b) {
    std::vector<VariableId> vs;
    vars_of(e, vs);
    return std::all_of(vs.begin(), vs.end(), [&](VariableId v) { return b.count(v) > 0; });
  }
  static void vars_of(const Literal& l, std::vector<VariableId>& out) {
    for (const Argument& a : l.atom.args) {
      if (a.kind == Argument::Kind::variable) out.push_back(a.variable);
    }
    vars_of(l.lhs, out);
    vars_of(l.rhs, out);
    for (const Aggregate& a : l.aggregate) {
      out.push_back(a.result);
      if (a.target) vars_of(*a.target, out);
      for (const Literal& i : a.body) vars_of(i, out);
    }
  }

  // Can the literal be evaluated with these variables bound? `outside` lists the
  // variables that occur in the rule outside each aggregate.
  bool ready(const Literal& l, const Binding& b, const std::vector<VariableId>& outside) {
    switch (l.kind) {
      case Literal::Kind::positive: return true;
      case Literal::Kind::negative: {
        std::vector<VariableId> vs;
        vars_of(l, vs);
        return std::all_of(vs.begin(), vs.end(), [&](VariableId v) { return b.count(v) > 0; });
      }
      case Literal::Kind::comparison:
        if (bound(l.lhs, b) && bound(l.rhs, b)) return true;
        if (l.op != CompareOp::eq) return false;
        return (l.lhs.op == Expr::Op::variable && bound(l.rhs, b)) ||
               (l.rhs.op == Expr::Op::variable && bound(l.lhs, b));
      case Literal::Kind::aggregate: {
        std::vector<VariableId> vs;
        for (const Literal& i : l.aggregate[0].body) vars_of(i, vs);
        if (l.aggregate[0].target) vars_of(*l.aggregate[0].target, vs);
        for (VariableId v : vs) {
          if (std::count(outside.begin(), outside.end(), v) && !b.count(v)) return false;
        }
        return true;
      }
    }
    return false;
  }

  // All solutions of a conjunction: calls `emit` once per combination of tuples.
  void solve(std::vector<const Literal*> todo, Binding b, const std::vector<VariableId>& rule_vars,
             const std::function<void(const Binding&)>& emit) {
    if (todo.empty()) {
      emit(b);
      return;
    }
    std::size_t pick = todo.size();
    for (std::size_t i = 0; i < todo.size(); ++i) {
      if (ready(*todo[i], b, outside_of(*todo[i], rule_vars))) {
        pick = i;
        break;
      }
    }
    if (pick == todo.size()) throw Failed{"no literal can be evaluated"};
    const Literal& l = *todo[pick];
    todo.erase(todo.begin() + static_cast<std::ptrdiff_t>(pick));
    switch (l.kind) {
      case Literal::Kind::positive:
        for (const auto& tuple : relations_.at(l.atom.relation)) {
          Binding next = b;
          if (match(l.atom, tuple, next)) solve(todo, next, rule_vars, emit);
        }
        return;
      case Literal::Kind::negative: {
        for (const auto& tuple : relations_.at(l.atom.relation)) {
          Binding copy = b;
          if (match(l.atom, tuple, copy)) return;
        }
        solve(todo, b, rule_vars, emit);
        return;
      }
      case Literal::Kind::comparison: {
        if (bound(l.lhs, b) && bound(l.rhs, b)) {
          int c = order(l.ordering, eval(l.lhs, b), eval(l.rhs, b));
          bool holds = l.op == CompareOp::eq   ? c == 0
                       : l.op == CompareOp::ne ? c != 0
                       : l.op == CompareOp::lt ? c < 0
                       : l.op == CompareOp::le ? c <= 0
                       : l.op == CompareOp::gt ? c > 0
                                               : c >= 0;
          if (holds) solve(todo, b, rule_vars, emit);
          return;
        }
        Binding next = b;
        if (l.lhs.op == Expr::Op::variable && !b.count(l.lhs.variable)) {
          next[l.lhs.variable] = eval(l.rhs, b);
        } else {
          next[l.rhs.variable] = eval(l.lhs, b);
        }
        solve(todo, next, rule_vars, emit);
        return;
      }
      case Literal::Kind::aggregate: {
        const Aggregate& a = l.aggregate[0];
        std::vector<Value> values;
        std::vector<const Literal*> body;
        for (const Literal& i : a.body) body.push_back(&i);
        solve(body, b, rule_vars, [&](const Binding& inner) {
          values.push_back(a.target ? eval(*a.target, inner) : 0);
        });
        Value result = 0;
        switch (a.op) {
          case AggregateOp::count: result = values.size(); break;
          case AggregateOp::sum: {
            std::int64_t s = 0;
            for (Value v : values) {
              if (__builtin_add_overflow(s, static_cast<std::int64_t>(v), &s))
                throw Failed{"overflow"};
            }
            result = static_cast<Value>(s);
            break;
          }
          case AggregateOp::min:
          case AggregateOp::max: {
            if (values.empty()) return;
            result = values[0];
            for (Value v : values) {
              int c = order(a.ordering, v, result);
              if (a.op == AggregateOp::min ? c < 0 : c > 0) result = v;
            }
            break;
          }
          case AggregateOp::mean: {
            if (values.empty()) return;
            double s = 0;
            for (Value v : values) s += static_cast<double>(static_cast<std::int64_t>(v));
            result = std::bit_cast<Value>(s / static_cast<double>(values.size()));
            break;
          }
        }
        Binding next = b;
        auto found = next.find(a.result);
        if (found != next.end()) {
          if (found->second != result) return;
        } else {
          next[a.result] = result;
        }
        solve(todo, next, rule_vars, emit);
        return;
      }
    }
  }

  static bool match(const AtomRef& atom, const std::vector<Value>& tuple, Binding& b) {
    for (std::size_t i = 0; i < atom.args.size(); ++i) {
      const Argument& a = atom.args[i];
      if (a.kind == Argument::Kind::constant && tuple[i] != a.constant) return false;
      if (a.kind == Argument::Kind::variable) {
        auto it = b.find(a.variable);
        if (it == b.end()) b[a.variable] = tuple[i];
        else if (it->second != tuple[i]) return false;
      }
    }
    return true;
  }

  // The variables of the rule that occur outside the literal (for an aggregate).
  std::vector<VariableId> outside_of(const Literal& l, const std::vector<VariableId>& rule_vars) {
    std::vector<VariableId> inside;
    vars_of(l, inside);
    std::vector<VariableId> out;
    for (VariableId v : rule_vars) {
      auto total = std::count(rule_vars.begin(), rule_vars.end(), v);
      auto in = std::count(inside.begin(), inside.end(), v);
      if (total > in) out.push_back(v);
    }
    return out;
  }

  bool apply(const Rule& rule) {
    std::vector<VariableId> rule_vars;
    for (const Expr& e : rule.head_args) vars_of(e, rule_vars);
    for (const Literal& l : rule.body) vars_of(l, rule_vars);
    std::vector<const Literal*> body;
    for (const Literal& l : rule.body) body.push_back(&l);
    std::vector<std::vector<Value>> found;
    solve(body, {}, rule_vars, [&](const Binding& b) {
      std::vector<Value> tuple;
      for (const Expr& e : rule.head_args) tuple.push_back(eval(e, b));
      found.push_back(std::move(tuple));
    });
    bool changed = false;
    for (auto& t : found) changed = relations_.at(rule.head).insert(std::move(t)).second || changed;
    return changed;
  }

 private:
  const Program& program_;
  Relations& relations_;
};

}  // namespace

NaiveResult naive_evaluate(const Program& program, Relations input) {
  NaiveResult result;
  result.relations = std::move(input);
  result.relations.resize(program.relations.size());
  for (FactRef f : program.facts) {
    result.relations[f.relation].emplace(f.values.begin(), f.values.end());
  }
  Naive naive(program, result.relations);
  try {
    for (const Stratum& s : program.strata) {
      bool changed = true;
      while (changed) {
        changed = false;
        for (RuleId id : s.rules) changed = naive.apply(program.rules[id]) || changed;
      }
    }
  } catch (const Failed& failed) {
    result.error = failed.what;
  }
  return result;
}

}  // namespace sinew::testing
