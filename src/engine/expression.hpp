#pragma once
// Evaluation of IR expressions and comparisons over a register file.
//
// Integer arithmetic on `number` is checked: overflow (`+ - * neg abs`, and `/` `%`
// of INT64_MIN by -1) and division or modulo by zero are errors. `unsigned` wraps
// like C++ unsigned arithmetic (but `/` and `%` by zero are errors); floats follow
// IEEE 754 (x / 0.0 is an infinity).

#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <span>
#include <string>

namespace sinew::engine {

using ir::Value;

enum class ExprError : std::uint8_t { none, overflow, division_by_zero, bad_conversion };

// Whether `a op b` holds, given the three-way order of a and b (negative, zero or
// positive; ExprEvaluator::order). The one reading of a comparison operator, for the
// evaluator and for the explanations that check a condition themselves.
constexpr bool holds_by_order(ir::CompareOp op, int order) {
  switch (op) {
    case ir::CompareOp::eq: return order == 0;
    case ir::CompareOp::ne: return order != 0;
    case ir::CompareOp::lt: return order < 0;
    case ir::CompareOp::le: return order <= 0;
    case ir::CompareOp::gt: return order > 0;
    case ir::CompareOp::ge: return order >= 0;
  }
  return false;
}

class ExprEvaluator {
 public:
  ExprEvaluator(SymbolTable& symbols, std::span<const ir::Scale> scales)
      : symbols_(symbols), scales_(scales) {}

  // Evaluates `expr` with variable values from `registers`. On an error returns
  // false; error() and detail() say what went wrong.
  bool eval(const ir::Expr& expr, const Value* registers, Value& out);
  // `lhs op rhs` by `ordering`; false with error() set when an operand fails.
  bool compare(const ir::Literal& comparison, const Value* registers, bool& holds);
  // Three-way comparison by an ordering (symbols by text, levels by rank).
  int order(const ir::Ordering& ordering, Value a, Value b) const;

  ExprError error() const { return error_; }
  const std::string& detail() const { return detail_; }

 private:
  bool fail(ExprError error, std::string detail);
  // One function per kind of operator that `eval` dispatches on.
  bool arithmetic(const ir::Expr& expr, const Value* registers, Value& out);         // + - * / %
  bool negate_or_abs(const ir::Expr& expr, const Value* registers, Value& out);      // neg, abs
  bool least_or_greatest(const ir::Expr& expr, const Value* registers, Value& out);  // min, max
  bool concatenate(const ir::Expr& expr, const Value* registers, Value& out);        // cat
  bool text_length(const ir::Expr& expr, const Value* registers, Value& out);        // strlen
  bool text_to_number(const ir::Expr& expr, const Value* registers, Value& out);     // to_number
  bool value_to_text(const ir::Expr& expr, const Value* registers, Value& out);      // to_string
  bool number_op(const ir::Expr& expr, std::int64_t a, std::int64_t b, Value& out);
  bool unsigned_op(const ir::Expr& expr, std::uint64_t a, std::uint64_t b, Value& out);
  bool float_op(const ir::Expr& expr, double a, double b, Value& out);

  SymbolTable& symbols_;
  std::span<const ir::Scale> scales_;
  std::string scratch_;
  ExprError error_ = ExprError::none;
  std::string detail_;
};

}  // namespace sinew::engine
