// Wording shared by the engine's reports.
#include "engine/messages.hpp"

#include "ir/printer.hpp"

#include <fmt/format.h>

namespace sinew::engine {

std::string describe_rule(const ir::Program& program, ir::RuleId rule) {
  if (rule >= program.rules.size()) return "a rule";
  const ir::Rule& r = program.rules[rule];
  std::string where;
  std::string name;
  if (r.origin < program.origins.size()) {
    ir::OriginView origin = program.origins[r.origin];
    name = origin.rule_name;
    if (!origin.file.empty()) where = fmt::format(" ({}:{})", origin.file, origin.line);
  }
  if (!name.empty()) return fmt::format("rule `{}`{}", name, where);
  return fmt::format("the rule `{}`{}", ir::print_rule(program, r), where);
}

std::string describe_relation(const ir::Program& program, ir::RelationId relation) {
  if (relation >= program.relations.size()) return "a relation";
  return "`" + program.relations[relation].name + "`";
}

}  // namespace sinew::engine
