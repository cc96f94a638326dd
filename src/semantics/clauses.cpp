// The clauses pass: rules, facts, edges, tests and queries lowered to the IR.

#include "column_ranges.hpp"
#include "context.hpp"
#include "rule_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace sinew::semantics {

namespace {

bool cites_or_assumes(const ast::Statement& statement) {
  for (const ast::Annotation& annotation : statement.annotations) {
    if (annotation.kind != ast::Annotation::Kind::note) return true;
  }
  return false;
}

class ClauseLowering {
 public:
  explicit ClauseLowering(Context& context) : c_(context) {}

  void run(const std::vector<ast::Module>& modules) {
    for (const ast::Module& module : modules) {
      RuleBuilder builder(c_, module.dialect);
      for (const ast::Statement& statement : module.statements) {
        if (const auto* rule = std::get_if<ast::RuleDecl>(&statement.node)) {
          lower(builder, statement, *rule);
        } else if (const auto* edge = std::get_if<ast::Edge>(&statement.node)) {
          lower(builder, statement, *edge);
        } else if (const auto* test = std::get_if<ast::TestDecl>(&statement.node)) {
          lower(builder, statement, *test);
        } else if (const auto* query = std::get_if<ast::QueryDecl>(&statement.node)) {
          lower(builder, statement, *query);
        } else if (const auto* exclusive = std::get_if<ast::ExclusiveDecl>(&statement.node)) {
          lower(builder, statement, *exclusive);
        }
      }
    }
    for (ir::RelationId id = 0; id < c_.uses.size(); ++id) {
      if (c_.uses[id].equivalence) add_equivalence_rules(id);
    }
  }

 private:
  // An `eqrel` relation holds every pair of values that its facts and rules connect:
  // `e(x, x) :- e(x, _).`, `e(y, x) :- e(x, y).` and `e(x, z) :- e(x, y), e(y, z).`
  // (reflexive over the values it mentions, symmetric, transitive), as Soufflé reads it.
  void add_equivalence_rules(ir::RelationId id) {
    const ir::Relation& relation = c_.program.relations[id];
    ir::BaseType type = relation.columns[0].type.base;
    Span span = c_.uses[id].declared;
    // Explanations name these rules `eqrel` and point at the declaration.
    ir::OriginId origin = relation.origin;
    if (origin != ir::none) {
      ir::OriginView declared = c_.program.origins[origin];
      ir::Origin named;
      named.file = std::string(declared.file);
      named.line = declared.line;
      named.column = declared.column;
      named.span = declared.span;
      named.text = std::string(declared.text);
      named.remarks.rule_name = "eqrel";
      origin = c_.program.origins.add(named);
    }
    auto variable = [&](ir::VariableId v) {
      ir::Expr expr;
      expr.op = ir::Expr::Op::variable;
      expr.variable = v;
      expr.type = type;
      expr.span = span;
      return expr;
    };
    auto atom = [&](std::optional<ir::VariableId> a, std::optional<ir::VariableId> b) {
      ir::Literal literal;
      literal.kind = ir::Literal::Kind::positive;
      literal.span = span;
      literal.atom.relation = id;
      for (auto v : {a, b}) {
        ir::Argument argument;
        if (v) {
          argument.kind = ir::Argument::Kind::variable;
          argument.variable = *v;
        }
        literal.atom.args.push_back(argument);
      }
      return literal;
    };
    auto add = [&](ir::VariableId head_a, ir::VariableId head_b, std::vector<ir::Literal> body) {
      ir::Rule rule;
      rule.head = id;
      rule.head_args = {variable(head_a), variable(head_b)};
      rule.body = std::move(body);
      rule.variables = {"x", "y", "z"};
      rule.origin = origin;
      c_.rule_spans.push_back(span);
      c_.rule_literal_spans.emplace_back(rule.body.size(), span);
      c_.program.rules.push_back(std::move(rule));
    };
    add(0, 0, {atom(0, std::nullopt)});
    add(1, 0, {atom(0, 1)});
    add(0, 2, {atom(0, 1), atom(1, 2)});
  }

  static bool holds_aggregate(const ast::Term& term) {
    if (term.kind == ast::Term::Kind::aggregate) return true;
    return std::any_of(term.args.begin(), term.args.end(), holds_aggregate);
  }

  static bool heads_aggregate(const ast::Clause& clause) {
    return std::any_of(clause.heads.begin(), clause.heads.end(), [](const ast::Atom& head) {
      return std::any_of(head.args.begin(), head.args.end(), holds_aggregate);
    });
  }

