// Lowering clauses: `;` alternatives expanded, atoms resolved and typed (safety.cpp
// checks that every variable gets a value).

#include "rule_builder.hpp"

#include "ir/plan.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace sinew::semantics {

namespace {

// A rule of many `;` groups multiplies out; beyond this it is surely a mistake.
constexpr std::size_t most_alternatives = 1024;

std::string ordinal_values(std::size_t n) {
  return fmt::format("{} value{}", n, n == 1 ? "" : "s");
}

void count_term_variables(const ast::Term& term,
                          std::map<std::string, std::pair<int, Span>>& counts);

void count_literal_variables(const ast::Literal& literal,
                             std::map<std::string, std::pair<int, Span>>& counts) {
  for (const ast::Term& arg : literal.atom.args) count_term_variables(arg, counts);
  for (const ast::Term& operand : literal.operands) count_term_variables(operand, counts);
  for (const auto& alternative : literal.alternatives) {
    for (const ast::Literal& inner : alternative) count_literal_variables(inner, counts);
  }
}

void count_term_variables(const ast::Term& term,
                          std::map<std::string, std::pair<int, Span>>& counts) {
  if (term.kind == ast::Term::Kind::variable) {
    auto& [count, span] = counts[term.text];
    if (count++ == 0) span = term.span;
  }
  for (const ast::Term& arg : term.args) count_term_variables(arg, counts);
  for (const auto& alternative : term.body) {
    for (const ast::Literal& literal : alternative) count_literal_variables(literal, counts);
  }
}

}  // namespace

RuleBuilder::RuleBuilder(Context& context, ast::Dialect dialect) : c_(context), dialect_(dialect) {}

void collect_variable_names(const ast::Literal& literal, bool into_aggregates,
                            std::set<std::string>& names) {
  for (const ast::Term& arg : literal.atom.args)
    collect_variable_names(arg, into_aggregates, names);
  for (const ast::Term& operand : literal.operands) {
    collect_variable_names(operand, into_aggregates, names);
  }
  for (const auto& alternative : literal.alternatives) {
    for (const ast::Literal& inner : alternative) {
      collect_variable_names(inner, into_aggregates, names);
    }
  }
}

void collect_variable_names(const ast::Term& term, bool into_aggregates,
                            std::set<std::string>& names) {
  if (term.kind == ast::Term::Kind::aggregate && !into_aggregates) return;
  if (term.kind == ast::Term::Kind::variable) names.insert(term.text);
  for (const ast::Term& arg : term.args) collect_variable_names(arg, into_aggregates, names);
  for (const auto& alternative : term.body) {
    for (const ast::Literal& literal : alternative) {
      collect_variable_names(literal, into_aggregates, names);
    }
  }
}

// ---- variables -----------------------------------------------------------------------

void RuleBuilder::reset_variables() {
  variables_.clear();
  by_name_.clear();
  failed_ = false;
}

ir::VariableId RuleBuilder::variable(const std::string& name, Span span) {
  auto [it, fresh] = by_name_.emplace(name, static_cast<ir::VariableId>(variables_.size()));
  if (fresh) variables_.push_back(Variable{name, std::nullopt, span});
  return it->second;
}

ir::VariableId RuleBuilder::fresh_variable(std::string name, ir::ColumnType type) {
  variables_.push_back(Variable{std::move(name), std::move(type), Span{}});
  return static_cast<ir::VariableId>(variables_.size() - 1);
}

// A variable takes the type of the first column it fills.
void RuleBuilder::infer_types(const std::vector<const ast::Literal*>& literals) {
  for (const ast::Literal* literal : literals) {
    if (literal->kind == ast::Literal::Kind::atom ||
        literal->kind == ast::Literal::Kind::negation) {
      infer_types_of_atom(literal->atom);
    }
  }
}

