// Building queries from the parse tree: the selection, the body, the order and the
// limit of a `?-` question, or the ends and options of a `?~` path question.
#include "build.hpp"

#include <fmt/format.h>

namespace sinew::syntax {

namespace {

ast::Selected::Kind aggregate_kind(std::string_view function) {
  if (function == "count") return ast::Selected::Kind::count;
  if (function == "sum") return ast::Selected::Kind::sum;
  if (function == "min") return ast::Selected::Kind::min;
  if (function == "max") return ast::Selected::Kind::max;
  return ast::Selected::Kind::mean;
}

}  // namespace

ast::QueryDecl Builder::query_decl(Node node) {
  ast::QueryDecl decl;
  for (Node child : node.children()) {
    if (child.is<g::query_name>()) {
      decl.name = name(child);
    } else if (child.is<g::selection>()) {
      for (Node column : child.children()) decl.selection.push_back(selected(column));
    } else if (child.is<g::body>()) {
      decl.body = body(child);
    } else if (child.is<g::order_key>()) {
      decl.order.push_back(order_key(child));
    } else if (child.is<g::limit_count>()) {
      decl.limit = count_value(child);
      decl.limit_span = span(child);
    } else if (child.is<g::path_question>()) {
      decl.path = path_question(child);
    }
  }
  return decl;
}

// `F`, `count`, `max L`.
ast::Selected Builder::selected(Node node) {
  ast::Selected selected;
  selected.span = span(node);
  if (node.is<g::identifier>()) {
    selected.variable = name(node);
    return selected;
  }
  std::string_view function = node.child(0).text();
  selected.kind = aggregate_kind(function);
  if (node.child_count() > 1) selected.variable = name(node.child(1));
  if (selected.kind == ast::Selected::Kind::count && node.child_count() > 1) {
    throw SyntaxError{&codes::unexpected_text,
                      "`count` takes no variable: it counts the answers of the question",
                      node.child(1).begin(), node.child(1).end(),
                      "write `count` alone, and put the variables to group by before it, as in "
                      "`?- S, count : escalates(_, S, _).`"};
  }
  if (selected.kind != ast::Selected::Kind::count && node.child_count() < 2) {
    fail(codes::expected_term, node,
         fmt::format("`{}` needs the variable whose values it works on, as in `{} N`", function,
                     function));
  }
  return selected;
}

ast::OrderKey Builder::order_key(Node node) {
  ast::OrderKey key;
  key.key = selected(node.child(0));
  key.descending = node.child_count() > 1 && node.child(1).text() == "desc";
  return key;
}

// A number of answers or of edges: a whole number that fits.
std::int64_t Builder::count_value(Node node) {
  return integer_term(node, false, span(node)).integer;
}

// The ends of a path are entities: a bare name is one in either dialect.
ast::Term Builder::path_end(Node node) {
  if (node.is<g::identifier>()) {
    ast::Term end;
    end.kind = ast::Term::Kind::constant;
    end.text = node.text();
    end.span = span(node);
    return end;
  }
  return term(node, 0);
}

ast::PathQuestion Builder::path_question(Node node) {
  ast::PathQuestion path;
  path.from = path_end(node.child(0));
  path.directed = node.child(1).text() == "->";
  path.to = path_end(node.child(2));
  bool through = false;
  for (std::size_t i = 3; i < node.child_count(); ++i) {
    Node option = node.child(i);
    auto twice = [&](std::string_view word) {
      fail(codes::unexpected_text, option,
           fmt::format("`{}` is given twice in this path question: give it once", word));
    };
    if (option.is<g::path_through>()) {
      if (through) twice("through");
      through = true;
      path.through = names(option);
    } else if (option.is<g::path_all>()) {
      if (path.all) twice("all");
      path.all = true;
    } else {
      if (path.within) twice("within");
      Node length = option.child(0);
      std::int64_t count = count_value(length.child(0));
      path.within = length.text().starts_with('-') ? -count : count;
      path.within_span = span(option.child(0));
    }
  }
  return path;
}

}  // namespace sinew::syntax
