// From a JoinPlan to steps: which columns are bound when each atom is reached
// decides between scan, index probe and lookup, and which index to build.
#include "engine/plan_compiler.hpp"

#include "engine/messages.hpp"

#include <algorithm>

namespace sinew::engine {

namespace {

class Compiler {
 public:
  Compiler(const ir::Program& program, ir::RuleId rule_id, const std::vector<bool>& in_stratum,
           ir::SizeEstimates sizes, CompiledPlan& out)
      : program_(program),
        rule_(program.rules[rule_id]),
        rule_id_(rule_id),
        in_stratum_(in_stratum),
        sizes_(sizes),
        out_(out) {
    variables_ = ir::variable_count(rule_);
    counts_ = ir::count_occurrences(rule_);
    out_.registers.assign(variables_, 0);
  }

  std::optional<Stop> run(const ir::JoinPlan& plan) {
    out_.rule = rule_id_;
    out_.head = rule_.head;
    out_.delta = plan.delta;
    std::vector<bool> bound(variables_, false);
    for (std::uint32_t position : plan.order) {
      Range range = Range::all;
      const ir::Literal& literal = rule_.body.at(position);
      if (literal.kind == ir::Literal::Kind::positive && reads_stratum(literal.atom)) {
        if (plan.delta == ir::none) range = Range::all;
        else if (position == plan.delta) range = Range::recent;
        else if (position < plan.delta) range = Range::stable;
        else range = Range::full;
      }
      if (!add_literal(literal, position, range, bound, true)) return error_;
    }
    if (!add_head(bound)) return error_;
    plan_prefetches();
    // Aggregate bodies, each a segment after the rule's own steps.
    while (!pending_.empty()) {
      Pending next = std::move(pending_.front());
      pending_.erase(pending_.begin());
      out_.steps[next.step].body = static_cast<std::uint32_t>(out_.steps.size());
      const ir::Aggregate& aggregate = *out_.steps[next.step].aggregate;
      std::vector<std::uint32_t> order = ir::order_literals(program_, aggregate.body, ir::none,
                                                            next.bound, sizes_, counts_);
      for (std::uint32_t position : order) {
        if (!add_literal(aggregate.body[position], ir::none, Range::all, next.bound, false)) {
          return error_;
        }
      }
      if (aggregate.target && !expression_bound(*aggregate.target, next.bound)) {
        fail("the target of an aggregate uses a variable its body does not bind");
        return error_;
      }
      Step sink;
      sink.kind = StepKind::aggregate_sink;
      sink.aggregate = &aggregate;
      sink.accumulator = out_.steps[next.step].accumulator;
      out_.steps.push_back(std::move(sink));
    }
    return std::nullopt;
  }

 private:
  struct Pending {
    std::uint32_t step;
    std::vector<bool> bound;
  };

  bool reads_stratum(const ir::AtomRef& atom) const {
    return atom.relation < in_stratum_.size() && in_stratum_[atom.relation];
  }

  std::uint32_t constant_register(Value value) {
    out_.registers.push_back(value);
    return static_cast<std::uint32_t>(out_.registers.size() - 1);
  }

  bool expression_bound(const ir::Expr& expr, const std::vector<bool>& bound) const {
    std::vector<ir::VariableId> vars;
    ir::collect_variables(expr, vars);
    return std::all_of(vars.begin(), vars.end(), [&](ir::VariableId v) { return bound[v]; });
  }

  bool fail(std::string what) {
    error_ = Stop{Stop::Reason::invalid_program, rule_id_, rule_.head,
                  "the engine cannot evaluate " + describe_rule(program_, rule_id_) + ": " +
                      std::move(what) + "."};
    return false;
  }

  bool add_literal(const ir::Literal& literal, std::uint32_t position, Range range,
                   std::vector<bool>& bound, bool main_segment) {
    switch (literal.kind) {
      case ir::Literal::Kind::positive:
        return add_atom(literal.atom, position, range, bound, main_segment);
      case ir::Literal::Kind::negative: return add_negation(literal.atom, bound);
      case ir::Literal::Kind::comparison: return add_comparison(literal, bound);
      case ir::Literal::Kind::aggregate: return add_aggregate(literal, bound);
    }
    return fail("an unknown kind of literal");
  }

  bool check_atom(const ir::AtomRef& atom) {
    if (atom.relation >= program_.relations.size()) return fail("an atom names no relation");
    if (atom.args.size() != program_.relations[atom.relation].arity()) {
      return fail("an atom of `" + program_.relations[atom.relation].name +
                  "` has the wrong number of arguments");
    }
    return true;
  }

