// Property: on generated programs, the semi-naive engine and the naive evaluator agree
// exactly. SINEW_PROPERTY_RUNS sets the number of programs (default 1000),
// SINEW_PROPERTY_SEED the first seed.
#include "unit/engine/engine_helpers.hpp"
#include "unit/engine/naive_evaluator.hpp"

#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

using namespace sinew::testing;

namespace {

// Generates small random programs over numbers 0..5: recursion (linear and not),
// mutual recursion, negation and aggregates on lower strata, comparisons, `=`
// bindings with arithmetic (bounded by a filter, so that every program terminates).
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::optional<Program> program() {
    ProgramBuilder b;
    int inputs = pick(1, 3), derived = pick(2, 5);
    std::vector<RelationId> all;
    for (int i = 0; i < inputs; ++i) {
      auto r = b.relation("e" + std::to_string(i), static_cast<std::size_t>(pick(1, 3)));
      all.push_back(r);
      int facts = pick(4, 16);
      for (int f = 0; f < facts; ++f) {
        std::vector<std::int64_t> row;
        for (std::size_t c = 0; c < b.program.relations[r].arity(); ++c) row.push_back(pick(0, 4));
        b.fact_numbers(r, row);
      }
    }
    std::vector<RelationId> idb;
    for (int i = 0; i < derived; ++i) {
      auto r = b.relation("r" + std::to_string(i), static_cast<std::size_t>(pick(1, 3)));
      all.push_back(r);
      idb.push_back(r);
    }
    for (std::size_t i = 0; i < idb.size(); ++i) {
      int rules = pick(1, 3);
      for (int k = 0; k < rules; ++k) rule(b, idb[i], all, idb, i);
    }
    if (!b.finish()) return std::nullopt;
    return b.program;
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return pick(1, 100) <= percent; }

  Argument argument(std::vector<bool>& bound, int vars) {
    int roll = pick(1, 10);
    if (roll == 1) return num(pick(0, 4));
    if (roll == 2) return wild();
    auto v = static_cast<VariableId>(pick(0, vars - 1));
    bound[v] = true;
    return var(v);
  }

  std::vector<VariableId> bound_list(const std::vector<bool>& bound) {
    std::vector<VariableId> out;
    for (VariableId v = 0; v < bound.size(); ++v) {
      if (bound[v]) out.push_back(v);
    }
    return out;
  }

