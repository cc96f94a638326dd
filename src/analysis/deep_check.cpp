// The checks of `sinew check --deep`, each a question to Z3 over the grounding: can this
// rule fire, can this conclusion be reached, does this rule change any conclusion.
// Unsatisfiable answers are explained by their unsat core (the conditions that cannot
// hold together); satisfiable ones by a smallest case the solver finds.

#include "analysis/deep_check.hpp"

#include "analysis/encoding.hpp"
#include "analysis/grounding.hpp"
#include "analysis/mentions.hpp"
#include "engine/value.hpp"
#include "explain/explain_support.hpp"
#include "ir/printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace sinew::analysis {

namespace {

// A condition, as a formula and as the author reads it: a fact that must hold, or
// one that must not (`absent`).
struct Part {
  z3::expr formula;
  std::string text;
  bool absent = false;
};

std::string listed(const std::vector<std::string>& items, std::string_view last_word = "and") {
  std::vector<std::string> quoted;
  for (const auto& item : items) quoted.push_back("`" + item + "`");
  if (quoted.size() <= 1) return quoted.empty() ? "" : quoted.front();
  std::string last = quoted.back();
  quoted.pop_back();
  return fmt::format("{} {} {}", fmt::join(quoted, ", "), last_word, last);
}

// Conditions that cannot hold together, said as an author would: what every case with
// the facts that must hold also has.
std::string conflict_text(const std::vector<const Part*>& parts) {
  std::vector<std::string> present, absent;
  for (const Part* part : parts) (part->absent ? absent : present).push_back(part->text);
  for (const std::string& text : present) {
    if (std::find(absent.begin(), absent.end(), text) != absent.end())
      return fmt::format("it needs both `{}` and its absence", text);
  }
  if (absent.empty()) return fmt::format("no case has {} together", listed(present));
  if (present.empty()) return fmt::format("every case has {}", listed(absent, "or"));
  return fmt::format("every case with {} also has {}", listed(present), listed(absent, "or"));
}

class Checker {
 public:
  Checker(const ir::Program& program, const engine::CaseEvaluator& evaluator,
          const Grounding& grounding, double question_seconds)
      : program_(program),
        symbols_(evaluator.base().symbols()),
        grounding_(grounding),
        // Every question is propositional (with counts as pseudo-Boolean constraints):
        // Z3's SAT solver, incremental, answers them much faster than its SMT core.
        solver_(context_, "QF_FD"),
        encoding_(grounding, context_, solver_) {
    solver_.set("timeout", static_cast<unsigned>(question_seconds * 1000));
  }

  std::string atom_text(AtomId id) const {
    const Atom& atom = grounding_.atoms[id];
    if (atom.values.empty()) return program_.relations[atom.relation].name;
    return explain::format_atom(program_, symbols_, atom.relation, atom.values);
  }

  std::string conjunct_text(const Conjunct& conjunct) const {
    std::vector<std::string> parts;
    for (AtomId a : conjunct.positive) parts.push_back(atom_text(a));
    for (AtomId a : conjunct.negative) parts.push_back("no " + atom_text(a));
    if (parts.empty()) return "always";
    return fmt::format("{}", fmt::join(parts, " and "));
  }

  // The parts of a conjunction, aggregates opened up into their solutions.
  std::vector<Part> parts(const Conjunct& conjunct) {
    std::vector<Part> out;
    for (AtomId a : conjunct.positive) out.push_back({encoding_.atom(a), atom_text(a)});
    for (AtomId a : conjunct.negative) out.push_back({!encoding_.atom(a), atom_text(a), true});
    for (std::uint32_t c : conjunct.aggregates) {
      const AggregateCondition& condition = grounding_.aggregates[c];
      if (condition.kind == AggregateCondition::Kind::count) {
        out.push_back({encoding_.aggregate(c), fmt::format("a count of {}", condition.count)});
        continue;
      }
      z3::expr_vector equal(context_);
      std::vector<std::string> texts;
      for (const Conjunct& way : condition.equal) {
        equal.push_back(encoding_.conjunct(way));
        texts.push_back(conjunct_text(way));
      }
      out.push_back({equal.empty() ? context_.bool_val(false) : z3::mk_or(equal),
                     fmt::format("{}", fmt::join(texts, " or "))});
      for (const Conjunct& way : condition.beyond)
        out.push_back({!encoding_.conjunct(way), conjunct_text(way), true});
    }
    return out;
  }

