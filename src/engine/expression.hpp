#pragma once
// The expression evaluator is public (explanations use it too); see the header there.
#include <sinew/engine/expression.hpp>
