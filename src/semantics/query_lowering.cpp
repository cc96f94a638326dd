// Lowering queries: the body's alternatives, the columns chosen before `:` (variables
// and aggregates), `order by` and `limit`, path questions, and the `$parameters` of
// saved queries.
//
// A saved query with parameters is checked when its file is compiled, before any value
// is known: each `$name` then stands for a variable bound to a placeholder, typed by
// the columns it fills, and the query is marked `awaiting_values`. It is lowered again
// from its syntax tree, with the values, when it runs.

#include "rule_builder.hpp"

#include "ir/plan.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace sinew::semantics {

namespace {

using Kind = ast::Selected::Kind;

// ---- parameters of a saved query, before their values are known -----------------------

void rename_parameters(std::vector<std::vector<ast::Literal>>& body,
                       std::vector<std::string>& names);

void rename_parameters(ast::Term& term, std::vector<std::string>& names) {
  if (term.kind == ast::Term::Kind::parameter) {
    if (std::find(names.begin(), names.end(), term.text) == names.end()) {
      names.push_back(term.text);
    }
    term.kind = ast::Term::Kind::variable;
    term.text = '$' + term.text;  // no variable of the author can be named so
  }
  for (ast::Term& arg : term.args) rename_parameters(arg, names);
  rename_parameters(term.body, names);
}

void rename_parameters(std::vector<std::vector<ast::Literal>>& body,
                       std::vector<std::string>& names) {
  for (auto& conjunction : body) {
    for (ast::Literal& literal : conjunction) {
      for (ast::Term& arg : literal.atom.args) rename_parameters(arg, names);
      for (ast::Term& operand : literal.operands) rename_parameters(operand, names);
      rename_parameters(literal.alternatives, names);
    }
  }
}

// `V = value`: gives V a value in an alternative that does not otherwise give it one.
ir::Literal binding(ir::VariableId v, const ir::ColumnType& type, ir::Value value) {
  ir::Literal literal;
  literal.kind = ir::Literal::Kind::comparison;
  literal.op = ir::CompareOp::eq;
  literal.ordering = ir::Ordering{type.base, ir::none};
  literal.lhs.op = ir::Expr::Op::variable;
  literal.lhs.variable = v;
  literal.lhs.type = type.base;
  literal.rhs.op = ir::Expr::Op::constant;
  literal.rhs.type = type.base;
  literal.rhs.constant = value;
  return literal;
}

bool numeric(const ir::ColumnType& type) { return type.base != ir::BaseType::symbol; }

ir::ColumnType number_type(ir::BaseType base = ir::BaseType::number) {
  ir::ColumnType type;
  type.base = base;
  type.name = base == ir::BaseType::floating ? "float" : "number";
  return type;
}

ir::QueryColumn::Kind column_kind(Kind kind) {
  switch (kind) {
    case Kind::variable: return ir::QueryColumn::Kind::value;
    case Kind::count: return ir::QueryColumn::Kind::count;
    case Kind::sum: return ir::QueryColumn::Kind::sum;
    case Kind::min: return ir::QueryColumn::Kind::min;
    case Kind::max: return ir::QueryColumn::Kind::max;
    case Kind::mean: return ir::QueryColumn::Kind::mean;
  }
  return ir::QueryColumn::Kind::value;
}

// The header of a column: `F`, `count`, `max(L)`.
std::string header(const ast::Selected& selected) {
  switch (selected.kind) {
    case Kind::variable: return selected.variable.text;
    case Kind::count: return "count";
    case Kind::sum: return "sum(" + selected.variable.text + ")";
    case Kind::min: return "min(" + selected.variable.text + ")";
    case Kind::max: return "max(" + selected.variable.text + ")";
    case Kind::mean: return "mean(" + selected.variable.text + ")";
  }
  return "";
}

bool is_user_variable(const std::string& name) {
  return !name.empty() && name.front() != '$' && name.front() != '(';
}

}  // namespace

