// Printing the AST back as source text that parses to the same tree.
#include "syntax/printer.hpp"
#include "support/quoting.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string_view>

namespace sinew::syntax {

namespace {

using ast::Literal;
using ast::Term;

// Binding strength, for parentheses: a child weaker than its context gets them.
constexpr int additive_level = 1;
constexpr int multiplicative_level = 2;
constexpr int unary_level = 3;

int level(const Term& term) {
  switch (term.kind) {
    case Term::Kind::binary:
      return term.text == "+" || term.text == "-" ? additive_level : multiplicative_level;
    case Term::Kind::negate: return unary_level;
    case Term::Kind::integer: return term.integer < 0 ? unary_level : unary_level + 1;
    case Term::Kind::floating: return std::signbit(term.floating) ? unary_level : unary_level + 1;
    default: return unary_level + 1;
  }
}

// The shortest text that reads back as the same double, always with `.` or `e` so
// that it reads back as a decimal number and not a whole one.
std::string floating_text(double value) {
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

// Whether `text` is one number as the grammar writes it (`42`, `0x2A`, `-3`, `1e-3`):
// only such text is copied as written; `- 3` or `-(3)` are printed plainly instead.
bool is_number_text(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  if (text.empty() || text.front() < '0' || text.front() > '9') return false;
  for (char c : text) {
    bool digit_or_letter = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z');
    if (!digit_or_letter && c != '.' && c != '+' && c != '-') return false;
  }
  return true;
}

class Printer {
 public:
  std::string out;
  // The text the spans point into, when numbers and strings are to be printed as the
  // author wrote them (`0x2A`, `"""..."""`, escapes); empty for the plain form.
  std::string_view source;
  // `( a ; b )`, as `sinew fmt` writes a group, rather than `(a ; b)`.
  bool spaced_groups = false;

  // The literal `value` as written at `span` in `source`, or else quoted.
  std::string string_as_written(std::string_view value, Span span) const {
    if (!source.empty() && span.valid() && span.end <= source.size() && span.begin < span.end &&
        source[span.begin] == '"') {
      return std::string(source.substr(span.begin, span.size()));
    }
    return quoted(value);
  }

  // The number at `span` in `source`, when it is written as one number there.
  std::optional<std::string_view> number_as_written(Span span) const {
    if (source.empty() || !span.valid() || span.end > source.size()) return std::nullopt;
    std::string_view text = source.substr(span.begin, span.size());
    if (!is_number_text(text)) return std::nullopt;
    return text;
  }

  void term(const Term& term, int context = 0) {
    bool parens = level(term) < context;
    if (parens) out += '(';
    switch (term.kind) {
      case Term::Kind::variable:
      case Term::Kind::constant: out += term.text; break;
      case Term::Kind::wildcard: out += '_'; break;
      case Term::Kind::string: out += string_as_written(term.text, term.span); break;
      case Term::Kind::integer:
        if (auto written = number_as_written(term.span)) {
          out += *written;
        } else {
          out += std::to_string(term.integer);
        }
        break;
      case Term::Kind::floating:
        if (auto written = number_as_written(term.span)) {
          out += *written;
        } else {
          out += floating_text(term.floating);
        }
        break;
      case Term::Kind::parameter: out += '$' + term.text; break;
      case Term::Kind::negate:
        out += '-';
        // `--3` would read as `-(-3)` too, but `-(...)` says it plainly.
        this->term(term.args.at(0), unary_level + 1);
        break;
      case Term::Kind::binary:
        this->term(term.args.at(0), level(term));
        out += fmt::format(" {} ", term.text);
        this->term(term.args.at(1), level(term) + 1);
        break;
      case Term::Kind::call:
        out += term.text;
        arguments(term.args);
        break;
      case Term::Kind::aggregate: aggregate(term); break;
    }
    if (parens) out += ')';
  }

  void arguments(const std::vector<Term>& args) {
    out += '(';
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) out += ", ";
      term(args[i]);
    }
    out += ')';
  }

