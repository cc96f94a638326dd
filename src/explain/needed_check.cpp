// Checking for `explain --needed` (needed_check.hpp): a way is evaluated with the case,
// and shrunk subset by subset to its smallest parts that still conclude the goal. Apart
// from abduction (needed_abduction.cpp): abduction proposes from the rules, this decides
// by evaluating cases.

#include "needed_check.hpp"

#include "ir/comparisons.hpp"

#include "engine/evaluate.hpp"
#include "engine/expression.hpp"
#include "engine/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

namespace sinew::explain {

namespace {

// Checks kept at most (then forgotten all at once): some 50 MB of short fact lists.
constexpr std::size_t memo_limit = std::size_t{1} << 18;

}  // namespace

WayChecker::WayChecker(const ir::Program& program, const engine::Database& database,
                       ir::RelationId goal, std::span<const ir::Value> tuple,
                       const engine::CaseEvaluator* shared)
    : program_(program), base_(database), goal_(goal), tuple_(tuple.begin(), tuple.end()) {
  // Keep what no rule concludes (the case as given, facts files); derive the rest anew.
  for (const ir::Rule& rule : program.rules) {
    if (!program.relations[rule.head].case_input) base_.clear(rule.head);
  }
  auto own = shared ? nullptr : std::make_unique<engine::CaseEvaluator>(program);
  const engine::CaseEvaluator& evaluator = shared ? *shared : *own;
  // A case's facts are inserted anew for each way: the prepared base holds none.
  for (engine::RelationId relation : evaluator.split().case_relations) {
    for (std::uint32_t row = 0; row < base_.size(relation); ++row) {
      auto given = base_.row(relation, row);
      given_.emplace_back(relation, std::vector<ir::Value>(given.begin(), given.end()));
    }
  }
  if (own && own->prepare(engine::Database(base_))) return;
  if (!evaluator.prepared()) return;
  own_evaluator_ = std::move(own);
  evaluator_ = &evaluator;
  worker_ = std::make_unique<engine::CaseWorker>(evaluator);
}

std::optional<WayChecker::Trial> WayChecker::trial(const Hypotheses& way) const {
  Trial out;
  out.facts.assign(way.facts.begin(), way.facts.end());
  for (const auto& [relation, known] : way.open_inputs) {
    std::vector<ir::Value> tuple;
    for (std::uint32_t column = 0; column < known.size(); ++column) {
      if (known[column]) {
        tuple.push_back(*known[column]);
        continue;
      }
      auto value = value_meeting(way.value_conditions, relation, column);
      if (!value) return std::nullopt;  // conditions no value meets
      tuple.push_back(*value);
    }
    out.facts.emplace_back(relation, std::move(tuple));
  }
  return out;
}

bool WayChecker::holds_for_some_value(const Hypotheses& way,
                                      const std::vector<std::int64_t>& boundaries) {
  if (way.open_inputs.size() == 1) {
    // Named, not a structured binding: clang 14 cannot capture those in a lambda.
    const auto& open_input = *way.open_inputs.begin();
    const auto& relation = open_input.first;
    const auto& known = open_input.second;
    std::size_t open = known.size();
    std::size_t open_count = 0;
    for (std::size_t c = 0; c < known.size(); ++c) {
      if (!known[c]) {
        open = c;
        ++open_count;
      }
    }
    if (open_count == 1 &&
        program_.relations[relation].columns[open].type.base == ir::BaseType::number) {
      for (std::int64_t value : boundaries) {
        bool meets = std::all_of(
            way.value_conditions.begin(), way.value_conditions.end(), [&](const ValueCondition& c) {
              if (c.relation != relation || c.column != open) return true;
              auto bound = static_cast<std::int64_t>(c.value);
              return engine::holds_by_order(c.op, (value > bound) - (value < bound));
            });
        if (!meets) continue;
        std::vector<Fact> facts(way.facts.begin(), way.facts.end());
        std::vector<ir::Value> tuple;
        for (const auto& v : known) tuple.push_back(v ? *v : static_cast<ir::Value>(value));
        facts.emplace_back(relation, std::move(tuple));
        if (holds(facts)) return true;
      }
      return false;
    }
  }
  auto one = trial(way);
  return one && holds(one->facts);
}

bool WayChecker::holds(const std::vector<Fact>& facts) {
  auto key = facts;
  std::sort(key.begin(), key.end());
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  bool result = concludes(facts, Fact{goal_, tuple_});
  if (memo_.size() >= memo_limit) memo_.clear();
  memo_.emplace(std::move(key), result);
  return result;
}

bool WayChecker::concludes(const std::vector<Fact>& facts, const Fact& atom) {
  if (!worker_ || !only_case_facts(facts)) return holds_by_whole_evaluation(facts, atom);
  worker_->clear();
  for (const auto& [relation, tuple] : given_) worker_->insert(relation, tuple);
  for (const auto& [relation, tuple] : facts) worker_->insert(relation, tuple);
  return !worker_->run() && worker_->database().contains(atom.first, atom.second);
}

// A fact of a relation no case changes (a facts file's) would change the base: such a
// way is evaluated whole.
bool WayChecker::only_case_facts(const std::vector<Fact>& facts) const {
  return std::all_of(facts.begin(), facts.end(),
                     [&](const Fact& fact) { return evaluator_->is_case_relation(fact.first); });
}

bool WayChecker::holds_by_whole_evaluation(const std::vector<Fact>& facts, const Fact& atom) const {
  engine::Database trial(base_);
  for (const auto& [relation, tuple] : facts) trial.insert(relation, tuple);
  return !engine::evaluate(program_, trial) && trial.contains(atom.first, atom.second);
}

// A value for the open column that meets every condition on it: the conditions'
// own values and their neighbours are tried, smallest first.
std::optional<ir::Value> WayChecker::value_meeting(const std::set<ValueCondition>& conditions,
                                                   ir::RelationId relation,
                                                   std::uint32_t column) const {
  std::vector<const ValueCondition*> mine;
  for (const ValueCondition& condition : conditions) {
    if (condition.relation == relation && condition.column == column) mine.push_back(&condition);
  }
  const ir::ColumnType& type = program_.relations[relation].columns[column].type;
  if (mine.empty())
    return type.base == ir::BaseType::symbol ? std::nullopt : std::optional<ir::Value>(0);
  std::vector<ir::Value> candidates;
  for (const ValueCondition* condition : mine) {
    candidates.push_back(condition->value);
    if (type.base == ir::BaseType::number || type.base == ir::BaseType::unsigned_number) {
      candidates.push_back(condition->value - 1);
      candidates.push_back(condition->value + 1);
    }
  }
  std::sort(candidates.begin(), candidates.end(), [&](ir::Value a, ir::Value b) {
    return engine::compare_values(base_.symbols(), program_.scales, mine.front()->ordering, a, b) <
           0;
  });
  for (ir::Value candidate : candidates) {
    bool meets = std::all_of(mine.begin(), mine.end(), [&](const ValueCondition* c) {
      int order = engine::compare_values(base_.symbols(), program_.scales, c->ordering, candidate,
                                         c->value);
      return engine::holds_by_order(c->op, order);
    });
    if (meets) return candidate;
  }
  return std::nullopt;
}

namespace {

// The parts of a way: each fact, and each open input with its conditions.
struct Part {
  std::optional<Fact> fact;
  std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>> open;
};

Hypotheses with_parts(const Hypotheses& way, const std::vector<Part>& parts, std::uint32_t chosen) {
  Hypotheses out;
  out.checkable = way.checkable;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!(chosen & (1u << i))) continue;
    if (parts[i].fact) {
      out.facts.insert(*parts[i].fact);
      continue;
    }
    out.open_inputs.insert(parts[i].open);
  }
  // Conditions go with the open inputs they are about.
  for (const ValueCondition& condition : way.value_conditions) {
    bool kept = std::any_of(out.open_inputs.begin(), out.open_inputs.end(),
                            [&](const auto& open) { return open.first == condition.relation; });
    if (kept) out.value_conditions.insert(condition);
  }
  if (out.value_conditions.size() == way.value_conditions.size()) out.conditions = way.conditions;
  out.absent_inputs = way.absent_inputs;
  return out;
}