  bool add_atom(const ir::AtomRef& atom, std::uint32_t position, Range range,
                std::vector<bool>& bound, bool main_segment) {
    if (!check_atom(atom)) return false;
    Step step;
    step.position = position;
    step.range = range;
    step.relation = atom.relation;
    std::vector<std::uint32_t> key_columns;
    std::vector<bool> bound_here(variables_, false);
    for (std::uint32_t c = 0; c < atom.args.size(); ++c) {
      const ir::Argument& arg = atom.args[c];
      switch (arg.kind) {
        case ir::Argument::Kind::wildcard: break;
        case ir::Argument::Kind::constant:
          key_columns.push_back(c);
          step.key_regs.push_back(constant_register(arg.constant));
          break;
        case ir::Argument::Kind::variable:
          if (bound[arg.variable]) {
            key_columns.push_back(c);
            step.key_regs.push_back(arg.variable);
          } else if (bound_here[arg.variable]) {
            step.checks.push_back({c, arg.variable});
          } else {
            bound_here[arg.variable] = true;
            step.binds.push_back({c, arg.variable});
          }
          break;
      }
    }
    if (key_columns.size() == atom.args.size()) {
      step.kind = StepKind::lookup;
      step.buffer.resize(atom.args.size());
    } else if (key_columns.empty()) {
      step.kind = StepKind::scan;
    } else {
      step.kind = StepKind::probe;
      step.index_columns = key_columns;
      step.buffer.resize(key_columns.size());
    }
    for (std::uint32_t v = 0; v < variables_; ++v) {
      if (bound_here[v]) bound[v] = true;
    }
    // In an aggregate's body every combination of rows counts; in the rule's body a
    // head tuple made twice is one fact, so an atom whose values nothing else uses is a
    // test: `c(_, _, _)` in a body of many atoms is not a loop over all of `c`.
    step.existential = main_segment && step.kind != StepKind::lookup &&
                       std::all_of(step.binds.begin(), step.binds.end(),
                                   [&](const ColumnRegister& bind) {
                                     return counts_[bind.reg] == 1;
                                   });
    if (main_segment) {
      out_.atom_steps.push_back(static_cast<std::uint32_t>(out_.steps.size()));
      ++out_.atoms;
    }
    out_.steps.push_back(std::move(step));
    return true;
  }

  bool add_negation(const ir::AtomRef& atom, const std::vector<bool>& bound) {
    if (!check_atom(atom)) return false;
    Step step;
    step.relation = atom.relation;
    std::vector<std::uint32_t> key_columns;
    for (std::uint32_t c = 0; c < atom.args.size(); ++c) {
      const ir::Argument& arg = atom.args[c];
      if (arg.kind == ir::Argument::Kind::wildcard) continue;
      if (arg.kind == ir::Argument::Kind::variable && !bound[arg.variable]) {
        return fail("the variable `" + variable_name(arg.variable) +
                    "` under `!` is not bound before it");
      }
      key_columns.push_back(c);
      step.key_regs.push_back(arg.kind == ir::Argument::Kind::constant
                                  ? constant_register(arg.constant)
                                  : arg.variable);
    }
    if (key_columns.size() == atom.args.size()) {
      step.kind = StepKind::negated_lookup;
      step.buffer.resize(atom.args.size());
    } else if (key_columns.empty()) {
      step.kind = StepKind::negated_probe;  // `!p(_, _)`: is p empty?
    } else {
      step.kind = StepKind::negated_probe;
      step.index_columns = key_columns;
      step.buffer.resize(key_columns.size());
    }
    out_.steps.push_back(std::move(step));
    return true;
  }

  bool add_comparison(const ir::Literal& literal, std::vector<bool>& bound) {
    bool left = expression_bound(literal.lhs, bound);
    bool right = expression_bound(literal.rhs, bound);
    Step step;
    step.literal = &literal;
    if (left && right) {
      step.kind = StepKind::filter;
    } else if (literal.op == ir::CompareOp::eq && literal.lhs.op == ir::Expr::Op::variable &&
               !left && right) {
      step.kind = StepKind::bind;
      step.target = literal.lhs.variable;
      step.expr = &literal.rhs;
      bound[literal.lhs.variable] = true;
    } else if (literal.op == ir::CompareOp::eq && literal.rhs.op == ir::Expr::Op::variable &&
               !right && left) {
      step.kind = StepKind::bind;
      step.target = literal.rhs.variable;
      step.expr = &literal.lhs;
      bound[literal.rhs.variable] = true;
    } else {
      return fail("a comparison uses a variable that is not bound before it");
    }
    out_.steps.push_back(std::move(step));
    return true;
  }

