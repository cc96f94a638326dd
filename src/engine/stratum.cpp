// One stratum: planning, compiling, and semi-naive rounds to the fixpoint.
#include "engine/stratum.hpp"

#include "engine/plan_compiler.hpp"
#include "engine/relation_store.hpp"

#include <algorithm>
#include <chrono>

namespace sinew::engine {

namespace {

std::optional<Stop> check_plan(const ir::Rule& rule, const ir::JoinPlan& plan) {
  std::vector<bool> seen(rule.body.size(), false);
  bool ok = plan.order.size() == rule.body.size();
  for (std::uint32_t p : plan.order) {
    if (p >= seen.size() || seen[p]) {
      ok = false;
      break;
    }
    seen[p] = true;
  }
  if (ok) return std::nullopt;
  return Stop{Stop::Reason::invalid_program, ir::none, rule.head,
              "a join plan does not list every literal of its rule once."};
}

bool run_plan(CompiledPlan& plan, Runner& runner, EvalState& state,
              std::vector<RuleProfile>* profile) {
  if (!profile) return runner.run(plan);
  auto start = std::chrono::steady_clock::now();
  std::uint64_t derived = state.derived;
  bool going_on = runner.run(plan);
  if (profile->size() <= plan.rule) profile->resize(plan.rule + 1);
  RuleProfile& entry = (*profile)[plan.rule];
  entry.rule = plan.rule;
  entry.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  entry.derived += state.derived - derived;
  ++entry.runs;
  return going_on;
}

// Heights by rounds. When the stratum's relations start empty and every row its rules
// read from lower strata has one height h, a row first derived by the rules that read
// only lower strata has height h + 1, and one first derived in semi-naive round r has
// height h + 1 + r: each derivation of round r uses a row of round r - 1 and none
// newer. So a round's height holds for every row it derives, and a later duplicate is
// never lower. Returns h + 1, or ir::none when heights must be worked out per
// derivation.
std::uint32_t first_round_height(const ir::Stratum& stratum, const StratumPlans& plans,
                                 const Database& database) {
  for (ir::RelationId relation : stratum.relations) {
    if (database.store(relation).size() != 0) return ir::none;
  }
  auto in_stratum = [&](ir::RelationId relation) {
    return std::find(stratum.relations.begin(), stratum.relations.end(), relation) !=
           stratum.relations.end();
  };
  std::uint32_t below = ir::none;  // the one height of the rows read from below
  bool reads_nothing = false;      // a rule with no atom: its rows have height 1
  auto check = [&](const CompiledPlan& plan) {
    reads_nothing = reads_nothing || plan.atom_steps.empty();
    for (std::uint32_t atom : plan.atom_steps) {
      const Step& step = plan.steps[atom];
      if (in_stratum(step.relation) || step.store->size() == 0) continue;
      std::uint32_t height = step.store->single_height();
      if (height == ir::none || (below != ir::none && below != height)) return false;
      below = height;
    }
    return true;
  };
  for (const CompiledPlan& plan : plans.exits) {
    if (!check(plan)) return ir::none;
  }
  for (const CompiledPlan& plan : plans.deltas) {
    if (!check(plan)) return ir::none;
  }
  if (below == ir::none) below = 0;
  if (reads_nothing && below != 0) return ir::none;
  return below + 1;
}

}  // namespace

std::optional<Stop> insert_facts(const ir::Program& program, Database& database) {
  for (ir::FactRef fact : program.facts) {
    if (fact.relation >= program.relations.size() ||
        fact.values.size() != program.relations[fact.relation].arity()) {
      return Stop{Stop::Reason::invalid_program, ir::none, fact.relation,
                  "a fact of the program does not match its relation."};
    }
    database.insert(fact.relation, fact.values);
  }
  return std::nullopt;
}

void insert_facts(const ir::Program& program, Database& database,
                  const std::vector<std::uint32_t>& indices) {
  for (std::uint32_t i : indices) {
    ir::FactRef fact = program.facts[i];
    database.insert(fact.relation, fact.values);
  }
}

std::vector<double> growing_sizes(const Database& database, const ir::Stratum& stratum) {
  std::vector<double> sizes(database.relation_count());
  double largest = 0;
  for (ir::RelationId r = 0; r < sizes.size(); ++r) {
    sizes[r] = static_cast<double>(database.size(r));
    largest = std::max(largest, sizes[r]);
  }
  for (ir::RelationId relation : stratum.relations) {
    if (relation < sizes.size()) sizes[relation] = std::max(sizes[relation], largest);
  }
  return sizes;
}

std::optional<Stop> compile_stratum(const ir::Program& program, const ir::Stratum& stratum,
                                    const EvalOptions& options, ir::SizeEstimates sizes,
                                    StratumPlans& out) {
  out = StratumPlans{};
  std::vector<bool> in_stratum(program.relations.size(), false);
  for (ir::RelationId relation : stratum.relations) {
    if (relation < in_stratum.size()) in_stratum[relation] = true;
  }
  // A stratum is evaluated to a fixpoint when one of its rules reads one of its
  // relations, whatever its `recursive` flag says.
  for (ir::RuleId id : stratum.rules) {
    if (id >= program.rules.size()) {
      return Stop{Stop::Reason::invalid_program, id, ir::none, "a stratum names no rule."};
    }
    const ir::Rule& rule = program.rules[id];
    std::vector<std::uint32_t> positions = ir::recursive_literals(program, rule, stratum);
    std::vector<ir::JoinPlan> plans;
    if (options.replan || rule.plans.empty()) {
      if (positions.empty()) plans.push_back(ir::plan_rule(program, rule, ir::none, sizes));
      for (std::uint32_t p : positions) plans.push_back(ir::plan_rule(program, rule, p, sizes));
    } else {
      plans = rule.plans;
    }
    for (const ir::JoinPlan& plan : plans) {
      if (auto bad = check_plan(rule, plan)) return bad;
      CompiledPlan compiled;
      if (auto stop = compile_plan(program, id, plan, in_stratum, sizes, compiled)) return stop;
      (plan.delta == ir::none ? out.exits : out.deltas).push_back(std::move(compiled));
    }
  }
  out.compiled = true;
  return std::nullopt;
}

void bind_plans(StratumPlans& plans, Database& database) {
  for (CompiledPlan& plan : plans.exits) bind_plan(plan, database);
  for (CompiledPlan& plan : plans.deltas) bind_plan(plan, database);
}

std::optional<Stop> run_stratum(const ir::Stratum& stratum, StratumPlans& plans, Runner& runner,
                                EvalState& state, std::vector<RuleProfile>* profile) {
  Database& database = state.database;
  state.round_height = state.provenance ? first_round_height(stratum, plans, database) : ir::none;
  auto next_round = [&] {
    if (state.round_height != ir::none) ++state.round_height;
  };
  // Rules that read no relation of this stratum: once.
  for (CompiledPlan& plan : plans.exits) {
    if (!run_plan(plan, runner, state, profile)) return state.stop;
  }
  if (plans.deltas.empty()) return std::nullopt;
  next_round();

  // Semi-naive rounds. Everything known so far is "recent" in the first round.
  // Each round evaluates, for every rule and every body literal Ri reading this
  // stratum,  H :- R1(stable), ..., Ri(recent), ..., Rn(stable + recent),
  // and the rows it adds become the next round's recent rows.
  for (ir::RelationId relation : stratum.relations) database.store(relation).start_rounds();
  for (;;) {
    bool any_recent = false;
    for (ir::RelationId relation : stratum.relations) {
      any_recent = any_recent || database.store(relation).has_recent();
    }
    if (!any_recent) break;
    for (CompiledPlan& plan : plans.deltas) {
      if (!run_plan(plan, runner, state, profile)) return state.stop;
    }
    if (!state.check_time(plans.deltas.front().rule)) return state.stop;
    for (ir::RelationId relation : stratum.relations) database.store(relation).advance_round();
    next_round();
  }
  return std::nullopt;
}

}  // namespace sinew::engine
