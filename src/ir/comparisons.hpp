#pragma once
// Every comparison of numbers in a program's rules, those inside aggregates too: where a
// case's number can turn a rule's outcome. The thresholds of `explain --needed`, of the
// case space and of the analysis over every case all come from here.

#include "ir/program.hpp"

namespace sinew::ir {

template <typename Visit>
void for_each_number_comparison(const Program& program, Visit&& visit) {
  auto note = [&](const Literal& literal) {
    if (literal.kind == Literal::Kind::comparison && literal.ordering.base == BaseType::number)
      visit(literal);
  };
  for (const Rule& rule : program.rules) {
    for (const Literal& literal : rule.body) {
      note(literal);
      if (literal.kind != Literal::Kind::aggregate) continue;
      for (const Aggregate& aggregate : literal.aggregate) {
        for (const Literal& inner : aggregate.body) note(inner);
      }
    }
  }
}

}  // namespace sinew::ir
