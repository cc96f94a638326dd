// The printed form of the IR (format documented in printer.hpp).
#include "ir/printer.hpp"
#include "support/quoting.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstring>
#include <string>
#include <vector>

namespace sinew::ir {

namespace {

std::string base_value(const Program& program, BaseType base, Value value) {
  switch (base) {
    case BaseType::number: return fmt::format("{}", static_cast<std::int64_t>(value));
    case BaseType::unsigned_number: return fmt::format("{}", value);
    case BaseType::floating: return fmt::format("{}", std::bit_cast<double>(value));
    case BaseType::symbol:
      if (value < program.symbols.size()) {
        return quoted(program.symbols.text(static_cast<SymbolId>(value)));
      }
      return fmt::format("<symbol {}>", value);
  }
  return "?";
}

class Printer {
 public:
  Printer(const Program& program, const Rule* rule)
      : program_(program), names_(rule ? &rule->variables : nullptr) {}
  Printer(const Program& program, const std::vector<std::string>& names)
      : program_(program), names_(&names) {}

  std::string variable(VariableId v) const {
    if (names_ && v < names_->size() && !(*names_)[v].empty()) return (*names_)[v];
    return fmt::format("_v{}", v);
  }

  std::string expr(const Expr& e) const {
    auto binary = [&](const char* op) {
      return fmt::format("({} {} {})", expr(e.args.at(0)), op, expr(e.args.at(1)));
    };
    auto call = [&](const char* name) {
      std::string out = fmt::format("{}(", name);
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i) out += ", ";
        out += expr(e.args[i]);
      }
      return out + ")";
    };
    switch (e.op) {
      case Expr::Op::variable: return variable(e.variable);
      case Expr::Op::constant: return base_value(program_, e.type, e.constant);
      case Expr::Op::add: return binary("+");
      case Expr::Op::sub: return binary("-");
      case Expr::Op::mul: return binary("*");
      case Expr::Op::div: return binary("/");
      case Expr::Op::mod: return binary("%");
      case Expr::Op::neg: return fmt::format("-{}", expr(e.args.at(0)));
      case Expr::Op::cat: return call("cat");
      case Expr::Op::strlen: return call("strlen");
      case Expr::Op::to_number: return call("to_number");
      case Expr::Op::to_string: return call("to_string");
      case Expr::Op::min: return call("min");
      case Expr::Op::max: return call("max");
      case Expr::Op::abs: return call("abs");
    }
    return "?";
  }

  std::string atom(const AtomRef& a) const {
    std::string out = a.relation < program_.relations.size()
                          ? program_.relations[a.relation].name
                          : fmt::format("<relation {}>", a.relation);
    out += '(';
    for (std::size_t i = 0; i < a.args.size(); ++i) {
      if (i) out += ", ";
      const Argument& arg = a.args[i];
      switch (arg.kind) {
        case Argument::Kind::variable: out += variable(arg.variable); break;
        case Argument::Kind::wildcard: out += '_'; break;
        case Argument::Kind::constant: {
          BaseType base = BaseType::number;
          if (a.relation < program_.relations.size() &&
              i < program_.relations[a.relation].columns.size()) {
            base = program_.relations[a.relation].columns[i].type.base;
          }
          out += base_value(program_, base, arg.constant);
          break;
        }
      }
    }
    return out + ')';
  }

  std::string literal(const Literal& l) const {
    static constexpr const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
    static constexpr const char* aggregates[] = {"count", "sum", "min", "max", "mean"};
    switch (l.kind) {
      case Literal::Kind::positive: return atom(l.atom);
      case Literal::Kind::negative: return "!" + atom(l.atom);
      case Literal::Kind::comparison:
        return fmt::format("{} {} {}", expr(l.lhs), ops[static_cast<int>(l.op)], expr(l.rhs));
      case Literal::Kind::aggregate: {
        const Aggregate& a = l.aggregate.at(0);
        std::string out = fmt::format("{} = {}", variable(a.result),
                                      aggregates[static_cast<int>(a.op)]);
        if (a.target) out += " " + expr(*a.target);
        out += " : { ";
        for (std::size_t i = 0; i < a.body.size(); ++i) {
          if (i) out += ", ";
          out += literal(a.body[i]);
        }
        return out + " }";
      }
    }
    return "?";
  }

