// Lowering terms: constants checked against the type of the place they go, variables
// typed by the columns they fill, arithmetic, function calls and aggregates.

#include "rule_builder.hpp"

#include "support/similar.hpp"

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <limits>
#include <utility>

namespace sinew::semantics {

namespace {

ir::ColumnType base_type(ir::BaseType base) {
  ir::ColumnType type;
  type.base = base;
  switch (base) {
    case ir::BaseType::number: type.name = "number"; break;
    case ir::BaseType::unsigned_number: type.name = "unsigned"; break;
    case ir::BaseType::floating: type.name = "float"; break;
    case ir::BaseType::symbol: type.name = "symbol"; break;
  }
  return type;
}

ir::Expr constant(ir::Value value, ir::BaseType type, Span span) {
  ir::Expr expr;
  expr.op = ir::Expr::Op::constant;
  expr.type = type;
  expr.constant = value;
  expr.span = span;
  return expr;
}

bool numeric(ir::BaseType base) { return base != ir::BaseType::symbol; }

std::string_view sort_name(ir::BaseType base) {
  switch (base) {
    case ir::BaseType::number: return "a number";
    case ir::BaseType::unsigned_number: return "a non-negative number";
    case ir::BaseType::floating: return "a decimal number";
    case ir::BaseType::symbol: return "a name or text";
  }
  return "a value";
}

}  // namespace

std::string describe(const ir::ColumnType& type) {
  if (type.scale != ir::none) return fmt::format("a level of `{}`", type.name);
  if (type.name.empty() || type.name == "symbol" || type.name == "number" || type.name == "float" ||
      type.name == "unsigned") {
    return std::string(sort_name(type.base));
  }
  return fmt::format("a `{}`", type.name);
}

std::string RuleBuilder::Place::describe() const {
  if (!relation) return "here";
  const ir::Column& declared = relation->columns[column];
  std::string which = relation->arity() == 1
                          ? "the value"
                          : fmt::format("value {} (`{}`)", column + 1, declared.name);
  return fmt::format("{} of `{}`", which, relation->name);
}

RuleBuilder::Typed RuleBuilder::lower_term(const ast::Term& term, const ir::ColumnType* expected,
                                           const Place& place, std::vector<ir::Literal>& out) {
  using Kind = ast::Term::Kind;
  switch (term.kind) {
    case Kind::variable: {
      ir::VariableId id = variable(term.text, term.span);
      Variable& var = variables_[id];
      if (!var.type && expected) var.type = *expected;
      ir::Expr expr;
      expr.op = ir::Expr::Op::variable;
      expr.variable = id;
      expr.span = term.span;
      expr.type = var.type ? var.type->base : ir::BaseType::number;
      Typed typed{expr, var.type};
      if (expected && var.type && !var.conflicting)
        require_base(typed, *expected, term.span, place);
      return typed;
    }
    case Kind::wildcard:
      c_.sink
          .report(codes::wildcard_in_head, term.span,
                  "`_` stands for any value, so it cannot give a value here")
          .hint = "write a variable that the conditions bind, or a value";
      failed_ = true;
      return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};
    case Kind::parameter: {
      if (!in_query_ || !parameters_) {
        c_.sink.report(codes::parameter_outside_query, term.span,
                       fmt::format("`${}` is a query parameter; it can only appear in a query",
                                   term.text));
        failed_ = true;
        return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};
      }
      auto it = parameters_->find(term.text);
      if (it == parameters_->end()) {
        c_.sink
            .report(codes::unknown_parameter, term.span,
                    fmt::format("no value was given for `${}`", term.text))
            .hint = fmt::format("give one with `--param {}=VALUE`", term.text);
        failed_ = true;
        return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};
      }
      ast::Term value;
      value.span = term.span;
      std::int64_t number = 0;
      const std::string& text = it->second;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      bool is_number = error == std::errc() && end == text.data() + text.size() &&
                       (!expected || expected->base != ir::BaseType::symbol);
      value.kind = is_number ? Kind::integer : Kind::string;
      value.integer = number;
      value.text = text;
      return lower_constant(value, expected, place);
    }
    case Kind::constant:
    case Kind::string:
    case Kind::integer:
    case Kind::floating: return lower_constant(term, expected, place);
    case Kind::negate:
    case Kind::binary: return lower_arithmetic(term, expected, out);
    case Kind::call: return lower_call(term, out);
    case Kind::aggregate: return lower_aggregate(term, out);
  }
  return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};
}

