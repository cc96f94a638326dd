// Rules in IR form: expressions, literals (atoms, comparisons, aggregates), join plans.
//
//   expr      := op:u8 type:u8 ( variable:n | constant:n | count:n expr* )
//   literal   := kind:u8 ( atom | op:u8 ordering expr expr | aggregate )
//   atom      := relation:n argument*            (as many as the relation's arity)
//   argument  := 0 variable:n | 1 constant:n | 2
//   aggregate := op:u8 result:n has_target:u8 [expr] ordering count:n literal*
//   ordering  := base:u8 scale:index
//   rule      := head:n count:n expr* count:n literal* count:n string*
//                count:n (delta:index count:n position:n*)* origin:index
//
// `n` is a LEB128 number, `index` a number where 0 stands for none and i + 1 for i.

#include "format/codec.hpp"

namespace sinew::format {

namespace {

constexpr auto last_op = static_cast<std::uint8_t>(ir::Expr::Op::abs);
constexpr auto last_base = static_cast<std::uint8_t>(ir::BaseType::symbol);

void write_ordering(Writer& out, const ir::Ordering& ordering) {
  out.u8(static_cast<std::uint8_t>(ordering.base));
  out.index(ordering.scale);
}

void write_atom(Writer& out, const ir::AtomRef& atom) {
  out.number(atom.relation);
  for (const ir::Argument& arg : atom.args) {
    out.u8(static_cast<std::uint8_t>(arg.kind));
    if (arg.kind == ir::Argument::Kind::variable) out.number(arg.variable);
    if (arg.kind == ir::Argument::Kind::constant) out.number(arg.constant);
  }
}

void write_literal(Writer& out, const ir::Literal& literal) {
  out.u8(static_cast<std::uint8_t>(literal.kind));
  switch (literal.kind) {
    case ir::Literal::Kind::positive:
    case ir::Literal::Kind::negative: write_atom(out, literal.atom); return;
    case ir::Literal::Kind::comparison:
      out.u8(static_cast<std::uint8_t>(literal.op));
      write_ordering(out, literal.ordering);
      write_expr(out, literal.lhs);
      write_expr(out, literal.rhs);
      return;
    case ir::Literal::Kind::aggregate: {
      // Exactly one aggregate: the validator refuses any other count.
      out.number(literal.aggregate.size());
      for (const ir::Aggregate& aggregate : literal.aggregate) {
        out.u8(static_cast<std::uint8_t>(aggregate.op));
        out.number(aggregate.result);
        out.flag(aggregate.target.has_value());
        if (aggregate.target) write_expr(out, *aggregate.target);
        write_ordering(out, aggregate.ordering);
        write_literals(out, aggregate.body);
      }
      return;
    }
  }
}

}  // namespace

void write_expr(Writer& out, const ir::Expr& expr) {
  out.u8(static_cast<std::uint8_t>(expr.op));
  out.u8(static_cast<std::uint8_t>(expr.type));
  if (expr.op == ir::Expr::Op::variable) {
    out.number(expr.variable);
  } else if (expr.op == ir::Expr::Op::constant) {
    out.number(expr.constant);
  } else {
    out.number(expr.args.size());
    for (const ir::Expr& arg : expr.args) write_expr(out, arg);
  }
}

void write_literals(Writer& out, const std::vector<ir::Literal>& literals) {
  out.number(literals.size());
  for (const ir::Literal& literal : literals) write_literal(out, literal);
}

void write_column_type(Writer& out, const ir::ColumnType& type) {
  out.u8(static_cast<std::uint8_t>(type.base));
  out.string(type.name);
  out.index(type.scale);
}

void write_rule(Writer& out, const ir::Rule& rule) {
  out.number(rule.head);
  out.number(rule.head_args.size());
  for (const ir::Expr& arg : rule.head_args) write_expr(out, arg);
  write_literals(out, rule.body);
  out.number(rule.variables.size());
  for (const std::string& name : rule.variables) out.string(name);
  out.number(rule.plans.size());
  for (const ir::JoinPlan& plan : rule.plans) {
    out.index(plan.delta);
    out.number(plan.order.size());
    for (std::uint32_t position : plan.order) out.number(position);
  }
  out.index(rule.origin);
}

// ---- reading ------------------------------------------------------------------------

ir::Expr RuleReader::expr(std::size_t depth) {
  ir::Expr expr;
  if (depth > max_nesting) {
    in_.fail("an expression is nested too deeply");
    return expr;
  }
  expr.op = in_.enumeration<ir::Expr::Op>(last_op, "an operator");
  expr.type = in_.enumeration<ir::BaseType>(last_base, "a type");
  if (expr.op == ir::Expr::Op::variable) {
    expr.variable = in_.u32_number();
  } else if (expr.op == ir::Expr::Op::constant) {
    expr.constant = in_.number();
  } else {
    std::size_t n = in_.count(3);
    expr.args.reserve(n);
    for (std::size_t i = 0; i < n && in_.ok(); ++i) expr.args.push_back(this->expr(depth + 1));
  }
  return expr;
}

ir::Ordering RuleReader::ordering() {
  ir::Ordering ordering;
  ordering.base = in_.enumeration<ir::BaseType>(last_base, "a type");
  ordering.scale = in_.index(0xffffffffu, "an ordering", true);
  return ordering;
}

ir::AtomRef RuleReader::atom() {
  ir::AtomRef atom;
  atom.relation = in_.index(arities_.size(), "an atom");
  if (!in_.ok()) return atom;
  std::size_t arity = arities_[atom.relation];
  if (arity > in_.left()) {
    in_.fail("an atom is cut short");
    return atom;
  }
  atom.args.resize(arity);
  for (ir::Argument& arg : atom.args) {
    arg.kind = in_.enumeration<ir::Argument::Kind>(2, "an argument");
    if (arg.kind == ir::Argument::Kind::variable) arg.variable = in_.u32_number();
    if (arg.kind == ir::Argument::Kind::constant) arg.constant = in_.number();
  }
  return atom;
}

ir::Literal RuleReader::literal(std::size_t depth) {
  ir::Literal literal;
  literal.kind = in_.enumeration<ir::Literal::Kind>(3, "a condition");
  if (!in_.ok()) return literal;
  switch (literal.kind) {
    case ir::Literal::Kind::positive:
    case ir::Literal::Kind::negative: literal.atom = atom(); break;
    case ir::Literal::Kind::comparison:
      literal.op = in_.enumeration<ir::CompareOp>(5, "a comparison");
      literal.ordering = ordering();
      literal.lhs = expr(depth + 1);
      literal.rhs = expr(depth + 1);
      break;
    case ir::Literal::Kind::aggregate: {
      std::size_t n = in_.count(6);
      if (n != 1) {
        in_.fail("an aggregate condition does not hold exactly one aggregate");
        break;
      }
      ir::Aggregate aggregate;
      aggregate.op = in_.enumeration<ir::AggregateOp>(4, "an aggregate");
      aggregate.result = in_.u32_number();
      if (in_.flag()) aggregate.target = expr(depth + 1);
      aggregate.ordering = ordering();
      aggregate.body = literals(depth + 1);
      literal.aggregate.push_back(std::move(aggregate));
      break;
    }
  }
  return literal;
}

std::vector<ir::Literal> RuleReader::literals(std::size_t depth) {
  std::vector<ir::Literal> out;
  if (depth > max_nesting) {
    in_.fail("aggregates are nested too deeply");
    return out;
  }
  std::size_t n = in_.count(2);
  out.reserve(n);
  for (std::size_t i = 0; i < n && in_.ok(); ++i) out.push_back(literal(depth));
  return out;
}

ir::ColumnType RuleReader::column_type() {
  ir::ColumnType type;
  type.base = in_.enumeration<ir::BaseType>(last_base, "a type");
  type.name = in_.string();
  type.scale = in_.index(0xffffffffu, "a type", true);
  return type;
}

ir::Rule RuleReader::rule() {
  ir::Rule rule;
  rule.head = in_.index(arities_.size(), "a rule's conclusion");
  std::size_t n = in_.count(3);
  rule.head_args.reserve(n);
  for (std::size_t i = 0; i < n && in_.ok(); ++i) rule.head_args.push_back(expr());
  rule.body = literals();
  n = in_.count(1);
  rule.variables.reserve(n);
  for (std::size_t i = 0; i < n && in_.ok(); ++i) rule.variables.push_back(in_.string());
  n = in_.count(2);
  rule.plans.reserve(n);
  for (std::size_t i = 0; i < n && in_.ok(); ++i) {
    ir::JoinPlan plan;
    plan.delta = in_.index(0xffffffffu, "a join plan", true);
    std::size_t positions = in_.count(1);
    plan.order.reserve(positions);
    for (std::size_t p = 0; p < positions && in_.ok(); ++p) plan.order.push_back(in_.u32_number());
    rule.plans.push_back(std::move(plan));
  }
  rule.origin = in_.index(0xffffffffu, "a rule", true);
  return rule;
}

}  // namespace sinew::format