  // Asked with an assumption (`q -> goal`, q assumed), so that what the solver learns
  // about the definitions stays for the next question.
  // Nothing when the solver could not decide within the time limit of a question.
  std::optional<bool> satisfiable(const z3::expr& goal) {
    z3::expr question = context_.bool_const(fmt::format("q{}", questions_++).c_str());
    solver_.add(z3::implies(question, goal));
    z3::expr_vector assumptions(context_);
    assumptions.push_back(question);
    return answer(solver_.check(assumptions));
  }

  std::optional<bool> answer(z3::check_result result) {
    if (result == z3::unknown) {
      ++undecided_;
      return std::nullopt;
    }
    return result == z3::sat;
  }

  std::size_t undecided() const { return undecided_; }

  // Which goals some case makes true. Instead of one question per goal: "one of the goals
  // not yet shown holds", whose model shows every goal it makes true, until no goal is
  // left or no case makes another one true. A question left undecided counts the goals
  // still open as holding (so no finding is drawn from them).
  std::vector<bool> some_case_makes_true(const std::vector<z3::expr>& goals,
                                         const std::function<void(std::size_t)>& shown) {
    std::vector<bool> holds(goals.size(), false);
    std::size_t done = 0;
    while (true) {
      z3::expr_vector open(context_);
      std::vector<std::size_t> which;
      for (std::size_t i = 0; i < goals.size(); ++i) {
        if (holds[i]) continue;
        open.push_back(goals[i]);
        which.push_back(i);
      }
      if (open.empty()) break;
      std::optional<bool> found = satisfiable(z3::mk_or(open));
      if (!found) {
        for (std::size_t i : which) holds[i] = true;
        break;
      }
      if (!*found) break;
      z3::model model = solver_.get_model();
      for (std::size_t i : which) {
        if (model.eval(goals[i], true).is_true()) {
          holds[i] = true;
          shown(++done);
        }
      }
    }
    return holds;
  }

  // Whether some case's outputs differ with `rule` taken out (undecided counts as yes).
  bool changes_outputs(ir::RuleId rule, const std::vector<AtomId>& outputs, bool& reaches_output) {
    solver_.push();
    encoding_.begin_without(rule);
    z3::expr_vector differs(context_);
    for (AtomId o : outputs) {
      if (!encoding_.depends_on(o, rule)) continue;
      differs.push_back(encoding_.atom(o) != encoding_.atom_without(o));
    }
    reaches_output = !differs.empty();
    bool changes = false;
    if (!differs.empty()) {
      solver_.add(z3::mk_or(differs));
      changes = answer(solver_.check()).value_or(true);
    }
    encoding_.end_without();
    solver_.pop();
    return changes;
  }

  // The parts that cannot hold together: Z3's unsat core, then made minimal by leaving
  // out each part in turn while the rest still cannot hold.
  std::string conflict(const std::vector<Part>& parts) {
    solver_.push();
    std::vector<z3::expr> flags;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      flags.push_back(context_.bool_const(fmt::format("part{}", i).c_str()));
      solver_.add(z3::implies(flags.back(), parts[i].formula));
    }
    auto unsat = [&](const std::vector<std::size_t>& chosen) {
      z3::expr_vector assumptions(context_);
      for (std::size_t i : chosen) assumptions.push_back(flags[i]);
      return solver_.check(assumptions) == z3::unsat;
    };
    std::vector<std::size_t> core;
    for (std::size_t i = 0; i < parts.size(); ++i) core.push_back(i);
    if (unsat(core)) {
      for (std::size_t k = core.size(); k-- > 0;) {
        std::vector<std::size_t> fewer = core;
        fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(k));
        if (unsat(fewer)) core = std::move(fewer);
      }
    } else {
      core.clear();
    }
    solver_.pop();
    std::vector<const Part*> chosen;
    for (std::size_t i : core) chosen.push_back(&parts[i]);
    return chosen.empty() ? std::string() : conflict_text(chosen);
  }

  // A smallest case (few facts) for which `goal` holds, as facts. Every check fixes
  // every input, so the case is exactly the facts listed: a fact left out is absent.
  std::vector<std::string> witness(const z3::expr& goal) {
    solver_.push();
    solver_.add(goal);
    std::vector<std::string> out;
    if (solver_.check() == z3::sat) {
      z3::model model = solver_.get_model();
      std::vector<AtomId> inputs;
      std::set<AtomId> given;
      for (AtomId id = 0; id < grounding_.atoms.size(); ++id) {
        if (!grounding_.atoms[id].input) continue;
        inputs.push_back(id);
        if (model.eval(encoding_.input(id), true).is_true()) given.insert(id);
      }
      auto holds_with = [&](const std::set<AtomId>& facts) {
        z3::expr_vector assumptions(context_);
        for (AtomId id : inputs)
          assumptions.push_back(facts.count(id) ? encoding_.input(id) : !encoding_.input(id));
        return solver_.check(assumptions) == z3::sat;
      };
      for (AtomId id : std::vector<AtomId>(given.begin(), given.end())) {
        std::set<AtomId> fewer = given;
        fewer.erase(id);
        if (holds_with(fewer)) given = std::move(fewer);
      }
      for (AtomId id : given) out.push_back(atom_text(id));
    }
    solver_.pop();
    return out;
  }

  z3::context& context() { return context_; }
  Encoding& encoding() { return encoding_; }

 private:
  const ir::Program& program_;
  const SymbolTable& symbols_;
  const Grounding& grounding_;
  z3::context context_;
  z3::solver solver_;
  Encoding encoding_;
  std::size_t questions_ = 0;
  std::size_t undecided_ = 0;  // questions the solver gave up on
};

