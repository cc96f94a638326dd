// The plan interpreter: one function per step kind, recursing into the next step.
#include "engine/interpreter.hpp"

#include "engine/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

namespace sinew::engine {

namespace {
constexpr std::uint32_t clock_interval = 4096;  // steps of work between looks at the clock
// Row ids are 32 bits; stop before a relation runs out of them.
constexpr RowId max_rows = 0xfffffff0u;
}  // namespace

EvalState::EvalState(const ir::Program& program_in, Database& database_in, const Limits& limits)
    : program(program_in), database(database_in), expr(database_in.symbols(), program_in.scales) {
  start(limits);
}

void EvalState::stop_with(Stop::Reason reason, ir::RuleId rule, std::string message) {
  if (stop) return;
  ir::RelationId relation = rule < program.rules.size() ? program.rules[rule].head : ir::none;
  stop = Stop{reason, rule, relation, std::move(message)};
}

bool EvalState::check_time(ir::RuleId rule) {
  budget = clock_interval;
  if (!has_deadline || std::chrono::steady_clock::now() < deadline) return true;
  stop_with(Stop::Reason::time_limit, rule,
            fmt::format("evaluation stopped: the time limit of {} seconds was reached while "
                        "evaluating {}; the results are incomplete.",
                        timeout_seconds, describe_rule(program, rule)));
  return false;
}

void Runner::expression_failed() {
  stopped_ = true;
  const ExprEvaluator& expr = state_.expr;
  ir::RuleId rule = plan_->rule;
  std::string where = describe_rule(state_.program, rule);
  std::string relation = describe_relation(state_.program, plan_->head);
  switch (expr.error()) {
    case ExprError::division_by_zero:
      state_.stop_with(Stop::Reason::division_by_zero, rule,
                       fmt::format("evaluation stopped: division by zero ({}) in {} while "
                                   "deriving {}.",
                                   expr.detail(), where, relation));
      return;
    case ExprError::bad_conversion:
      state_.stop_with(Stop::Reason::bad_conversion, rule,
                       fmt::format("evaluation stopped: {} in {} while deriving {}.", expr.detail(),
                                   where, relation));
      return;
    case ExprError::overflow:
    case ExprError::none:
      state_.stop_with(Stop::Reason::overflow, rule,
                       fmt::format("evaluation stopped: a number grew out of range ({}) in {} "
                                   "while deriving {}.",
                                   expr.detail(), where, relation));
      return;
  }
}

void bind_plan(CompiledPlan& plan, Database& database) {
  for (Step& step : plan.steps) {
    if (step.relation == ir::none) continue;
    step.store = &database.store(step.relation);
    step.index = step.index_columns.empty() ? nullptr : &step.store->index(step.index_columns);
    // A lookup reads the de-duplication set, which an earlier stratum may have dropped.
    if (step.kind == StepKind::lookup || step.kind == StepKind::negated_lookup) {
      step.store->restore_set();
    }
  }
}

void EvalState::start(const Limits& limits) {
  provenance = database.provenance();
  timeout_seconds = limits.timeout_seconds;
  max_facts = limits.max_facts;
  derived = 0;
  budget = 1;
  stop.reset();
  has_deadline = limits.timeout_seconds > 0;
  if (has_deadline) {
    deadline = std::chrono::steady_clock::now() +
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(limits.timeout_seconds));
  }
}

bool Runner::run(CompiledPlan& plan) {
  if (state_.stop) return false;
  plan_ = &plan;
  stopped_ = false;
  registers_ = plan.registers;
  // Heights by rounds need no bookkeeping per derivation.
  round_height_ = state_.round_height;
  bool exact_heights = state_.provenance && round_height_ == ir::none;
  if (exact_heights) rows_.assign(plan.steps.size(), no_row);
  accumulators_.assign(plan.accumulators, Accumulator{});
  for (Step& step : plan.steps) {
    if (step.relation == ir::none) continue;
    const RelationStore& store = *step.store;
    switch (step.range) {
      case Range::all:
        step.lo = 0;
        step.hi = store.size();
        break;
      case Range::stable:
        step.lo = 0;
        step.hi = store.stable_end();
        break;
      case Range::recent:
        step.lo = store.stable_end();
        step.hi = store.recent_end();
        break;
      case Range::full:
        step.lo = 0;
        step.hi = store.recent_end();
        break;
    }
  }
  head_store_ = plan.steps[plan.head_step].store;
  head_arity_ = head_store_->arity();
  pending_ = 0;
  pending_values_.resize(static_cast<std::size_t>(batch) * head_arity_);
  if (exact_heights) exec<true>(0);
  else exec<false>(0);
  if (!stopped_) flush();
  return !stopped_ && !state_.stop;
}