void RuleBuilder::require_base(const Typed& typed, const ir::ColumnType& expected, Span span,
                               const Place& place) {
  if (!typed.type || typed.type->base == expected.base) return;
  c_.sink.report(codes::type_mismatch, span,
                 fmt::format("{} takes {}, but this is {}", place.describe(), describe(expected),
                             describe(*typed.type)));
  failed_ = true;
}

RuleBuilder::Typed RuleBuilder::lower_constant(const ast::Term& term,
                                               const ir::ColumnType* expected, const Place& place) {
  using Kind = ast::Term::Kind;
  auto mismatch = [&](std::string_view what) {
    c_.sink.report(codes::type_mismatch, term.span,
                   place.relation
                       ? fmt::format("{} takes {}, but this is {}", place.describe(),
                                     describe(*expected), what)
                       : fmt::format("this compares {} with {}", describe(*expected), what));
    failed_ = true;
    return Typed{constant(0, expected->base, term.span), *expected};
  };
  if (term.kind == Kind::integer) {
    if (!expected || expected->base == ir::BaseType::number) {
      return Typed{constant(static_cast<ir::Value>(term.integer), ir::BaseType::number, term.span),
                   expected ? *expected : base_type(ir::BaseType::number)};
    }
    if (expected->base == ir::BaseType::floating) {
      double value = static_cast<double>(term.integer);
      return Typed{constant(std::bit_cast<ir::Value>(value), ir::BaseType::floating, term.span),
                   *expected};
    }
    if (expected->base == ir::BaseType::unsigned_number) {
      if (term.integer < 0) return mismatch("a negative number");
      return Typed{constant(static_cast<ir::Value>(term.integer), expected->base, term.span),
                   *expected};
    }
    return mismatch("a number");
  }
  if (term.kind == Kind::floating) {
    if (expected && expected->base != ir::BaseType::floating) return mismatch("a decimal number");
    return Typed{constant(std::bit_cast<ir::Value>(term.floating), ir::BaseType::floating,
                          term.span),
                 expected ? *expected : base_type(ir::BaseType::floating)};
  }
  // A name or a string: a symbol.
  std::string_view what = term.kind == Kind::string ? "a text in quotes" : "a name";
  if (expected && expected->base != ir::BaseType::symbol) {
    return mismatch(fmt::format("{} (`{}`)", what, term.text));
  }
  if (expected) {
    auto value = symbol_for(term, term.text, *expected, place);
    if (!value) failed_ = true;
    return Typed{constant(value.value_or(0), ir::BaseType::symbol, term.span), *expected};
  }
  // No expectation: the constant brings its own type when it is a level or has one kind.
  SymbolId id = c_.program.symbols.intern(term.text);
  ir::ColumnType type = base_type(ir::BaseType::symbol);
  if (auto scale = c_.scope.scale_of(id)) {
    type = c_.scope.type(c_.program.scales[*scale].name)->column;
  } else if (const auto& kinds = c_.scope.kinds_of(id); kinds.size() == 1) {
    type = c_.scope.type(c_.program.kinds[kinds.front()].name)->column;
  }
  return Typed{constant(id, ir::BaseType::symbol, term.span), type};
}