std::string case_text(const std::vector<std::string>& facts) {
  if (facts.empty()) return "a case that gives nothing";
  return fmt::format("a case with {}", fmt::join(facts, ", "));
}

// A condition of a rule as its author wrote it: `soothes(R, b)`, `!injured`, `D < 2`.
std::string literal_text(const ir::Program& program, const SymbolTable& symbols,
                         const ir::Rule& rule, const ir::Literal& literal) {
  if (literal.kind != ir::Literal::Kind::positive && literal.kind != ir::Literal::Kind::negative)
    return ir::print_literal(program, rule.variables, literal);
  const ir::Relation& relation = program.relations[literal.atom.relation];
  std::vector<std::string> args;
  for (std::size_t i = 0; i < literal.atom.args.size(); ++i) {
    const ir::Argument& arg = literal.atom.args[i];
    switch (arg.kind) {
      case ir::Argument::Kind::variable: args.push_back(rule.variables[arg.variable]); break;
      case ir::Argument::Kind::constant:
        args.push_back(engine::format_value(symbols, relation.columns[i].type, arg.constant));
        break;
      case ir::Argument::Kind::wildcard: args.push_back("_"); break;
    }
  }
  std::string text = literal.kind == ir::Literal::Kind::negative ? "!" : "";
  text += relation.name;
  if (!args.empty()) text += fmt::format("({})", fmt::join(args, ", "));
  return text;
}

class DeepCheck {
 public:
  DeepCheck(const ir::Program& program, const engine::CaseEvaluator& evaluator,
            const DeepOptions& options)
      : program_(program),
        evaluator_(evaluator),
        options_(options),
        grounding_(ground(program, evaluator)),
        checker_(program, evaluator, grounding_, options.question_seconds) {}

  DeepReport run() {
    report_.not_exact = grounding_.not_exact;
    report_.not_exact_at = grounding_.not_exact_at;
    report_.atoms = grounding_.atoms.size();
    for (const Atom& atom : grounding_.atoms) report_.inputs += atom.input ? 1 : 0;
    if (report_.not_exact.empty()) {
      rules_that_never_fire();
      conclusions_never_reached();
      if (options_.rules_that_never_decide) rules_that_never_decide();
      exclusions();
    }
    report_.undecided = checker_.undecided();
    for (Finding& finding : unused_names(program_, evaluator_.base().symbols()))
      report_.findings.push_back(std::move(finding));
    return std::move(report_);
  }

 private:
  bool case_rule(ir::RuleId id) const { return grounding_.case_dependent[program_.rules[id].head]; }

  void progress(std::string_view step, std::size_t done, std::size_t total) {
    if (options_.progress && (done % 64 == 0 || done + 1 == total))
      options_.progress(step, done + 1, total);
  }

