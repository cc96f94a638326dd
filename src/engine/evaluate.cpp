// Evaluation driver: facts, then strata in order; semi-naive rounds in recursive ones.
#include "engine/evaluate.hpp"

#include "engine/interpreter.hpp"
#include "engine/relation_store.hpp"
#include "engine/stratum.hpp"

#include "support/catalog.hpp"

namespace sinew::engine {

std::string_view Stop::code() const {
  switch (reason) {
    case Reason::time_limit: return codes::time_limit.id;
    case Reason::fact_limit: return codes::fact_limit.id;
    case Reason::overflow: return codes::integer_overflow.id;
    case Reason::division_by_zero: return codes::division_by_zero.id;
    case Reason::bad_conversion: return codes::not_a_number.id;
    case Reason::invalid_program: return {};
  }
  return {};
}

namespace {

// The stratum's relations are complete: frees the de-duplication sets of the big ones,
// so that the peak memory is that of one stratum's sets rather than the sum of all.
// An insert builds a set again, and so does binding a plan that looks rows up in it.
void drop_big_sets(const ir::Stratum& stratum, Database& database) {
  for (ir::RelationId relation : stratum.relations) {
    if (relation < database.relation_count() && database.size(relation) >= large_relation) {
      database.store(relation).drop_set();
    }
  }
}

}  // namespace

struct Evaluator::Plans {
  std::vector<StratumPlans> strata;
};

Evaluator::Evaluator(const ir::Program& program, const EvalOptions& options)
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
  Runner runner(state);
  if (options_.profile) options_.profile->clear();
  for (std::size_t s = 0; s < program.strata.size(); ++s) {
    const ir::Stratum& stratum = program.strata[s];
    StratumPlans& plans = plans_->strata[s];
    if (!plans.compiled) {
      std::vector<double> sizes = growing_sizes(database, stratum);
      if (auto stop = compile_stratum(program, stratum, options_, sizes, plans)) return stop;
    }
    bind_plans(plans, database);
    if (auto stop = run_stratum(stratum, plans, runner, state, options_.profile)) return stop;
    if (state.stop) return state.stop;
    if (options_.drop_complete_sets) drop_big_sets(stratum, database);
  }
  return std::nullopt;
}

std::optional<Stop> evaluate(const ir::Program& program, Database& database, const Limits& limits,
                             const EvalOptions& options) {
  return Evaluator(program, options).run(database, limits);
}

}  // namespace sinew::engine