// A symbol checked against a kind or scale: an entity of the wrong kind names both.
std::optional<ir::Value> RuleBuilder::symbol_for(const ast::Term& term, const std::string& text,
                                                 const ir::ColumnType& expected,
                                                 const Place& place) {
  SymbolId id = c_.program.symbols.intern(text);
  const TypeInfo* info = c_.scope.type(expected.name);
  bool is_kind = info && info->kind != ir::none;
  if (expected.scale == ir::none && !is_kind) return id;  // any symbol will do
  if (expected.scale != ir::none ? c_.scope.is_level(id, expected.scale)
                                 : c_.scope.has_kind(id, info->kind)) {
    return id;
  }
  const auto& kinds = c_.scope.kinds_of(id);
  auto scale = c_.scope.scale_of(id);
  if (!kinds.empty() || scale) {
    std::string actual = !kinds.empty()
                             ? fmt::format("a `{}`", c_.program.kinds[kinds.front()].name)
                             : fmt::format("a level of `{}`", c_.program.scales[*scale].name);
    auto& diagnostic = c_.sink.report(expected.scale != ir::none && scale ? codes::scale_mismatch
                                                                          : codes::kind_mismatch,
                                      term.span,
                                      fmt::format("`{}` is {}, but {} takes {}", text, actual,
                                                  place.describe(), describe(expected)));
    diagnostic.hint = did_you_mean(text, c_.scope.names_fitting(expected));
    return std::nullopt;
  }
  auto& diagnostic = c_.sink.report(codes::unknown_entity, term.span,
                                    fmt::format("`{}` is not a known {}", text,
                                                expected.scale != ir::none
                                                    ? "level of `" + expected.name + "`"
                                                    : "`" + expected.name + "`"));
  diagnostic.hint = did_you_mean(text, c_.scope.names_fitting(expected));
  if (diagnostic.hint.empty()) {
    diagnostic.hint = expected.scale != ir::none
                          ? fmt::format("add it to the scale `{}`", expected.name)
                          : fmt::format("declare it first: `{} {}`", expected.name, text);
  }
  if (dialect_ == ast::Dialect::sinew && term.kind == ast::Term::Kind::constant && !text.empty() &&
      std::islower(static_cast<unsigned char>(text[0]))) {
    diagnostic.notes.push_back(
        "names that start with a lower-case letter are entities; a variable starts with an "
        "upper-case letter");
  }
  return std::nullopt;
}

bool RuleBuilder::holds_names(const std::string& variable_name) const {
  auto it = by_name_.find(variable_name);
  if (it == by_name_.end()) return false;
  const auto& type = variables_[it->second].type;
  return type && !numeric(type->base);
}

RuleBuilder::Typed RuleBuilder::lower_arithmetic(const ast::Term& term,
                                                 const ir::ColumnType* expected,
                                                 std::vector<ir::Literal>& out) {
  const ir::ColumnType* numeric_expected = expected && numeric(expected->base) ? expected : nullptr;
  Place none_place;
  std::vector<Typed> operands;
  for (const ast::Term& arg : term.args) {
    // A name or a text is reported below as "not a number", not as a mismatch.
    bool symbolic = arg.kind == ast::Term::Kind::string || arg.kind == ast::Term::Kind::constant ||
                    (arg.kind == ast::Term::Kind::variable && holds_names(arg.text));
    operands.push_back(lower_term(arg, symbolic ? nullptr : numeric_expected, none_place, out));
  }
  // The type of the expression is that of its first numeric operand whose type is known;
  // an operand that is not a number is reported once, and the expression stays a number.
  std::optional<ir::ColumnType> type;
  for (const Typed& operand : operands) {
    if (operand.type && numeric(operand.type->base)) {
      type = operand.type;
      break;
    }
  }
  if (!type) type = numeric_expected ? *numeric_expected : base_type(ir::BaseType::number);
  for (std::size_t i = 0; i < operands.size(); ++i) {
    Typed& operand = operands[i];
    if (!operand.type && operand.expr.op == ir::Expr::Op::variable) {
      variables_[operand.expr.variable].type = *type;
      operand.expr.type = type->base;
      operand.type = type;
    }
    if (operand.type && !numeric(operand.type->base)) {
      c_.sink
          .report(codes::not_numeric, term.args[i].span,
                  fmt::format("arithmetic needs numbers, but this is {}", describe(*operand.type)))
          .hint = "to join texts, use `cat(A, B)`";
      failed_ = true;
    } else if (operand.type && operand.type->base != type->base) {
      c_.sink.report(codes::type_mismatch, term.args[i].span,
                     fmt::format("this is {}, but the other side is {}", describe(*operand.type),
                                 describe(*type)));
      failed_ = true;
    }
  }
  ir::Expr expr;
  expr.span = term.span;
  expr.type = type->base;
  if (term.kind == ast::Term::Kind::negate) {
    expr.op = ir::Expr::Op::neg;
  } else {
    static const std::map<std::string, ir::Expr::Op> ops = {{"+", ir::Expr::Op::add},
                                                            {"-", ir::Expr::Op::sub},
                                                            {"*", ir::Expr::Op::mul},
                                                            {"/", ir::Expr::Op::div},
                                                            {"%", ir::Expr::Op::mod}};
    auto it = ops.find(term.text);
    expr.op = it == ops.end() ? ir::Expr::Op::add : it->second;
  }
  for (Typed& operand : operands) expr.args.push_back(std::move(operand.expr));
  ir::ColumnType result = base_type(type->base);
  return Typed{std::move(expr), result};
}