void RuleBuilder::infer_types_of_atom(const ast::Atom& atom) {
  auto id = c_.scope.relation(atom.relation.text);
  if (!id) return;
  const ir::Relation& relation = c_.program.relations[*id];
  if (relation.arity() != atom.args.size()) return;
  for (std::size_t i = 0; i < atom.args.size(); ++i) {
    const ast::Term& arg = atom.args[i];
    if (arg.kind != ast::Term::Kind::variable) continue;
    Variable& var = variables_[variable(arg.text, arg.span)];
    const ir::ColumnType& column = relation.columns[i].type;
    if (!var.type) {
      var.type = column;
    } else if (var.type->base != column.base && !failed_) {
      auto& diagnostic = c_.sink.report(codes::conflicting_types, arg.span,
                                        fmt::format("`{}` is {} here but {} where it first appears",
                                                    arg.text, describe(column),
                                                    describe(*var.type)));
      diagnostic.secondary.push_back({var.first, "first used here"});
      diagnostic.hint = "use two variables, or make the columns agree";
      var.conflicting = true;
      failed_ = true;
    }
  }
}

void RuleBuilder::warn_singletons(const ast::Clause& clause) {
  std::map<std::string, std::pair<int, Span>> counts;
  for (const ast::Atom& head : clause.heads) {
    for (const ast::Term& arg : head.args) count_term_variables(arg, counts);
  }
  for (const auto& alternative : clause.body) {
    for (const ast::Literal& literal : alternative) count_literal_variables(literal, counts);
  }
  for (const auto& [name, entry] : counts) {
    if (entry.first != 1 || name.starts_with('_')) continue;
    c_.sink
        .report(codes::singleton_variable, entry.second,
                fmt::format("the variable `{}` appears only once, so it matches anything", name))
        .hint = fmt::format("write `_` if any value will do, or `_{}` to keep the name", name);
  }
}

// ---- literals -------------------------------------------------------------------------

// `a, (b ; c), d` becomes the conjunctions `a, b, d` and `a, c, d`.
std::optional<std::vector<std::vector<const ast::Literal*>>> RuleBuilder::expand(
    const std::vector<std::vector<ast::Literal>>& body, Span span) {
  std::vector<std::vector<const ast::Literal*>> result;
  for (const auto& alternative : body) {
    std::vector<std::vector<const ast::Literal*>> partial{{}};
    for (const ast::Literal& literal : alternative) {
      if (literal.kind != ast::Literal::Kind::group) {
        for (auto& conjunction : partial) conjunction.push_back(&literal);
        continue;
      }
      auto inner = expand(literal.alternatives, span);
      if (!inner) return std::nullopt;
      std::vector<std::vector<const ast::Literal*>> next;
      for (const auto& prefix : partial) {
        for (const auto& suffix : *inner) {
          next.push_back(prefix);
          next.back().insert(next.back().end(), suffix.begin(), suffix.end());
          if (next.size() > most_alternatives) break;
        }
      }
      partial = std::move(next);
      if (partial.size() > most_alternatives) break;
    }
    result.insert(result.end(), partial.begin(), partial.end());
    if (result.size() > most_alternatives) {
      c_.sink
          .report(codes::too_many_alternatives, span,
                  fmt::format("the `;` alternatives of this rule multiply out to more than {} "
                              "rules",
                              most_alternatives))
          .hint = "split it into several named rules";
      return std::nullopt;
    }
  }
  return result;
}

