#pragma once
// Wording shared by the engine's reports: how a rule and a relation are named.

#include "ir/program.hpp"

#include <string>

namespace sinew::engine {

// "rule `name` (file:line)", or the rule's text when it has no name.
std::string describe_rule(const ir::Program& program, ir::RuleId rule);
// "`name`"
std::string describe_relation(const ir::Program& program, ir::RelationId relation);

}  // namespace sinew::engine
