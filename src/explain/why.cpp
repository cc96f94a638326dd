// Why a fact holds: a proof of minimal height, rebuilt from provenance.
//
// The engine records, per derived row, a rule and a height such that the rule derives
// the row from rows of smaller heights. The proof re-finds one such set of rows with
// the matcher (rows of a smaller height only), then proves each of them the same way.

#include "explain/explain.hpp"

#include "explain_support.hpp"
#include "matcher.hpp"

#include "engine/value.hpp"
#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <fmt/format.h>

#include <set>

namespace sinew::explain {

namespace {

// A proof is a tree, so shared sub-proofs repeat; past this many steps the rest is cut.
constexpr std::size_t most_steps = 5000;
// Counted or summed facts shown under an aggregate.
constexpr std::size_t most_aggregated = 20;

ProofStep note_step(std::string text) {
  ProofStep step;
  step.kind = ProofStep::Kind::note;
  step.text = std::move(text);
  return step;
}

}  // namespace

Explainer::Explainer(const ir::Program& program, engine::Database& database)
    : program_(program), database_(database), leaves_(program, database) {}

std::string Explainer::atom_text(ir::RelationId relation, std::span<const ir::Value> tuple) const {
  return format_atom(program_, database_.symbols(), relation, tuple);
}

bool Explainer::out_of_time() const {
  if (!out_of_time_ && deadline_ && Clock::now() >= *deadline_) out_of_time_ = true;
  return out_of_time_;
}

std::optional<ProofStep> Explainer::why(ir::RelationId relation, std::span<const ir::Value> tuple) {
  auto row = database_.find(relation, tuple);
  if (!row) return std::nullopt;
  std::size_t budget = most_steps;
  return prove(relation, *row, budget, 0);
}

ProofStep Explainer::given(ir::RelationId relation, std::uint32_t row) const {
  ProofStep step;
  auto tuple = database_.row(relation, row);
  step.relation = relation;
  step.tuple.assign(tuple.begin(), tuple.end());
  step.text = atom_text(relation, tuple);
  ProofLeaf leaf = leaves_.leaf(relation, row);
  step.kind = leaf.kind;
  step.origin = leaf.origin;
  return step;
}

ProofStep Explainer::prove(ir::RelationId relation, std::uint32_t row, std::size_t& budget,
                           std::size_t depth) {
  auto derivation = database_.derivation(relation, row);
  if (!derivation || derivation->rule == ir::none) return given(relation, row);
  const ir::Rule& rule = program_.rules[derivation->rule];
  auto tuple = database_.row(relation, row);
  ProofStep step;
  step.kind = ProofStep::Kind::derived;
  step.relation = relation;
  step.tuple.assign(tuple.begin(), tuple.end());
  step.text = atom_text(relation, tuple);
  step.rule = derivation->rule;
  step.origin = rule.origin;
  step.height = derivation->height;
  if (budget == 0 || out_of_time()) {
    step.premises.push_back(note_step("(the proof is too large to show whole)"));
    return step;
  }
  if (depth >= max_proof_depth) {
    step.premises.push_back(
        note_step(fmt::format("(… {} more level{} of rules below: explain `{}` to see them)",
                              step.height, step.height == 1 ? "" : "s", step.text)));
    return step;
  }
  --budget;

  Matcher matcher(program_, database_);
  auto solution = refind_derivation(matcher, rule, tuple, derivation->height);
  if (!solution) {
    step.premises.push_back(note_step("(the facts this rule used could not be found again)"));
    return step;
  }
  auto types = variable_types(program_, rule.body, rule.head, rule.head_args,
                              std::max<std::size_t>(rule.variables.size(),
                                                    ir::variable_count(rule)));
  step.bindings = named_bindings(program_, database_.symbols(), rule.variables, types, *solution);
  prove_body(rule, *solution, step, budget, depth);
  return step;
}

void Explainer::prove_body(const ir::Rule& rule, const Bindings& solution, ProofStep& step,
                           std::size_t& budget, std::size_t depth) {
  Matcher matcher(program_, database_);
  auto types = variable_types(program_, rule.body, rule.head, rule.head_args,
                              solution.values.size());
  for (const ir::Literal& literal : rule.body) {
    switch (literal.kind) {
      case ir::Literal::Kind::positive: {
        auto known = matcher.values(literal.atom, solution);
        auto rows = matcher.matching_rows(literal.atom.relation, known);
        if (!rows.empty()) {
          step.premises.push_back(prove(literal.atom.relation, rows.front(), budget, depth + 1));
        }
        break;
      }
      case ir::Literal::Kind::negative: {
        ProofStep absent;
        absent.kind = ProofStep::Kind::absent;
        absent.relation = literal.atom.relation;
        absent.text = partial_atom_text(program_, database_.symbols(), literal.atom.relation,
                                        matcher.values(literal.atom, solution));
        absent.rule = step.rule;
        step.premises.push_back(std::move(absent));
        break;
      }
      case ir::Literal::Kind::comparison: {
        ProofStep condition;
        condition.kind = ProofStep::Kind::condition;
        condition.text = condition_text(program_, database_.symbols(), rule.variables, types,
                                        literal, solution);
        condition.rule = step.rule;
        step.premises.push_back(std::move(condition));
        break;
      }
      case ir::Literal::Kind::aggregate: {
        const ir::Aggregate& aggregate = literal.aggregate.front();
        ProofStep summary;
        summary.kind = ProofStep::Kind::aggregate;
        summary.rule = step.rule;
        auto result = matcher.aggregate(aggregate, solution);
        ir::ColumnType type = types[aggregate.result].value_or(ir::ColumnType{});
        summary.text = fmt::format("{} is {}", rule.variables[aggregate.result],
                                   result.value ? engine::format_value(database_.symbols(), type,
                                                                       *result.value)
                                                : "nothing");
        // min and max rest on the solution that gives the value; count and sum on all.
        std::vector<Bindings> shown;
        if (aggregate.op == ir::AggregateOp::min || aggregate.op == ir::AggregateOp::max) {
          if (result.witness) shown.push_back(*result.witness);
        } else {
          Bindings inner = solution;
          matcher.solve(aggregate.body, inner, [&](const Bindings& found) {
            shown.push_back(found);
            return shown.size() < most_aggregated;
          });
        }
        // An atom with `_` matches several rows under one solution (`count : { e(_) }`
        // counts each): show each fact once, every row it stands for.
        std::set<std::pair<ir::RelationId, std::uint32_t>> proved;
        for (const Bindings& inner : shown) {
          for (const ir::Literal& inside : aggregate.body) {
            if (inside.kind != ir::Literal::Kind::positive) continue;
            auto rows = matcher.matching_rows(inside.atom.relation,
                                              matcher.values(inside.atom, inner));
            for (std::uint32_t row : rows) {
              if (proved.size() >= most_aggregated) break;
              if (!proved.emplace(inside.atom.relation, row).second) continue;
              summary.premises.push_back(prove(inside.atom.relation, row, budget, depth + 2));
            }
          }
        }
        step.premises.push_back(std::move(summary));
        break;
      }
    }
  }
}

}  // namespace sinew::explain