  void lower(RuleBuilder& builder, const ast::Statement& statement, const ast::RuleDecl& decl) {
    std::string name = decl.name ? decl.name->text : "";
    if (decl.name) {
      if (auto [it, fresh] = rule_names_.emplace(name, decl.name->span); !fresh) {
        c_.sink
            .report(codes::duplicate_rule_name, decl.name->span,
                    fmt::format("two rules are named `{}`", name))
            .secondary.push_back({it->second, "the other one is here"});
      }
    }
    warn_if_uncited(statement, decl.name ? decl.name->span : decl.clause.span);
    ir::OriginId origin = c_.make_origin(statement, name);
    // `p(count : { e(_) }).` computes its value: a rule with no conditions.
    if (decl.clause.body.empty() && !heads_aggregate(decl.clause)) {
      for (const ast::Atom& head : decl.clause.heads) {
        auto fact = builder.lower_fact(head, origin);
        if (fact) check_fact_in_range(c_, *fact, head);
        add_fact(std::move(fact));
      }
      return;
    }
    for (ir::Rule& rule : builder.lower_rule(decl.clause, origin)) {
      c_.rule_spans.push_back(decl.clause.span);
      std::vector<Span> literal_spans;
      for (const ir::Literal& literal : rule.body) literal_spans.push_back(literal.span);
      c_.rule_literal_spans.push_back(std::move(literal_spans));
      c_.program.rules.push_back(std::move(rule));
    }
  }

  void lower(RuleBuilder& builder, const ast::Statement& statement, const ast::Edge& edge) {
    warn_if_uncited(statement, statement.span);
    ir::OriginId origin = c_.make_origin(statement);
    for (ir::Fact& fact : builder.lower_edge(edge, statement.span, origin))
      add_fact(std::move(fact));
  }

  void lower(RuleBuilder& builder, const ast::Statement& statement, const ast::TestDecl& test) {
    if (auto [it, fresh] = test_names_.emplace(test.name, test.name_span); !fresh) {
      c_.sink
          .report(codes::duplicate_test, test.name_span,
                  fmt::format("two tests are named \"{}\"", test.name))
          .secondary.push_back({it->second, "the other one is here"});
    }
    ir::TestCase lowered;
    lowered.name = test.name;
    lowered.origin = c_.make_origin(statement, test.name);
    bool ok = true;
    for (const ast::Atom& given : test.given) {
      auto fact = builder.lower_fact(given, lowered.origin);
      if (fact) check_fact_in_range(c_, *fact, given);
      if (fact) lowered.given.push_back(std::move(*fact));
      ok = ok && fact;
    }
    for (const ast::Expectation& expectation : test.expectations) {
      auto lowered_expectation = builder.lower_expectation(expectation);
      if (lowered_expectation) lowered.expectations.push_back(std::move(*lowered_expectation));
      ok = ok && lowered_expectation;
    }
    if (ok) c_.program.tests.push_back(std::move(lowered));
  }

  void lower(RuleBuilder& builder, const ast::Statement& statement,
             const ast::ExclusiveDecl& exclusive) {
    ir::Exclusion lowered;
    lowered.origin = c_.make_origin(statement);
    bool ok = true;
    for (const ast::Atom& atom : exclusive.atoms) {
      auto fact = builder.lower_fact(atom, lowered.origin);
      if (fact) lowered.facts.push_back(std::move(*fact));
      ok = ok && fact;
    }
    if (ok && lowered.facts.size() < 2) {
      c_.sink
          .report(codes::exclusive_alone, statement.span,
                  "`exclusive` needs at least two facts: the ones no case may have together")
          .hint =
          "write them after `exclusive`, separated by commas, as in "
          "`exclusive advise(heat), advise(ice).`";
      ok = false;
    }
    if (ok) c_.program.exclusions.push_back(std::move(lowered));
  }

  void lower(RuleBuilder& builder, const ast::Statement& statement, const ast::QueryDecl& query) {
    if (query.name) {
      if (auto [it, fresh] = query_names_.emplace(query.name->text, query.name->span); !fresh) {
        c_.sink
            .report(codes::duplicate_query, query.name->span,
                    fmt::format("two queries are named `{}`", query.name->text))
            .secondary.push_back({it->second, "the other one is here"});
      }
    }
    ir::OriginId origin = c_.make_origin(statement, query.name ? query.name->text : "");
    std::string text(c_.sources.text(statement.span));
    auto lowered = builder.lower_query(query, std::move(text), origin);
    if (lowered) c_.program.queries.push_back(std::move(*lowered));
  }

  void add_fact(std::optional<ir::Fact> fact) {
    if (!fact) return;
    c_.use(fact->relation).has_facts = true;
    c_.program.facts.push_back(std::move(*fact));
  }

  // Authors tie every clinical statement to its source; a rule that cites nothing is
  // worth a warning when the knowledge base has sources at all.
  void warn_if_uncited(const ast::Statement& statement, Span span) {
    if (!c_.options.require_citations || c_.program.sources.empty()) return;
    if (cites_or_assumes(statement)) return;
    c_.sink
        .report(codes::missing_citation, span,
                "this statement cites no source and is not marked as an assumption")
        .hint =
        "add `@cite SOURCE \"the sentence it rests on\"`, or `@assumption \"why\"` when "
        "it is your own reading";
  }

  Context& c_;
  std::map<std::string, Span> rule_names_, test_names_, query_names_;
};

}  // namespace

void lower_clauses(const std::vector<ast::Module>& modules, Context& context) {
  ClauseLowering(context).run(modules);
}

}  // namespace sinew::semantics