RuleBuilder::Typed RuleBuilder::lower_call(const ast::Term& term, std::vector<ir::Literal>& out) {
  struct Signature {
    ir::Expr::Op op;
    std::size_t arity;       // 0: any number of arguments (cat)
    bool numeric_arguments;  // else symbols; min/max/abs keep their argument type
    std::optional<ir::BaseType> result;
  };
  static const std::map<std::string, Signature> functions = {
      {"cat", {ir::Expr::Op::cat, 0, false, ir::BaseType::symbol}},
      {"strlen", {ir::Expr::Op::strlen, 1, false, ir::BaseType::number}},
      {"to_number", {ir::Expr::Op::to_number, 1, false, ir::BaseType::number}},
      {"to_string", {ir::Expr::Op::to_string, 1, true, ir::BaseType::symbol}},
      {"min", {ir::Expr::Op::min, 2, true, std::nullopt}},
      {"max", {ir::Expr::Op::max, 2, true, std::nullopt}},
      {"abs", {ir::Expr::Op::abs, 1, true, std::nullopt}},
  };
  auto it = functions.find(term.text);
  if (it == functions.end()) {
    std::vector<std::string> names;
    for (const auto& [name, signature] : functions) names.push_back(name);
    c_.sink
        .report(codes::unknown_function, term.span,
                fmt::format("there is no function `{}`", term.text))
        .hint = did_you_mean(term.text, names);
    failed_ = true;
    return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};
  }
  const Signature& signature = it->second;
  if ((signature.arity == 0 && term.args.empty()) ||
      (signature.arity != 0 && term.args.size() != signature.arity)) {
    c_.sink.report(codes::arity_mismatch, term.span,
                   fmt::format("`{}` takes {} value{}, here it has {}", term.text,
                               signature.arity == 0 ? "one or more"
                                                    : std::to_string(signature.arity),
                               signature.arity == 1 ? "" : "s", term.args.size()));
    failed_ = true;
    return Typed{constant(0, signature.result.value_or(ir::BaseType::number), term.span),
                 std::nullopt};
  }
  ir::ColumnType argument_type = base_type(signature.numeric_arguments ? ir::BaseType::number
                                                                       : ir::BaseType::symbol);
  Place none_place;
  ir::Expr expr;
  expr.op = signature.op;
  expr.span = term.span;
  std::optional<ir::ColumnType> first_type;
  for (std::size_t i = 0; i < term.args.size(); ++i) {
    // min, max, abs and to_string work on any number type: let the argument decide.
    const ir::ColumnType* expected = signature.numeric_arguments ? nullptr : &argument_type;
    Typed arg = lower_term(term.args[i], expected, none_place, out);
    if (arg.type && signature.numeric_arguments && !numeric(arg.type->base)) {
      c_.sink.report(codes::not_numeric, term.args[i].span,
                     fmt::format("`{}` needs a number, but this is {}", term.text,
                                 describe(*arg.type)));
      failed_ = true;
    }
    if (!first_type) first_type = arg.type;
    expr.args.push_back(std::move(arg.expr));
  }
  ir::BaseType result = signature.result.value_or(first_type ? first_type->base
                                                             : ir::BaseType::number);
  expr.type = result;
  return Typed{std::move(expr), base_type(result)};
}

