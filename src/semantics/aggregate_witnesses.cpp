// Witnesses of `min` and `max`, carried out of the braces as in Soufflé 2.5 (its
// GroundWitnesses pass): in `tallest(s, n) :- n = max h : { student(s, h) }.` the `s`
// outside gets its value only from the braces, and means "an `s` whose `h` is the
// maximum". The rule is rewritten to say so:
//
//   tallest(s, n) :- n = R, R = max h : { student(s', h) }, student(s, R).
//
// where R is the aggregate's result, `s'` is the braces' own `s`, and the braces'
// conditions are repeated outside with the target replaced by R. Witnesses of `count`,
// `sum` and `mean` mean nothing and stay refused by safety (E0506), as in Soufflé.

#include "rule_builder.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>

namespace sinew::semantics {

namespace {

using TermVisitor = std::function<void(ast::Term&)>;

// Calls `visit` on each aggregate of `term` that is not inside another aggregate.
void each_outer_aggregate(ast::Term& term, const TermVisitor& visit) {
  if (term.kind == ast::Term::Kind::aggregate) {
    visit(term);
    return;
  }
  for (ast::Term& arg : term.args) each_outer_aggregate(arg, visit);
}

void each_outer_aggregate(ast::Literal& literal, const TermVisitor& visit) {
  for (ast::Term& arg : literal.atom.args) each_outer_aggregate(arg, visit);
  for (ast::Term& operand : literal.operands) each_outer_aggregate(operand, visit);
}

void rename(ast::Literal& literal, const std::map<std::string, std::string>& names);

void rename(ast::Term& term, const std::map<std::string, std::string>& names) {
  if (term.kind == ast::Term::Kind::variable) {
    if (auto it = names.find(term.text); it != names.end()) term.text = it->second;
  }
  for (ast::Term& arg : term.args) rename(arg, names);
  for (auto& conjunction : term.body) {
    for (ast::Literal& literal : conjunction) rename(literal, names);
  }
}

void rename(ast::Literal& literal, const std::map<std::string, std::string>& names) {
  for (ast::Term& arg : literal.atom.args) rename(arg, names);
  for (ast::Term& operand : literal.operands) rename(operand, names);
  for (auto& conjunction : literal.alternatives) {
    for (ast::Literal& inner : conjunction) rename(inner, names);
  }
}

ast::Term variable_term(std::string name, Span span) {
  ast::Term term;
  term.kind = ast::Term::Kind::variable;
  term.text = std::move(name);
  term.span = span;
  return term;
}

ast::Literal equality(ast::Term left, ast::Term right, Span span) {
  ast::Literal literal;
  literal.kind = ast::Literal::Kind::comparison;
  literal.op = "=";
  literal.span = span;
  literal.operands.push_back(std::move(left));
  literal.operands.push_back(std::move(right));
  return literal;
}

// The rule's variable names: those used outside aggregates, and every name in use, so
// that new names never clash.
struct RuleNames {
  std::set<std::string> outside, used;

