#include "interchangeable.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace sinew::cases {

namespace {

// Does the program treat names only as names: no ordering of plain names, no min or max
// over them, no text made from them? Then swapping two names commutes with evaluation.
bool only_compares_names(const ir::Program& program) {
  bool blind = true;
  auto scan_expr = [&](auto& self, const ir::Expr& expr) -> void {
    using Op = ir::Expr::Op;
    if (expr.op == Op::cat || expr.op == Op::strlen || expr.op == Op::to_number ||
        expr.op == Op::to_string)
      blind = false;
    for (const ir::Expr& arg : expr.args) self(self, arg);
  };
  auto plain_names = [](const ir::Ordering& ordering) {
    return ordering.base == ir::BaseType::symbol && ordering.scale == ir::none;
  };
  auto scan_body = [&](auto& self, const std::vector<ir::Literal>& body) -> void {
    for (const ir::Literal& literal : body) {
      if (literal.kind == ir::Literal::Kind::comparison) {
        if (plain_names(literal.ordering) && literal.op != ir::CompareOp::eq &&
            literal.op != ir::CompareOp::ne)
          blind = false;
        scan_expr(scan_expr, literal.lhs);
        scan_expr(scan_expr, literal.rhs);
      }
      if (literal.kind != ir::Literal::Kind::aggregate) continue;
      for (const ir::Aggregate& aggregate : literal.aggregate) {
        if ((aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max) &&
            plain_names(aggregate.ordering))
          blind = false;
        if (aggregate.target) scan_expr(scan_expr, *aggregate.target);
        self(self, aggregate.body);
      }
    }
  };
  for (const ir::Rule& rule : program.rules) {
    scan_body(scan_body, rule.body);
    for (const ir::Expr& arg : rule.head_args) scan_expr(scan_expr, arg);
  }
  return blind;
}

// The names a program singles out: constants of its rules, values of the facts it
// gives every case (a swap would have to move them too), and levels of its scales
// (which rules compare by rank).
std::set<SymbolId> singled_out(const engine::CaseEvaluator& evaluator) {
  const ir::Program& program = evaluator.program();
  std::set<SymbolId> out;
  auto scan_expr = [&](auto& self, const ir::Expr& expr) -> void {
    if (expr.op == ir::Expr::Op::constant && expr.type == ir::BaseType::symbol)
      out.insert(static_cast<SymbolId>(expr.constant));
    for (const ir::Expr& arg : expr.args) self(self, arg);
  };
  auto scan_body = [&](auto& self, const std::vector<ir::Literal>& body) -> void {
    for (const ir::Literal& literal : body) {
      if (literal.kind == ir::Literal::Kind::positive ||
          literal.kind == ir::Literal::Kind::negative) {
        const ir::Relation& relation = program.relations[literal.atom.relation];
        for (std::size_t c = 0; c < literal.atom.args.size(); ++c) {
          if (literal.atom.args[c].kind == ir::Argument::Kind::constant &&
              relation.columns[c].type.base == ir::BaseType::symbol)
            out.insert(static_cast<SymbolId>(literal.atom.args[c].constant));
        }
      }
      scan_expr(scan_expr, literal.lhs);
      scan_expr(scan_expr, literal.rhs);
      for (const ir::Aggregate& aggregate : literal.aggregate) {
        if (aggregate.target) scan_expr(scan_expr, *aggregate.target);
        self(self, aggregate.body);
      }
    }
  };
  for (const ir::Rule& rule : program.rules) {
    scan_body(scan_body, rule.body);
    for (const ir::Expr& arg : rule.head_args) scan_expr(scan_expr, arg);
  }
  for (const ir::Scale& scale : program.scales)
    out.insert(scale.levels.begin(), scale.levels.end());
  for (std::size_t i = 0; i < program.facts.size(); ++i) {
    ir::FactRef fact = program.facts[i];
    if (!evaluator.is_case_relation(fact.relation)) continue;
    const ir::Relation& relation = program.relations[fact.relation];
    for (std::size_t c = 0; c < fact.values.size(); ++c) {
      if (relation.columns[c].type.base == ir::BaseType::symbol)
        out.insert(static_cast<SymbolId>(fact.values[c]));
    }
  }
  return out;
}

// One program's view: where each name of interest occurs in what no case changes.
class SwapCheck {
 public:
  SwapCheck(const engine::CaseEvaluator& evaluator, const std::vector<std::string>& names)
      : evaluator_(evaluator) {
    const engine::Database& base = evaluator.base();
    blind_ = only_compares_names(evaluator.program());
    std::set<SymbolId> singled = singled_out(evaluator);
    for (const std::string& name : names) {
      auto id = base.symbols().find(name);
      if (!id) continue;
      ids_[name] = *id;
      if (singled.contains(*id)) singled_.insert(name);
    }
    std::set<ir::Value> wanted;
    for (const auto& entry : ids_) wanted.insert(entry.second);
    for (ir::RelationId r = 0; r < base.relation_count(); ++r) {
      if (evaluator.is_case_relation(r)) continue;
      const auto& columns = base.columns(r);
      for (std::uint32_t row = 0; row < base.size(r); ++row) {
        auto tuple = base.row(r, row);
        bool touched = false;
        for (std::size_t c = 0; c < tuple.size(); ++c) {
          if (columns[c].type.base != ir::BaseType::symbol || !wanted.contains(tuple[c])) continue;
          occurrences_[static_cast<SymbolId>(tuple[c])].push_back({r, row});
          touched = true;
        }
        if (touched) rows_[r].emplace(tuple.begin(), tuple.end());
      }
    }
  }

