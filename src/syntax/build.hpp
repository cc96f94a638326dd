#pragma once
// Builds the AST of one statement from its parse tree: names, values, spans.
//
// Everything the grammar cannot say is checked here, and reported by throwing a
// SyntaxError (the parser reports it and drops the statement): numbers out of range,
// an aggregate written with a function that cannot aggregate, a definition given
// twice, expressions nested too deeply.

#include "parse_tree.hpp"
#include "syntax_error.hpp"

#include "syntax/ast.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace sinew::syntax {

class Builder {
 public:
  Builder(FileId file, ast::Dialect dialect, std::size_t max_depth)
      : file_(file), dialect_(dialect), max_depth_(max_depth) {}

  // `node` is the root's child: one of the statement alternatives, not an annotation.
  ast::Statement statement(Node node);
  ast::Annotation annotation(Node node);
  ast::Atom atom(Node node);
  std::vector<std::vector<ast::Literal>> body(Node node, std::size_t depth = 0);
  // A `query_decl` or a `query_text` (build_queries.cpp).
  ast::QueryDecl query_decl(Node node);

 private:
  // Terms and conditions (build_terms.cpp).
  ast::Term term(Node node, std::size_t depth);
  ast::Term name_term(Node node);
  ast::Term integer_term(Node node, bool negated, Span span);
  ast::Term floating_term(Node node, bool negated, Span span);
  ast::Term string_term(Node node);
  ast::Term negate(Node node, std::size_t depth);
  ast::Term chain(Node node, std::size_t depth);
  ast::Term call(Node node, std::size_t depth);
  ast::Term aggregate(Node node, std::size_t depth);
  void check_count_value(const ast::Term& aggregate, Node value) const;
  std::vector<std::vector<ast::Literal>> aggregate_body(Node node, std::size_t depth);
  ast::Atom atom(Node node, std::size_t depth);
  std::vector<ast::Atom> atom_list(Node node);
  std::vector<ast::Literal> conjunction(Node node, std::size_t depth);
  ast::Literal literal(Node node, std::size_t depth);

  // Statements (build_statements.cpp).
  ast::RelationDecl decl_directive(Node node);
  ast::TypeDecl type_directive(Node node);
  ast::IoDirective io_directive(Node node);
  ast::ModuleDecl module_decl(Node node);
  ast::ImportDecl import_decl(Node node);
  ast::SourceDecl source_decl(Node node);
  ast::KindDecl kind_decl(Node node);
  ast::ScaleDecl scale_decl(Node node);
  ast::RelationDecl relation_decl(Node node);
  ast::EntityDecl entity_decl(Node node);
  ast::Entity entity(Node node);
  void entity_property(Node node, ast::Entity& entity);
  ast::Edge edge(Node node);
  ast::RuleDecl rule_decl(Node node, std::vector<ast::Annotation>& annotations);
  ast::Clause clause(Node node);
  ast::TestDecl test_decl(Node node);
  std::vector<ast::Parameter> parameters(Node node, std::size_t first);
  std::vector<ast::Name> names(Node node);

  // Queries (build_queries.cpp).
  ast::Selected selected(Node node);
  ast::OrderKey order_key(Node node);
  ast::PathQuestion path_question(Node node);
  ast::Term path_end(Node node);
  std::int64_t count_value(Node node);

  // Tokens.
  Span span(Node node) const;
  ast::Name name(Node node) const;
  std::string string_value(Node node) const;
  [[noreturn]] void fail(const Code& code, Node node, std::string message) const;

  FileId file_;
  ast::Dialect dialect_;
  std::size_t max_depth_;
};

bool is_string(Node node);

}  // namespace sinew::syntax
