// Case evaluation: the base strata once per knowledge base, the case strata per case.
#include "engine/cases.hpp"

#include "engine/interpreter.hpp"
#include "engine/relation_store.hpp"
#include "engine/stratum.hpp"

#include <cassert>

namespace sinew::engine {

namespace {

bool reads_any(const std::vector<ir::Literal>& body, const std::vector<bool>& marked) {
  for (const ir::Literal& literal : body) {
    switch (literal.kind) {
      case ir::Literal::Kind::positive:
      case ir::Literal::Kind::negative:
        if (literal.atom.relation < marked.size() && marked[literal.atom.relation]) return true;
        break;
      case ir::Literal::Kind::aggregate:
        for (const ir::Aggregate& aggregate : literal.aggregate) {
          if (reads_any(aggregate.body, marked)) return true;
        }
        break;
      case ir::Literal::Kind::comparison: break;
    }
  }
  return false;
}

Stop not_prepared() {
  return Stop{Stop::Reason::invalid_program, ir::none, ir::none,
              "the case evaluator was used before its knowledge base was prepared."};
}

}  // namespace

CaseSplit split_by_case(const ir::Program& program) {
  CaseSplit split;
  split.case_dependent.assign(program.relations.size(), false);
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    split.case_dependent[r] = program.relations[r].case_input;
  }
  // Strata come in dependency order, so every relation a stratum reads outside itself
  // is decided before it; a stratum reading one of its own relations that is a case
  // input is caught by the same test.
  for (std::uint32_t s = 0; s < program.strata.size(); ++s) {
    const ir::Stratum& stratum = program.strata[s];
    bool dependent = false;
    for (ir::RuleId id : stratum.rules) {
      if (id < program.rules.size() && reads_any(program.rules[id].body, split.case_dependent)) {
        dependent = true;
        break;
      }
    }
    for (ir::RelationId relation : stratum.relations) {
      dependent = dependent ||
                  (relation < split.case_dependent.size() && split.case_dependent[relation]);
    }
    (dependent ? split.case_strata : split.base_strata).push_back(s);
    if (!dependent) continue;
    for (ir::RelationId relation : stratum.relations) {
      if (relation < split.case_dependent.size()) split.case_dependent[relation] = true;
    }
  }
  for (ir::RelationId r = 0; r < split.case_dependent.size(); ++r) {
    if (split.case_dependent[r]) split.case_relations.push_back(r);
  }
  return split;
}

// ---- the evaluator: once per knowledge base ------------------------------------------

struct CaseEvaluator::Compiled {
  explicit Compiled(Database database) : base(std::move(database)) {}
  Database base;
  std::vector<StratumPlans> plans;        // by position in CaseSplit::case_strata
  std::vector<std::uint32_t> case_facts;  // the program's facts of case relations
};

CaseEvaluator::CaseEvaluator(const ir::Program& program, const CasePlanOptions& options)
    : program_(program), options_(options), split_(split_by_case(program)) {}

CaseEvaluator::~CaseEvaluator() = default;
CaseEvaluator::CaseEvaluator(CaseEvaluator&&) noexcept = default;

bool CaseEvaluator::prepared() const { return compiled_ != nullptr; }

const Database& CaseEvaluator::base() const {
  assert(compiled_ && "CaseEvaluator::prepare first");
  return compiled_->base;
}

