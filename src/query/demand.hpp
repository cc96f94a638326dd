#pragma once
// Demand-driven evaluation: rewrite a program so that relations read with known
// arguments (`path(1, Y)`) are computed only for them (magic sets; see demand.cpp).

#include "ir/program.hpp"

#include <span>

namespace sinew::query {

// `targets` are the relations wanted whole (outputs, query answers). Returns false,
// leaving the program as it was, when no use binds an argument or when the rewritten
// program could not be stratified.
bool demand_transform(ir::Program& program, std::span<const ir::RelationId> targets);

}  // namespace sinew::query
