// Why a fact does not hold: for each rule that could conclude it, the attempt that
// satisfies the most conditions, and the condition where it stops (with the values
// tried). A missing case input is named as such; a missing derived fact is explained
// one level further down, a few levels deep.

#include "explain/explain.hpp"

#include "explain_support.hpp"
#include "matcher.hpp"

#include "engine/value.hpp"
#include "ir/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace sinew::explain {

namespace {

constexpr std::size_t deepest = 4;         // levels of "because"
constexpr std::size_t most_work = 20000;   // partial solutions explored per rule

// The min or max aggregate whose result `literal` (an `=` comparison) checks against a
// bound variable, with the expected value: `L = max X : { reach(X) }` with L known.
struct ExpectedExtreme {
  const ir::Aggregate* aggregate = nullptr;
  ir::Value expected = 0;
};

std::optional<ExpectedExtreme> expected_extreme(const ir::Rule& rule, const ir::Literal& literal,
                                                const Bindings& bindings) {
  if (literal.kind == ir::Literal::Kind::aggregate) {
    // The result was bound first (`L = max ...` planned before the aggregate).
    const ir::Aggregate& aggregate = literal.aggregate.front();
    bool extreme = aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max;
    if (!extreme || !bindings.bound[aggregate.result]) return std::nullopt;
    return ExpectedExtreme{&aggregate, bindings.values[aggregate.result]};
  }
  if (literal.kind != ir::Literal::Kind::comparison || literal.op != ir::CompareOp::eq) {
    return std::nullopt;
  }
  for (const ir::Literal& other : rule.body) {
    if (other.kind != ir::Literal::Kind::aggregate) continue;
    const ir::Aggregate& aggregate = other.aggregate.front();
    if (aggregate.op != ir::AggregateOp::min && aggregate.op != ir::AggregateOp::max) continue;
    const ir::Expr* result_side = nullptr;
    const ir::Expr* known_side = nullptr;
    for (const ir::Expr* side : {&literal.lhs, &literal.rhs}) {
      if (side->op == ir::Expr::Op::variable && side->variable == aggregate.result) {
        result_side = side;
      } else if (side->op == ir::Expr::Op::variable && bindings.bound[side->variable]) {
        known_side = side;
      }
    }
    if (result_side && known_side) {
      return ExpectedExtreme{&aggregate, bindings.values[known_side->variable]};
    }
  }
  return std::nullopt;
}

}  // namespace

WhyNot Explainer::why_not(ir::RelationId relation, std::span<const ir::Value> tuple) {
  WhyNot result;
  result.holds = database_.find(relation, tuple).has_value();
  if (result.holds) return result;
  const ir::Relation& schema = program_.relations[relation];
  result.is_input = schema.case_input;
  if (schema.case_input) {
    result.missing_inputs.emplace_back(relation, std::vector<ir::Value>(tuple.begin(), tuple.end()));
  }
  result.has_rules = std::any_of(program_.rules.begin(), program_.rules.end(),
                                 [&](const ir::Rule& rule) { return rule.head == relation; });
  result.attempts = attempts_for(relation, tuple, 0, result);
  result.has_case_inputs = std::any_of(program_.relations.begin(), program_.relations.end(),
                                       [](const ir::Relation& r) { return r.case_input; });
  if (result.has_case_inputs) {
    // Every alternative that would do, each checked: the facts of the smallest ways.
    result.ways = needed(relation, tuple);
    result.missing_inputs.clear();
    for (const Requirement& way : result.ways) {
      result.missing_inputs.insert(result.missing_inputs.end(), way.facts.begin(), way.facts.end());
    }
  }
  // By text, so that the order never depends on how symbols were numbered.
  auto text_of = [&](const auto& fact) { return atom_text(fact.first, fact.second); };
  std::sort(result.missing_inputs.begin(), result.missing_inputs.end(),
            [&](const auto& a, const auto& b) { return text_of(a) < text_of(b); });
  result.missing_inputs.erase(std::unique(result.missing_inputs.begin(), result.missing_inputs.end()),
                              result.missing_inputs.end());
  return result;
}

