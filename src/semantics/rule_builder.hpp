#pragma once
// RuleBuilder: lowers clauses, facts and queries from the AST to the IR, checking names,
// arity, kinds and types on the way, and safety once a body is lowered.

#include "context.hpp"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sinew::semantics {

// The variable names of a term or literal; with `into_aggregates` false, not those
// inside aggregate braces.
void collect_variable_names(const ast::Term& term, bool into_aggregates,
                            std::set<std::string>& names);
void collect_variable_names(const ast::Literal& literal, bool into_aggregates,
                            std::set<std::string>& names);

// The variable names that `literals` give a value to, starting from `grounded`: those
// of positive atoms, and `X = term` when the term's variables have values. Aggregates
// give a value, except `excluded`.
std::set<std::string> grounded_names(const std::vector<const ast::Literal*>& literals,
                                     const ast::Term* excluded, std::set<std::string> grounded);
// The variables of `aggregate` that are the rule's own (aggregate_scope.cpp): those that
// `scope` (the conjunction it is in) or an outer scope gives a value, unless the
// aggregate computes over them. The others are local to the aggregate.
std::set<std::string> injected_names(const ast::Term& aggregate,
                                     const std::vector<const ast::Literal*>& scope,
                                     const std::set<std::string>& grounded_outside);

// Which variables of `body` (with `count` variables) get a value from it; or, with
// `bound`, from it and from what already had one.
std::vector<bool> bound_variables(const std::vector<ir::Literal>& body, std::size_t count);
std::vector<bool> bound_variables(const std::vector<ir::Literal>& body, std::vector<bool> bound);

class RuleBuilder {
 public:
  RuleBuilder(Context& context, ast::Dialect dialect);

  // Values for `$name` in a query (`--param name=value`).
  void set_parameters(const std::map<std::string, std::string>* parameters) {
    parameters_ = parameters;
  }

  // One rule per head and per `;` alternative of the body.
  std::vector<ir::Rule> lower_rule(const ast::Clause& clause, ir::OriginId origin);
  // A ground fact; `_` is allowed only when `allow_wildcards` (test expectations).
  std::optional<ir::Fact> lower_fact(const ast::Atom& atom, ir::OriginId origin);
  std::optional<ir::Expectation> lower_expectation(const ast::Expectation& expectation);
  // `subject relation object.`, one fact per pair.
  std::vector<ir::Fact> lower_edge(const ast::Edge& edge, Span span, ir::OriginId origin);
  std::optional<ir::Query> lower_query(const ast::QueryDecl& query, std::string text,
                                       ir::OriginId origin);

 private:
  struct Variable {
    std::string name;
    std::optional<ir::ColumnType> type;
    Span first;
    bool conflicting = false;  // reported as E0410: no further type errors about it
  };
  struct Typed {
    ir::Expr expr;
    std::optional<ir::ColumnType> type;  // nullopt: not known yet (an untyped variable)
  };
  // Where a value goes, for messages: "the 2nd value of `red_flag`".
  struct Place {
    const ir::Relation* relation = nullptr;
    std::size_t column = 0;
    std::string describe() const;
  };

  // ---- variables (rule_builder.cpp) ----
  void reset_variables();
  ir::VariableId variable(const std::string& name, Span span);
  ir::VariableId fresh_variable(std::string name, ir::ColumnType type);
  void infer_types(const std::vector<const ast::Literal*>& literals);
  void infer_types_of_atom(const ast::Atom& atom);
  void warn_singletons(const ast::Clause& clause);