template <bool Provenance>
void Runner::exec(std::uint32_t index) {
  Step& step = plan_->steps[index];
  switch (step.kind) {
    case StepKind::scan: scan<Provenance>(step, index); return;
    case StepKind::probe: probe<Provenance>(step, index); return;
    case StepKind::lookup: lookup<Provenance>(step, index); return;
    case StepKind::negated_lookup: negated_lookup<Provenance>(step, index); return;
    case StepKind::negated_probe: negated_probe<Provenance>(step, index); return;
    case StepKind::filter: filter<Provenance>(step, index); return;
    case StepKind::bind: bind<Provenance>(step, index); return;
    case StepKind::aggregate: aggregate<Provenance>(step, index); return;
    case StepKind::aggregate_sink: accumulate(step); return;
    case StepKind::head: insert_head<Provenance>(step); return;
  }
}

void Runner::load_key(Step& step) {
  const Value* regs = registers_.data();
  for (std::size_t k = 0; k < step.key_regs.size(); ++k) step.buffer[k] = regs[step.key_regs[k]];
}

template <bool Provenance>
bool Runner::match_row(const Step& step, std::uint32_t index, RowId row) {
  Value* regs = registers_.data();
  const Value* values = step.store->row(row);
  for (const ColumnRegister& bind : step.binds) regs[bind.reg] = values[bind.column];
  for (const ColumnRegister& check : step.checks) {
    if (regs[check.reg] != values[check.column]) return false;
  }
  if constexpr (Provenance) rows_[index] = row;
  exec<Provenance>(index + 1);
  return !Provenance && step.existential;
}

template <bool Provenance>
void Runner::scan(Step& step, std::uint32_t index) {
  constexpr RowId ahead = 8;
  const Value* regs = registers_.data();
  const HashIndex* next_index = step.prefetch_key.empty() ? nullptr : plan_->steps[index + 1].index;
  for (RowId row = step.lo; row < step.hi; ++row) {
    if (!tick()) {
      stopped_ = true;
      return;
    }
    if (next_index && row + ahead < step.hi) {
      // The next step probes an index with a key taken from this row: start loading
      // its slot now, a few rows before it is needed.
      const Value* later = step.store->row(row + ahead);
      for (std::size_t k = 0; k < step.prefetch_key.size(); ++k) {
        const ColumnRegister& source = step.prefetch_key[k];
        step.prefetch_buffer[k] = source.column == ir::none ? regs[source.reg]
                                                            : later[source.column];
      }
      next_index->prefetch(next_index->hash_key(step.prefetch_buffer.data()));
    }
    bool done = match_row<Provenance>(step, index, row);
    if (stopped_ || done) return;
  }
}

template <bool Provenance>
void Runner::probe(Step& step, std::uint32_t index) {
  load_key(step);
  const HashIndex& hash_index = *step.index;
  // Chains run newest first: skip rows added after the range, stop below it.
  for (RowId row = hash_index.first(step.buffer.data()); row != HashIndex::end;
       row = hash_index.next(row)) {
    if (row >= step.hi) continue;
    if (row < step.lo) break;
    if (!tick()) {
      stopped_ = true;
      return;
    }
    bool done = match_row<Provenance>(step, index, row);
    if (stopped_ || done) return;
  }
}

