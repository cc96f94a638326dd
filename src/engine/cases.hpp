#pragma once
// Case evaluation: what depends only on the knowledge base is evaluated once; a case
// then costs only the strata that read its facts.
//
//   CaseEvaluator evaluator(program);                 // splits the strata
//   engine::Database base(program);                   // (+ load_facts, enable_provenance)
//   if (auto stop = evaluator.prepare(std::move(base))) ...;   // once per knowledge base
//
//   CaseWorker worker(evaluator);                     // one per thread
//   worker.clear();                                   // per case
//   worker.insert(has, tuple);                        // the case's facts
//   if (auto stop = worker.run(limits)) ...;
//   worker.database().size(disposition) ...           // the conclusions
//
// Threads: a prepared CaseEvaluator is never changed again (not even by lazy index or
// set builds), so any number of threads may share it; each thread owns a CaseWorker,
// which holds a private copy of the prepared database and of the compiled case plans.
// A worker's steady state allocates nothing per case (relations keep their memory
// when they are emptied).

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "ir/program.hpp"

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace sinew::engine {

// Which part of a program a case can change. A relation is case-dependent when it is a
// case input (`ir::Relation::case_input`) or a stratum that derives it reads a
// case-dependent relation (positively, under `!`, or in an aggregate). Everything else,
// relations read from facts files included, is the base: the same for every case.
struct CaseSplit {
  std::vector<std::uint32_t> base_strata;  // indices into Program::strata, in order
  std::vector<std::uint32_t> case_strata;  // likewise
  std::vector<bool> case_dependent;        // by RelationId
  std::vector<RelationId> case_relations;  // the case-dependent relations, ascending
};

CaseSplit split_by_case(const ir::Program& program);

struct CaseOptions {
  // The number of rows the planner assumes for every case-dependent relation when it
  // orders the case strata's joins (a case brings a handful of facts); base relations
  // count with their real sizes.
  double case_relation_rows = 8;
};

class CaseWorker;

// A program whose base is evaluated once and whose case strata are planned and compiled
// once. The program must outlive the evaluator and its workers.
class CaseEvaluator {
 public:
  explicit CaseEvaluator(const ir::Program& program, const CaseOptions& options = {});
  ~CaseEvaluator();
  CaseEvaluator(CaseEvaluator&&) noexcept;
  CaseEvaluator(const CaseEvaluator&) = delete;
  CaseEvaluator& operator=(const CaseEvaluator&) = delete;
  CaseEvaluator& operator=(CaseEvaluator&&) = delete;

  // Takes `base` (a database of this program; it may hold facts read from facts files,
  // and have provenance enabled, which the workers then share), inserts the program's
  // facts of base relations, evaluates the base strata, and compiles the case strata
  // with the resulting sizes. Call once, before any worker is made; nullopt on
  // success, otherwise why the base could not be evaluated (and prepared() stays false).
  std::optional<Stop> prepare(Database base, const Limits& limits = {});
  bool prepared() const;

  const ir::Program& program() const { return program_; }
  const CaseSplit& split() const { return split_; }
  bool is_case_relation(RelationId relation) const {
    return relation < split_.case_dependent.size() && split_.case_dependent[relation];
  }
  // The prepared database: base relations complete, case relations empty. Read-only.
  const Database& base() const;

 private:
  friend class CaseWorker;
  struct Compiled;
  const ir::Program& program_;
  CaseOptions options_;
  CaseSplit split_;
  std::unique_ptr<Compiled> compiled_;
};

// One thread's case evaluations: a copy of the prepared database whose case relations
// are emptied per case. A case is the facts inserted since the last clear() or run():
// the first insert after a run() starts a new case, so no fact of one case reaches the
// next.
class CaseWorker {
 public:
  // The evaluator must be prepared, and must outlive the worker.
  explicit CaseWorker(const CaseEvaluator& evaluator);
  ~CaseWorker();
  CaseWorker(CaseWorker&&) noexcept;
  CaseWorker(const CaseWorker&) = delete;
  CaseWorker& operator=(const CaseWorker&) = delete;
  CaseWorker& operator=(CaseWorker&&) = delete;

  // Starts a case: every case-dependent relation empty (keeping its memory), then the
  // program's facts of case-dependent relations.
  void clear();
  // Adds a fact of the case; true when it was not there yet. Only case-dependent
  // relations take facts (a base relation would carry the fact into the next case):
  // for any other relation, nothing is inserted and the result is false.
  bool insert(RelationId relation, std::span<const Value> tuple);
  // Evaluates the case strata over the base and the case's facts. Limits count this
  // case only. A second run without new facts changes nothing.
  std::optional<Stop> run(const Limits& limits = {});

  // The base and the case's conclusions (complete after a run() that returned nullopt).
  const Database& database() const;
  // The same, for explaining the case's facts (an explanation may intern a string it
  // computes); inserting into it is for clear(), insert() and run() alone.
  Database& database();
  // For reading a case: symbols of plain `symbol` columns unknown to the program are
  // interned here, in this worker only.
  SymbolTable& symbols();
  const CaseEvaluator& evaluator() const { return evaluator_; }

 private:
  struct State;
  const CaseEvaluator& evaluator_;
  std::unique_ptr<State> state_;
};

}  // namespace sinew::engine