  // `sum X : { ... }`, or `sum(X + 1) : { ... }` when the value is not a single token,
  // so that it cannot run into the `:` of an aggregate inside it.
  void aggregate(const Term& aggregate) {
    out += aggregate.text;
    if (!aggregate.args.empty()) {
      const Term& value = aggregate.args.front();
      bool simple = value.kind == Term::Kind::variable || value.kind == Term::Kind::wildcard ||
                    value.kind == Term::Kind::string || value.kind == Term::Kind::parameter ||
                    ((value.kind == Term::Kind::integer || value.kind == Term::Kind::floating) &&
                     level(value) > unary_level);
      if (simple) {
        out += ' ';
        term(value);
      } else {
        arguments(aggregate.args);
      }
    }
    out += " : { ";
    body(aggregate.body);
    out += " }";
  }

  void atom(const ast::Atom& atom) {
    out += atom.relation.text;
    if (atom.parenthesized) arguments(atom.args);
  }

  void atoms(const std::vector<ast::Atom>& atoms) {
    for (std::size_t i = 0; i < atoms.size(); ++i) {
      if (i > 0) out += ", ";
      atom(atoms[i]);
    }
  }

  void literal(const Literal& literal) {
    switch (literal.kind) {
      case Literal::Kind::atom: atom(literal.atom); break;
      case Literal::Kind::negation:
        out += '!';
        atom(literal.atom);
        break;
      case Literal::Kind::comparison:
        term(literal.operands.at(0));
        out += fmt::format(" {} ", literal.op);
        term(literal.operands.at(1));
        break;
      case Literal::Kind::group:
        out += spaced_groups ? "( " : "(";
        body(literal.alternatives);
        out += spaced_groups ? " )" : ")";
        break;
    }
  }

  void body(const std::vector<std::vector<Literal>>& alternatives) {
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      if (i > 0) out += " ; ";
      for (std::size_t j = 0; j < alternatives[i].size(); ++j) {
        if (j > 0) out += ", ";
        literal(alternatives[i][j]);
      }
    }
  }

  void clause(const ast::Clause& clause) {
    atoms(clause.heads);
    if (!clause.body.empty()) {
      out += " :- ";
      body(clause.body);
    }
    out += '.';
  }

