// Forgetting where every node came from, so that two trees compare by content alone.
#include "syntax/printer.hpp"

namespace sinew::syntax {

namespace {

void clear(Span& span) { span = Span{}; }
void clear(ast::Name& name) { clear(name.span); }
void clear(std::vector<ast::Name>& names) {
  for (auto& name : names) clear(name);
}
void clear(std::vector<std::vector<ast::Literal>>& alternatives);

void clear(ast::Term& term) {
  clear(term.span);
  for (auto& arg : term.args) clear(arg);
  clear(term.body);
}

void clear(ast::Atom& atom) {
  clear(atom.relation);
  clear(atom.span);
  for (auto& arg : atom.args) clear(arg);
}

void clear(ast::Literal& literal) {
  clear(literal.span);
  clear(literal.atom);
  for (auto& operand : literal.operands) clear(operand);
  clear(literal.alternatives);
}

void clear(std::vector<std::vector<ast::Literal>>& alternatives) {
  for (auto& conjunction : alternatives) {
    for (auto& literal : conjunction) clear(literal);
  }
}

void clear(ast::Clause& clause) {
  for (auto& head : clause.heads) clear(head);
  clear(clause.body);
  clear(clause.span);
}

void clear(std::vector<ast::Parameter>& params) {
  for (auto& param : params) {
    clear(param.name);
    clear(param.type);
    if (param.range) param.range->span = {};
  }
}

void clear_node(ast::RelationDecl& decl) {
  clear(decl.name);
  clear(decl.params);
  clear(decl.qualifiers);
}
void clear_node(ast::TypeDecl& decl) {
  clear(decl.name);
  clear(decl.bases);
}
void clear_node(ast::IoDirective& directive) {
  for (auto& target : directive.targets) {
    clear(target.relation);
    for (auto& option : target.options) {
      clear(option.key);
      clear(option.value);
    }
  }
}
void clear_node(ast::ModuleDecl& decl) { clear(decl.name); }
void clear_node(ast::ImportDecl& decl) { clear(decl.path_span); }
void clear_node(ast::SourceDecl& decl) {
  clear(decl.id);
  for (auto& property : decl.properties) {
    clear(property.key);
    clear(property.value_span);
  }
}
void clear_node(ast::KindDecl& decl) {
  clear(decl.name);
  clear(decl.parents);
}
void clear_node(ast::ScaleDecl& decl) {
  clear(decl.name);
  clear(decl.levels);
}
void clear_node(ast::EntityDecl& decl) {
  clear(decl.kind);
  for (auto& entity : decl.entities) {
    clear(entity.id);
    clear(entity.span);
    clear(entity.parents);
    for (auto& code : entity.codes) {
      clear(code.system);
      clear(code.value_span);
    }
  }
}
void clear_node(ast::Edge& edge) {
  for (auto& term : edge.subjects) clear(term);
  clear(edge.relation);
  for (auto& term : edge.objects) clear(term);
}
void clear_node(ast::RuleDecl& rule) {
  if (rule.name) clear(*rule.name);
  clear(rule.clause);
}
void clear_node(ast::TestDecl& test) {
  clear(test.name_span);
  for (auto& atom : test.given) clear(atom);
  for (auto& expectation : test.expectations) clear(expectation.atom);
}
void clear_node(ast::ExclusiveDecl& exclusive) {
  for (auto& atom : exclusive.atoms) clear(atom);
}
void clear(ast::Selected& selected) {
  clear(selected.variable);
  clear(selected.span);
}
void clear_node(ast::QueryDecl& query) {
  if (query.name) clear(*query.name);
  for (auto& selected : query.selection) clear(selected);
  clear(query.body);
  for (auto& key : query.order) clear(key.key);
  clear(query.limit_span);
  if (query.path) {
    clear(query.path->from);
    clear(query.path->to);
    clear(query.path->through);
    clear(query.path->within_span);
  }
}

}  // namespace

void clear_spans(ast::Module& module) {
  module.file = no_file;
  for (auto& statement : module.statements) {
    clear(statement.span);
    for (auto& annotation : statement.annotations) {
      clear(annotation.source);
      clear(annotation.text_span);
      clear(annotation.span);
    }
    std::visit([](auto& node) { clear_node(node); }, statement.node);
  }
}

}  // namespace sinew::syntax
