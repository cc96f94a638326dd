// The debug dump of the AST (`sinew dump --stage=ast`); its format is in printer.hpp.
#include "support/quoting.hpp"
#include "syntax/printer.hpp"

#include <fmt/format.h>

namespace sinew::syntax {

namespace {

std::string_view term_kind(ast::Term::Kind kind) {
  switch (kind) {
    case ast::Term::Kind::variable: return "variable";
    case ast::Term::Kind::wildcard: return "wildcard";
    case ast::Term::Kind::constant: return "constant";
    case ast::Term::Kind::string: return "string";
    case ast::Term::Kind::integer: return "integer";
    case ast::Term::Kind::floating: return "float";
    case ast::Term::Kind::parameter: return "parameter";
    case ast::Term::Kind::negate: return "negate";
    case ast::Term::Kind::binary: return "binary";
    case ast::Term::Kind::call: return "call";
    case ast::Term::Kind::aggregate: return "aggregate";
  }
  return "term";
}

class Dumper {
 public:
  explicit Dumper(const SourceMap* sources) : sources_(sources) {}
  std::string out;

  void line(int depth, std::string_view label, Span span, std::string_view details = {}) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += label;
    if (sources_ != nullptr && span.valid() && span.file < sources_->size()) {
      LineCol at = sources_->line_col(span);
      fmt::format_to(std::back_inserter(out), " @{}:{}", at.line, at.column);
    }
    if (!details.empty()) {
      out += ' ';
      out += details;
    }
    out += '\n';
  }

  void name(int depth, std::string_view label, const ast::Name& name) {
    line(depth, label, name.span, name.text);
  }

  void term(int depth, const ast::Term& term) {
    std::string details(term_kind(term.kind));
    switch (term.kind) {
      case ast::Term::Kind::string: details += ' ' + quoted(term.text); break;
      case ast::Term::Kind::integer: details += ' ' + std::to_string(term.integer); break;
      case ast::Term::Kind::floating: details += fmt::format(" {}", term.floating); break;
      case ast::Term::Kind::wildcard:
      case ast::Term::Kind::negate: break;
      default: details += ' ' + term.text; break;
    }
    line(depth, "term", term.span, details);
    for (const auto& arg : term.args) this->term(depth + 1, arg);
    if (term.kind == ast::Term::Kind::aggregate) body(depth + 1, term.body);
  }

  void atom(int depth, std::string_view label, const ast::Atom& atom) {
    line(depth, label, atom.span,
         atom.relation.text + (atom.parenthesized ? "" : " (no parentheses)"));
    for (const auto& arg : atom.args) term(depth + 1, arg);
  }

  void literal(int depth, const ast::Literal& literal) {
    switch (literal.kind) {
      case ast::Literal::Kind::atom: atom(depth, "atom", literal.atom); break;
      case ast::Literal::Kind::negation: atom(depth, "negation", literal.atom); break;
      case ast::Literal::Kind::comparison:
        line(depth, "comparison", literal.span, literal.op);
        for (const auto& operand : literal.operands) term(depth + 1, operand);
        break;
      case ast::Literal::Kind::group:
        line(depth, "group", literal.span);
        body(depth + 1, literal.alternatives);
        break;
    }
  }

  void body(int depth, const std::vector<std::vector<ast::Literal>>& alternatives) {
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      line(depth, "alternative", Span{}, std::to_string(i + 1));
      for (const auto& each : alternatives[i]) literal(depth + 1, each);
    }
  }

  void clause(int depth, const ast::Clause& clause) {
    line(depth, "clause", clause.span, clause.body.empty() ? "fact" : "");
    for (const auto& head : clause.heads) atom(depth + 1, "head", head);
    body(depth + 1, clause.body);
  }

  void statement(const ast::Statement& statement) {
    std::visit([&](const auto& node) { dump_node(statement.span, node); }, statement.node);
    for (const auto& annotation : statement.annotations) {
      std::string details = annotation.kind == ast::Annotation::Kind::cite
                                ? "cite " + annotation.source.text
                            : annotation.kind == ast::Annotation::Kind::note ? "note"
                                                                             : "assumption";
      line(2, "annotation", annotation.span, details + ' ' + quoted(annotation.text));
    }
  }

 private:
  void params(const std::vector<ast::Parameter>& params) {
    for (const auto& param : params) {
      std::string range = param.range ? " in " + param.range->low + ".." + param.range->high
                                      : std::string();
      line(2, "column", param.name.span, param.name.text + ": " + param.type.text + range);
    }
  }

