// Evaluation driver: facts, then strata in order; semi-naive rounds in recursive ones.
#include <sinew/engine/evaluate.hpp>

#include "engine/interpreter.hpp"
#include "engine/messages.hpp"
#include "engine/plan_compiler.hpp"
#include "engine/relation_store.hpp"

#include <sinew/ir/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace sinew::engine {

namespace {

// Relations with at least this many rows give up their set when complete.
constexpr std::size_t large_relation = 1 << 12;

std::optional<Stop> insert_facts(const ir::Program& program, Database& database) {
  for (const ir::Fact& fact : program.facts) {
    if (fact.relation >= program.relations.size() ||
        fact.values.size() != program.relations[fact.relation].arity()) {
      return Stop{Stop::Reason::invalid_program, ir::none, fact.relation,
                  "a fact of the program does not match its relation."};
    }
    database.insert(fact.relation, fact.values);
  }
  return std::nullopt;
}

// The compiled plans of one stratum, made on the first run.
struct StratumPlans {
  bool compiled = false;
  std::vector<CompiledPlan> exits, deltas;
};

class StratumEvaluator {
 public:
  StratumEvaluator(const ir::Program& program, Database& database, const Options& options,
                   EvalState& state)
      : program_(program), database_(database), options_(options), state_(state), runner_(state) {}

  std::optional<Stop> run(const ir::Stratum& stratum, StratumPlans& plans) {
    if (!plans.compiled) {
      if (auto stop = compile(stratum, plans)) return stop;
      plans.compiled = true;
    }
    // Rules that read no relation of this stratum: once.
    for (CompiledPlan& plan : plans.exits) {
      if (!run(plan)) return state_.stop;
    }
    if (plans.deltas.empty()) return std::nullopt;

    // Semi-naive rounds. Everything known so far is "recent" in the first round.
    // Each round evaluates, for every rule and every body literal Ri reading this
    // stratum,  H :- R1(stable), ..., Ri(recent), ..., Rn(stable + recent),
    // and the rows it adds become the next round's recent rows.
    for (ir::RelationId relation : stratum.relations) {
      RelationStore& store = database_.store(relation);
      store.stable_end = 0;
      store.recent_end = store.size();
    }
    for (;;) {
      bool any_recent = false;
      for (ir::RelationId relation : stratum.relations) {
        const RelationStore& store = database_.store(relation);
        any_recent = any_recent || store.recent_end > store.stable_end;
      }
      if (!any_recent) break;
      for (CompiledPlan& plan : plans.deltas) {
        if (!run(plan)) return state_.stop;
      }
      if (!state_.check_time(plans.deltas.front().rule)) return state_.stop;
      for (ir::RelationId relation : stratum.relations) {
        RelationStore& store = database_.store(relation);
        store.stable_end = store.recent_end;
        store.recent_end = store.size();
      }
    }
    return std::nullopt;
  }

 private:
  // Plans every rule of the stratum with the relation sizes of this database (or
  // takes Rule::plans) and compiles the plans.
  std::optional<Stop> compile(const ir::Stratum& stratum, StratumPlans& out) {
    in_stratum_.assign(program_.relations.size(), false);
    for (ir::RelationId relation : stratum.relations) {
      if (relation < in_stratum_.size()) in_stratum_[relation] = true;
    }
    sizes_.resize(program_.relations.size());
    double largest = 0;
    for (ir::RelationId r = 0; r < sizes_.size(); ++r) {
      sizes_[r] = static_cast<double>(database_.size(r));
      largest = std::max(largest, sizes_[r]);
    }
    // The relations of this stratum are about to grow; their size now says little.
    // Assume they grow as large as the largest relation, so that the planner does
    // not start a join from one because it happens to be empty yet.
    for (ir::RelationId relation : stratum.relations) {
      if (relation < sizes_.size()) sizes_[relation] = std::max(sizes_[relation], largest);
    }

    // A stratum is evaluated to a fixpoint when one of its rules reads one of its
    // relations, whatever its `recursive` flag says.
    for (ir::RuleId id : stratum.rules) {
      if (id >= program_.rules.size()) {
        return Stop{Stop::Reason::invalid_program, id, ir::none, "a stratum names no rule."};
      }
      const ir::Rule& rule = program_.rules[id];
      std::vector<std::uint32_t> positions = ir::recursive_literals(program_, rule, stratum);
      std::vector<ir::JoinPlan> plans;
      if (options_.replan || rule.plans.empty()) {
        if (positions.empty()) plans.push_back(ir::plan_rule(program_, rule, ir::none, sizes_));
        for (std::uint32_t p : positions) plans.push_back(ir::plan_rule(program_, rule, p, sizes_));
      } else {
        plans = rule.plans;
      }
      for (const ir::JoinPlan& plan : plans) {
        if (auto bad = check_plan(rule, plan)) return bad;
        CompiledPlan compiled;
        if (auto stop = compile_plan(program_, id, plan, in_stratum_, sizes_, compiled)) {
          return stop;
        }
        (plan.delta == ir::none ? out.exits : out.deltas).push_back(std::move(compiled));
      }
    }
    return std::nullopt;
  }

  bool run(CompiledPlan& plan) {
    if (!options_.profile) return runner_.run(plan);
    auto start = std::chrono::steady_clock::now();
    std::uint64_t derived = state_.derived;
    bool going_on = runner_.run(plan);
    auto& profile = *options_.profile;
    if (profile.size() <= plan.rule) profile.resize(plan.rule + 1);
    RuleProfile& entry = profile[plan.rule];
    entry.rule = plan.rule;
    entry.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    entry.derived += state_.derived - derived;
    ++entry.runs;
    return going_on;
  }

  std::optional<Stop> check_plan(const ir::Rule& rule, const ir::JoinPlan& plan) const {
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

  const ir::Program& program_;
  Database& database_;
  const Options& options_;
  EvalState& state_;
  Runner runner_;
  std::vector<bool> in_stratum_;
  std::vector<double> sizes_;
};

}  // namespace

struct Evaluator::Plans {
  std::vector<StratumPlans> strata;
};

Evaluator::Evaluator(const ir::Program& program, const Options& options)
    : program_(program), options_(options), plans_(std::make_unique<Plans>()) {
  plans_->strata.resize(program.strata.size());
}

Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;

std::optional<Stop> Evaluator::run(Database& database, const Limits& limits) {
  const ir::Program& program = program_;
  if (database.relation_count() != program.relations.size()) {
    return Stop{Stop::Reason::invalid_program, ir::none, ir::none,
                "the database was made for another program."};
  }
  if (auto stop = insert_facts(program, database)) return stop;
  EvalState state(program, database, limits);
  StratumEvaluator strata(program, database, options_, state);
  if (options_.profile) options_.profile->clear();
  for (std::size_t s = 0; s < program.strata.size(); ++s) {
    const ir::Stratum& stratum = program.strata[s];
    if (auto stop = strata.run(stratum, plans_->strata[s])) return stop;
    if (state.stop) return state.stop;
    // The stratum's relations are complete: free the de-duplication sets of the big
    // ones (rebuilt on demand), so that the peak memory is that of one stratum's
    // sets rather than the sum of all.
    for (ir::RelationId relation : stratum.relations) {
      if (relation < database.relation_count() && database.size(relation) >= large_relation) {
        database.store(relation).drop_set();
      }
    }
  }
  return std::nullopt;
}

std::optional<Stop> evaluate(const ir::Program& program, Database& database,
                             const Limits& limits, const Options& options) {
  return Evaluator(program, options).run(database, limits);
}

}  // namespace sinew::engine