const ir::Relation* RuleBuilder::resolve(const ast::Atom& atom, std::optional<ir::RelationId>& id) {
  id = c_.scope.relation(atom.relation.text);
  if (!id) {
    auto& diagnostic = c_.sink.report(codes::unknown_relation, atom.relation.span,
                                      fmt::format("no relation is named `{}`", atom.relation.text));
    diagnostic.hint = did_you_mean(atom.relation.text, c_.scope.relation_names());
    if (diagnostic.hint.empty()) {
      diagnostic.hint = fmt::format("declare it first, e.g. `relation {}(...)`",
                                    atom.relation.text);
    }
    failed_ = true;
    return nullptr;
  }
  const ir::Relation& relation = c_.program.relations[*id];
  if (relation.arity() != atom.args.size()) {
    auto& diagnostic = c_.sink.report(codes::arity_mismatch, atom.span,
                                      fmt::format("`{}` takes {}, but here it has {}",
                                                  relation.name, ordinal_values(relation.arity()),
                                                  atom.args.size()));
    if (c_.use(*id).declared.valid()) {
      diagnostic.secondary.push_back({c_.use(*id).declared, "declared here"});
    }
    failed_ = true;
    return nullptr;
  }
  return &relation;
}

void RuleBuilder::lower_literal(const ast::Literal& literal, std::vector<ir::Literal>& out) {
  switch (literal.kind) {
    case ast::Literal::Kind::atom:
      lower_atom(literal.atom, ir::Literal::Kind::positive, out);
      break;
    case ast::Literal::Kind::negation:
      lower_atom(literal.atom, ir::Literal::Kind::negative, out);
      break;
    case ast::Literal::Kind::comparison: lower_comparison(literal, out); break;
    case ast::Literal::Kind::group: break;  // expanded before lowering
  }
}

void RuleBuilder::lower_atom(const ast::Atom& atom, ir::Literal::Kind kind,
                             std::vector<ir::Literal>& out) {
  std::optional<ir::RelationId> id;
  const ir::Relation* relation = resolve(atom, id);
  if (!relation) return;
  RelationUse& use = c_.use(*id);
  if (!use.read) use.first_read = atom.relation.span;
  use.read = true;

  ir::Literal literal;
  literal.kind = kind;
  literal.span = atom.span;
  literal.atom.relation = *id;
  std::vector<ir::Literal> bindings;  // `T = expr` for arguments that are expressions
  for (std::size_t i = 0; i < atom.args.size(); ++i) {
    const ast::Term& arg = atom.args[i];
    const ir::ColumnType& column = relation->columns[i].type;
    ir::Argument argument;
    if (arg.kind == ast::Term::Kind::wildcard) {
      argument.kind = ir::Argument::Kind::wildcard;
    } else {
      Place place{relation, i};
      Typed typed = lower_term(arg, &column, place, bindings);
      if (typed.expr.op == ir::Expr::Op::variable) {
        argument.kind = ir::Argument::Kind::variable;
        argument.variable = typed.expr.variable;
      } else if (typed.expr.op == ir::Expr::Op::constant) {
        argument.kind = ir::Argument::Kind::constant;
        argument.constant = typed.expr.constant;
      } else {
        // `p(X + 1)` reads as `T = X + 1, p(T)`.
        argument.kind = ir::Argument::Kind::variable;
        argument.variable = fresh_variable(fmt::format("({})", c_.sources.text(arg.span)), column);
        ir::Literal binding;
        binding.kind = ir::Literal::Kind::comparison;
        binding.op = ir::CompareOp::eq;
        binding.ordering = ir::Ordering{column.base, ir::none};
        binding.lhs.op = ir::Expr::Op::variable;
        binding.lhs.variable = argument.variable;
        binding.lhs.type = column.base;
        binding.lhs.span = arg.span;
        binding.rhs = std::move(typed.expr);
        binding.span = arg.span;
        bindings.push_back(std::move(binding));
      }
    }
    literal.atom.args.push_back(argument);
  }
  for (auto& binding : bindings) out.push_back(std::move(binding));
  out.push_back(std::move(literal));
}