std::optional<Stop> CaseEvaluator::prepare(Database database, const Limits& limits) {
  const ir::Program& program = program_;
  if (compiled_) {
    return Stop{Stop::Reason::invalid_program, ir::none, ir::none,
                "the case evaluator was prepared twice."};
  }
  if (database.relation_count() != program.relations.size()) {
    return Stop{Stop::Reason::invalid_program, ir::none, ir::none,
                "the database was made for another program."};
  }
  auto compiled = std::make_unique<Compiled>(std::move(database));
  Database& base = compiled->base;

  for (std::uint32_t i = 0; i < program.facts.size(); ++i) {
    ir::FactRef fact = program.facts[i];
    if (fact.relation >= program.relations.size() ||
        fact.values.size() != program.relations[fact.relation].arity()) {
      return Stop{Stop::Reason::invalid_program, ir::none, fact.relation,
                  "a fact of the program does not match its relation."};
    }
    if (is_case_relation(fact.relation)) compiled->case_facts.push_back(i);
    else base.insert(fact.relation, fact.values);
  }

  // The base strata, as `evaluate` runs them.
  EvalState state(program, base, limits);
  Runner runner(state);
  const EvalOptions options;
  for (std::uint32_t s : split_.base_strata) {
    const ir::Stratum& stratum = program.strata[s];
    StratumPlans plans;
    std::vector<double> sizes = growing_sizes(base, stratum);
    if (auto stop = compile_stratum(program, stratum, options, sizes, plans)) return stop;
    bind_plans(plans, base);
    if (auto stop = run_stratum(stratum, plans, runner, state, nullptr)) return stop;
    if (state.stop) return state.stop;
    // Unlike `evaluate`, keep the sets of big relations: the prepared base needs
    // them all in the end (see below).
  }

  // The case strata, planned for a case: base relations as they are, case relations
  // a handful of rows each.
  std::vector<double> sizes(program.relations.size());
  for (ir::RelationId r = 0; r < sizes.size(); ++r) {
    sizes[r] = is_case_relation(r) ? options_.case_relation_rows
                                   : static_cast<double>(base.size(r));
  }
  compiled->plans.resize(split_.case_strata.size());
  for (std::size_t i = 0; i < split_.case_strata.size(); ++i) {
    const ir::Stratum& stratum = program.strata[split_.case_strata[i]];
    if (auto stop = compile_stratum(program, stratum, options, sizes, compiled->plans[i])) {
      return stop;
    }
    // Builds, here and once, every index the case plans probe, so that workers copy
    // them instead of each building its own.
    bind_plans(compiled->plans[i], base);
  }
  // From here on nothing may change the base: threads read it concurrently. Lookups
  // need the de-duplication sets, so any an evaluation dropped are built again now.
  base.restore_sets();
  compiled_ = std::move(compiled);
  return std::nullopt;
}

// ---- a worker: case after case, one thread --------------------------------------------

struct CaseWorker::State {
  State(const ir::Program& program, Database copy)
      : database(std::move(copy)), eval(program, database, {}), runner(eval) {}
  Database database;
  std::vector<StratumPlans> plans;  // copies of the evaluator's, bound to `database`
  EvalState eval;
  Runner runner;
  bool evaluated = false;         // run() since the last clear()
  std::optional<Stop> last_stop;  // what that run returned
};

CaseWorker::CaseWorker(const CaseEvaluator& evaluator) : evaluator_(evaluator) {
  const ir::Program& program = evaluator.program();
  if (!evaluator.prepared()) {
    state_ = std::make_unique<State>(program, Database(program));
    return;
  }
  const CaseEvaluator::Compiled& compiled = *evaluator.compiled_;
  state_ = std::make_unique<State>(program, Database(compiled.base));
  state_->plans = compiled.plans;
  for (StratumPlans& plans : state_->plans) bind_plans(plans, state_->database);
  clear();
}

CaseWorker::~CaseWorker() = default;
CaseWorker::CaseWorker(CaseWorker&&) noexcept = default;

const Database& CaseWorker::database() const { return state_->database; }
Database& CaseWorker::database() { return state_->database; }
SymbolTable& CaseWorker::symbols() { return state_->database.symbols(); }

void CaseWorker::clear() {
  State& state = *state_;
  for (RelationId relation : evaluator_.split().case_relations) state.database.clear(relation);
  if (evaluator_.prepared()) {
    insert_facts(evaluator_.program(), state.database, evaluator_.compiled_->case_facts);
  }
  state.evaluated = false;
  state.last_stop.reset();
}

bool CaseWorker::insert(RelationId relation, std::span<const Value> tuple) {
  if (!evaluator_.is_case_relation(relation)) return false;
  if (state_->evaluated) clear();
  return state_->database.insert(relation, tuple);
}

std::optional<Stop> CaseWorker::run(const Limits& limits) {
  State& state = *state_;
  if (!evaluator_.prepared()) return not_prepared();
  if (state.evaluated) return state.last_stop;
  state.evaluated = true;
  state.eval.start(limits);
  const ir::Program& program = evaluator_.program();
  const CaseSplit& split = evaluator_.split();
  for (std::size_t i = 0; i < split.case_strata.size(); ++i) {
    const ir::Stratum& stratum = program.strata[split.case_strata[i]];
    state.last_stop = run_stratum(stratum, state.plans[i], state.runner, state.eval, nullptr);
    if (!state.last_stop) state.last_stop = state.eval.stop;
    if (state.last_stop) return state.last_stop;
  }
  return std::nullopt;
}

}  // namespace sinew::engine