  // Which case rules fire in some case, by models (Checker::some_case_makes_true).
  std::vector<bool> case_rules_that_fire() {
    std::vector<z3::expr> goals;
    std::vector<ir::RuleId> rules;
    for (ir::RuleId id = 0; id < program_.rules.size(); ++id) {
      const auto& ways = grounding_.by_rule[id];
      if (!case_rule(id) || ways.empty()) continue;
      z3::expr_vector any(checker_.context());
      for (const auto& [atom, d] : ways)
        any.push_back(
            checker_.encoding().conjunct(grounding_.atoms[atom].derivations[d].conditions));
      goals.push_back(z3::mk_or(any));
      rules.push_back(id);
    }
    auto holds = checker_.some_case_makes_true(goals, [&](std::size_t done) {
      progress("rules that fire", done, goals.size());
    });
    std::vector<bool> fires(program_.rules.size(), false);
    for (std::size_t k = 0; k < rules.size(); ++k) fires[rules[k]] = holds[k];
    return fires;
  }

  void rules_that_never_fire() {
    std::vector<bool> fires_in_some_case = case_rules_that_fire();
    for (ir::RuleId id = 0; id < program_.rules.size(); ++id) {
      const ir::Rule& rule = program_.rules[id];
      const auto& ways = grounding_.by_rule[id];
      bool case_part = case_rule(id);
      if (case_part) ++report_.rules_checked;
      bool possible = case_part ? !ways.empty() : grounding_.base_rule_fired[id];
      if (possible && !case_part) continue;
      std::optional<std::string> conflict;
      if (possible) {
        if (fires_in_some_case[id]) {
          fires_.push_back(id);
          continue;
        }
        const auto& [atom, d] = ways.front();
        conflict = checker_.conflict(
            checker_.parts(grounding_.atoms[atom].derivations[d].conditions));
      }
      // A rule with several heads is one statement: it is reported once.
      if (!reported_.insert(rule.origin).second) continue;
      Finding finding{&codes::rule_never_fires,
                      rule.origin,
                      "this rule can never fire: no case meets all of its conditions",
                      {},
                      {}};
      if (conflict) {
        if (!conflict->empty()) finding.notes.push_back(*conflict);
        finding.hint = "one of these conditions is probably not what was meant";
      } else {
        if (auto k = grounding_.blocked_at[id]) {
          finding.notes.push_back(fmt::format(
              "nothing in the knowledge base, and no case, makes `{}` hold together with "
              "the conditions before it",
              literal_text(program_, evaluator_.base().symbols(), rule, rule.body[*k])));
        }
        finding.hint = "check the names and values in this condition";
      }
      report_.findings.push_back(std::move(finding));
    }
  }