  // A name no variable of the rule has: `base` itself, or `base'`, `base''`, ...
  std::string unused(const std::string& base) {
    std::string name = base;
    while (used.contains(name)) name += "'";
    used.insert(name);
    return name;
  }
  std::string fresh(const std::string& base) { return unused(base + "'"); }
};

RuleNames rule_names(const std::vector<const ast::Literal*>& alternative,
                     const std::vector<ast::Atom>& heads) {
  RuleNames names;
  for (const ast::Atom& head : heads) {
    for (const ast::Term& arg : head.args) {
      collect_variable_names(arg, false, names.outside);
      collect_variable_names(arg, true, names.used);
    }
  }
  for (const ast::Literal* literal : alternative) {
    collect_variable_names(*literal, false, names.outside);
    collect_variable_names(*literal, true, names.used);
  }
  return names;
}

// What to do with one outer aggregate: the witnesses it carries out, and the names the
// enclosing rule injects into its braces (which stay as they are).
struct WitnessPlan {
  std::set<std::string> witnesses, injected;
};

// The aggregates of a literal that are not inside another, in the order
// each_outer_aggregate visits them.
std::vector<const ast::Term*> outer_aggregates(const ast::Literal& literal) {
  std::vector<const ast::Term*> found;
  std::function<void(const ast::Term&)> find = [&](const ast::Term& term) {
    if (term.kind == ast::Term::Kind::aggregate) {
      found.push_back(&term);
      return;
    }
    for (const ast::Term& arg : term.args) find(arg);
  };
  for (const ast::Term& arg : literal.atom.args) find(arg);
  for (const ast::Term& operand : literal.operands) find(operand);
  return found;
}

// The witnesses of a `min` or `max` with one conjunction: variables of the braces that
// the rule uses outside and that get their value only there. None for other aggregates,
// and none where the target itself would be carried out (safety refuses that).
std::optional<WitnessPlan> plan_witnesses(const ast::Term& aggregate,
                                          const std::vector<const ast::Literal*>& alternative,
                                          const std::set<std::string>& outside,
                                          const std::set<std::string>& grounded_with_results) {
  if ((aggregate.text != "min" && aggregate.text != "max") || aggregate.body.size() != 1 ||
      aggregate.args.size() != 1) {
    return std::nullopt;
  }
  std::vector<const ast::Literal*> inside;
  std::set<std::string> names;
  for (const ast::Literal& literal : aggregate.body.front()) {
    inside.push_back(&literal);
    collect_variable_names(literal, false, names);
  }
  collect_variable_names(aggregate.args.front(), false, names);
  std::set<std::string> grounded_inside = grounded_names(inside, nullptr, {});
  WitnessPlan plan;
  plan.injected = injected_names(aggregate, alternative, {});
  for (const std::string& name : names) {
    if (!plan.injected.contains(name) && outside.contains(name) &&
        !grounded_with_results.contains(name) && grounded_inside.contains(name)) {
      plan.witnesses.insert(name);
    }
  }
  const ast::Term& target = aggregate.args.front();
  if (plan.witnesses.empty() ||
      (target.kind == ast::Term::Kind::variable && plan.witnesses.contains(target.text))) {
    return std::nullopt;
  }
  return plan;
}

// Rewrites one aggregate as the file's top comment shows: its conditions repeated
// outside (into `added`), the witnesses renamed inside, and the aggregate replaced by
// its result's variable.
void carry_out(ast::Term& aggregate, const WitnessPlan& plan, RuleNames& names,
               std::vector<ast::Literal>& added) {
  Span span = aggregate.span;
  std::vector<ast::Literal>& body = aggregate.body.front();
  // `min x + y : {..}` works on a variable: `min t : {.., t = x + y}`.
  if (aggregate.args.front().kind != ast::Term::Kind::variable) {
    std::string target = names.fresh("target");
    body.push_back(equality(variable_term(target, span), aggregate.args.front(), span));
    aggregate.args.front() = variable_term(target, span);
  }
  // Named for what it holds (`max`, `max'`), apart from the braces' own text.
  std::string result_name = names.unused(aggregate.text);
  // The braces' conditions, outside: the target becomes the result, the braces'
  // other own variables get names of their own, the witnesses keep theirs.
  std::set<std::string> body_names;
  for (const ast::Literal& literal : body) collect_variable_names(literal, true, body_names);
  std::map<std::string, std::string> outside_names{{aggregate.args.front().text, result_name}};
  for (const std::string& name : body_names) {
    if (!plan.injected.contains(name) && !plan.witnesses.contains(name) &&
        !outside_names.contains(name)) {
      outside_names.emplace(name, names.fresh(name));
    }
  }
  for (ast::Literal literal : body) {
    rename(literal, outside_names);
    added.push_back(std::move(literal));
  }
  // Inside, the witnesses are the braces' own.
  std::map<std::string, std::string> inside_names;
  for (const std::string& name : plan.witnesses) inside_names.emplace(name, names.fresh(name));
  rename(aggregate, inside_names);
  added.push_back(equality(variable_term(result_name, span), std::move(aggregate), span));
  aggregate = variable_term(result_name, span);
}

}  // namespace

std::vector<const ast::Literal*> RuleBuilder::carry_witnesses(
    const std::vector<const ast::Literal*>& alternative, const std::vector<ast::Atom>& heads,
    std::deque<ast::Literal>& storage) {
  RuleNames names = rule_names(alternative, heads);
  std::set<std::string> grounded_with_results = grounded_names(alternative, nullptr, {});

  std::vector<const ast::Literal*> result;
  std::vector<ast::Literal> added;
  for (const ast::Literal* original : alternative) {
    // Decided on the original (injected_names knows an aggregate by its address),
    // applied to a copy in the same order.
    std::vector<std::optional<WitnessPlan>> plans;
    for (const ast::Term* aggregate : outer_aggregates(*original)) {
      plans.push_back(
          plan_witnesses(*aggregate, alternative, names.outside, grounded_with_results));
    }
    auto planned = [](const std::optional<WitnessPlan>& plan) { return plan.has_value(); };
    if (std::none_of(plans.begin(), plans.end(), planned)) {
      result.push_back(original);
      continue;
    }
    ast::Literal copy = *original;
    std::size_t index = 0;
    each_outer_aggregate(copy, [&](ast::Term& aggregate) {
      if (const std::optional<WitnessPlan>& plan = plans[index++]) {
        carry_out(aggregate, *plan, names, added);
      }
    });
    storage.push_back(std::move(copy));
    result.push_back(&storage.back());
  }
  for (ast::Literal& literal : added) {
    storage.push_back(std::move(literal));
    result.push_back(&storage.back());
  }
  return result;
}

}  // namespace sinew::semantics