std::vector<RuleAttempt> Explainer::attempts_for(ir::RelationId relation,
                                                 std::span<const ir::Value> tuple,
                                                 std::size_t depth, WhyNot& result) {
  std::vector<RuleAttempt> attempts;
  Matcher matcher(program_, database_);
  for (ir::RuleId r = 0; r < program_.rules.size(); ++r) {
    const ir::Rule& rule = program_.rules[r];
    if (rule.head != relation) continue;
    std::size_t count = std::max<std::size_t>(rule.variables.size(), ir::variable_count(rule));
    Bindings bindings(count);
    if (!unify_head(rule, tuple, bindings)) continue;  // this rule concludes something else

    auto types = variable_types(program_, rule.body, rule.head, rule.head_args, count);
    std::vector<std::uint32_t> counts = ir::count_occurrences(rule);
    auto order = explaining_order(program_, rule.body, bindings.bound, counts);
    RuleAttempt attempt;
    attempt.rule = r;
    attempt.origin = rule.origin;
    std::size_t best = 0;
    bool any_failure = false;
    std::size_t work = 0;

    auto record = [&](std::size_t step, const ir::Literal& literal, const Bindings& at) {
      if (any_failure && step < best) return;
      if (!any_failure || step > best) attempt.failures.clear();
      any_failure = true;
      best = step;
      FailedCondition failure;
      failure.kind = literal.kind;
      if (literal.kind == ir::Literal::Kind::positive || literal.kind == ir::Literal::Kind::negative) {
        failure.text = partial_atom_text(program_, database_.symbols(), literal.atom.relation,
                                         matcher.values(literal.atom, at));
      } else if (literal.kind == ir::Literal::Kind::aggregate) {
        // `max X : { reach(X) } is self_care, not seek_treatment_immediately`
        const ir::Aggregate& aggregate = literal.aggregate.front();
        ir::ColumnType type = types[aggregate.result].value_or(ir::ColumnType{});
        auto actual = matcher.aggregate(aggregate, at).value;
        std::string name = aggregate.result < rule.variables.size() ? rule.variables[aggregate.result]
                                                                    : "the aggregate";
        std::string found = actual ? engine::format_value(database_.symbols(), type, *actual)
                                   : std::string("nothing");
        failure.text = at.bound[aggregate.result]
                           ? fmt::format("{} is {}, not {}", name, found,
                                         engine::format_value(database_.symbols(), type,
                                                              at.values[aggregate.result]))
                           : fmt::format("{} is {}", name, found);
      } else {
        failure.text = condition_text(program_, database_.symbols(), rule.variables, types,
                                      literal, at);
      }
      for (const FailedCondition& seen : attempt.failures) {
        if (seen.text == failure.text) return;
      }
      failure.bindings = named_bindings(program_, database_.symbols(), rule.variables, types, at);
      // What is missing below: a case input not given, or a derived fact that does not hold.
      std::optional<std::pair<ir::RelationId, std::vector<ir::Value>>> below;
      if (literal.kind == ir::Literal::Kind::positive) {
        auto known = matcher.values(literal.atom, at);
        if (std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); })) {
          std::vector<ir::Value> values;
          for (const auto& v : known) values.push_back(*v);
          below.emplace(literal.atom.relation, std::move(values));
        }
      } else if (auto extreme = expected_extreme(rule, literal, at)) {
        // `L = max X : { reach(X) }` fails for L: explain why `reach(L)` does not hold.
        const ir::Aggregate& aggregate = *extreme->aggregate;
        if (aggregate.target && aggregate.target->op == ir::Expr::Op::variable &&
            aggregate.body.size() == 1 && aggregate.body.front().kind == ir::Literal::Kind::positive) {
          Bindings inner = at;
          inner.bind(aggregate.target->variable, extreme->expected);
          auto known = matcher.values(aggregate.body.front().atom, inner);
          if (std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); })) {
            std::vector<ir::Value> values;
            for (const auto& v : known) values.push_back(*v);
            below.emplace(aggregate.body.front().atom.relation, std::move(values));
          }
        }
      }
      if (below && !database_.find(below->first, below->second)) {
        if (program_.relations[below->first].case_input) {
          failure.missing_input = below;
          result.missing_inputs.push_back(*below);
        } else if (depth + 1 < deepest) {
          failure.missing = atom_text(below->first, below->second);
          failure.because = attempts_for(below->first, below->second, depth + 1, result);
        }
      }
      attempt.failures.push_back(std::move(failure));
    };

    std::function<void(std::size_t, Bindings&)> explore = [&](std::size_t step, Bindings& at) {
      if (step == order.size() || ++work > most_work || out_of_time()) return;
      bool any = false;
      std::uint32_t position = order[step];
      matcher.solve(rule.body, std::span(&position, 1), at, [&](const Bindings& found) {
        any = true;
        Bindings next = found;
        explore(step + 1, next);
        return work <= most_work;
      });
      if (!any) record(step, rule.body[position], at);
    };
    explore(0, bindings);
    attempt.satisfied = best;
    attempts.push_back(std::move(attempt));
  }
  return attempts;
}

}  // namespace sinew::explain