// The smallest parts of `way` that still conclude the goal: every part of the result is
// needed (a way whose subsets do not conclude it is kept whole). Nothing when `way`
// itself does not conclude it.
std::vector<Hypotheses> smallest_working(const Hypotheses& way, WayChecker& checker,
                                         const std::vector<std::int64_t>& boundaries) {
  std::vector<Part> parts;
  for (const Fact& fact : way.facts) parts.push_back(Part{fact, {}});
  for (const auto& open : way.open_inputs) parts.push_back(Part{std::nullopt, open});
  if (parts.size() > 12) return {};  // too many to check subset by subset
  auto works = [&](std::uint32_t chosen) {
    return checker.holds_for_some_value(with_parts(way, parts, chosen), boundaries);
  };
  std::uint32_t all = (1u << parts.size()) - 1;
  if (!works(all)) return {};
  std::vector<std::uint32_t> minimal;
  // By size, so that a subset is always seen before its supersets.
  std::vector<std::uint32_t> subsets(all + 1);
  for (std::uint32_t s = 0; s <= all; ++s) subsets[s] = s;
  std::stable_sort(subsets.begin(), subsets.end(), [](std::uint32_t a, std::uint32_t b) {
    return std::popcount(a) < std::popcount(b);
  });
  for (std::uint32_t s : subsets) {
    if (std::any_of(minimal.begin(), minimal.end(), [&](std::uint32_t m) { return (m & s) == m; }))
      continue;
    if (works(s)) minimal.push_back(s);
  }
  std::vector<Hypotheses> out;
  for (std::uint32_t s : minimal) out.push_back(with_parts(way, parts, s));
  return out;
}