  // A name's rows with the name marked: names with equal marks are swapped into each
  // other's rows, so only they are compared (a knowledge base of 20,000 findings is not
  // compared pair by pair). Two names in one row get different marks even when they
  // could be swapped: they are then tried apart, which is slower but as exact.
  using Mark = std::vector<std::vector<ir::Value>>;
  Mark mark(const std::string& name) const {
    auto id = ids_.find(name);
    if (id == ids_.end()) return {};
    if (!blind_ || singled_.contains(name)) return {{static_cast<ir::Value>(id->second)}};
    Mark out;
    auto found = occurrences_.find(id->second);
    if (found == occurrences_.end()) return out;
    const engine::Database& base = evaluator_.base();
    constexpr ir::Value self = ~ir::Value{0};
    for (const auto& [relation, row] : found->second) {
      auto tuple = base.row(relation, row);
      const auto& columns = base.columns(relation);
      std::vector<ir::Value>& entry = out.emplace_back();
      entry.push_back(relation);
      for (std::size_t c = 0; c < tuple.size(); ++c) {
        bool itself = columns[c].type.base == ir::BaseType::symbol && tuple[c] == id->second;
        entry.push_back(itself ? self : tuple[c]);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Is swapping `a` and `b` everywhere a symmetry of this program?
  bool swappable(const std::string& a, const std::string& b) const {
    if (!blind_ || singled_.contains(a) || singled_.contains(b)) return false;
    auto ia = ids_.find(a), ib = ids_.find(b);
    if (ia == ids_.end() || ib == ids_.end()) return ia == ib;  // neither known: untouched
    return maps_into_base(ia->second, ib->second) && maps_into_base(ib->second, ia->second);
  }

 private:
  // Every row holding `from`, with `from` and `to` swapped, is a row of the base.
  bool maps_into_base(SymbolId from, SymbolId to) const {
    auto found = occurrences_.find(from);
    if (found == occurrences_.end()) return true;
    const engine::Database& base = evaluator_.base();
    std::vector<ir::Value> swapped;
    for (const auto& [relation, row] : found->second) {
      auto tuple = base.row(relation, row);
      const auto& columns = base.columns(relation);
      swapped.assign(tuple.begin(), tuple.end());
      for (std::size_t c = 0; c < swapped.size(); ++c) {
        if (columns[c].type.base != ir::BaseType::symbol) continue;
        if (swapped[c] == from) {
          swapped[c] = to;
        } else if (swapped[c] == to) {
          swapped[c] = from;
        }
      }
      if (!rows_.at(relation).contains(swapped)) return false;
    }
    return true;
  }

  const engine::CaseEvaluator& evaluator_;
  bool blind_ = false;
  std::map<std::string, SymbolId> ids_;
  std::set<std::string> singled_;
  std::map<SymbolId, std::vector<std::pair<ir::RelationId, std::uint32_t>>> occurrences_;
  std::map<ir::RelationId, std::set<std::vector<ir::Value>>> rows_;
};

}  // namespace

std::vector<std::vector<std::string>> interchangeable_classes(
    std::span<const engine::CaseEvaluator* const> evaluators,
    const std::vector<std::string>& names) {
  std::vector<SwapCheck> checks;
  for (const engine::CaseEvaluator* evaluator : evaluators) checks.emplace_back(*evaluator, names);
  // Names with equal marks in every program, in the order of the names.
  std::map<std::vector<SwapCheck::Mark>, std::vector<std::size_t>> alike;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::vector<SwapCheck::Mark> marks;
    for (const SwapCheck& check : checks) marks.push_back(check.mark(names[i]));
    alike[std::move(marks)].push_back(i);
  }
  std::vector<std::vector<std::string>> classes;
  // A class grows by names swappable with its first: those swaps generate every
  // permutation of the class.
  for (const auto& entry : alike) {
    const std::vector<std::size_t>& members = entry.second;
    std::vector<bool> placed(members.size(), false);
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (placed[i]) continue;
      std::vector<std::string>& group = classes.emplace_back();
      const std::string& first = names[members[i]];
      group.push_back(first);
      for (std::size_t j = i + 1; j < members.size() && group.size() < 63; ++j) {
        if (placed[j]) continue;
        const std::string& name = names[members[j]];
        bool everywhere = std::all_of(checks.begin(), checks.end(), [&](const SwapCheck& check) {
          return check.swappable(first, name);
        });
        if (!everywhere) continue;
        group.push_back(name);
        placed[j] = true;
      }
    }
  }
  std::sort(classes.begin(), classes.end());
  return classes;
}

}  // namespace sinew::cases