  void names(const std::vector<ast::Name>& names, std::string_view separator) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += separator;
      out += names[i].text;
    }
  }

  void annotation(const ast::Annotation& annotation) {
    out += "  @";
    switch (annotation.kind) {
      case ast::Annotation::Kind::cite: out += "cite " + annotation.source.text + ' '; break;
      case ast::Annotation::Kind::note: out += "note "; break;
      case ast::Annotation::Kind::assumption: out += "assumption "; break;
    }
    out += string_as_written(annotation.text, annotation.text_span) + '\n';
  }

  void statement(const ast::Statement& statement) {
    std::visit([&](const auto& node) { print_node(node, statement.annotations); }, statement.node);
  }

  void statement_alone(const ast::StatementNode& node) {
    std::visit([&](const auto& each) { print_node(each, {}); }, node);
  }

 private:
  void annotations(const std::vector<ast::Annotation>& list) {
    for (const auto& each : list) annotation(each);
  }

  void columns(const std::vector<ast::Parameter>& params) {
    out += '(';
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (i > 0) out += ", ";
      out += params[i].name.text + ": " + params[i].type.text;
      if (const auto& range = params[i].range) out += " in " + range->low + ".." + range->high;
    }
    out += ')';
  }

  void print_node(const ast::RelationDecl& decl, const std::vector<ast::Annotation>& notes) {
    if (decl.souffle_form) {
      out += ".decl ";
    } else {
      out += decl.role == ast::RelationDecl::Role::input    ? "input "
             : decl.role == ast::RelationDecl::Role::output ? "output "
                                                            : "relation ";
    }
    out += decl.name.text;
    columns(decl.params);
    for (const auto& qualifier : decl.qualifiers) out += ' ' + qualifier.text;
    out += '\n';
    annotations(notes);
  }

  void print_node(const ast::TypeDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += ".type " + decl.name.text + (decl.subtype ? " <: " : " = ");
    names(decl.bases, " | ");
    out += '\n';
    annotations(notes);
  }

  void print_node(const ast::IoDirective& directive, const std::vector<ast::Annotation>& notes) {
    out += directive.kind == ast::IoDirective::Kind::input    ? ".input "
           : directive.kind == ast::IoDirective::Kind::output ? ".output "
                                                              : ".printsize ";
    for (std::size_t i = 0; i < directive.targets.size(); ++i) {
      const ast::IoTarget& target = directive.targets[i];
      if (i > 0) out += ", ";
      out += target.relation.text;
      if (target.options.empty()) continue;
      out += '(';
      for (std::size_t j = 0; j < target.options.size(); ++j) {
        if (j > 0) out += ", ";
        out += target.options[j].key.text + '=';
        term(target.options[j].value);
      }
      out += ')';
    }
    out += '\n';
    annotations(notes);
  }

  void print_node(const ast::ModuleDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += "module " + decl.name.text;
    if (decl.version) out += " version " + quoted(*decl.version);
    out += '\n';
    annotations(notes);
  }

  void print_node(const ast::ImportDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += "import " + string_as_written(decl.path, decl.path_span) + '\n';
    annotations(notes);
  }

  void print_node(const ast::SourceDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += "source " + decl.id.text;
    if (decl.title) out += ' ' + quoted(*decl.title);
    if (decl.braces) out += " {";
    for (const auto& property : decl.properties) {
      out += "\n  " + property.key.text + ' ' +
             string_as_written(property.value, property.value_span);
    }
    out += decl.braces ? "\n}\n" : "\n";
    annotations(notes);
  }

  void print_node(const ast::KindDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += "kind " + decl.name.text;
    if (decl.label) out += ' ' + quoted(*decl.label);
    if (!decl.parents.empty()) {
      out += " : ";
      names(decl.parents, ", ");
    }
    out += '\n';
    annotations(notes);
  }

  void print_node(const ast::ScaleDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += "scale " + decl.name.text + " : ";
    names(decl.levels, " < ");
    out += '\n';
    annotations(notes);
  }

  void entity(const ast::Entity& entity) {
    out += entity.id.text;
    if (entity.label) out += ' ' + quoted(*entity.label);
  }

  void print_node(const ast::EntityDecl& decl, const std::vector<ast::Annotation>& notes) {
    out += decl.kind.text + ' ';
    if (decl.block) {
      const ast::Entity& only = decl.entities.at(0);
      entity(only);
      out += " {";
      if (only.definition) out += "\n  definition " + quoted(*only.definition);
      for (const auto& code : only.codes) {
        out += "\n  code " + code.system.text + ' ' +
               string_as_written(code.value, code.value_span);
      }
      for (std::size_t i = 0; i < only.synonyms.size(); ++i) {
        out += i == 0 ? "\n  synonym " : ", ";
        out += quoted(only.synonyms[i]);
      }
      if (!only.parents.empty()) {
        out += "\n  is_a ";
        names(only.parents, ", ");
      }
      out += "\n}\n";
    } else {
      for (std::size_t i = 0; i < decl.entities.size(); ++i) {
        if (i > 0) out += ", ";
        entity(decl.entities[i]);
      }
      out += ".\n";
    }
    annotations(notes);
  }

  void ends(const std::vector<Term>& terms) {
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (i > 0) out += ", ";
      term(terms[i]);
    }
  }

  void print_node(const ast::Edge& edge, const std::vector<ast::Annotation>& notes) {
    ends(edge.subjects);
    out += ' ' + edge.relation.text + ' ';
    ends(edge.objects);
    out += ".\n";
    annotations(notes);
  }

  void print_node(const ast::RuleDecl& rule, const std::vector<ast::Annotation>& notes) {
    if (rule.name) {
      out += "rule " + rule.name->text + '\n';
      annotations(notes);
      out += "  ";
      clause(rule.clause);
      out += '\n';
      return;
    }
    clause(rule.clause);
    out += '\n';
    annotations(notes);
  }

  void print_node(const ast::TestDecl& test, const std::vector<ast::Annotation>& notes) {
    out += "test " + string_as_written(test.name, test.name_span) + " {\n";
    if (!test.given.empty()) {
      out += "  given ";
      atoms(test.given);
      out += ".\n";
    }
    for (const auto& expectation : test.expectations) {
      out += expectation.negated ? "  expect not " : "  expect ";
      atom(expectation.atom);
      out += ".\n";
    }
    out += "}\n";
    annotations(notes);
  }

  void print_node(const ast::ExclusiveDecl& exclusive, const std::vector<ast::Annotation>& notes) {
    out += "exclusive ";
    atoms(exclusive.atoms);
    out += ".\n";
    annotations(notes);
  }

  void print_node(const ast::QueryDecl& query, const std::vector<ast::Annotation>& notes) {
    if (query.name) out += "query " + query.name->text + ' ';
    question(query);
    out += ".\n";
    annotations(notes);
  }

 public:
  // The query without its name and its final `.`, as `sinew query -e` takes it.
  void question(const ast::QueryDecl& query) {
    if (query.path) {
      path_question(*query.path);
      return;
    }
    out += "?- ";
    for (std::size_t i = 0; i < query.selection.size(); ++i) {
      if (i > 0) out += ", ";
      selected(query.selection[i]);
    }
    if (!query.selection.empty()) out += " : ";
    body(query.body);
    for (std::size_t i = 0; i < query.order.size(); ++i) {
      out += i == 0 ? " order by " : ", ";
      selected(query.order[i].key);
      if (query.order[i].descending) out += " desc";
    }
    if (query.limit) out += fmt::format(" limit {}", *query.limit);
  }

 private:
  void selected(const ast::Selected& selected) {
    switch (selected.kind) {
      case ast::Selected::Kind::variable: out += selected.variable.text; return;
      case ast::Selected::Kind::count: out += "count"; return;
      case ast::Selected::Kind::sum: out += "sum "; break;
      case ast::Selected::Kind::min: out += "min "; break;
      case ast::Selected::Kind::max: out += "max "; break;
      case ast::Selected::Kind::mean: out += "mean "; break;
    }
    out += selected.variable.text;
  }

  void path_question(const ast::PathQuestion& path) {
    out += "?~ ";
    term(path.from);
    out += path.directed ? " -> " : " ~ ";
    term(path.to);
    if (!path.through.empty()) {
      out += " through ";
      names(path.through, ", ");
    }
    if (path.all) out += " all";
    if (path.within) out += fmt::format(" within {}", *path.within);
  }
};

}  // namespace