RuleBuilder::Typed RuleBuilder::lower_aggregate(const ast::Term& term,
                                                std::vector<ir::Literal>& out) {
  static const std::map<std::string, ir::AggregateOp> ops = {{"count", ir::AggregateOp::count},
                                                             {"sum", ir::AggregateOp::sum},
                                                             {"min", ir::AggregateOp::min},
                                                             {"max", ir::AggregateOp::max},
                                                             {"mean", ir::AggregateOp::mean}};
  ir::Aggregate aggregate;
  aggregate.op = ops.at(term.text);
  if (term.body.size() != 1) {
    c_.sink.report(codes::unsupported, term.span, "an aggregate cannot use `;` inside its braces")
        .hint = "aggregate over a relation that a separate rule fills with each alternative";
    failed_ = true;
    return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};
  }
  // The aggregate's own variables start fresh here and are forgotten after it; the
  // rule's variables of the same names come back.
  AggregateScope scope = aggregate_scope(term);
  std::map<std::string, ir::VariableId> hidden;
  for (const std::string& name : scope.local) {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) continue;
    hidden.insert(*it);
    by_name_.erase(it);
  }
  std::vector<const ast::Literal*> literals;
  for (const ast::Literal& literal : term.body.front()) literals.push_back(&literal);
  std::set<std::string> saved_grounded = std::exchange(grounded_outside_, scope.grounded_inside);
  lower_in_type_order(literals, aggregate.body);
  std::optional<ir::ColumnType> result_type = lower_aggregate_target(term, aggregate);
  grounded_outside_ = std::move(saved_grounded);
  for (const std::string& name : scope.local) by_name_.erase(name);
  by_name_.insert(hidden.begin(), hidden.end());
  if (!result_type) return Typed{constant(0, ir::BaseType::number, term.span), std::nullopt};

  // Named by its text, so that explanations can say `max X : { reach(X) }`.
  ir::VariableId result = fresh_variable(std::string(c_.sources.text(term.span)), *result_type);
  aggregate.result = result;
  ir::Literal literal;
  literal.kind = ir::Literal::Kind::aggregate;
  literal.span = term.span;
  literal.aggregate.push_back(std::move(aggregate));
  out.push_back(std::move(literal));

  ir::Expr expr;
  expr.op = ir::Expr::Op::variable;
  expr.variable = result;
  expr.type = result_type->base;
  expr.span = term.span;
  return Typed{std::move(expr), *result_type};
}

RuleBuilder::AggregateScope RuleBuilder::aggregate_scope(const ast::Term& term) const {
  AggregateScope scope{{}, grounded_outside_};
  if (!names_outside_aggregates_ || !scope_literals_) return scope;
  std::set<std::string> inside;
  collect_variable_names(term, true, inside);
  std::set<std::string> injected = injected_names(term, *scope_literals_, grounded_outside_);
  std::set<std::string> computed;
  for (const ast::Term& target : term.args) collect_variable_names(target, true, computed);
  // What the rule gives a value to when every aggregate, this one included, has its
  // value: `x` in `x = count : { e(x, _) }` gets one, from the aggregate's result.
  std::set<std::string> grounded_with_results = grounded_names(*scope_literals_, nullptr,
                                                               grounded_outside_);
  for (const std::string& name : inside) {
    if (injected.contains(name)) continue;
    // Used outside too, where nothing gives it a value: a value that would have to be
    // carried out of the braces (Soufflé's "witness"; carry_witnesses has already
    // rewritten those of min and max). Kept shared, so that safety refuses it
    // (E0506), unless the aggregate computes over it (`x = max x : a(x)`:
    // the inner `x` is the aggregate's own).
    if (names_outside_aggregates_->contains(name) && !computed.contains(name) &&
        !grounded_with_results.contains(name)) {
      continue;
    }
    scope.local.push_back(name);
    scope.grounded_inside.erase(name);
  }
  scope.grounded_inside.insert(injected.begin(), injected.end());
  return scope;
}

