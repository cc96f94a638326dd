#pragma once
// The compiled form of a join plan: a flat list of steps over a register file.
//
// Registers [0, variables) hold variable values; the registers after them hold the
// plan's constants, so that every key and head column is read from a register. The
// steps of a rule body come first and end with the head step; the body of each
// aggregate follows as its own segment, ending with an aggregate_sink step.

#include "engine/hash_index.hpp"
#include "engine/relation_store.hpp"

#include "ir/program.hpp"

#include <cstdint>
#include <vector>

namespace sinew::engine {

enum class StepKind : std::uint8_t {
  scan,            // no column bound: every row in the range
  probe,           // some columns bound: the index chain of the key
  lookup,          // every column bound: one membership test
  negated_lookup,  // !atom, every column bound
  negated_probe,   // !atom with `_` columns: is the key's chain empty?
  filter,          // a comparison of bound values
  bind,            // X = expr, X not bound yet
  aggregate,       // evaluate the segment [body, sink] and bind or check the result
  aggregate_sink,  // add the current binding to the aggregate
  head,            // insert the head tuple
};

// Which rows of a relation an atom reads, in semi-naive terms.
enum class Range : std::uint8_t {
  all,     // a relation of an earlier stratum: complete
  stable,  // [0, stable_end): known before the last round
  recent,  // [stable_end, recent_end): new in the last round (the delta)
  full,    // [0, recent_end): everything known at the start of this round
};

struct ColumnRegister {
  std::uint32_t column;
  std::uint32_t reg;
};

struct Step {
  StepKind kind = StepKind::filter;
  Range range = Range::all;
  std::uint32_t position = ir::none;  // body literal position, for provenance

  // Atoms. A compiled plan names relations and index columns; the stores and
  // indexes of a database are bound to it before each run (Runner::run), so that
  // one compiled plan serves any number of databases.
  ir::RelationId relation = ir::none;
  std::vector<std::uint32_t> index_columns;  // probe, negated_probe
  RelationStore* store = nullptr;
  HashIndex* index = nullptr;
  std::vector<std::uint32_t> key_regs;  // probe: key in index column order; lookup: the row
  std::vector<ColumnRegister> binds;    // columns that bind a variable
  std::vector<ColumnRegister> checks;   // columns equal to a variable bound earlier in the atom
  // Scan or probe of the rule's body that binds no variable used elsewhere: only
  // whether a row matches matters, so the first match ends it (without provenance).
  bool existential = false;

  // Comparisons and bindings.
  const ir::Literal* literal = nullptr;
  const ir::Expr* expr = nullptr;  // bind: the value; head and sink: unused
  std::uint32_t target = 0;        // bind: the register bound

  // Aggregates.
  const ir::Aggregate* aggregate = nullptr;
  std::uint32_t body = 0;         // first step of the aggregate's segment
  std::uint32_t accumulator = 0;  // index into the runner's accumulators
  bool result_bound = false;      // the result variable is bound before: compare

  // Head: either all registers (head_regs) or expressions (head_exprs).
  std::vector<std::uint32_t> head_regs;
  std::vector<const ir::Expr*> head_exprs;

  // Scan followed by a probe: where each key value of the probe comes from (a column
  // of the scanned row, or a register when `column` is ir::none), so that the scan
  // can prefetch the probe's slot a few rows ahead.
  std::vector<ColumnRegister> prefetch_key;
  std::vector<Value> prefetch_buffer;

  // Scratch, sized at compile time: the key or the head tuple.
  std::vector<Value> buffer;

  // Set before each run of the plan from the store's semi-naive marks.
  RowId lo = 0, hi = 0;
};

struct CompiledPlan {
  ir::RuleId rule = ir::none;
  ir::RelationId head = ir::none;
  std::uint32_t delta = ir::none;
  std::vector<Step> steps;
  std::uint32_t head_step = 0;            // the step that inserts the head tuple
  std::vector<Value> registers;           // initial register file (constants filled in)
  std::uint32_t accumulators = 0;         // number of aggregates
  std::uint32_t atoms = 0;                // number of positive atoms of the body (provenance)
  std::vector<std::uint32_t> atom_steps;  // their steps
};

}  // namespace sinew::engine
