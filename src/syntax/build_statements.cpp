// Building statements from the parse tree.
#include "build.hpp"

namespace sinew::syntax {

ast::Statement Builder::statement(Node node) {
  ast::Statement statement;
  statement.span = span(node);
  if (node.is<g::directive>()) {
    Node directive = node.child(0);
    if (directive.is<g::decl_directive>()) {
      statement.node = decl_directive(directive);
    } else if (directive.is<g::type_directive>()) {
      statement.node = type_directive(directive);
    } else {
      statement.node = io_directive(directive);
    }
  } else if (node.is<g::module_decl>()) {
    statement.node = module_decl(node);
  } else if (node.is<g::import_decl>()) {
    statement.node = import_decl(node);
  } else if (node.is<g::source_decl>()) {
    statement.node = source_decl(node);
  } else if (node.is<g::kind_decl>()) {
    statement.node = kind_decl(node);
  } else if (node.is<g::scale_decl>()) {
    statement.node = scale_decl(node);
  } else if (node.is<g::relation_decl>()) {
    statement.node = relation_decl(node);
  } else if (node.is<g::rule_decl>()) {
    statement.node = rule_decl(node, statement.annotations);
  } else if (node.is<g::test_decl>()) {
    statement.node = test_decl(node);
  } else if (node.is<g::query_decl>()) {
    statement.node = query_decl(node);
  } else if (node.is<g::exclusive_decl>()) {
    statement.node = ast::ExclusiveDecl{atom_list(node.child(0))};
  } else if (node.is<g::entity_decl>()) {
    statement.node = entity_decl(node);
  } else if (node.is<g::edge>()) {
    statement.node = edge(node);
  } else {
    statement.node = ast::RuleDecl{std::nullopt, clause(node)};
  }
  return statement;
}

ast::Annotation Builder::annotation(Node node) {
  ast::Annotation annotation;
  annotation.span = span(node);
  Node body = node.child(0);
  if (body.is<g::cite>()) {
    annotation.kind = ast::Annotation::Kind::cite;
    annotation.source = name(body.child(0));
  } else if (body.is<g::note>()) {
    annotation.kind = ast::Annotation::Kind::note;
  } else {
    annotation.kind = ast::Annotation::Kind::assumption;
  }
  Node text = body.last_child();
  annotation.text = string_value(text);
  annotation.text_span = span(text);
  return annotation;
}

std::vector<ast::Parameter> Builder::parameters(Node node, std::size_t first) {
  std::vector<ast::Parameter> parameters;
  for (std::size_t i = first; i < node.child_count(); ++i) {
    Node child = node.child(i);
    if (!child.is<g::typed_parameter>()) continue;
    ast::Parameter parameter{name(child.child(0)), name(child.child(1)), std::nullopt};
    for (std::size_t j = 2; j < child.child_count(); ++j) {
      Node limit = child.child(j);
      if (!parameter.range) parameter.range = ast::ColumnRange{{}, {}, span(limit)};
      parameter.range->span = join(parameter.range->span, span(limit));
      (limit.is<g::range_low>() ? parameter.range->low : parameter.range->high) = limit.text();
    }
    parameters.push_back(std::move(parameter));
  }
  return parameters;
}

std::vector<ast::Name> Builder::names(Node node) {
  std::vector<ast::Name> names;
  for (Node child : node.children()) names.push_back(name(child));
  return names;
}

ast::RelationDecl Builder::decl_directive(Node node) {
  ast::RelationDecl decl;
  decl.souffle_form = true;
  decl.name = name(node.child(0));
  decl.params = parameters(node, 1);
  for (Node child : node.children()) {
    if (child.is<g::qualifier>()) decl.qualifiers.push_back(name(child));
  }
  return decl;
}

ast::TypeDecl Builder::type_directive(Node node) {
  ast::TypeDecl decl;
  decl.name = name(node.child(0));
  Node definition = node.child(1);
  decl.subtype = definition.text().starts_with("<:");
  decl.bases = names(definition);
  return decl;
}

ast::IoDirective Builder::io_directive(Node node) {
  ast::IoDirective directive;
  std::string_view kind = node.child(0).text();
  directive.kind = kind == "input"    ? ast::IoDirective::Kind::input
                   : kind == "output" ? ast::IoDirective::Kind::output
                                      : ast::IoDirective::Kind::printsize;
  for (std::size_t i = 1; i < node.child_count(); ++i) {
    Node target_node = node.child(i);
    ast::IoTarget target;
    target.relation = name(target_node.child(0));
    for (std::size_t j = 1; j < target_node.child_count(); ++j) {
      Node option = target_node.child(j);
      Node value = option.child(1);
      ast::IoOption io_option{name(option.child(0)), {}};
      if (is_string(value)) {
        io_option.value = string_term(value);
      } else if (value.is<g::integer>()) {
        io_option.value = integer_term(value, false, span(value));
      } else {
        // `IO=file`: a name here is a setting, never a variable, in either dialect.
        io_option.value.kind = ast::Term::Kind::constant;
        io_option.value.text = value.text();
        io_option.value.span = span(value);
      }
      target.options.push_back(std::move(io_option));
    }
    directive.targets.push_back(std::move(target));
  }
  return directive;
}

ast::ModuleDecl Builder::module_decl(Node node) {
  ast::ModuleDecl decl;
  decl.name = name(node.child(0));
  if (node.child_count() > 1) decl.version = string_value(node.child(1));
  return decl;
}

ast::ImportDecl Builder::import_decl(Node node) {
  return ast::ImportDecl{string_value(node.child(0)), span(node.child(0))};
}

ast::SourceDecl Builder::source_decl(Node node) {
  ast::SourceDecl decl;
  decl.id = name(node.child(0));
  auto add_property = [&](Node property) {
    Node value = property.child(1);
    decl.properties.push_back(
        ast::Property{name(property.child(0)), string_value(value), span(value)});
  };
  for (std::size_t i = 1; i < node.child_count(); ++i) {
    Node child = node.child(i);
    if (is_string(child)) {
      decl.title = string_value(child);
    } else if (child.is<g::source_block>()) {
      decl.braces = true;
      for (Node property : child.children()) add_property(property);
    } else {
      add_property(child);
    }
  }
  return decl;
}

ast::KindDecl Builder::kind_decl(Node node) {
  ast::KindDecl decl;
  decl.name = name(node.child(0));
  for (std::size_t i = 1; i < node.child_count(); ++i) {
    Node child = node.child(i);
    if (is_string(child)) {
      decl.label = string_value(child);
    } else {
      decl.parents = names(child);
    }
  }
  return decl;
}

ast::ScaleDecl Builder::scale_decl(Node node) {
  ast::ScaleDecl decl;
  decl.name = name(node.child(0));
  for (std::size_t i = 1; i < node.child_count(); ++i) decl.levels.push_back(name(node.child(i)));
  return decl;
}

ast::RelationDecl Builder::relation_decl(Node node) {
  ast::RelationDecl decl;
  std::string_view role = node.child(0).text();
  decl.role = role == "input"    ? ast::RelationDecl::Role::input
              : role == "output" ? ast::RelationDecl::Role::output
                                 : ast::RelationDecl::Role::plain;
  decl.name = name(node.child(1));
  decl.params = parameters(node, 2);
  return decl;
}

ast::EntityDecl Builder::entity_decl(Node node) {
  ast::EntityDecl decl;
  decl.kind = name(node.child(0));
  for (std::size_t i = 1; i < node.child_count(); ++i) {
    Node child = node.child(i);
    if (child.is<g::entity>()) {
      decl.entities.push_back(entity(child));
    } else {
      decl.block = true;
      for (Node property : child.children()) entity_property(property, decl.entities.back());
    }
  }
  return decl;
}

ast::Entity Builder::entity(Node node) {
  ast::Entity entity;
  entity.id = name(node.child(0));
  entity.span = span(node);
  if (node.child_count() > 1) entity.label = string_value(node.child(1));
  return entity;
}

void Builder::entity_property(Node node, ast::Entity& entity) {
  if (node.is<g::definition_property>()) {
    if (entity.definition) {
      fail(codes::unexpected_text, node,
           "this entity already has a definition: give one `definition` only");
    }
    entity.definition = string_value(node.child(0));
  } else if (node.is<g::code_property>()) {
    Node value = node.child(1);
    entity.codes.push_back(ast::Code{name(node.child(0)), string_value(value), span(value)});
  } else if (node.is<g::synonym_property>()) {
    for (Node synonym : node.children()) entity.synonyms.push_back(string_value(synonym));
  } else {
    for (ast::Name& parent : names(node.child(0))) entity.parents.push_back(std::move(parent));
  }
}

ast::Edge Builder::edge(Node node) {
  auto ends = [&](Node list) {
    std::vector<ast::Term> terms;
    for (Node end : list.children()) terms.push_back(term(end, 0));
    return terms;
  };
  return ast::Edge{ends(node.child(0)), name(node.child(1)), ends(node.child(2))};
}

ast::RuleDecl Builder::rule_decl(Node node, std::vector<ast::Annotation>& annotations) {
  ast::RuleDecl decl;
  decl.name = name(node.child(0));
  for (std::size_t i = 1; i + 1 < node.child_count(); ++i) {
    annotations.push_back(annotation(node.child(i)));
  }
  decl.clause = clause(node.last_child());
  return decl;
}

ast::Clause Builder::clause(Node node) {
  ast::Clause clause;
  clause.span = span(node);
  clause.heads = atom_list(node.child(0));
  if (node.child_count() > 1) clause.body = body(node.child(1));
  return clause;
}

ast::TestDecl Builder::test_decl(Node node) {
  ast::TestDecl decl;
  decl.name = string_value(node.child(0));
  decl.name_span = span(node.child(0));
  for (std::size_t i = 1; i < node.child_count(); ++i) {
    Node item = node.child(i);
    if (item.is<g::expectation>()) {
      bool negated = item.child_count() > 1;
      for (ast::Atom& atom : atom_list(item.last_child())) {
        decl.expectations.push_back(ast::Expectation{negated, std::move(atom)});
      }
    } else {
      for (ast::Atom& atom : atom_list(item.child(0))) decl.given.push_back(std::move(atom));
    }
  }
  return decl;
}

}  // namespace sinew::syntax