std::string print(const ast::Module& module) {
  Printer printer;
  for (const auto& statement : module.statements) printer.statement(statement);
  return std::move(printer.out);
}

std::string print(const ast::Term& term, ast::Dialect) {
  Printer printer;
  printer.term(term);
  return std::move(printer.out);
}

std::string print(const ast::Atom& atom, ast::Dialect) {
  Printer printer;
  printer.atom(atom);
  return std::move(printer.out);
}

std::string print(const ast::QueryDecl& query, ast::Dialect) {
  Printer printer;
  printer.question(query);
  return std::move(printer.out);
}

std::string print_as_written(const ast::StatementNode& statement, std::string_view source) {
  Printer printer;
  printer.source = source;
  printer.spaced_groups = true;
  printer.statement_alone(statement);
  while (!printer.out.empty() && printer.out.back() == '\n') printer.out.pop_back();
  return std::move(printer.out);
}

std::string print_as_written(const ast::Literal& literal, std::string_view source) {
  Printer printer;
  printer.source = source;
  printer.spaced_groups = true;
  printer.literal(literal);
  return std::move(printer.out);
}

std::string print_as_written(const ast::Atom& atom, std::string_view source) {
  Printer printer;
  printer.source = source;
  printer.spaced_groups = true;
  printer.atom(atom);
  return std::move(printer.out);
}

std::string print_as_written(const ast::Term& term, std::string_view source) {
  Printer printer;
  printer.source = source;
  printer.spaced_groups = true;
  printer.term(term);
  return std::move(printer.out);
}

std::string print(const ast::Literal& literal, ast::Dialect) {
  Printer printer;
  printer.literal(literal);
  return std::move(printer.out);
}

}  // namespace sinew::syntax