void RuleBuilder::lower_comparison(const ast::Literal& literal, std::vector<ir::Literal>& out) {
  static const std::map<std::string, ir::CompareOp> ops = {
      {"=", ir::CompareOp::eq},  {"!=", ir::CompareOp::ne}, {"<", ir::CompareOp::lt},
      {"<=", ir::CompareOp::le}, {">", ir::CompareOp::gt},  {">=", ir::CompareOp::ge}};
  const ast::Term& left = literal.operands[0];
  const ast::Term& right = literal.operands[1];
  auto untyped_variable = [&](const ast::Term& term) {
    if (term.kind != ast::Term::Kind::variable) return false;
    auto it = by_name_.find(term.text);
    return it == by_name_.end() || !variables_[it->second].type;
  };
  // Lower first the side whose type is known, so that the other is checked against it.
  bool swap = untyped_variable(left) && !untyped_variable(right);
  const ast::Term& first = swap ? right : left;
  const ast::Term& second = swap ? left : right;
  Place place;
  Typed a = lower_term(first, nullptr, place, out);
  Typed b = lower_term(second, a.type ? &*a.type : nullptr, place, out);
  if (!a.type && b.type && a.expr.op == ir::Expr::Op::variable) {
    variables_[a.expr.variable].type = b.type;
    a.expr.type = b.type->base;
    a.type = b.type;
  }
  ir::Literal lowered;
  lowered.kind = ir::Literal::Kind::comparison;
  lowered.span = literal.span;
  lowered.op = ops.at(literal.op);
  ir::ColumnType type = a.type ? *a.type : b.type.value_or(ir::ColumnType{});
  if (a.type && b.type && a.type->base != b.type->base) {
    c_.sink.report(codes::type_mismatch, literal.span,
                   fmt::format("this compares {} with {}", describe(*a.type), describe(*b.type)));
    failed_ = true;
  } else if (a.type && b.type && a.type->scale != b.type->scale && a.type->scale != ir::none &&
             b.type->scale != ir::none) {
    c_.sink.report(codes::scale_mismatch, literal.span,
                   fmt::format("this compares a level of `{}` with a level of `{}`", a.type->name,
                               b.type->name));
    failed_ = true;
  }
  std::uint32_t scale = a.type && a.type->scale != ir::none   ? a.type->scale
                        : b.type && b.type->scale != ir::none ? b.type->scale
                                                              : ir::none;
  lowered.ordering = ir::Ordering{type.base, scale};
  lowered.lhs = swap ? std::move(b.expr) : std::move(a.expr);
  lowered.rhs = swap ? std::move(a.expr) : std::move(b.expr);
  out.push_back(std::move(lowered));
}

std::vector<ir::Literal> RuleBuilder::lower_conjunction(
    const std::vector<const ast::Literal*>& literals) {
  std::vector<ir::Literal> body;
  grounded_outside_.clear();
  lower_in_type_order(literals, body);
  return body;
}

// Whether the type of `term` is known before it is lowered: a comparison waits until
// one of its sides has a type, so that `x < y, y = x + 1, x = 3` compares numbers.
bool RuleBuilder::type_known(const ast::Term& term) const {
  using Kind = ast::Term::Kind;
  switch (term.kind) {
    case Kind::variable: {
      auto it = by_name_.find(term.text);
      return it != by_name_.end() && variables_[it->second].type.has_value();
    }
    case Kind::wildcard: return false;
    case Kind::aggregate: return true;
    case Kind::call:
      if (term.text != "min" && term.text != "max" && term.text != "abs") return true;
      [[fallthrough]];
    case Kind::negate:
    case Kind::binary: {
      // Arithmetic takes the type of its operands: known when one of its variables has
      // a type, or when it has no variables.
      std::set<std::string> names;
      collect_variable_names(term, false, names);
      if (names.empty()) return true;
      return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
        auto it = by_name_.find(name);
        return it != by_name_.end() && variables_[it->second].type.has_value();
      });
    }
    default: return true;
  }
}

