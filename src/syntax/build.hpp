#pragma once
// Builds the AST of one statement from its parse tree: names, values, spans.
//
// Everything the grammar cannot say is checked here, and reported by throwing a
// SyntaxError (the parser reports it and drops the statement): numbers out of range,
// an aggregate written with a function that cannot aggregate, a definition given
// twice, expressions nested too deeply.

#include "parse_tree.hpp"
#include "syntax_error.hpp"

#include <sinew/syntax/ast.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace sinew::syntax {

class Builder {
 public:
  Builder(const char* base, FileId file, ast::Dialect dialect, std::size_t max_depth)
      : base_(base), file_(file), dialect_(dialect), max_depth_(max_depth) {}

  // `node` is the root's child: one of the statement alternatives, not an annotation.
  ast::Statement statement(const Node& node);
  ast::Annotation annotation(const Node& node);
  ast::Atom atom(const Node& node);
  std::vector<std::vector<ast::Literal>> body(const Node& node, std::size_t depth = 0);

 private:
  // Terms and conditions (build_terms.cpp).
  ast::Term term(const Node& node, std::size_t depth);
  ast::Term name_term(const Node& node);
  ast::Term integer_term(const Node& node, bool negated, Span span);
  ast::Term floating_term(const Node& node, bool negated, Span span);
  ast::Term string_term(const Node& node);
  ast::Term negate(const Node& node, std::size_t depth);
  ast::Term chain(const Node& node, std::size_t depth);
  ast::Term call(const Node& node, std::size_t depth);
  ast::Term aggregate(const Node& node, std::size_t depth);
  std::vector<std::vector<ast::Literal>> aggregate_body(const Node& node, std::size_t depth);
  ast::Atom atom(const Node& node, std::size_t depth);
  std::vector<ast::Atom> atom_list(const Node& node);
  std::vector<ast::Literal> conjunction(const Node& node, std::size_t depth);
  ast::Literal literal(const Node& node, std::size_t depth);

  // Statements (build_statements.cpp).
  ast::RelationDecl decl_directive(const Node& node);
  ast::TypeDecl type_directive(const Node& node);
  ast::IoDirective io_directive(const Node& node);
  ast::ModuleDecl module_decl(const Node& node);
  ast::ImportDecl import_decl(const Node& node);
  ast::SourceDecl source_decl(const Node& node);
  ast::KindDecl kind_decl(const Node& node);
  ast::ScaleDecl scale_decl(const Node& node);
  ast::RelationDecl relation_decl(const Node& node);
  ast::EntityDecl entity_decl(const Node& node);
  ast::Entity entity(const Node& node);
  void entity_property(const Node& node, ast::Entity& entity);
  ast::Edge edge(const Node& node);
  ast::RuleDecl rule_decl(const Node& node, std::vector<ast::Annotation>& annotations);
  ast::Clause clause(const Node& node);
  ast::TestDecl test_decl(const Node& node);
  ast::QueryDecl query_decl(const Node& node);
  std::vector<ast::Parameter> parameters(const Node& node, std::size_t first);
  std::vector<ast::Name> names(const Node& node);

  // Tokens.
  Span span(const Node& node) const;
  ast::Name name(const Node& node) const;
  std::string string_value(const Node& node) const;
  [[noreturn]] void fail(const Code& code, const Node& node, std::string message) const;

  const char* base_;
  FileId file_;
  ast::Dialect dialect_;
  std::size_t max_depth_;
};

bool is_string(const Node& node);

}  // namespace sinew::syntax