template <bool Provenance>
void Runner::lookup(Step& step, std::uint32_t index) {
  load_key(step);
  RowId row = step.store->find(step.buffer.data());
  if (row == no_row || row < step.lo || row >= step.hi) return;
  if constexpr (Provenance) rows_[index] = row;
  exec<Provenance>(index + 1);
}

template <bool Provenance>
void Runner::negated_lookup(Step& step, std::uint32_t index) {
  load_key(step);
  if (step.store->find(step.buffer.data()) != no_row) return;
  exec<Provenance>(index + 1);
}

template <bool Provenance>
void Runner::negated_probe(Step& step, std::uint32_t index) {
  bool exists;
  if (step.index) {
    load_key(step);
    exists = step.index->first(step.buffer.data()) != HashIndex::end;
  } else {
    exists = step.store->size() > 0;
  }
  if (!exists) exec<Provenance>(index + 1);
}

template <bool Provenance>
void Runner::filter(const Step& step, std::uint32_t index) {
  bool holds = false;
  if (!state_.expr.compare(*step.literal, registers_.data(), holds)) {
    expression_failed();
    return;
  }
  if (holds) exec<Provenance>(index + 1);
}

template <bool Provenance>
void Runner::bind(const Step& step, std::uint32_t index) {
  Value* regs = registers_.data();
  if (!state_.expr.eval(*step.expr, regs, regs[step.target])) {
    expression_failed();
    return;
  }
  exec<Provenance>(index + 1);
}

template <bool Provenance>
void Runner::aggregate(const Step& step, std::uint32_t index) {
  accumulators_[step.accumulator] = Accumulator{};
  exec<Provenance>(step.body);
  if (stopped_) return;
  Value result = 0;
  if (!finish(step, result)) return;  // min, max, mean of nothing: no binding
  Value* regs = registers_.data();
  if (step.result_bound) {
    if (regs[step.target] != result) return;
  } else {
    regs[step.target] = result;
  }
  exec<Provenance>(index + 1);
}

template <bool Provenance>
void Runner::insert_head(Step& step) {
  Value* regs = registers_.data();
  Value* tuple = pending_values_.data() + static_cast<std::size_t>(pending_) * head_arity_;
  if (step.head_exprs.empty()) {
    for (std::size_t k = 0; k < step.head_regs.size(); ++k) tuple[k] = regs[step.head_regs[k]];
  } else {
    for (std::size_t k = 0; k < step.head_exprs.size(); ++k) {
      if (!state_.expr.eval(*step.head_exprs[k], regs, tuple[k])) {
        expression_failed();
        return;
      }
    }
  }
  if (!tick()) {
    stopped_ = true;
    return;
  }
  std::uint64_t hash = head_store_->hash_row(tuple);
  head_store_->prefetch(hash);
  pending_hashes_[pending_] = hash;
  if constexpr (Provenance) {
    std::uint32_t height = 0;
    for (std::uint32_t atom : plan_->atom_steps) {
      const Step& source = plan_->steps[atom];
      if (source.store->provenance()) {
        height = std::max(height, source.store->height_of(rows_[atom]));
      }
    }
    pending_heights_[pending_] = height + 1;
  }
  if (++pending_ == batch) flush();
}