std::optional<ir::Query> RuleBuilder::lower_query(const ast::QueryDecl& written, std::string text,
                                                  ir::OriginId origin) {
  reset_variables();
  ir::Query lowered;
  lowered.name = written.name ? written.name->text : "";
  lowered.text = std::move(text);
  lowered.origin = origin;

  // Without values (a saved query, checked with its file), `$name` is a variable.
  const bool checking = parameters_ == nullptr;
  ast::QueryDecl query = written;
  std::vector<std::string> parameter_names;
  if (checking) rename_parameters(query.body, parameter_names);

  in_query_ = true;
  if (query.path) {
    lower_path(*query.path, lowered);
    in_query_ = false;
    if (failed_) return std::nullopt;
    return lowered;
  }
  lower_alternatives(query, lowered);
  in_query_ = false;
  if (failed_) return std::nullopt;

  for (const std::string& name : parameter_names) {
    ir::VariableId v = by_name_.at('$' + name);
    ir::ColumnType type = variables_[v].type.value_or(ir::ColumnType{});
    lowered.parameters.push_back(ir::QueryParameter{name, type});
    for (auto& body : lowered.alternatives) body.insert(body.begin(), binding(v, type, 0));
  }
  lowered.awaiting_values = !lowered.parameters.empty();

  if (!choose_columns(query, lowered)) return std::nullopt;
  std::vector<ir::Expr> answers;
  for (std::size_t i = 0; i < lowered.answer_variables.size(); ++i) {
    ir::Expr expr;
    expr.op = ir::Expr::Op::variable;
    expr.variable = lowered.answer_variables[i];
    expr.type = lowered.answer_types[i].base;
    answers.push_back(expr);
  }
  for (const auto& body : lowered.alternatives) {
    if (failed_ || !check_safety(body, answers)) return std::nullopt;
  }
  for (const Variable& var : variables_) lowered.variables.push_back(var.name);
  return lowered;
}

// One variable table for every alternative, so that `X` is one column of the answers.
void RuleBuilder::lower_alternatives(const ast::QueryDecl& query, ir::Query& lowered) {
  Span span = query.body.empty() || query.body.front().empty() ? Span{}
                                                               : query.body.front().front().span;
  auto alternatives = expand(query.body, span);
  if (!alternatives) {
    failed_ = true;
    return;
  }
  for (const auto& alternative : *alternatives) {
    lowered.alternatives.push_back(lower_conjunction(alternative));
  }
}

// The answer relation's columns, and the columns shown (section "Queries" of
// grammar/README.md).
bool RuleBuilder::choose_columns(const ast::QueryDecl& query, ir::Query& lowered) {
  std::vector<ir::VariableId> named;
  for (ir::VariableId v = 0; v < variables_.size(); ++v) {
    const std::string& name = variables_[v].name;
    if (variables_[v].first.valid() && is_user_variable(name) && !name.starts_with('_')) {
      named.push_back(v);
    }
  }
  std::sort(named.begin(), named.end(), [&](ir::VariableId a, ir::VariableId b) {
    return variables_[a].first.begin < variables_[b].first.begin;
  });
  auto type_of = [&](ir::VariableId v) { return variables_[v].type.value_or(ir::ColumnType{}); };
  auto add_answer = [&](ir::VariableId v) {
    auto it = std::find(lowered.answer_variables.begin(), lowered.answer_variables.end(), v);
    if (it != lowered.answer_variables.end()) {
      return static_cast<std::uint32_t>(it - lowered.answer_variables.begin());
    }
    lowered.answer_variables.push_back(v);
    lowered.answer_types.push_back(type_of(v));
    return static_cast<std::uint32_t>(lowered.answer_variables.size() - 1);
  };

  bool aggregates = std::any_of(query.selection.begin(), query.selection.end(),
                                [](const ast::Selected& s) { return s.kind != Kind::variable; });
  std::vector<std::optional<ir::VariableId>> chosen;
  for (const ast::Selected& selected : query.selection) {
    chosen.push_back(selected.kind == Kind::count ? std::nullopt : selected_variable(selected));
    if (selected.kind != Kind::count && !chosen.back()) return false;
  }
  if (query.selection.empty()) {
    for (ir::VariableId v : named) add_answer(v);
  } else if (!aggregates) {
    for (const auto& v : chosen) add_answer(*v);
  } else {
    // Every way the body holds is one answer: `_` and unchosen variables are columns too.
    name_wildcards(lowered);
    for (const auto& v : chosen) {
      if (v) add_answer(*v);
    }
    complete_alternatives(lowered);
  }

  if (query.selection.empty()) {
    for (std::uint32_t i = 0; i < lowered.answer_variables.size(); ++i) {
      ir::VariableId v = lowered.answer_variables[i];
      lowered.columns.push_back(
          ir::QueryColumn{ir::QueryColumn::Kind::value, variables_[v].name, i, type_of(v)});
    }
  }
  for (std::size_t i = 0; i < query.selection.size(); ++i) {
    const ast::Selected& selected = query.selection[i];
    ir::QueryColumn column;
    column.kind = column_kind(selected.kind);
    column.name = header(selected);
    if (selected.kind == Kind::count) {
      column.type = number_type();
      lowered.columns.push_back(std::move(column));
      continue;
    }
    column.source = add_answer(*chosen[i]);
    ir::ColumnType type = type_of(*chosen[i]);
    bool adds = selected.kind == Kind::sum || selected.kind == Kind::mean;
    if (adds && !numeric(type)) {
      c_.sink
          .report(codes::not_numeric, selected.span,
                  fmt::format("`{}` adds up numbers, but `{}` is {}", header(selected),
                              selected.variable.text, describe(type)))
          .hint = "use `count` to count the answers, or `min`/`max` for the first or last";
      return false;
    }
    column.type = selected.kind == Kind::mean  ? number_type(ir::BaseType::floating)
                  : selected.kind == Kind::sum ? number_type(type.base)
                                               : type;
    lowered.columns.push_back(std::move(column));
  }

  for (const ast::OrderKey& key : query.order) {
    auto column = find_column(key.key, lowered);
    if (!column) return false;
    lowered.order.push_back(ir::QueryOrder{*column, key.descending});
  }
  if (query.limit) lowered.limit = static_cast<std::uint64_t>(*query.limit);
  return true;
}

