#include "explain_support.hpp"

#include "engine/value.hpp"
#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace sinew::explain {

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
    if (literal.kind == ir::Literal::Kind::positive ||
        literal.kind == ir::Literal::Kind::negative) {
      const ir::Relation& relation = program.relations[literal.atom.relation];
      for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
        const ir::Argument& arg = literal.atom.args[i];
        if (arg.kind == ir::Argument::Kind::variable) note(arg.variable, relation.columns[i].type);
      }
    } else if (literal.kind == ir::Literal::Kind::aggregate) {
      const ir::Aggregate& aggregate = literal.aggregate.front();
      note_types(program, aggregate.body, types);
      ir::ColumnType result;
      result.base = aggregate.op == ir::AggregateOp::count  ? ir::BaseType::number
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

std::vector<std::optional<ir::ColumnType>> variable_types(const ir::Program& program,
                                                          std::span<const ir::Literal> body,
                                                          ir::RelationId head,
                                                          std::span<const ir::Expr> head_args,
                                                          std::size_t variable_count) {
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

namespace {

// `value_at(i)`: the value of column i, or nullptr when it is not known.
template <typename ValueAt>
bool unify_head_by(const ir::Rule& rule, ValueAt value_at, Bindings& bindings) {
  for (std::size_t i = 0; i < rule.head_args.size(); ++i) {
    const ir::Value* value = value_at(i);
    if (!value) continue;
    const ir::Expr& arg = rule.head_args[i];
    if (arg.op == ir::Expr::Op::constant) {
      if (arg.constant != *value) return false;
    } else if (arg.op == ir::Expr::Op::variable) {
      if (bindings.bound[arg.variable]) {
        if (bindings.values[arg.variable] != *value) return false;
      } else {
        bindings.bind(arg.variable, *value);
      }
    }
  }
  return true;
}

}  // namespace

bool unify_head(const ir::Rule& rule, std::span<const ir::Value> tuple, Bindings& bindings) {
  return unify_head_by(
      rule, [&](std::size_t i) { return &tuple[i]; }, bindings);
}

bool unify_head(const ir::Rule& rule, std::span<const std::optional<ir::Value>> known,
                Bindings& bindings) {
  return unify_head_by(
      rule, [&](std::size_t i) { return known[i] ? &*known[i] : nullptr; }, bindings);
}

std::optional<Bindings> refind_derivation(Matcher& matcher, const ir::Rule& rule,
                                          std::span<const ir::Value> tuple, std::uint32_t height) {
  Bindings bindings(std::max<std::size_t>(rule.variables.size(), ir::variable_count(rule)));
  // A row the rule cannot conclude has no derivation by it; the check after solving
  // below would reject every solution anyway.
  if (!unify_head(rule, tuple, bindings)) return std::nullopt;
  const engine::Database& database = matcher.database();
  auto lower = [&](ir::RelationId r, std::uint32_t candidate) {
    auto d = database.derivation(r, candidate);
    return !d || d->height < height;
  };
  std::optional<Bindings> solution;
  matcher.solve(
      rule.body, bindings,
      [&](const Bindings& found) {
        for (std::size_t i = 0; i < rule.head_args.size(); ++i) {
          auto value = matcher.value(rule.head_args[i], found);
          if (!value || *value != tuple[i]) return true;  // another solution may fit
        }
        solution = found;
        return false;
      },
      lower);
  return solution;
}

}  // namespace sinew::explain

namespace sinew::explain {

namespace {

bool is_case_atom(const ir::Program& program, const ir::Literal& literal) {
  return literal.kind == ir::Literal::Kind::positive &&
         program.relations[literal.atom.relation].case_input;
}

// The symbol variables of a case atom that are not bound yet.
std::vector<ir::VariableId> open_symbols(const ir::Program& program, const ir::Literal& literal,
                                         const std::vector<bool>& bound) {
  std::vector<ir::VariableId> out;
  const ir::Relation& schema = program.relations[literal.atom.relation];
  for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
    const ir::Argument& arg = literal.atom.args[i];
    if (arg.kind == ir::Argument::Kind::variable &&
        schema.columns[i].type.base == ir::BaseType::symbol &&
        (arg.variable >= bound.size() || !bound[arg.variable])) {
      out.push_back(arg.variable);
    }
  }
  return out;
}

bool mentions(const ir::Literal& literal, ir::VariableId variable) {
  std::vector<ir::VariableId> variables;
  ir::collect_variables(literal, variables);
  return std::find(variables.begin(), variables.end(), variable) != variables.end();
}

}  // namespace

std::vector<std::uint32_t> explaining_order(const ir::Program& program,
                                            std::span<const ir::Literal> body,
                                            const std::vector<bool>& bound_before,
                                            std::span<const std::uint32_t> rule_counts) {
  auto planned = ir::order_literals(program, body, ir::none, bound_before, {}, rule_counts);
  std::vector<bool> bound = bound_before;
  auto bind_all = [&](const ir::Literal& literal) {
    if (literal.kind == ir::Literal::Kind::negative) return;
    std::vector<ir::VariableId> variables;
    ir::collect_variables(literal, variables);
    for (ir::VariableId v : variables) {
      if (v >= bound.size()) bound.resize(v + 1, false);
      bound[v] = true;
    }
  };
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> waiting;  // case atoms waiting for a binder
  auto emit = [&](std::uint32_t position) {
    order.push_back(position);
    bind_all(body[position]);
  };
  auto release = [&] {  // waiting atoms whose symbols are now bound
    for (std::size_t i = 0; i < waiting.size();) {
      if (open_symbols(program, body[waiting[i]], bound).empty()) {
        emit(waiting[i]);
        waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  };
  for (std::size_t at = 0; at < planned.size(); ++at) {
    std::uint32_t position = planned[at];
    const ir::Literal& literal = body[position];
    if (is_case_atom(program, literal)) {
      auto open = open_symbols(program, literal, bound);
      bool binder_later =
          !open.empty() && std::all_of(open.begin(), open.end(), [&](ir::VariableId v) {
            return std::any_of(planned.begin() + static_cast<std::ptrdiff_t>(at) + 1, planned.end(),
                               [&](std::uint32_t later) {
                                 return body[later].kind == ir::Literal::Kind::positive &&
                                        !is_case_atom(program, body[later]) &&
                                        mentions(body[later], v);
                               });
          });
      if (binder_later) {
        waiting.push_back(position);
        continue;
      }
    }
    // A literal that reads a variable only a waiting atom would bind: the atom first.
    bool needs_waiting = literal.kind != ir::Literal::Kind::positive &&
                         std::any_of(waiting.begin(), waiting.end(), [&](std::uint32_t w) {
                           auto open = open_symbols(program, body[w], bound);
                           return std::any_of(open.begin(), open.end(), [&](ir::VariableId v) {
                             return mentions(literal, v);
                           });
                         });
    if (needs_waiting) {
      for (std::uint32_t w : waiting) emit(w);
      waiting.clear();
    }
    emit(position);
    release();
  }
  for (std::uint32_t w : waiting) order.push_back(w);
  return order;
}

namespace {

// Atoms of the rules leading to `goal` (a work list, not recursion, so that a long chain
// of rules cannot exhaust the stack) that `keep` keeps, with their constants.
template <typename Keep>
std::vector<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> atoms_leading_to(
    const ir::Program& program, ir::RelationId goal, Keep keep) {
  std::vector<bool> seen(program.relations.size(), false);
  std::vector<ir::RelationId> pending{goal};
  seen[goal] = true;
  std::set<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> out;
  auto visit = [&](const ir::Literal& literal, auto& self) -> void {
    if (literal.kind == ir::Literal::Kind::aggregate) {
      for (const ir::Aggregate& aggregate : literal.aggregate) {
        for (const ir::Literal& inner : aggregate.body) self(inner, self);
      }
      return;
    }
    if (literal.kind != ir::Literal::Kind::positive && literal.kind != ir::Literal::Kind::negative)
      return;
    ir::RelationId relation = literal.atom.relation;
    if (!seen[relation]) {
      seen[relation] = true;
      pending.push_back(relation);
    }
    std::vector<std::optional<ir::Value>> values;
    for (const ir::Argument& arg : literal.atom.args) {
      values.push_back(arg.kind == ir::Argument::Kind::constant
                           ? std::optional<ir::Value>(arg.constant)
                           : std::nullopt);
    }
    if (keep(literal, values)) out.emplace(relation, std::move(values));
  };
  while (!pending.empty()) {
    ir::RelationId relation = pending.back();
    pending.pop_back();
    for (const ir::Rule& rule : program.rules) {
      if (rule.head != relation) continue;
      for (const ir::Literal& literal : rule.body) visit(literal, visit);
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace

std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> case_facts_named(
    const ir::Program& program, const engine::Database& database, ir::RelationId goal) {
  std::set<std::pair<ir::RelationId, std::vector<ir::Value>>> out;
  std::vector<bool> seen(program.relations.size(), false);
  std::vector<ir::RelationId> pending{goal};
  seen[goal] = true;
  // One condition of `body`: a case atom's facts, its variable (one, at most) taking
  // the values another positive condition holds for it.
  auto visit_body = [&](std::span<const ir::Literal> body, auto& self) -> void {
    for (const ir::Literal& literal : body) {
      if (literal.kind == ir::Literal::Kind::aggregate) {
        for (const ir::Aggregate& aggregate : literal.aggregate) self(aggregate.body, self);
        continue;
      }
      if (literal.kind != ir::Literal::Kind::positive &&
          literal.kind != ir::Literal::Kind::negative)
        continue;
      ir::RelationId relation = literal.atom.relation;
      if (!seen[relation]) {
        seen[relation] = true;
        pending.push_back(relation);
      }
      if (!program.relations[relation].case_input) continue;
      const auto& args = literal.atom.args;
      std::size_t open = args.size();
      std::size_t open_count = 0;
      for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].kind != ir::Argument::Kind::constant) {
          open = i;
          ++open_count;
        }
      }
      std::vector<ir::Value> tuple;
      for (const ir::Argument& arg : args)
        tuple.push_back(arg.kind == ir::Argument::Kind::constant ? arg.constant : 0);
      if (open_count == 0) {
        out.emplace(relation, tuple);
        continue;
      }
      if (open_count != 1 || args[open].kind != ir::Argument::Kind::variable) continue;
      for (const ir::Literal& other : body) {
        if (other.kind != ir::Literal::Kind::positive ||
            program.relations[other.atom.relation].case_input)
          continue;
        for (std::size_t c = 0; c < other.atom.args.size(); ++c) {
          const ir::Argument& arg = other.atom.args[c];
          if (arg.kind != ir::Argument::Kind::variable || arg.variable != args[open].variable)
            continue;
          for (const auto& row : database.sorted(other.atom.relation)) {
            // Rows that agree with the other condition's constants.
            bool agrees = true;
            for (std::size_t k = 0; k < other.atom.args.size() && agrees; ++k) {
              if (other.atom.args[k].kind == ir::Argument::Kind::constant)
                agrees = row[k] == other.atom.args[k].constant;
            }
            if (!agrees) continue;
            tuple[open] = row[c];
            out.emplace(relation, tuple);
          }
        }
      }
    }
  };
  while (!pending.empty()) {
    ir::RelationId relation = pending.back();
    pending.pop_back();
    for (const ir::Rule& rule : program.rules) {
      if (rule.head == relation) visit_body(rule.body, visit_body);
    }
  }
  return {out.begin(), out.end()};
}

std::vector<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> negated_atoms(
    const ir::Program& program, ir::RelationId goal) {
  return atoms_leading_to(program, goal, [](const ir::Literal& literal, const auto&) {
    return literal.kind == ir::Literal::Kind::negative;
  });
}

}  // namespace sinew::explain
