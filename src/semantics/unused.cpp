// The last pass: declarations that are never used, and relations that nothing fills.

#include "context.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

namespace sinew::semantics {

namespace {

// A kind or scale is used when a relation's column has it as its type, when it has
// members or sub-kinds, or when a rule or query reads its relation of members.
void warn_unused_kinds(Context& context) {
  const ir::Program& program = context.program;
  std::set<std::string> column_types;
  for (const ir::Relation& relation : program.relations) {
    if (relation.kind_membership) continue;
    for (const ir::Column& column : relation.columns) column_types.insert(column.type.name);
  }
  std::vector<bool> has_children(program.kinds.size(), false);
  for (const ir::Kind& kind : program.kinds) {
    for (std::uint32_t parent : kind.parents) has_children[parent] = true;
  }
  std::vector<bool> has_members(program.kinds.size(), false);
  for (const ir::Entity& entity : program.entities) {
    for (std::uint32_t kind : entity.kinds) has_members[kind] = true;
  }
  for (std::uint32_t k = 0; k < program.kinds.size(); ++k) {
    const ir::Kind& kind = program.kinds[k];
    RelationUse& use = context.use(kind.members);
    if (has_members[k] || has_children[k] || !kind.parents.empty() || use.read ||
        column_types.count(kind.name)) {
      continue;
    }
    context.sink
        .report(codes::unused_type, use.declared,
                fmt::format("the kind `{}` has no entities and is never used", kind.name))
        .hint = fmt::format(
        "declare entities with it (`{} some_name`), use it as the type of a "
        "relation's column, or remove it",
        kind.name);
  }
  for (const ir::Scale& scale : program.scales) {
    RelationUse& use = context.use(scale.members);
    if (use.read || column_types.count(scale.name)) continue;
    context.sink
        .report(codes::unused_type, use.declared,
                fmt::format("the scale `{}` is never used", scale.name))
        .hint = "use it as the type of a relation's column, e.g. `output level(l: " + scale.name +
                ")`";
  }
}

}  // namespace

void warn_unused(Context& context) {
  // After an error, what looks unused is often what the broken statement used.
  if (context.sink.has_errors()) return;
  warn_unused_kinds(context);
  const ir::Program& program = context.program;
  for (ir::RelationId id = 0; id < program.relations.size(); ++id) {
    const ir::Relation& relation = program.relations[id];
    RelationUse& use = context.use(id);
    if (!use.declared_by_author || relation.kind_membership) continue;
    bool supplied = use.has_facts || use.has_rules || relation.case_input || relation.load_facts;
    bool wanted = use.read || relation.output || relation.print_size;
    if (!supplied && !wanted) {
      context.sink
          .report(codes::unused_relation, use.declared,
                  fmt::format("the relation `{}` is declared but never used", relation.name))
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