// Atoms first type their variables; a comparison is lowered once one of its sides has a
// type (a variable typed by `=` or an aggregate later in the body), to a fixpoint; what
// is left is lowered as written. The lowered literals keep the order of the source.
void RuleBuilder::lower_in_type_order(const std::vector<const ast::Literal*>& literals,
                                      std::vector<ir::Literal>& out) {
  const auto* saved_scope = scope_literals_;
  scope_literals_ = &literals;
  infer_types(literals);
  std::vector<std::vector<ir::Literal>> lowered(literals.size());
  std::vector<bool> done(literals.size(), false);
  auto ready = [&](const ast::Literal& literal) {
    return literal.kind != ast::Literal::Kind::comparison || literal.operands.size() != 2 ||
           type_known(literal.operands[0]) || type_known(literal.operands[1]);
  };
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < literals.size(); ++i) {
      if (done[i] || !ready(*literals[i])) continue;
      lower_literal(*literals[i], lowered[i]);
      done[i] = true;
      progress = true;
    }
  }
  for (std::size_t i = 0; i < literals.size(); ++i) {
    if (!done[i]) lower_literal(*literals[i], lowered[i]);
  }
  for (auto& part : lowered) {
    for (auto& literal : part) out.push_back(std::move(literal));
  }
  scope_literals_ = saved_scope;
}

// ---- statements ------------------------------------------------------------------------

std::vector<ir::Rule> RuleBuilder::lower_rule(const ast::Clause& clause, ir::OriginId origin) {
  std::vector<ir::Rule> rules;
  // No conditions (`p(count : { e(_) }).`): one empty conjunction.
  auto alternatives = clause.body.empty()
                          ? std::optional(std::vector<std::vector<const ast::Literal*>>{{}})
                          : expand(clause.body, clause.span);
  if (!alternatives) return rules;
  warn_singletons(clause);
  std::deque<ast::Literal> rewritten;  // what carry_witnesses adds
  for (const auto& written : *alternatives) {
    reset_variables();
    const std::vector<const ast::Literal*> alternative = carry_witnesses(written, clause.heads,
                                                                         rewritten);
    // A variable seen only inside one aggregate's braces belongs to that aggregate:
    // `min W : {..}, max W : {..}` are two different `W`s.
    std::set<std::string> outside;
    for (const ast::Atom& head : clause.heads) {
      for (const ast::Term& arg : head.args) collect_variable_names(arg, false, outside);
    }
    for (const ast::Literal* literal : alternative)
      collect_variable_names(*literal, false, outside);
    names_outside_aggregates_ = &outside;
    std::vector<ir::Literal> body = lower_conjunction(alternative);
    // An aggregate in a conclusion (`b(s, count : { c(s, _) }) :- w(s).`) sees the body.
    scope_literals_ = &alternative;
    for (const ast::Atom& head : clause.heads) {
      std::optional<ir::RelationId> id;
      const ir::Relation* relation = resolve(head, id);
      if (!relation) continue;
      c_.use(*id).has_rules = true;
      ir::Rule rule;
      rule.head = *id;
      std::vector<ir::Literal> extra;
      for (std::size_t i = 0; i < head.args.size(); ++i) {
        Place place{relation, i};
        Typed typed = lower_term(head.args[i], &relation->columns[i].type, place, extra);
        rule.head_args.push_back(std::move(typed.expr));
      }
      rule.body = body;
      rule.body.insert(rule.body.end(), std::make_move_iterator(extra.begin()),
                       std::make_move_iterator(extra.end()));
      if (failed_ || !check_safety(rule.body, rule.head_args)) {
        failed_ = true;
        continue;
      }
      for (const Variable& var : variables_) rule.variables.push_back(var.name);
      rule.origin = origin;
      rules.push_back(std::move(rule));
    }
    names_outside_aggregates_ = nullptr;
    scope_literals_ = nullptr;
    if (failed_) break;  // one statement, one set of errors: the alternatives repeat them
  }
  return rules;
}