void Runner::flush() {
  std::uint32_t count = pending_;
  pending_ = 0;
  // The slots were prefetched when the tuples were made; now prefetch the rows they
  // point to, so that the comparisons of duplicates overlap too.
  for (std::uint32_t i = 0; i < count; ++i) head_store_->prefetch_match(pending_hashes_[i]);
  for (std::uint32_t i = 0; i < count; ++i) {
    const Value* tuple = pending_values_.data() + static_cast<std::size_t>(i) * head_arity_;
    if (head_store_->size() >= max_rows) {
      stopped_ = true;
      state_.stop_with(Stop::Reason::fact_limit, plan_->rule,
                       fmt::format("evaluation stopped: {} has grown to {} facts, the most one "
                                   "relation can hold; {} keeps adding to it.",
                                   describe_relation(state_.program, plan_->head),
                                   head_store_->size(),
                                   describe_rule(state_.program, plan_->rule)));
      return;
    }
    std::uint32_t height = round_height_ != ir::none ? round_height_
                           : state_.provenance       ? pending_heights_[i]
                                                     : 0;
    auto [row, is_new] = head_store_->insert_derived(tuple, pending_hashes_[i], plan_->rule,
                                                     height);
    if (!is_new) {
      // A later derivation that is lower replaces the first: every recorded (rule,
      // height) stays witnessed by a derivation from rows of smaller heights. By
      // rounds, a duplicate is never lower than the row it repeats.
      if (state_.provenance && round_height_ == ir::none && height < head_store_->height_of(row)) {
        head_store_->set_origin(row, plan_->rule, height);
      }
      continue;
    }
    if (++state_.derived > state_.max_facts && state_.max_facts != 0) {
      stopped_ = true;
      state_.stop_with(
          Stop::Reason::fact_limit, plan_->rule,
          fmt::format("evaluation stopped: more than {} facts were derived (the limit); {} was "
                      "still growing, through {}.",
                      state_.max_facts, describe_relation(state_.program, plan_->head),
                      describe_rule(state_.program, plan_->rule)));
      return;
    }
  }
}

void Runner::accumulate(const Step& step) {
  const ir::Aggregate& aggregate = *step.aggregate;
  Accumulator& acc = accumulators_[step.accumulator];
  Value value = 0;
  if (aggregate.target && !state_.expr.eval(*aggregate.target, registers_.data(), value)) {
    expression_failed();
    return;
  }
  ++acc.count;
  switch (aggregate.op) {
    case ir::AggregateOp::count: return;
    case ir::AggregateOp::sum:
    case ir::AggregateOp::mean:
      switch (aggregate.ordering.base) {
        case ir::BaseType::number:
          if (aggregate.op == ir::AggregateOp::sum &&
              __builtin_add_overflow(acc.int_sum, static_cast<std::int64_t>(value), &acc.int_sum)) {
            stopped_ = true;
            state_.stop_with(Stop::Reason::overflow, plan_->rule,
                             fmt::format("evaluation stopped: a sum grew out of range in {} while "
                                         "deriving {}.",
                                         describe_rule(state_.program, plan_->rule),
                                         describe_relation(state_.program, plan_->head)));
            return;
          }
          acc.float_sum += static_cast<double>(static_cast<std::int64_t>(value));
          return;
        case ir::BaseType::unsigned_number:
          acc.unsigned_sum += value;
          acc.float_sum += static_cast<double>(value);
          return;
        case ir::BaseType::floating:
        case ir::BaseType::symbol: acc.float_sum += std::bit_cast<double>(value); return;
      }
      return;
    case ir::AggregateOp::min:
    case ir::AggregateOp::max: {
      if (!acc.has_best) {
        acc.best = value;
        acc.has_best = true;
        return;
      }
      int c = state_.expr.order(aggregate.ordering, value, acc.best);
      if (aggregate.op == ir::AggregateOp::min ? c < 0 : c > 0) acc.best = value;
      return;
    }
  }
}

bool Runner::finish(const Step& step, Value& result) {
  const ir::Aggregate& aggregate = *step.aggregate;
  const Accumulator& acc = accumulators_[step.accumulator];
  switch (aggregate.op) {
    case ir::AggregateOp::count: result = acc.count; return true;
    case ir::AggregateOp::sum:
      switch (aggregate.ordering.base) {
        case ir::BaseType::number: result = static_cast<Value>(acc.int_sum); return true;
        case ir::BaseType::unsigned_number: result = acc.unsigned_sum; return true;
        default: result = std::bit_cast<Value>(acc.float_sum); return true;
      }
    case ir::AggregateOp::min:
    case ir::AggregateOp::max: result = acc.best; return acc.has_best;
    case ir::AggregateOp::mean:
      if (acc.count == 0) return false;
      result = std::bit_cast<Value>(acc.float_sum / static_cast<double>(acc.count));
      return true;
  }
  return false;
}

template void Runner::exec<true>(std::uint32_t);
template void Runner::exec<false>(std::uint32_t);

}  // namespace sinew::engine