  void rule(ProgramBuilder& b, RelationId head, const std::vector<RelationId>& all,
            const std::vector<RelationId>& idb, std::size_t self) {
    const int vars = 4;
    std::vector<bool> bound(vars + 3, false);
    std::vector<Literal> body;
    int atoms = pick(1, 3);
    for (int a = 0; a < atoms; ++a) {
      // Positive atoms may read any relation: recursion comes from here.
      RelationId r = all[static_cast<std::size_t>(pick(0, static_cast<int>(all.size()) - 1))];
      std::vector<Argument> args;
      for (std::size_t c = 0; c < b.program.relations[r].arity(); ++c)
        args.push_back(argument(bound, vars));
      body.push_back(atom(r, args));
    }
    auto bound_vars = bound_list(bound);
    if (bound_vars.empty()) {
      b.rule(head, std::vector<VariableId>{}, {});  // placeholder removed below
      b.program.rules.pop_back();
      return;
    }
    auto any_bound = [&] {
      return bound_vars[static_cast<std::size_t>(pick(0, static_cast<int>(bound_vars.size()) - 1))];
    };
    // Lower relations only for negation and aggregates: inputs and earlier IDB.
    std::vector<RelationId> lower(all.begin(),
                                  all.end() - static_cast<std::ptrdiff_t>(idb.size() - self));
    if (chance(30)) {
      static const CompareOp ops[] = {CompareOp::eq, CompareOp::ne, CompareOp::lt,
                                      CompareOp::le, CompareOp::gt, CompareOp::ge};
      CompareOp op = ops[pick(0, 5)];
      Expr rhs = chance(50) ? ev(any_bound()) : en(pick(0, 5));
      body.push_back(compare(ev(any_bound()), op, rhs));
    }
    if (chance(25)) {
      // v4 = x op y, 0 <= v4 < 6.
      static const Expr::Op ops[] = {Expr::Op::add, Expr::Op::sub, Expr::Op::mul};
      VariableId t = vars;
      body.push_back(compare(
          ev(t), CompareOp::eq,
          eop(ops[pick(0, 2)], {ev(any_bound()), chance(50) ? ev(any_bound()) : en(pick(0, 2))})));
      body.push_back(compare(ev(t), CompareOp::lt, en(6)));
      body.push_back(compare(ev(t), CompareOp::ge, en(0)));
      bound[t] = true;
      bound_vars.push_back(t);
    }
    if (chance(25) && !lower.empty()) {
      RelationId r = lower[static_cast<std::size_t>(pick(0, static_cast<int>(lower.size()) - 1))];
      std::vector<Argument> args;
      for (std::size_t c = 0; c < b.program.relations[r].arity(); ++c) {
        int roll = pick(1, 4);
        args.push_back(roll == 1 ? wild() : roll == 2 ? num(pick(0, 5)) : var(any_bound()));
      }
      body.push_back(negated(r, args));
    }
    if (chance(20) && !lower.empty()) {
      // v5 = op v6 : { lower(..., grouping vars, v6, _) }
      RelationId r = lower[static_cast<std::size_t>(pick(0, static_cast<int>(lower.size()) - 1))];
      VariableId result = vars + 1, local = vars + 2;
      std::vector<Argument> args;
      for (std::size_t c = 0; c < b.program.relations[r].arity(); ++c) {
        int roll = pick(1, 4);
        args.push_back(roll == 1 ? wild() : roll == 2 ? var(any_bound()) : var(local));
      }
      static const AggregateOp ops[] = {AggregateOp::count, AggregateOp::sum, AggregateOp::min,
                                        AggregateOp::max};
      AggregateOp op = ops[pick(0, 3)];
      bool uses_local = std::any_of(args.begin(), args.end(), [&](const Argument& a) {
        return a.kind == Argument::Kind::variable && a.variable == local;
      });
      std::optional<Expr> target;
      if (op != AggregateOp::count) {
        if (!uses_local) op = AggregateOp::count;
        else target = ev(local);
      }
      body.push_back(aggregate(op, result, target, {atom(r, args)}));
      bound[result] = true;
      bound_vars.push_back(result);
    }
    std::vector<VariableId> head_vars;
    for (std::size_t c = 0; c < b.program.relations[head].arity(); ++c)
      head_vars.push_back(any_bound());
    // Shuffle the body: the planner, not the author, decides the order.
    std::shuffle(body.begin(), body.end(), rng_);
    b.rule(head, head_vars, std::move(body));
  }

  std::mt19937_64 rng_;
};

long env_number(const char* name, long fallback) {
  const char* text = std::getenv(name);
  return text ? std::strtol(text, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("semi-naive and naive evaluation agree on generated programs", "[engine][property]") {
  long runs = env_number("SINEW_PROPERTY_RUNS", 1000);
  long first = env_number("SINEW_PROPERTY_SEED", 1);
  long checked = 0, recursive = 0, nonempty = 0, negations = 0, aggregates = 0;
  for (long seed = first; seed < first + runs; ++seed) {
    Generator generator(static_cast<std::uint64_t>(seed));
    auto program = generator.program();
    if (!program) continue;  // not stratifiable: generate another
    auto naive = naive_evaluate(*program);
    bool any_derived = false;
    for (const auto& rule : program->rules) {
      any_derived = any_derived || !naive.relations[rule.head].empty();
      for (const auto& l : rule.body) {
        negations += l.kind == Literal::Kind::negative;
        aggregates += l.kind == Literal::Kind::aggregate;
      }
    }
    nonempty += any_derived;
    for (const auto& s : program->strata) recursive += s.recursive;
    // Re-planned with actual sizes; planned once without sizes; with provenance.
    for (int variant = 0; variant < 3; ++variant) {
      bool replan = variant != 1;
      Program planned = *program;
      if (!replan) sinew::ir::plan(planned);
      auto engine = run_engine(planned, {}, sinew::engine::EvalOptions{replan}, variant == 2);
      INFO("seed " << seed << " variant " << variant << "\n" << sinew::ir::print(planned));
      REQUIRE(naive.error.has_value() == engine.stop.has_value());
      if (naive.error) continue;
      for (RelationId r = 0; r < planned.relations.size(); ++r) {
        INFO("relation " << planned.relations[r].name);
        REQUIRE(engine.relations[r] == naive.relations[r]);
      }
    }
    ++checked;
  }
  CHECK(checked > runs / 2);
  WARN(checked << " programs: " << recursive << " recursive strata, " << negations << " negations, "
               << aggregates << " aggregates; " << nonempty << " derived something");
}
