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

namespace sinew::explain {

namespace {

constexpr std::size_t deepest = 4;        // levels of "because"
constexpr std::size_t most_work = 20000;  // partial solutions explored per rule

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
    result.missing_inputs.emplace_back(relation,
                                       std::vector<ir::Value>(tuple.begin(), tuple.end()));
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
  result.missing_inputs.erase(std::unique(result.missing_inputs.begin(),
                                          result.missing_inputs.end()),
                              result.missing_inputs.end());
  return result;
}

namespace {

// A fact, as why-not names what is missing below a failed condition.
using MissingFact = std::pair<ir::RelationId, std::vector<ir::Value>>;

// The fact whose absence makes `literal` fail at `at`, when its values are all known: a
// positive atom itself, or for `L = max X : { reach(X) }` with L known, `reach(L)`.
std::optional<MissingFact> missing_below(const ir::Rule& rule, const ir::Literal& literal,
                                         const Bindings& at, Matcher& matcher) {
  auto complete = [&](const ir::AtomRef& atom,
                      const Bindings& bindings) -> std::optional<MissingFact> {
    auto known = matcher.values(atom, bindings);
    if (!std::all_of(known.begin(), known.end(), [](const auto& v) { return v.has_value(); })) {
      return std::nullopt;
    }
    std::vector<ir::Value> values;
    for (const auto& v : known) values.push_back(*v);
    return MissingFact{atom.relation, std::move(values)};
  };
  if (literal.kind == ir::Literal::Kind::positive) return complete(literal.atom, at);
  auto extreme = expected_extreme(rule, literal, at);
  if (!extreme) return std::nullopt;
  // `L = max X : { reach(X) }` fails for L: explain why `reach(L)` does not hold.
  const ir::Aggregate& aggregate = *extreme->aggregate;
  if (!aggregate.target || aggregate.target->op != ir::Expr::Op::variable ||
      aggregate.body.size() != 1 || aggregate.body.front().kind != ir::Literal::Kind::positive) {
    return std::nullopt;
  }
  Bindings inner = at;
  inner.bind(aggregate.target->variable, extreme->expected);
  return complete(aggregate.body.front().atom, inner);
}

}  // namespace

// The search for the attempt at one rule that satisfies the most conditions: a depth
// first walk over the conditions in explaining order, recording where each branch stops.
struct Explainer::RuleSearch {
  // For `rule`, whose head is unified with the fact: `bindings` holds the head's values.
  RuleSearch(Explainer& explainer_in, ir::RuleId r, Matcher& matcher_in, std::size_t depth_in,
             WhyNot& result_in, const Bindings& bindings)
      : explainer(explainer_in),
        rule(explainer_in.program_.rules[r]),
        matcher(matcher_in),
        depth(depth_in),
        result(result_in),
        types(variable_types(explainer.program_, rule.body, rule.head, rule.head_args,
                             bindings.values.size())),
        order(explaining_order(explainer.program_, rule.body, bindings.bound,
                               ir::count_occurrences(rule))) {
    attempt.rule = r;
    attempt.origin = rule.origin;
  }

  Explainer& explainer;
  const ir::Rule& rule;
  Matcher& matcher;
  std::size_t depth;
  WhyNot& result;
  std::vector<std::optional<ir::ColumnType>> types;
  std::vector<std::uint32_t> order;
  RuleAttempt attempt;
  std::size_t best = 0;  // the most conditions any branch satisfied
  bool any_failure = false;
  std::size_t work = 0;  // partial solutions explored

  void explore(std::size_t step, Bindings& at);
  void record(std::size_t step, const ir::Literal& literal, const Bindings& at);
  std::string failure_text(const ir::Literal& literal, const Bindings& at);
  void explain_missing(const MissingFact& below, FailedCondition& failure);
};

void Explainer::RuleSearch::explore(std::size_t step, Bindings& at) {
  if (step == order.size() || ++work > most_work || explainer.out_of_time()) return;
  bool any = false;
  std::uint32_t position = order[step];
  matcher.solve(rule.body, std::span(&position, 1), at, [&](const Bindings& found) {
    any = true;
    Bindings next = found;
    explore(step + 1, next);
    return work <= most_work;
  });
  if (!any) record(step, rule.body[position], at);
}

// Keeps the failures of the branches that got furthest, each text once.
void Explainer::RuleSearch::record(std::size_t step, const ir::Literal& literal,
                                   const Bindings& at) {
  if (any_failure && step < best) return;
  if (!any_failure || step > best) attempt.failures.clear();
  any_failure = true;
  best = step;
  FailedCondition failure;
  failure.kind = literal.kind;
  failure.text = failure_text(literal, at);
  for (const FailedCondition& seen : attempt.failures) {
    if (seen.text == failure.text) return;
  }
  const SymbolTable& symbols = explainer.database_.symbols();
  failure.bindings = named_bindings(explainer.program_, symbols, rule.variables, types, at);
  if (auto below = missing_below(rule, literal, at, matcher)) explain_missing(*below, failure);
  attempt.failures.push_back(std::move(failure));
}

std::string Explainer::RuleSearch::failure_text(const ir::Literal& literal, const Bindings& at) {
  const ir::Program& program = explainer.program_;
  const SymbolTable& symbols = explainer.database_.symbols();
  if (literal.kind == ir::Literal::Kind::positive || literal.kind == ir::Literal::Kind::negative) {
    return partial_atom_text(program, symbols, literal.atom.relation,
                             matcher.values(literal.atom, at));
  }
  if (literal.kind != ir::Literal::Kind::aggregate) {
    return condition_text(program, symbols, rule.variables, types, literal, at);
  }
  // `max X : { reach(X) } is self_care, not seek_treatment_immediately`
  const ir::Aggregate& aggregate = literal.aggregate.front();
  ir::ColumnType type = types[aggregate.result].value_or(ir::ColumnType{});
  auto actual = matcher.aggregate(aggregate, at).value;
  std::string name = aggregate.result < rule.variables.size() ? rule.variables[aggregate.result]
                                                              : "the aggregate";
  std::string found = actual ? engine::format_value(symbols, type, *actual)
                             : std::string("nothing");
  if (!at.bound[aggregate.result]) return fmt::format("{} is {}", name, found);
  return fmt::format("{} is {}, not {}", name, found,
                     engine::format_value(symbols, type, at.values[aggregate.result]));
}

// What is missing below: a case input not given, or a derived fact that does not hold
// (explained in turn, a few levels deep).
void Explainer::RuleSearch::explain_missing(const MissingFact& below, FailedCondition& failure) {
  if (explainer.database_.find(below.first, below.second)) return;
  if (explainer.program_.relations[below.first].case_input) {
    failure.missing_input = below;
    result.missing_inputs.push_back(below);
  } else if (depth + 1 < deepest) {
    failure.missing = explainer.atom_text(below.first, below.second);
    failure.because = explainer.attempts_for(below.first, below.second, depth + 1, result);
  }
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
    RuleSearch search(*this, r, matcher, depth, result, bindings);
    search.explore(0, bindings);
    search.attempt.satisfied = search.best;
    attempts.push_back(std::move(search.attempt));
  }
  return attempts;
}

}  // namespace sinew::explain
