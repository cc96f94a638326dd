// Expression evaluation with checked integer arithmetic.
#include "engine/expression.hpp"

#include "engine/value.hpp"

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

namespace sinew::engine {

namespace {

const char* op_text(ir::Expr::Op op) {
  switch (op) {
    case ir::Expr::Op::add: return "+";
    case ir::Expr::Op::sub: return "-";
    case ir::Expr::Op::mul: return "*";
    case ir::Expr::Op::div: return "/";
    case ir::Expr::Op::mod: return "%";
    default: return "?";
  }
}

double as_double(Value v) { return std::bit_cast<double>(v); }
Value from_double(double d) { return std::bit_cast<Value>(d); }

}  // namespace

bool ExprEvaluator::fail(ExprError error, std::string detail) {
  error_ = error;
  detail_ = std::move(detail);
  return false;
}

bool ExprEvaluator::number_op(const ir::Expr& expr, std::int64_t a, std::int64_t b, Value& out) {
  std::int64_t r = 0;
  switch (expr.op) {
    case ir::Expr::Op::add:
      if (__builtin_add_overflow(a, b, &r)) break;
      out = static_cast<Value>(r);
      return true;
    case ir::Expr::Op::sub:
      if (__builtin_sub_overflow(a, b, &r)) break;
      out = static_cast<Value>(r);
      return true;
    case ir::Expr::Op::mul:
      if (__builtin_mul_overflow(a, b, &r)) break;
      out = static_cast<Value>(r);
      return true;
    case ir::Expr::Op::div:
    case ir::Expr::Op::mod:
      if (b == 0) {
        return fail(ExprError::division_by_zero, fmt::format("{} {} 0", a, op_text(expr.op)));
      }
      if (a == std::numeric_limits<std::int64_t>::min() && b == -1) break;
      out = static_cast<Value>(expr.op == ir::Expr::Op::div ? a / b : a % b);
      return true;
    default: return fail(ExprError::overflow, "an unknown operator");
  }
  return fail(ExprError::overflow, fmt::format("{} {} {}", a, op_text(expr.op), b));
}

bool ExprEvaluator::unsigned_op(const ir::Expr& expr, std::uint64_t a, std::uint64_t b,
                                Value& out) {
  switch (expr.op) {
    case ir::Expr::Op::add: out = a + b; return true;
    case ir::Expr::Op::sub: out = a - b; return true;
    case ir::Expr::Op::mul: out = a * b; return true;
    case ir::Expr::Op::div:
    case ir::Expr::Op::mod:
      if (b == 0) {
        return fail(ExprError::division_by_zero, fmt::format("{} {} 0", a, op_text(expr.op)));
      }
      out = expr.op == ir::Expr::Op::div ? a / b : a % b;
      return true;
    default: return fail(ExprError::overflow, "an unknown operator");
  }
}

bool ExprEvaluator::float_op(const ir::Expr& expr, double a, double b, Value& out) {
  switch (expr.op) {
    case ir::Expr::Op::add: out = from_double(a + b); return true;
    case ir::Expr::Op::sub: out = from_double(a - b); return true;
    case ir::Expr::Op::mul: out = from_double(a * b); return true;
    case ir::Expr::Op::div: out = from_double(a / b); return true;
    case ir::Expr::Op::mod: out = from_double(std::fmod(a, b)); return true;
    default: return fail(ExprError::overflow, "an unknown operator");
  }
}

bool ExprEvaluator::eval(const ir::Expr& expr, const Value* registers, Value& out) {
  using Op = ir::Expr::Op;
  switch (expr.op) {
    case Op::variable: out = registers[expr.variable]; return true;
    case Op::constant: out = expr.constant; return true;
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod: return arithmetic(expr, registers, out);
    case Op::neg:
    case Op::abs: return negate_or_abs(expr, registers, out);
    case Op::min:
    case Op::max: return least_or_greatest(expr, registers, out);
    case Op::cat: return concatenate(expr, registers, out);
    case Op::strlen: return text_length(expr, registers, out);
    case Op::to_number: return text_to_number(expr, registers, out);
    case Op::to_string: return value_to_text(expr, registers, out);
  }
  return fail(ExprError::overflow, "an unknown operator");
}

bool ExprEvaluator::arithmetic(const ir::Expr& expr, const Value* registers, Value& out) {
  Value a = 0, b = 0;
  if (expr.args.size() != 2) return fail(ExprError::overflow, "an operator without operands");
  if (!eval(expr.args[0], registers, a) || !eval(expr.args[1], registers, b)) return false;
  switch (expr.type) {
    case ir::BaseType::number:
      return number_op(expr, static_cast<std::int64_t>(a), static_cast<std::int64_t>(b), out);
    case ir::BaseType::unsigned_number: return unsigned_op(expr, a, b, out);
    case ir::BaseType::floating: return float_op(expr, as_double(a), as_double(b), out);
    case ir::BaseType::symbol: return fail(ExprError::overflow, "arithmetic on symbols");
  }
  return false;
}

bool ExprEvaluator::negate_or_abs(const ir::Expr& expr, const Value* registers, Value& out) {
  Value a = 0;
  if (expr.args.size() != 1) return fail(ExprError::overflow, "an operator without operands");
  if (!eval(expr.args[0], registers, a)) return false;
  bool neg = expr.op == ir::Expr::Op::neg;
  switch (expr.type) {
    case ir::BaseType::number: {
      auto x = static_cast<std::int64_t>(a);
      if (x == std::numeric_limits<std::int64_t>::min() && (neg || x < 0)) {
        return fail(ExprError::overflow, fmt::format("{}({})", neg ? "-" : "abs", x));
      }
      out = static_cast<Value>(neg ? -x : (x < 0 ? -x : x));
      return true;
    }
    case ir::BaseType::unsigned_number: out = neg ? Value{0} - a : a; return true;
    case ir::BaseType::floating:
      out = from_double(neg ? -as_double(a) : std::fabs(as_double(a)));
      return true;
    case ir::BaseType::symbol: return fail(ExprError::overflow, "arithmetic on symbols");
  }
  return false;
}

bool ExprEvaluator::least_or_greatest(const ir::Expr& expr, const Value* registers, Value& out) {
  if (expr.args.empty()) return fail(ExprError::overflow, "min or max of nothing");
  if (!eval(expr.args[0], registers, out)) return false;
  ir::Ordering ordering{expr.args[0].type, ir::none};
  for (std::size_t i = 1; i < expr.args.size(); ++i) {
    Value v = 0;
    if (!eval(expr.args[i], registers, v)) return false;
    int c = order(ordering, v, out);
    if (expr.op == ir::Expr::Op::min ? c < 0 : c > 0) out = v;
  }
  return true;
}

bool ExprEvaluator::concatenate(const ir::Expr& expr, const Value* registers, Value& out) {
  // A fresh string: an operand may itself be a `cat` or `to_string`, which use the
  // scratch buffer.
  std::string text;
  for (const ir::Expr& arg : expr.args) {
    Value v = 0;
    if (!eval(arg, registers, v)) return false;
    text.append(symbols_.text(static_cast<SymbolId>(v)));
  }
  out = symbols_.intern(text);
  return true;
}

bool ExprEvaluator::text_length(const ir::Expr& expr, const Value* registers, Value& out) {
  Value v = 0;
  if (expr.args.size() != 1 || !eval(expr.args[0], registers, v)) return false;
  out = static_cast<Value>(symbols_.text(static_cast<SymbolId>(v)).size());
  return true;
}

bool ExprEvaluator::text_to_number(const ir::Expr& expr, const Value* registers, Value& out) {
  Value v = 0;
  if (expr.args.size() != 1 || !eval(expr.args[0], registers, v)) return false;
  std::string_view text = symbols_.text(static_cast<SymbolId>(v));
  std::int64_t n = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, n);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return fail(ExprError::bad_conversion,
                fmt::format("to_number(\"{}\"): the text is not a whole number", text));
  }
  out = static_cast<Value>(n);
  return true;
}

bool ExprEvaluator::value_to_text(const ir::Expr& expr, const Value* registers, Value& out) {
  Value v = 0;
  if (expr.args.size() != 1 || !eval(expr.args[0], registers, v)) return false;
  scratch_.clear();
  append_value(scratch_, symbols_, expr.args[0].type, v);
  out = symbols_.intern(scratch_);
  return true;
}

int ExprEvaluator::order(const ir::Ordering& ordering, Value a, Value b) const {
  return compare_values(symbols_, scales_, ordering, a, b);
}

bool ExprEvaluator::compare(const ir::Literal& comparison, const Value* registers, bool& holds) {
  Value a = 0, b = 0;
  if (!eval(comparison.lhs, registers, a) || !eval(comparison.rhs, registers, b)) return false;
  if (comparison.ordering.base != ir::BaseType::floating) {
    // Equality of non-floats is equality of the words; only orders need the ordering.
    if (comparison.op == ir::CompareOp::eq) {
      holds = a == b;
      return true;
    }
    if (comparison.op == ir::CompareOp::ne) {
      holds = a != b;
      return true;
    }
  }
  holds = holds_by_order(comparison.op, order(comparison.ordering, a, b));
  return true;
}

}  // namespace sinew::engine
