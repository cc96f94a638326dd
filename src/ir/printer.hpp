#pragma once
// The printed form of the IR, for `sinew dump --stage=ir|plan` and for tests.
//
// The format, one item a line (values print as in facts files; symbols quoted):
//
//   relation edge(x: number, y: number) input="edge.facts" output printsize
//   fact edge(1, 2)
//   stratum 1 recursive: path
//     rule 1: path(x, y) :- path(x, z), edge(z, y).
//       plan delta=0: path(x, z)*, edge(z, y)
//
// Relations are printed in id order with their flags (`input=FILE`, `case_input`,
// `output`, `printsize`, `kind`); facts follow in program order; then each stratum,
// in evaluation order, with its rules (`rule N` is the RuleId) and, when planned,
// one `plan` line per JoinPlan listing the body literals in evaluation order (the
// delta literal marked `*`). Variables print by name, or `_vN` when unnamed.
// Aggregates print as `n = count : { p(x) }`; `mean`, `sum`, `min`, `max` show
// their target (`s = sum y : { ... }`).

#include "ir/program.hpp"

#include <string>
#include <vector>

namespace sinew::ir {

struct PrintOptions {
  bool plans = true;  // print `plan` lines (`--stage=plan`)
  bool facts = true;  // print `fact` lines
};

std::string print(const Program& program, const PrintOptions& options);
std::string print(const Program& program);

// One rule as Datalog text: `head(x) :- body(x, y), y > 1.`
std::string print_rule(const Program& program, const Rule& rule);
// One literal or expression, variables named from `variables` (by VariableId).
std::string print_literal(const Program& program, const std::vector<std::string>& variables,
                          const Literal& literal);
std::string print_expr(const Program& program, const std::vector<std::string>& variables,
                       const Expr& expr);
// A value of a column of that type: `12`, `1.5`, `"text"`.
std::string print_value(const Program& program, const ColumnType& type, Value value);
// A column's range as written (`0..`, `1..10`, `..7`) and in words to follow a noun
// ("of 0 or more", "from 1 to 10", "of at most 7"); empty when the column has none.
std::string print_range(const Program& program, const Column& column);
std::string range_in_words(const Program& program, const Column& column);

}  // namespace sinew::ir