  void conclusions_never_reached() {
    std::vector<AtomId> outputs;
    std::vector<z3::expr> goals;
    for (AtomId id = 0; id < grounding_.atoms.size(); ++id) {
      const Atom& atom = grounding_.atoms[id];
      if (!program_.relations[atom.relation].output || atom.input) continue;
      outputs.push_back(id);
      goals.push_back(checker_.encoding().atom(id));
    }
    auto reached = checker_.some_case_makes_true(goals, [&](std::size_t done) {
      progress("conclusions some case reaches", done, goals.size());
    });
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      AtomId id = outputs[k];
      const Atom& atom = grounding_.atoms[id];
      const ir::Relation& relation = program_.relations[atom.relation];
      if (reached[k]) continue;
      Finding finding{&codes::conclusion_never_reached,
                      relation.origin,
                      fmt::format("no case can conclude `{}`", checker_.atom_text(id)),
                      {},
                      {}};
      for (const Derivation& d : atom.derivations) {
        std::string why = checker_.conflict(checker_.parts(d.conditions));
        if (why.empty()) continue;
        finding.notes.push_back(std::move(why));
        break;
      }
      finding.hint =
          "if that is intended, the rules that lead to it can go; otherwise one of these "
          "conditions is narrower than meant";
      report_.findings.push_back(std::move(finding));
    }
  }

  // Whether taking the rule (one head of a statement) out changes no case's outputs.
  bool never_decides(ir::RuleId rule, const std::vector<AtomId>& outputs, bool& reaches_output) {
    return !checker_.changes_outputs(rule, outputs, reaches_output);
  }

  std::string head_text(const ir::Rule& rule) const {
    bool ground = std::all_of(rule.head_args.begin(), rule.head_args.end(),
                              [](const ir::Expr& e) { return e.op == ir::Expr::Op::constant; });
    if (ground) {
      std::vector<ir::Value> values;
      for (const ir::Expr& arg : rule.head_args) values.push_back(arg.constant);
      return explain::format_atom(program_, evaluator_.base().symbols(), rule.head, values);
    }
    std::vector<std::string> args;
    for (const ir::Expr& arg : rule.head_args)
      args.push_back(ir::print_expr(program_, rule.variables, arg));
    const std::string& name = program_.relations[rule.head].name;
    return args.empty() ? name : fmt::format("{}({})", name, fmt::join(args, ", "));
  }

  void rules_that_never_decide() {
    std::vector<AtomId> outputs;
    for (AtomId id = 0; id < grounding_.atoms.size(); ++id) {
      if (program_.relations[grounding_.atoms[id].relation].output && !grounding_.atoms[id].input)
        outputs.push_back(id);
    }
    // By statement: a rule with several heads is reported whole when no head decides
    // anything, otherwise head by head.
    std::map<ir::OriginId, std::vector<ir::RuleId>> statements;
    for (ir::RuleId rule : fires_) statements[program_.rules[rule].origin].push_back(rule);
    const std::string same =
        "in every case where it fires, the conclusions are the same without it (another "
        "rule already reaches them, or reaches a higher level)";
    const std::string hint =
        "if it is meant to decide something, another rule is probably broader than intended; "
        "otherwise it can go";
    std::size_t done = 0;
    for (const auto& [origin, rules] : statements) {
      progress("rules that never decide", done++, statements.size());
      std::vector<ir::RuleId> idle;
      bool any_output = false;
      for (ir::RuleId rule : rules) {
        bool reaches = false;
        if (never_decides(rule, outputs, reaches)) idle.push_back(rule);
        any_output |= reaches;
      }
      if (idle.size() == rules.size()) {
        report_.findings.push_back(Finding{
            &codes::rule_never_decides,
            origin,
            "this rule never changes what a case concludes",
            {any_output ? same
                        : std::string("nothing it concludes leads to an output of the knowledge "
                                      "base")},
            hint});
        continue;
      }
      for (ir::RuleId rule : idle) {
        report_.findings.push_back(
            Finding{&codes::rule_never_decides,
                    origin,
                    fmt::format("its conclusion `{}` never changes what a case concludes",
                                head_text(program_.rules[rule])),
                    {same + "; its other conclusions do"},
                    hint});
      }
    }
  }

  // When a fact of the program's vocabulary holds: derived, given, of the base, or never.
  z3::expr fact_formula(const ir::Fact& fact) {
    if (auto id = grounding_.find(fact.relation, fact.values)) return checker_.encoding().atom(*id);
    return checker_.context().bool_val(evaluator_.base().contains(fact.relation, fact.values));
  }

  void exclusions() {
    for (const ir::Exclusion& exclusion : program_.exclusions) {
      bool proved = true;
      for (std::size_t i = 0; i < exclusion.facts.size(); ++i) {
        for (std::size_t j = i + 1; j < exclusion.facts.size(); ++j) {
          z3::expr both = fact_formula(exclusion.facts[i]) && fact_formula(exclusion.facts[j]);
          std::optional<bool> together = checker_.satisfiable(both);
          if (!together) proved = false;
          if (!together.value_or(false)) continue;
          proved = false;
          const ir::Fact& a = exclusion.facts[i];
          const ir::Fact& b = exclusion.facts[j];
          const SymbolTable& symbols = evaluator_.base().symbols();
          report_.findings.push_back(Finding{
              &codes::exclusive_together,
              exclusion.origin,
              fmt::format("`{}` and `{}` are declared exclusive, but a case can conclude both",
                          explain::format_atom(program_, symbols, a.relation, a.values),
                          explain::format_atom(program_, symbols, b.relation, b.values)),
              {fmt::format("for example, {}", case_text(checker_.witness(both)))},
              "add a condition to one of the rules that conclude them, so that they exclude "
              "each other"});
        }
      }
      if (proved) ++report_.exclusions_proved;
    }
  }

  const ir::Program& program_;
  const engine::CaseEvaluator& evaluator_;
  DeepOptions options_;
  Grounding grounding_;
  Checker checker_;
  DeepReport report_;
  std::vector<ir::RuleId> fires_;    // case rules that fire for some case
  std::set<ir::OriginId> reported_;  // statements reported as never firing
};

}  // namespace

DeepReport deep_check(const ir::Program& program, const engine::CaseEvaluator& evaluator,
                      const DeepOptions& options) {
  return DeepCheck(program, evaluator, options).run();
}

}  // namespace sinew::analysis