// In a question with an aggregate, each `_` of a positive atom becomes a column of
// the answers: the k-th `_` of every alternative shares the k-th hidden variable.
void RuleBuilder::name_wildcards(ir::Query& lowered) {
  std::vector<ir::VariableId> hidden;
  for (auto& body : lowered.alternatives) {
    std::size_t k = 0;
    for (ir::Literal& literal : body) {
      if (literal.kind != ir::Literal::Kind::positive) continue;
      const ir::Relation& relation = c_.program.relations[literal.atom.relation];
      for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
        ir::Argument& arg = literal.atom.args[i];
        if (arg.kind != ir::Argument::Kind::wildcard) continue;
        if (k == hidden.size()) hidden.push_back(fresh_variable("_", relation.columns[i].type));
        arg.kind = ir::Argument::Kind::variable;
        arg.variable = hidden[k++];
      }
    }
  }
}

// The answer columns of an aggregate question are every variable that some
// alternative binds; an alternative that leaves one unbound gives it a placeholder.
void RuleBuilder::complete_alternatives(ir::Query& lowered) {
  std::vector<bool> in_some(variables_.size(), false);
  std::vector<std::vector<bool>> bound;
  for (const auto& body : lowered.alternatives) {
    bound.push_back(bound_variables(body, variables_.size()));
    for (std::size_t v = 0; v < variables_.size(); ++v) in_some[v] = in_some[v] || bound.back()[v];
  }
  for (ir::VariableId v = 0; v < variables_.size(); ++v) {
    if (!in_some[v]) continue;
    if (std::find(lowered.answer_variables.begin(), lowered.answer_variables.end(), v) ==
        lowered.answer_variables.end()) {
      lowered.answer_variables.push_back(v);
      lowered.answer_types.push_back(variables_[v].type.value_or(ir::ColumnType{}));
    }
  }
  for (std::size_t a = 0; a < lowered.alternatives.size(); ++a) {
    for (std::size_t i = 0; i < lowered.answer_variables.size(); ++i) {
      ir::VariableId v = lowered.answer_variables[i];
      if (!bound[a][v]) lowered.alternatives[a].push_back(binding(v, lowered.answer_types[i], 0));
    }
  }
}

// The variable a chosen column names, or nullopt after saying why there is none.
std::optional<ir::VariableId> RuleBuilder::selected_variable(const ast::Selected& selected) {
  const ast::Name& name = selected.variable;
  std::vector<std::string> candidates;
  for (const Variable& var : variables_) {
    if (var.first.valid() && is_user_variable(var.name)) candidates.push_back(var.name);
  }
  if (!ast::is_variable_name(name.text, dialect_)) {
    c_.sink
        .report(codes::unknown_answer_column, name.span,
                fmt::format("`{}` names an entity, not a variable: only variables can be "
                            "shown as columns of the answers",
                            name.text))
        .hint = "variables start with an upper-case letter, as in `F`";
    failed_ = true;
    return std::nullopt;
  }
  auto it = by_name_.find(name.text);
  if (it == by_name_.end() || !is_user_variable(name.text)) {
    auto& diagnostic = c_.sink.report(
        codes::unknown_answer_column, name.span,
        fmt::format("the question has no variable `{}` to show or to sort by", name.text));
    diagnostic.hint = did_you_mean(name.text, candidates);
    if (diagnostic.hint.empty()) {
      diagnostic.hint = fmt::format("use `{}` in the conditions after the `:`", name.text);
    }
    failed_ = true;
    return std::nullopt;
  }
  return it->second;
}