  void dump_node(Span span, const ast::RelationDecl& decl) {
    std::string_view role = decl.role == ast::RelationDecl::Role::input    ? "input"
                            : decl.role == ast::RelationDecl::Role::output ? "output"
                                                                           : "relation";
    line(1, "relation_decl", span,
         fmt::format("{} {}{}", role, decl.name.text, decl.souffle_form ? " (.decl)" : ""));
    params(decl.params);
    for (const auto& qualifier : decl.qualifiers) name(2, "qualifier", qualifier);
  }
  void dump_node(Span span, const ast::TypeDecl& decl) {
    line(1, "type_decl", span, decl.name.text + (decl.subtype ? " <:" : " ="));
    for (const auto& base : decl.bases) name(2, "base", base);
  }
  void dump_node(Span span, const ast::IoDirective& directive) {
    std::string_view kind = directive.kind == ast::IoDirective::Kind::input    ? "input"
                            : directive.kind == ast::IoDirective::Kind::output ? "output"
                                                                               : "printsize";
    line(1, "io_directive", span, kind);
    for (const auto& target : directive.targets) {
      name(2, "target", target.relation);
      for (const auto& option : target.options) {
        name(3, "option", option.key);
        term(4, option.value);
      }
    }
  }
  void dump_node(Span span, const ast::ModuleDecl& decl) {
    line(1, "module_decl", span,
         decl.name.text + (decl.version ? " version " + quoted(*decl.version) : ""));
  }
  void dump_node(Span span, const ast::ImportDecl& decl) {
    line(1, "import_decl", span, quoted(decl.path));
  }
  void dump_node(Span span, const ast::SourceDecl& decl) {
    line(1, "source_decl", span,
         decl.id.text + (decl.title ? ' ' + quoted(*decl.title) : "") +
             (decl.braces ? " (braces)" : ""));
    for (const auto& property : decl.properties) {
      line(2, "property", property.key.span, property.key.text + ' ' + quoted(property.value));
    }
  }
  void dump_node(Span span, const ast::KindDecl& decl) {
    line(1, "kind_decl", span, decl.name.text + (decl.label ? ' ' + quoted(*decl.label) : ""));
    for (const auto& parent : decl.parents) name(2, "parent", parent);
  }
  void dump_node(Span span, const ast::ScaleDecl& decl) {
    line(1, "scale_decl", span, decl.name.text);
    for (const auto& level : decl.levels) name(2, "level", level);
  }
  void dump_node(Span span, const ast::EntityDecl& decl) {
    line(1, "entity_decl", span, decl.kind.text + (decl.block ? " (block)" : ""));
    for (const auto& entity : decl.entities) {
      line(2, "entity", entity.span,
           entity.id.text + (entity.label ? ' ' + quoted(*entity.label) : ""));
      if (entity.definition) line(3, "definition", Span{}, quoted(*entity.definition));
      for (const auto& code : entity.codes) {
        line(3, "code", code.system.span, code.system.text + ' ' + quoted(code.value));
      }
      for (const auto& synonym : entity.synonyms) line(3, "synonym", Span{}, quoted(synonym));
      for (const auto& parent : entity.parents) name(3, "is_a", parent);
    }
  }
  void dump_node(Span span, const ast::Edge& edge) {
    line(1, "edge", span, edge.relation.text);
    for (const auto& subject : edge.subjects) term(2, subject);
    line(2, "objects", Span{});
    for (const auto& object : edge.objects) term(3, object);
  }
  void dump_node(Span span, const ast::RuleDecl& rule) {
    line(1, "rule_decl", span, rule.name ? rule.name->text : "");
    clause(2, rule.clause);
  }
  void dump_node(Span span, const ast::TestDecl& test) {
    line(1, "test_decl", span, quoted(test.name));
    for (const auto& given : test.given) atom(2, "given", given);
    for (const auto& expectation : test.expectations) {
      atom(2, expectation.negated ? "expect_not" : "expect", expectation.atom);
    }
  }
  void dump_node(Span span, const ast::ExclusiveDecl& exclusive) {
    line(1, "exclusive_decl", span);
    for (const auto& atom : exclusive.atoms) this->atom(2, "fact", atom);
  }
  void dump_node(Span span, const ast::QueryDecl& query) {
    line(1, "query_decl", span, query.name ? query.name->text : "");
    if (query.path) {
      path_question(*query.path);
      return;
    }
    for (const auto& selected : query.selection)
      line(2, "select", selected.span, describe(selected));
    body(2, query.body);
    for (const auto& key : query.order) {
      line(2, "order_by", key.key.span, describe(key.key) + (key.descending ? " desc" : " asc"));
    }
    if (query.limit) line(2, "limit", query.limit_span, std::to_string(*query.limit));
  }

  static std::string describe(const ast::Selected& selected) {
    switch (selected.kind) {
      case ast::Selected::Kind::variable: return "variable " + selected.variable.text;
      case ast::Selected::Kind::count: return "count";
      case ast::Selected::Kind::sum: return "sum " + selected.variable.text;
      case ast::Selected::Kind::min: return "min " + selected.variable.text;
      case ast::Selected::Kind::max: return "max " + selected.variable.text;
      case ast::Selected::Kind::mean: return "mean " + selected.variable.text;
    }
    return "";
  }

  void path_question(const ast::PathQuestion& path) {
    std::string details = path.directed ? "directed" : "undirected";
    if (path.all) details += " all";
    if (path.within) details += fmt::format(" within {}", *path.within);
    line(2, "path_question", path.from.span, details);
    line(3, "from", Span{});
    term(4, path.from);
    line(3, "to", Span{});
    term(4, path.to);
    for (const auto& relation : path.through) name(3, "through", relation);
  }

  const SourceMap* sources_;
};

}  // namespace

std::string dump(const ast::Module& module, const SourceMap* sources) {
  Dumper dumper(sources);
  std::string path = sources != nullptr && module.file < sources->size()
                         ? sources->file(module.file).path()
                         : "";
  dumper.line(0, "module", Span{},
              fmt::format("{}dialect={} statements={}", path.empty() ? "" : path + ' ',
                          module.dialect == ast::Dialect::souffle ? "souffle" : "sinew",
                          module.statements.size()));
  for (const auto& statement : module.statements) dumper.statement(statement);
  return std::move(dumper.out);
}

}  // namespace sinew::syntax
