#include "explain_support.hpp"

#include <sinew/engine/value.hpp>
#include <sinew/ir/plan.hpp>
#include <sinew/ir/printer.hpp>

#include <fmt/format.h>

#include <cctype>

namespace sinew::query {

std::string format_atom(const ir::Program& program, const SymbolTable& symbols,
                        ir::RelationId relation, std::span<const ir::Value> tuple) {
  std::vector<std::optional<ir::Value>> values(tuple.begin(), tuple.end());
  return partial_atom_text(program, symbols, relation, values);
}

std::string partial_atom_text(const ir::Program& program, const SymbolTable& symbols,
                              ir::RelationId relation,
                              std::span<const std::optional<ir::Value>> values) {
  const ir::Relation& schema = program.relations[relation];
  std::string text = schema.name + "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ", ";
    text += values[i] ? engine::format_value(symbols, schema.columns[i].type, *values[i]) : "_";
  }
  return text + ")";
}

namespace {

void note_types(const ir::Program& program, std::span<const ir::Literal> body,
                std::vector<std::optional<ir::ColumnType>>& types) {
  auto note = [&](ir::VariableId v, const ir::ColumnType& type) {
    if (v < types.size() && !types[v]) types[v] = type;
  };
  for (const ir::Literal& literal : body) {
    if (literal.kind == ir::Literal::Kind::positive || literal.kind == ir::Literal::Kind::negative) {
      const ir::Relation& relation = program.relations[literal.atom.relation];
      for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
        const ir::Argument& arg = literal.atom.args[i];
        if (arg.kind == ir::Argument::Kind::variable) note(arg.variable, relation.columns[i].type);
      }
    } else if (literal.kind == ir::Literal::Kind::aggregate) {
      const ir::Aggregate& aggregate = literal.aggregate.front();
      note_types(program, aggregate.body, types);
      ir::ColumnType result;
      result.base = aggregate.op == ir::AggregateOp::count ? ir::BaseType::number
                    : aggregate.op == ir::AggregateOp::mean ? ir::BaseType::floating
                                                            : aggregate.ordering.base;
      if (aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max) {
        result.scale = aggregate.ordering.scale;
        if (aggregate.target && aggregate.target->op == ir::Expr::Op::variable &&
            aggregate.target->variable < types.size() && types[aggregate.target->variable]) {
          result = *types[aggregate.target->variable];
        }
      }
      note(aggregate.result, result);
    }
  }
  // Comparisons last: their types are the plainest.
  for (const ir::Literal& literal : body) {
    if (literal.kind != ir::Literal::Kind::comparison) continue;
    for (const ir::Expr* side : {&literal.lhs, &literal.rhs}) {
      if (side->op != ir::Expr::Op::variable) continue;
      ir::ColumnType type;
      type.base = side->type;
      type.scale = literal.ordering.scale;
      note(side->variable, type);
    }
  }
}

}  // namespace

std::vector<std::optional<ir::ColumnType>> variable_types(
    const ir::Program& program, std::span<const ir::Literal> body, ir::RelationId head,
    std::span<const ir::Expr> head_args, std::size_t variable_count) {
  std::vector<std::optional<ir::ColumnType>> types(variable_count);
  if (head != ir::none) {
    const ir::Relation& relation = program.relations[head];
    for (std::size_t i = 0; i < head_args.size(); ++i) {
      if (head_args[i].op == ir::Expr::Op::variable && head_args[i].variable < types.size()) {
        types[head_args[i].variable] = relation.columns[i].type;
      }
    }
  }
  note_types(program, body, types);
  return types;
}

bool authored_variable(const std::string& name) {
  if (name.empty() || name.starts_with('_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::vector<std::pair<std::string, std::string>> named_bindings(
    const ir::Program&, const SymbolTable& symbols, const std::vector<std::string>& names,
    const std::vector<std::optional<ir::ColumnType>>& types, const Bindings& bindings) {
  std::vector<std::pair<std::string, std::string>> out;
  for (ir::VariableId v = 0; v < names.size() && v < bindings.bound.size(); ++v) {
    if (!bindings.bound[v] || !authored_variable(names[v])) continue;
    ir::ColumnType type = v < types.size() && types[v] ? *types[v] : ir::ColumnType{};
    out.emplace_back(names[v], engine::format_value(symbols, type, bindings.values[v]));
  }
  return out;
}

std::string condition_text(const ir::Program& program, const SymbolTable& symbols,
                           const std::vector<std::string>& names,
                           const std::vector<std::optional<ir::ColumnType>>& types,
                           const ir::Literal& literal, const Bindings& bindings) {
  std::string text = ir::print_literal(program, names, literal);
  std::vector<ir::VariableId> variables;
  ir::collect_variables(literal, variables);
  std::vector<std::string> values;
  for (ir::VariableId v : variables) {
    if (v >= bindings.bound.size() || !bindings.bound[v] || v >= names.size()) continue;
    ir::ColumnType type = v < types.size() && types[v] ? *types[v] : ir::ColumnType{};
    std::string shown = fmt::format("{} = {}", names[v],
                                    engine::format_value(symbols, type, bindings.values[v]));
    if (authored_variable(names[v]) &&
        std::find(values.begin(), values.end(), shown) == values.end()) {
      values.push_back(std::move(shown));
    }
  }
  if (!values.empty()) text += fmt::format(", with {}", fmt::join(values, ", "));
  return text;
}

std::optional<Bindings> refind_derivation(Matcher& matcher, const ir::Rule& rule,
                                          std::span<const ir::Value> tuple, std::uint32_t height) {
  Bindings bindings(std::max<std::size_t>(rule.variables.size(), ir::variable_count(rule)));
  for (std::size_t i = 0; i < rule.head_args.size(); ++i) {
    const ir::Expr& arg = rule.head_args[i];
    if (arg.op == ir::Expr::Op::variable && !bindings.bound[arg.variable]) {
      bindings.bind(arg.variable, tuple[i]);
    }
  }
  const engine::Database& database = matcher.database();
  auto lower = [&](ir::RelationId r, std::uint32_t candidate) {
    auto d = database.derivation(r, candidate);
    return !d || d->height < height;
  };
  std::optional<Bindings> solution;
  matcher.solve(rule.body, bindings, [&](const Bindings& found) {
    for (std::size_t i = 0; i < rule.head_args.size(); ++i) {
      auto value = matcher.value(rule.head_args[i], found);
      if (!value || *value != tuple[i]) return true;  // another solution may fit
    }
    solution = found;
    return false;
  }, lower);
  return solution;
}

}  // namespace sinew::query