std::optional<ir::ColumnType> RuleBuilder::lower_aggregate_target(const ast::Term& term,
                                                                  ir::Aggregate& aggregate) {
  if (aggregate.op == ir::AggregateOp::count) {
    if (!term.args.empty()) {
      c_.sink
          .report(codes::unexpected_text, term.args.front().span,
                  "`count` counts the answers of its braces and takes no value")
          .hint = "write `count : { ... }`";
      failed_ = true;
    }
    return base_type(ir::BaseType::number);
  }
  if (term.args.empty()) {
    c_.sink.report(codes::expected_term, term.span,
                   fmt::format("`{}` needs a value to work on, as in `{} X : {{ p(X) }}`",
                               term.text, term.text));
    failed_ = true;
    return std::nullopt;
  }
  Place none_place;
  Typed target = lower_term(term.args.front(), nullptr, none_place, aggregate.body);
  ir::ColumnType target_type = target.type.value_or(base_type(ir::BaseType::number));
  bool ordered = aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max;
  if (!ordered && !numeric(target_type.base)) {
    c_.sink.report(codes::not_numeric, term.args.front().span,
                   fmt::format("`{}` adds numbers, but this is {}", term.text,
                               describe(target_type)));
    failed_ = true;
  }
  aggregate.ordering = ir::Ordering{target_type.base, target_type.scale};
  aggregate.target = std::move(target.expr);
  return aggregate.op == ir::AggregateOp::mean ? base_type(ir::BaseType::floating)
         : ordered                             ? target_type
         : numeric(target_type.base)           ? base_type(target_type.base)
                                               : base_type(ir::BaseType::number);
}

// Evaluates an expression of constants (a fact such as `p(1 + 2).`).
std::optional<ir::Value> RuleBuilder::fold(const ir::Expr& expr, Span span) {
  using Op = ir::Expr::Op;
  if (expr.op == Op::constant) return expr.constant;
  bool integer = expr.type == ir::BaseType::number;
  if (integer &&
      (expr.op == Op::neg || expr.op == Op::add || expr.op == Op::sub || expr.op == Op::mul)) {
    std::vector<std::int64_t> values;
    for (const ir::Expr& arg : expr.args) {
      auto value = fold(arg, span);
      if (!value) return std::nullopt;
      values.push_back(static_cast<std::int64_t>(*value));
    }
    std::int64_t result = 0;
    bool overflow = false;
    switch (expr.op) {
      case Op::neg: overflow = __builtin_sub_overflow(std::int64_t{0}, values[0], &result); break;
      case Op::add: overflow = __builtin_add_overflow(values[0], values[1], &result); break;
      case Op::sub: overflow = __builtin_sub_overflow(values[0], values[1], &result); break;
      default: overflow = __builtin_mul_overflow(values[0], values[1], &result); break;
    }
    if (overflow) {
      c_.sink.report(codes::integer_overflow, span, "this number is too large for Sinew (64 bits)");
      return std::nullopt;
    }
    return static_cast<ir::Value>(result);
  }
  if (expr.type == ir::BaseType::floating && expr.op == Op::neg) {
    auto value = fold(expr.args[0], span);
    if (!value) return std::nullopt;
    return std::bit_cast<ir::Value>(-std::bit_cast<double>(*value));
  }
  return std::nullopt;
}

}  // namespace sinew::semantics
