// Building terms, conditions and bodies from the parse tree.
#include "build.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>

namespace sinew::syntax {

namespace {

constexpr std::uint64_t two_to_63 = std::uint64_t{1} << 63;

bool is_aggregate_function(std::string_view name) {
  return name == "count" || name == "sum" || name == "min" || name == "max" || name == "mean";
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

}  // namespace

bool is_string(Node node) { return node.is<g::short_string>() || node.is<g::long_string>(); }

Span Builder::span(Node node) const { return Span{file_, node.begin(), node.end()}; }

ast::Name Builder::name(Node node) const { return ast::Name{std::string(node.text()), span(node)}; }

std::string Builder::string_value(Node node) const {
  std::string_view text = node.text();
  if (node.is<g::long_string>()) return std::string(text.substr(3, text.size() - 6));
  text = text.substr(1, text.size() - 2);
  std::string value;
  value.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      value += text[i];
      continue;
    }
    // The grammar admits only these escapes.
    switch (text[++i]) {
      case 'n': value += '\n'; break;
      case 't': value += '\t'; break;
      case 'r': value += '\r'; break;
      default: value += text[i]; break;
    }
  }
  return value;
}

void Builder::fail(const Code& code, Node node, std::string message) const {
  Span where = span(node);
  throw SyntaxError{&code, std::move(message), where.begin, where.end};
}

ast::Term Builder::term(Node node, std::size_t depth) {
  if (depth > max_depth_) fail(codes::nesting_too_deep, node, depth_message(max_depth_));
  if (node.is<g::identifier>()) return name_term(node);
  if (node.is<g::integer>()) return integer_term(node, false, span(node));
  if (node.is<g::floating>()) return floating_term(node, false, span(node));
  if (is_string(node)) return string_term(node);
  if (node.is<g::negative>()) return negate(node, depth);
  if (node.is<g::additive>() || node.is<g::multiplicative>()) return chain(node, depth);
  if (node.is<g::call>()) return call(node, depth);
  if (node.is<g::aggregate>()) return aggregate(node, depth);
  // Parentheses only group: the tree keeps what they hold.
  if (node.is<g::parenthesized>()) return term(node.child(0), depth);
  ast::Term term;
  term.span = span(node);
  if (node.is<g::parameter>()) {
    term.kind = ast::Term::Kind::parameter;
    term.text = node.child(0).text();
  } else {
    term.kind = ast::Term::Kind::wildcard;
  }
  return term;
}

// DESIGN section 2: in .dl every name is a variable; in .sinew only those that start
// with an upper-case letter or `_` (ast::is_variable_name).
ast::Term Builder::name_term(Node node) {
  ast::Term term;
  term.span = span(node);
  term.text = node.text();
  term.kind = ast::is_variable_name(term.text, dialect_) ? ast::Term::Kind::variable
                                                         : ast::Term::Kind::constant;
  return term;
}

ast::Term Builder::integer_term(Node node, bool negated, Span where) {
  std::string_view text = node.text();
  unsigned radix = 10;
  std::size_t i = 0;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    radix = 16;
    i = 2;
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    radix = 2;
    i = 2;
  }
  std::uint64_t value = 0;
  bool too_large = false;
  for (; i < text.size() && !too_large; ++i) {
    auto digit = static_cast<std::uint64_t>(digit_value(text[i]));
    too_large = value > (std::numeric_limits<std::uint64_t>::max() - digit) / radix;
    value = value * radix + digit;
  }
  // -9223372036854775808 is written as `-` and a number one past the largest.
  if (too_large || value > (negated ? two_to_63 : two_to_63 - 1)) {
    throw SyntaxError{&codes::invalid_number,
                      "this number is out of range: whole numbers go from "
                      "-9223372036854775808 to 9223372036854775807",
                      where.begin, where.end};
  }
  ast::Term term;
  term.kind = ast::Term::Kind::integer;
  term.span = where;
  if (!negated) {
    term.integer = static_cast<std::int64_t>(value);
  } else if (value == two_to_63) {
    term.integer = std::numeric_limits<std::int64_t>::min();
  } else {
    term.integer = -static_cast<std::int64_t>(value);
  }
  return term;
}

ast::Term Builder::floating_term(Node node, bool negated, Span where) {
  std::string_view text = node.text();
  double value = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{}) {
    throw SyntaxError{&codes::invalid_number, "this number is out of range for a decimal number",
                      where.begin, where.end};
  }
  ast::Term term;
  term.kind = ast::Term::Kind::floating;
  term.span = where;
  term.floating = negated ? -value : value;
  return term;
}

ast::Term Builder::string_term(Node node) {
  ast::Term term;
  term.kind = ast::Term::Kind::string;
  term.span = span(node);
  term.text = string_value(node);
  return term;
}

// A `-` before a number is part of the number: `-3` is the integer -3, so that the
// tree has one form for it whatever the spacing or parentheses.
ast::Term Builder::negate(Node node, std::size_t depth) {
  Node operand_node = node.child(0);
  if (operand_node.is<g::integer>()) return integer_term(operand_node, true, span(node));
  if (operand_node.is<g::floating>()) return floating_term(operand_node, true, span(node));
  ast::Term operand = term(operand_node, depth + 1);
  if (operand.kind == ast::Term::Kind::integer &&
      operand.integer != std::numeric_limits<std::int64_t>::min()) {
    operand.integer = -operand.integer;
    operand.span = span(node);
    return operand;
  }
  if (operand.kind == ast::Term::Kind::floating) {
    operand.floating = -operand.floating;
    operand.span = span(node);
    return operand;
  }
  ast::Term negation;
  negation.kind = ast::Term::Kind::negate;
  negation.span = span(node);
  negation.args.push_back(std::move(operand));
  return negation;
}