std::optional<ir::Fact> RuleBuilder::lower_fact(const ast::Atom& atom, ir::OriginId origin) {
  reset_variables();
  std::optional<ir::RelationId> id;
  const ir::Relation* relation = resolve(atom, id);
  if (!relation) return std::nullopt;
  ir::Fact fact;
  fact.relation = *id;
  fact.origin = origin;
  std::vector<ir::Literal> unused;
  for (std::size_t i = 0; i < atom.args.size(); ++i) {
    const ast::Term& arg = atom.args[i];
    if (arg.kind == ast::Term::Kind::variable || arg.kind == ast::Term::Kind::wildcard) {
      c_.sink
          .report(codes::variable_in_fact, arg.span,
                  fmt::format("a fact states plain values, but `{}` is a variable",
                              arg.kind == ast::Term::Kind::wildcard ? "_" : arg.text))
          .hint = dialect_ == ast::Dialect::sinew
                      ? "entity names start with a lower-case letter; write a value here, or add "
                        "`:- conditions` to make a rule"
                      : "write a value here, or add `:- conditions` to make a rule";
      failed_ = true;
      continue;
    }
    Place place{relation, i};
    Typed typed = lower_term(arg, &relation->columns[i].type, place, unused);
    auto value = fold(typed.expr, arg.span);
    if (!value && !failed_) {
      c_.sink.report(codes::not_ground, arg.span, "a fact needs plain values here").hint =
          "compute it in a rule instead";
      failed_ = true;
    }
    fact.values.push_back(value.value_or(0));
  }
  if (failed_) return std::nullopt;
  return fact;
}

std::optional<ir::Expectation> RuleBuilder::lower_expectation(const ast::Expectation& expectation) {
  reset_variables();
  std::optional<ir::RelationId> id;
  const ir::Relation* relation = resolve(expectation.atom, id);
  if (!relation) return std::nullopt;
  c_.use(*id).read = true;
  ir::Expectation lowered;
  lowered.negated = expectation.negated;
  lowered.relation = *id;
  std::vector<ir::Literal> unused;
  for (std::size_t i = 0; i < expectation.atom.args.size(); ++i) {
    const ast::Term& arg = expectation.atom.args[i];
    if (arg.kind == ast::Term::Kind::wildcard) {
      lowered.args.emplace_back(std::nullopt);
      continue;
    }
    if (arg.kind == ast::Term::Kind::variable) {
      c_.sink
          .report(codes::variable_in_fact, arg.span,
                  fmt::format("an expectation states plain values, but `{}` is a variable",
                              arg.text))
          .hint = "write `_` to accept any value";
      failed_ = true;
      continue;
    }
    Place place{relation, i};
    Typed typed = lower_term(arg, &relation->columns[i].type, place, unused);
    auto value = fold(typed.expr, arg.span);
    if (!value) failed_ = true;
    lowered.args.emplace_back(value);
  }
  if (failed_) return std::nullopt;
  return lowered;
}

std::vector<ir::Fact> RuleBuilder::lower_edge(const ast::Edge& edge, Span span,
                                              ir::OriginId origin) {
  std::vector<ir::Fact> facts;
  auto id = c_.scope.relation(edge.relation.text);
  if (id && c_.program.relations[*id].arity() != 2) {
    c_.sink
        .report(codes::edge_not_binary, edge.relation.span,
                fmt::format("`{} {} {}` needs a relation of two values, but `{}` takes {}",
                            edge.subjects.front().text, edge.relation.text,
                            edge.objects.front().text, edge.relation.text,
                            ordinal_values(c_.program.relations[*id].arity())))
        .hint = fmt::format("write it as a fact: `{}(...)`", edge.relation.text);
    return facts;
  }
  for (const ast::Term& subject : edge.subjects) {
    for (const ast::Term& object : edge.objects) {
      ast::Atom atom;
      atom.relation = edge.relation;
      atom.args = {subject, object};
      atom.span = span;
      auto fact = lower_fact(atom, origin);
      if (!fact) return facts;  // the first error says it; the other pairs would repeat it
      facts.push_back(std::move(*fact));
    }
  }
  return facts;
}

}  // namespace sinew::semantics
