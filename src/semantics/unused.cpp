// The last pass: declarations that are never used, and relations that nothing fills.

#include "context.hpp"

#include <fmt/format.h>

namespace sinew::semantics {

void warn_unused(Context& context) {
  const ir::Program& program = context.program;
  for (ir::RelationId id = 0; id < program.relations.size(); ++id) {
    const ir::Relation& relation = program.relations[id];
    RelationUse& use = context.use(id);
    if (!use.declared_by_author || relation.kind_membership) continue;
    bool supplied = use.has_facts || use.has_rules || relation.case_input || relation.load_facts;
    bool wanted = use.read || relation.output || relation.print_size;
    if (!supplied && !wanted) {
      context.sink.report(codes::unused_relation, use.declared,
                          fmt::format("the relation `{}` is declared but never used",
                                      relation.name))
          .hint = "remove it, or use it in a rule";
    } else if (!supplied && use.read) {
      auto& diagnostic = context.sink.report(
          codes::empty_relation, use.first_read,
          fmt::format("nothing adds facts to `{}`, so conditions on it never hold", relation.name));
      diagnostic.secondary.push_back({use.declared, "declared here"});
      diagnostic.hint = fmt::format(
          "add facts or rules for `{}`, or declare it `input` if cases supply it", relation.name);
    }
  }
}

}  // namespace sinew::semantics