// `a + b - c` is ((a + b) - c): as deep as it is long, so its length counts as depth.
ast::Term Builder::chain(Node node, std::size_t depth) {
  std::size_t operators = node.child_count() / 2;
  if (depth + operators > max_depth_) {
    fail(codes::nesting_too_deep, node, depth_message(max_depth_));
  }
  ast::Term left = term(node.child(0), depth + operators);
  for (std::size_t i = 1; i + 1 < node.child_count(); i += 2) {
    ast::Term binary;
    binary.kind = ast::Term::Kind::binary;
    binary.text = node.child(i).text();
    binary.span = Span{file_, span(node.child(0)).begin, span(node.child(i + 1)).end};
    binary.args.push_back(std::move(left));
    binary.args.push_back(term(node.child(i + 1), depth + operators));
    left = std::move(binary);
  }
  return left;
}

ast::Term Builder::call(Node node, std::size_t depth) {
  ast::Term call;
  call.kind = ast::Term::Kind::call;
  call.span = span(node);
  call.text = node.child(0).text();
  Node arguments = node.child(1);
  for (Node argument : arguments.children()) {
    call.args.push_back(term(argument, depth + 1));
  }
  if (node.child_count() < 3) return call;
  // `min(X) : { p(X) }`: an aggregate whose value is in parentheses.
  if (!is_aggregate_function(call.text)) {
    fail(codes::unexpected_text, node.child(0),
         fmt::format("`{}` cannot aggregate: use `count`, `sum`, `min`, `max` or `mean` "
                     "before `:`",
                     call.text));
  }
  if (call.args.size() > 1) {
    fail(codes::unexpected_text, arguments,
         fmt::format("`{}` aggregates one value, not {}", call.text, call.args.size()));
  }
  call.kind = ast::Term::Kind::aggregate;
  if (!call.args.empty()) check_count_value(call, arguments.child(0));
  call.body = aggregate_body(node.child(2), depth + 1);
  return call;
}

// Souffle's `count` counts answers; a value to aggregate belongs to `sum`, `min`, ...
void Builder::check_count_value(const ast::Term& aggregate, Node value) const {
  if (aggregate.text != "count" || aggregate.args.empty()) return;
  throw SyntaxError{&codes::unexpected_text,
                    "`count` takes no value: it counts the answers of its braces", value.begin(),
                    value.end(), "write `count : { ... }`"};
}

ast::Term Builder::aggregate(Node node, std::size_t depth) {
  ast::Term aggregate;
  aggregate.kind = ast::Term::Kind::aggregate;
  aggregate.span = span(node);
  aggregate.text = node.child(0).text();
  if (node.child_count() == 3) {
    aggregate.args.push_back(term(node.child(1), depth + 1));
    check_count_value(aggregate, node.child(1));
  }
  aggregate.body = aggregate_body(node.last_child(), depth + 1);
  return aggregate;
}

std::vector<std::vector<ast::Literal>> Builder::aggregate_body(Node node, std::size_t depth) {
  Node inside = node.child(0);
  if (inside.is<g::body>()) return body(inside, depth + 1);
  ast::Literal literal;
  literal.kind = ast::Literal::Kind::atom;
  literal.span = span(inside);
  literal.atom = atom(inside, depth + 1);
  std::vector<std::vector<ast::Literal>> alternatives(1);
  alternatives.front().push_back(std::move(literal));
  return alternatives;
}

ast::Atom Builder::atom(Node node) { return atom(node, 0); }

ast::Atom Builder::atom(Node node, std::size_t depth) {
  ast::Atom atom;
  atom.relation = name(node.child(0));
  atom.span = span(node);
  atom.parenthesized = node.child_count() > 1;
  if (atom.parenthesized) {
    for (Node argument : node.child(1).children()) {
      atom.args.push_back(term(argument, depth + 1));
    }
  }
  return atom;
}

std::vector<ast::Atom> Builder::atom_list(Node node) {
  std::vector<ast::Atom> atoms;
  for (Node child : node.children()) atoms.push_back(atom(child, 0));
  return atoms;
}

std::vector<std::vector<ast::Literal>> Builder::body(Node node, std::size_t depth) {
  std::vector<std::vector<ast::Literal>> alternatives;
  for (Node child : node.children()) alternatives.push_back(conjunction(child, depth));
  return alternatives;
}

std::vector<ast::Literal> Builder::conjunction(Node node, std::size_t depth) {
  std::vector<ast::Literal> literals;
  for (Node child : node.children()) literals.push_back(literal(child, depth));
  return literals;
}

ast::Literal Builder::literal(Node node, std::size_t depth) {
  ast::Literal literal;
  literal.span = span(node);
  if (node.is<g::atom>()) {
    literal.kind = ast::Literal::Kind::atom;
    literal.atom = atom(node, depth);
  } else if (node.is<g::negation>()) {
    literal.kind = ast::Literal::Kind::negation;
    literal.atom = atom(node.child(0), depth);
  } else if (node.is<g::group>()) {
    literal.kind = ast::Literal::Kind::group;
    literal.alternatives = body(node.child(0), depth + 1);
  } else {
    literal.kind = ast::Literal::Kind::comparison;
    literal.op = node.child(1).text();
    literal.operands.push_back(term(node.child(0), depth));
    literal.operands.push_back(term(node.child(2), depth));
  }
  return literal;
}

}  // namespace sinew::syntax