  std::string rule(const Rule& r) const {
    std::string out = program_.relations.at(r.head).name + "(";
    for (std::size_t i = 0; i < r.head_args.size(); ++i) {
      if (i) out += ", ";
      out += expr(r.head_args[i]);
    }
    out += ')';
    // An aggregate written inside another condition (`x = count : {..}`) has a result
    // named by its own text: the condition that uses it already shows it, so printing
    // it again (`count : {..} = count : {..}`) would only confuse.
    std::vector<std::string> shown;
    for (const Literal& l : r.body) {
      std::string text = literal(l);
      if (l.kind == Literal::Kind::aggregate) {
        std::string name = variable(l.aggregate.at(0).result);
        if (text == name + " = " + name) continue;
      }
      shown.push_back(std::move(text));
    }
    if (!shown.empty()) {
      out += " :- ";
      for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i) out += ", ";
        out += shown[i];
      }
    }
    return out + '.';
  }

  std::string plan(const Rule& r, const JoinPlan& p) const {
    std::string out = p.delta == none ? "plan:" : fmt::format("plan delta={}:", p.delta);
    for (std::size_t i = 0; i < p.order.size(); ++i) {
      out += i ? ", " : " ";
      out += literal(r.body.at(p.order[i]));
      if (p.order[i] == p.delta) out += '*';
    }
    return out;
  }

 private:
  const Program& program_;
  const std::vector<std::string>* names_;  // variable names, by VariableId
};

std::string relation_line(const Program& program, const Relation& relation) {
  std::string out = "relation " + relation.name + "(";
  for (std::size_t i = 0; i < relation.columns.size(); ++i) {
    if (i) out += ", ";
    out += relation.columns[i].name + ": " + relation.columns[i].type.name;
    if (!relation.columns[i].range.empty())
      out += " in " + print_range(program, relation.columns[i]);
  }
  out += ')';
  if (relation.load_facts) out += " input=" + quoted(relation.facts_file);
  if (relation.case_input) out += " case_input";
  if (relation.output) out += " output";
  if (relation.print_size) out += " printsize";
  if (relation.kind_membership) out += " kind";
  (void)program;
  return out;
}

}  // namespace

std::string print_value(const Program& program, const ColumnType& type, Value value) {
  return base_value(program, type.base, value);
}

std::string print_range(const Program& program, const Column& column) {
  if (column.range.empty()) return {};
  const ColumnRange& range = column.range;
  return (range.low ? print_value(program, column.type, *range.low) : std::string()) + ".." +
         (range.high ? print_value(program, column.type, *range.high) : std::string());
}

std::string range_in_words(const Program& program, const Column& column) {
  const ColumnRange& range = column.range;
  if (range.empty()) return {};
  if (!range.high) return "of " + print_value(program, column.type, *range.low) + " or more";
  if (!range.low) return "of at most " + print_value(program, column.type, *range.high);
  return "from " + print_value(program, column.type, *range.low) + " to " +
         print_value(program, column.type, *range.high);
}

std::string print_literal(const Program& program, const std::vector<std::string>& variables,
                          const Literal& literal) {
  return Printer(program, variables).literal(literal);
}

std::string print_expr(const Program& program, const std::vector<std::string>& variables,
                       const Expr& expr) {
  return Printer(program, variables).expr(expr);
}

std::string print_rule(const Program& program, const Rule& rule) {
  return Printer(program, &rule).rule(rule);
}

std::string print(const Program& program) { return print(program, PrintOptions{}); }

std::string print(const Program& program, const PrintOptions& options) {
  std::string out;
  for (const Relation& relation : program.relations) {
    out += relation_line(program, relation);
    out += '\n';
  }
  if (options.facts) {
    for (FactRef fact : program.facts) {
      const Relation& relation = program.relations.at(fact.relation);
      out += "fact " + relation.name + "(";
      for (std::size_t i = 0; i < fact.values.size(); ++i) {
        if (i) out += ", ";
        ColumnType type = i < relation.columns.size() ? relation.columns[i].type : ColumnType{};
        out += print_value(program, type, fact.values[i]);
      }
      out += ")\n";
    }
  }
  for (std::size_t s = 0; s < program.strata.size(); ++s) {
    const Stratum& stratum = program.strata[s];
    out += fmt::format("stratum {}{}:", s, stratum.recursive ? " recursive" : "");
    for (std::size_t i = 0; i < stratum.relations.size(); ++i) {
      out += i ? ", " : " ";
      out += program.relations.at(stratum.relations[i]).name;
    }
    out += '\n';
    for (RuleId id : stratum.rules) {
      const Rule& rule = program.rules.at(id);
      Printer printer(program, &rule);
      out += fmt::format("  rule {}: {}\n", id, printer.rule(rule));
      if (!options.plans) continue;
      for (const JoinPlan& p : rule.plans) out += "    " + printer.plan(rule, p) + '\n';
    }
  }
  return out;
}

}  // namespace sinew::ir