  // ---- literals (rule_builder.cpp) ----
  // min/max witnesses carried out of the braces (aggregate_witnesses.cpp); new
  // literals live in `storage`.
  std::vector<const ast::Literal*> carry_witnesses(
      const std::vector<const ast::Literal*>& alternative, const std::vector<ast::Atom>& heads,
      std::deque<ast::Literal>& storage);
  std::optional<std::vector<std::vector<const ast::Literal*>>> expand(
      const std::vector<std::vector<ast::Literal>>& body, Span span);
  const ir::Relation* resolve(const ast::Atom& atom, std::optional<ir::RelationId>& id);
  void lower_literal(const ast::Literal& literal, std::vector<ir::Literal>& out);
  void lower_atom(const ast::Atom& atom, ir::Literal::Kind kind, std::vector<ir::Literal>& out);
  void lower_comparison(const ast::Literal& literal, std::vector<ir::Literal>& out);
  std::vector<ir::Literal> lower_conjunction(const std::vector<const ast::Literal*>& literals);
  void lower_in_type_order(const std::vector<const ast::Literal*>& literals,
                           std::vector<ir::Literal>& out);
  bool type_known(const ast::Term& term) const;
  // ---- safety (safety.cpp) ----
  bool check_safety(const std::vector<ir::Literal>& body, const std::vector<ir::Expr>& heads);
  // The variables reported as unbound so far: one message each.
  struct Unbound {
    std::set<ir::VariableId> reported;
    bool any = false;
  };
  void report_unbound(Unbound& unbound, ir::VariableId v, const Code& code, std::string message,
                      std::string hint, Span where = Span{});
  void check_aggregate_variables(const ir::Literal& aggregate, const std::vector<bool>& outer,
                                 const std::vector<int>& uses_outside, Unbound& unbound);
  void check_head_variables(const std::vector<ir::Expr>& heads, const std::vector<bool>& bound,
                            Unbound& unbound);
  void check_condition_variables(const std::vector<ir::Literal>& body,
                                 const std::vector<bool>& bound, Unbound& unbound);
  bool check_aggregate_order(const std::vector<ir::Literal>& body,
                             const std::vector<ir::Expr>& heads);

  // ---- queries (query_lowering.cpp) ----
  void lower_alternatives(const ast::QueryDecl& query, ir::Query& lowered);
  bool choose_columns(const ast::QueryDecl& query, ir::Query& lowered);
  void name_wildcards(ir::Query& lowered);
  void complete_alternatives(ir::Query& lowered);
  std::optional<std::uint32_t> find_column(const ast::Selected& selected, const ir::Query& lowered);
  std::optional<ir::VariableId> selected_variable(const ast::Selected& selected);
  void lower_path(const ast::PathQuestion& path, ir::Query& lowered);
  std::string path_end(const ast::Term& end, ir::Query& lowered);
  void check_path_entity(const ast::Term& end);

  // ---- terms (terms.cpp) ----
  bool holds_names(const std::string& variable_name) const;  // a variable of names or texts
  Typed lower_term(const ast::Term& term, const ir::ColumnType* expected, const Place& place,
                   std::vector<ir::Literal>& out);
  Typed lower_constant(const ast::Term& term, const ir::ColumnType* expected, const Place& place);
  Typed lower_aggregate(const ast::Term& term, std::vector<ir::Literal>& out);
  // An aggregate's own variables (aggregate_scope.cpp), and what is grounded inside it.
  struct AggregateScope {
    std::vector<std::string> local;
    std::set<std::string> grounded_inside;
  };
  AggregateScope aggregate_scope(const ast::Term& term) const;
  // The value a min, max, sum or mean works on, into `aggregate`; its result's type, or
  // nullopt when there is no value (reported).
  std::optional<ir::ColumnType> lower_aggregate_target(const ast::Term& term,
                                                       ir::Aggregate& aggregate);
  Typed lower_call(const ast::Term& term, std::vector<ir::Literal>& out);
  Typed lower_arithmetic(const ast::Term& term, const ir::ColumnType* expected,
                         std::vector<ir::Literal>& out);
  std::optional<ir::Value> symbol_for(const ast::Term& term, const std::string& text,
                                      const ir::ColumnType& expected, const Place& place);
  std::optional<ir::Value> fold(const ir::Expr& expr, Span span);
  void require_base(const Typed& typed, const ir::ColumnType& expected, Span span,
                    const Place& place);

  Context& c_;
  ast::Dialect dialect_;
  const std::map<std::string, std::string>* parameters_ = nullptr;
  bool in_query_ = false;
  bool failed_ = false;
  std::vector<Variable> variables_;
  std::map<std::string, ir::VariableId> by_name_;
  // In a rule, the names used outside aggregate braces; the others are local to an aggregate.
  const std::set<std::string>* names_outside_aggregates_ = nullptr;
  // The conjunction being lowered, and the names that scopes around it give a value:
  // what decides which variables of an aggregate in it are its own.
  const std::vector<const ast::Literal*>* scope_literals_ = nullptr;
  std::set<std::string> grounded_outside_;
};

std::string describe(const ir::ColumnType& type);

}  // namespace sinew::semantics