// The column of the answers that an `order by` key names.
std::optional<std::uint32_t> RuleBuilder::find_column(const ast::Selected& selected,
                                                      const ir::Query& lowered) {
  for (std::uint32_t i = 0; i < lowered.columns.size(); ++i) {
    if (lowered.columns[i].name == header(selected)) return i;
  }
  std::vector<std::string> names;
  for (const ir::QueryColumn& column : lowered.columns) names.push_back('`' + column.name + '`');
  std::string shown = names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
  auto& diagnostic = c_.sink.report(
      codes::unknown_answer_column, selected.span,
      fmt::format("the answers cannot be sorted by `{}`: it is not one of their columns ({})",
                  header(selected), shown));
  diagnostic.hint = selected.kind == Kind::variable
                        ? fmt::format(
                              "add `{}` before the `:` to show it, or sort by a column "
                              "that is shown",
                              selected.variable.text)
                        : "sort by a column that is shown, or add it before the `:`";
  failed_ = true;
  return std::nullopt;
}

// ---- path questions -------------------------------------------------------------------

void RuleBuilder::lower_path(const ast::PathQuestion& path, ir::Query& lowered) {
  ir::PathQuestion question;
  question.from = path_end(path.from, lowered);
  question.to = path_end(path.to, lowered);
  question.from_span = path.from.span;
  question.to_span = path.to.span;
  question.directed = path.directed;
  question.all = path.all;
  for (const ast::Name& name : path.through) {
    auto id = c_.scope.relation(name.text);
    if (!id) {
      auto& diagnostic = c_.sink.report(codes::unknown_relation, name.span,
                                        fmt::format("no relation is named `{}`", name.text));
      diagnostic.hint = did_you_mean(name.text, c_.scope.relation_names());
      failed_ = true;
      continue;
    }
    const ir::Relation& relation = c_.program.relations[*id];
    auto names = std::count_if(relation.columns.begin(), relation.columns.end(),
                               [](const ir::Column& c) {
                                 return c.type.base == ir::BaseType::symbol;
                               });
    if (relation.kind_membership || names < 2) {
      c_.sink
          .report(codes::bad_path_question, name.span,
                  fmt::format("`{}` makes no edges of the knowledge graph: an edge needs a "
                              "relation between two names, such as `may_cause`",
                              name.text))
          .hint = "leave it out of `through`";
      failed_ = true;
      continue;
    }
    question.through.push_back(*id);
  }
  if (path.within) {
    if (*path.within < 1) {
      c_.sink.report(codes::bad_path_question, path.within_span,
                     "a path has at least one edge: write `within 1` or more");
      failed_ = true;
    }
    question.max_length = static_cast<std::uint32_t>(
        std::min<std::int64_t>(*path.within, std::numeric_limits<std::uint32_t>::max()));
  }
  lowered.path = std::move(question);
}

// An end of a path: the entity's id; a `$name` takes its value, or waits for one.
std::string RuleBuilder::path_end(const ast::Term& end, ir::Query& lowered) {
  if (end.kind == ast::Term::Kind::constant && dialect_ == ast::Dialect::sinew) {
    check_path_entity(end);
    return end.text;
  }
  if (end.kind != ast::Term::Kind::parameter) return end.text;
  if (!parameters_) {
    bool known = std::any_of(lowered.parameters.begin(), lowered.parameters.end(),
                             [&](const ir::QueryParameter& p) { return p.name == end.text; });
    ir::ColumnType symbol;
    symbol.name = "symbol";
    if (!known) lowered.parameters.push_back(ir::QueryParameter{end.text, symbol});
    lowered.awaiting_values = true;
    return "";
  }
  auto it = parameters_->find(end.text);
  if (it == parameters_->end()) {
    c_.sink
        .report(codes::unknown_parameter, end.span,
                fmt::format("no value was given for `${}`", end.text))
        .hint = fmt::format("give one with `--param {}=VALUE`", end.text);
    failed_ = true;
    return "";
  }
  return it->second;
}

}  // namespace sinew::semantics

namespace sinew::semantics {

// A name at an end of a path question must be an entity or a level of a scale; a text
// in quotes may be any value, and is looked up when the question is answered.
void RuleBuilder::check_path_entity(const ast::Term& end) {
  SymbolId id = c_.program.symbols.intern(end.text);
  if (c_.scope.is_entity(id) || c_.scope.scale_of(id)) return;
  std::vector<std::string> names;
  for (const ir::Entity& entity : c_.program.entities) {
    names.push_back(std::string(c_.program.symbols.text(entity.id)));
  }
  for (const ir::Scale& scale : c_.program.scales) {
    for (SymbolId level : scale.levels)
      names.push_back(std::string(c_.program.symbols.text(level)));
  }
  c_.sink
      .report(codes::unknown_entity, end.span,
              fmt::format("`{}` is not an entity of the knowledge graph", end.text))
      .hint = did_you_mean(end.text, names);
  failed_ = true;
}

}  // namespace sinew::semantics