// A way with one open number (`duration_days >= 3`): its smallest parts, value by
// value. Each boundary value is tried with each subset of the way's facts (and each
// subset with no number); a subset that works with a value, when nothing smaller does
// with that value or with no number, is a way for that value. The values of one subset
// become ranges (`n >= 2 and n <= 4`), a way each: another rule may cut a range the
// abduced conditions did not (`n < 2` blocks it), or need fewer findings for some values.
// Nullopt when the way has no single open number.
std::optional<std::vector<Hypotheses>> smallest_with_number(
    const Hypotheses& way, WayChecker& checker, const ir::Program& program,
    const std::vector<std::int64_t>& values) {
  if (way.open_inputs.size() != 1 || values.empty()) return std::nullopt;
  const auto& open_input = *way.open_inputs.begin();  // named: captured below (clang 14)
  const auto& relation = open_input.first;
  const auto& known = open_input.second;
  std::size_t open_count = 0;
  std::uint32_t column = 0;
  for (std::uint32_t c = 0; c < known.size(); ++c) {
    if (!known[c]) {
      ++open_count;
      column = c;
    }
  }
  const ir::ColumnType& type = program.relations[relation].columns[column].type;
  if (open_count != 1 || type.base != ir::BaseType::number) return std::nullopt;
  std::vector<Fact> facts(way.facts.begin(), way.facts.end());
  if (facts.size() > 12) return std::vector<Hypotheses>{};
  // option 0: no number; option i: values[i - 1]
  auto works = [&](std::uint32_t chosen, std::size_t option) {
    std::vector<Fact> trial;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (chosen & (1u << i)) trial.push_back(facts[i]);
    }
    if (option) {
      std::vector<ir::Value> tuple;
      for (const auto& v : known)
        tuple.push_back(v ? *v : static_cast<ir::Value>(values[option - 1]));
      trial.emplace_back(relation, std::move(tuple));
    }
    return checker.holds(trial);
  };
  std::uint32_t all = (1u << facts.size()) - 1;
  std::vector<std::uint32_t> subsets(all + 1);
  for (std::uint32_t chosen = 0; chosen <= all; ++chosen) subsets[chosen] = chosen;
  std::stable_sort(subsets.begin(), subsets.end(), [](std::uint32_t a, std::uint32_t b) {
    return std::popcount(a) < std::popcount(b);
  });
  std::vector<std::pair<std::uint32_t, std::size_t>> minimal;
  std::map<std::uint32_t, std::vector<bool>> by_subset;  // with a number: the values that work
  std::vector<std::uint32_t> without_number;
  for (std::uint32_t chosen : subsets) {
    for (std::size_t option = 0; option <= values.size(); ++option) {
      bool smaller = std::any_of(minimal.begin(), minimal.end(), [&](const auto& kept) {
        return (kept.first & chosen) == kept.first && (kept.second == 0 || kept.second == option);
      });
      if (smaller || !works(chosen, option)) continue;
      minimal.emplace_back(chosen, option);
      if (option == 0) {
        without_number.push_back(chosen);
      } else {
        auto& flags = by_subset[chosen];
        flags.resize(values.size(), false);
        flags[option - 1] = true;
      }
    }
  }
  auto subset_way = [&](std::uint32_t chosen) {
    Hypotheses out;
    out.checkable = way.checkable;
    out.absent_inputs = way.absent_inputs;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (chosen & (1u << i)) out.facts.insert(facts[i]);
    }
    return out;
  };
  std::vector<Hypotheses> out;
  for (std::uint32_t chosen : without_number) out.push_back(subset_way(chosen));
  std::string name = program.relations[relation].arity() == 1
                         ? program.relations[relation].name
                         : program.relations[relation].name + "." +
                               program.relations[relation].columns[column].name;
  for (const auto& [chosen, flags] : by_subset) {
    for (std::size_t i = 0; i < values.size();) {
      if (!flags[i]) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j + 1 < values.size() && flags[j + 1]) ++j;
      Hypotheses range = subset_way(chosen);
      range.open_inputs.insert(*way.open_inputs.begin());
      ValueCondition condition;
      condition.relation = relation;
      condition.column = column;
      condition.ordering.base = ir::BaseType::number;
      if (i > 0) {
        condition.op = ir::CompareOp::ge;
        condition.value = static_cast<ir::Value>(values[i]);
        range.value_conditions.insert(condition);
        range.conditions.insert(fmt::format("{} >= {}", name, values[i]));
      }
      if (j + 1 < values.size()) {
        condition.op = ir::CompareOp::le;
        condition.value = static_cast<ir::Value>(values[j]);
        range.value_conditions.insert(condition);
        range.conditions.insert(fmt::format("{} <= {}", name, values[j]));
      }
      out.push_back(std::move(range));
      i = j + 1;
    }
  }
  return out;
}

}  // namespace

std::vector<std::int64_t> boundary_values(const ir::Program& program) {
  std::set<std::int64_t> out;
  ir::for_each_number_comparison(program, [&](const ir::Literal& literal) {
    for (const ir::Expr* side : {&literal.lhs, &literal.rhs}) {
      if (side->op != ir::Expr::Op::constant) continue;
      auto t = static_cast<std::int64_t>(side->constant);
      out.insert({t - 1, t, t + 1});
    }
  });
  return {out.begin(), out.end()};
}

std::vector<Hypotheses> smallest_ways(const Hypotheses& way, WayChecker& checker,
                                      const ir::Program& program,
                                      const std::vector<std::int64_t>& values) {
  if (auto with_number = smallest_with_number(way, checker, program, values))
    return std::move(*with_number);
  return smallest_working(way, checker, values);
}

}  // namespace sinew::explain