  bool add_aggregate(const ir::Literal& literal, std::vector<bool>& bound) {
    if (literal.aggregate.size() != 1) return fail("an aggregate literal without its aggregate");
    const ir::Aggregate& aggregate = literal.aggregate.front();
    for (ir::VariableId v : ir::grouping_variables(literal, counts_)) {
      if (!bound[v]) {
        return fail("the variable `" + variable_name(v) +
                    "` that groups an aggregate is not bound before it");
      }
    }
    if (aggregate.op != ir::AggregateOp::count && !aggregate.target) {
      return fail("a sum, min, max or mean without a target");
    }
    Step step;
    step.kind = StepKind::aggregate;
    step.aggregate = &aggregate;
    step.accumulator = out_.accumulators++;
    step.target = aggregate.result;
    step.result_bound = bound[aggregate.result];
    pending_.push_back({static_cast<std::uint32_t>(out_.steps.size()), bound});
    bound[aggregate.result] = true;
    out_.steps.push_back(std::move(step));
    return true;
  }

  bool add_head(const std::vector<bool>& bound) {
    if (rule_.head >= program_.relations.size()) return fail("its head names no relation");
    if (rule_.head_args.size() != program_.relations[rule_.head].arity()) {
      return fail("its head has the wrong number of values");
    }
    Step step;
    step.kind = StepKind::head;
    step.relation = rule_.head;
    bool simple = true;
    for (const ir::Expr& arg : rule_.head_args) {
      if (!expression_bound(arg, bound)) {
        return fail("a variable of its conclusion is never bound");
      }
      if (arg.op == ir::Expr::Op::variable) step.head_regs.push_back(arg.variable);
      else if (arg.op == ir::Expr::Op::constant)
        step.head_regs.push_back(constant_register(arg.constant));
      else simple = false;
    }
    if (!simple) {
      step.head_regs.clear();
      for (const ir::Expr& arg : rule_.head_args) step.head_exprs.push_back(&arg);
    }
    step.buffer.resize(rule_.head_args.size());
    out_.head_step = static_cast<std::uint32_t>(out_.steps.size());
    out_.steps.push_back(std::move(step));
    return true;
  }

  // A scan whose next step probes an index: record how to compute that key from a
  // row, so that the scan can prefetch it.
  void plan_prefetches() {
    for (std::size_t i = 0; i + 1 < out_.steps.size(); ++i) {
      Step& scan = out_.steps[i];
      const Step& probe = out_.steps[i + 1];
      if (scan.kind != StepKind::scan || probe.kind != StepKind::probe) continue;
      for (std::uint32_t reg : probe.key_regs) {
        ColumnRegister source{ir::none, reg};
        for (const ColumnRegister& bind : scan.binds) {
          if (bind.reg == reg) source.column = bind.column;
        }
        scan.prefetch_key.push_back(source);
      }
      scan.prefetch_buffer.resize(scan.prefetch_key.size());
    }
  }

  std::string variable_name(ir::VariableId v) const {
    if (v < rule_.variables.size() && !rule_.variables[v].empty()) return rule_.variables[v];
    return "_v" + std::to_string(v);
  }

  const ir::Program& program_;
  const ir::Rule& rule_;
  ir::RuleId rule_id_;
  const std::vector<bool>& in_stratum_;
  ir::SizeEstimates sizes_;
  CompiledPlan& out_;
  std::uint32_t variables_ = 0;
  std::vector<std::uint32_t> counts_;
  std::vector<Pending> pending_;
  std::optional<Stop> error_;
};

}  // namespace

std::optional<Stop> compile_plan(const ir::Program& program, ir::RuleId rule,
                                 const ir::JoinPlan& plan, const std::vector<bool>& in_stratum,
                                 ir::SizeEstimates sizes, CompiledPlan& out) {
  out = CompiledPlan{};
  if (rule >= program.rules.size()) {
    return Stop{Stop::Reason::invalid_program, rule, ir::none, "a plan names no rule."};
  }
  return Compiler(program, rule, in_stratum, sizes, out).run(plan);
}

}  // namespace sinew::engine
