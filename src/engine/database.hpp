#pragma once
// Database: the facts of every relation of one program, as the engine stores them.

#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace sinew::engine {

using ir::RelationId;
using ir::RuleId;
using ir::Value;

class RelationStore;  // internal: src/engine/relation_store.hpp

// How a row was first derived: by a rule (`rule`, RuleId) at `height` (1 + the
// largest height of the rows it was derived from), or, when `rule == ir::none`, given
// as a fact (height 0).
struct Derivation {
  RuleId rule = ir::none;
  std::uint32_t height = 0;
};

class Database {
 public:
  // One empty relation per relation of the program; a copy of its symbol table.
  explicit Database(const ir::Program& program);
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  // A copy of every relation (rows, indexes, provenance) and of the symbols. Explicit:
  // a copy is deliberate, e.g. one per thread of a knowledge base evaluated once.
  explicit Database(const Database& other);
  Database& operator=(const Database&) = delete;

  SymbolTable& symbols() { return symbols_; }
  const SymbolTable& symbols() const { return symbols_; }
  std::size_t relation_count() const { return stores_.size(); }
  std::size_t arity(RelationId relation) const { return relations_[relation].columns.size(); }
  const std::vector<ir::Column>& columns(RelationId relation) const {
    return relations_[relation].columns;
  }

  // Removes every tuple of every relation (the symbols stay): the same database then
  // serves the next case without allocating its relations again.
  void clear();
  // Removes every tuple of one relation, keeping its memory.
  void clear(RelationId relation);

  // Adds a tuple (`arity(relation)` values); true when it was not there yet.
  bool insert(RelationId relation, std::span<const Value> tuple);
  std::size_t size(RelationId relation) const;
  // Lookups need every relation's de-duplication set: after an evaluation with
  // EvalOptions::drop_complete_sets, call restore_sets() first.
  bool contains(RelationId relation, std::span<const Value> tuple) const;
  // The row id of a tuple, if present. Row ids are stable and count from 0 in the
  // order the tuples were added.
  std::optional<std::uint32_t> find(RelationId relation, std::span<const Value> tuple) const;
  // Builds again the de-duplication sets an evaluation dropped (see above).
  void restore_sets();
  std::span<const Value> row(RelationId relation, std::uint32_t row) const;

  // Row ids in output order: column by column, numbers numerically, floats as
  // doubles, symbols by text. Never depends on hash order or insertion order.
  std::vector<std::uint32_t> sorted_rows(RelationId relation) const;
  // The tuples in output order.
  std::vector<std::vector<Value>> sorted(RelationId relation) const;

  // Provenance: record, per derived row, the rule that first derived it and its
  // height. Off by default (and then free); switch on before evaluating.
  void enable_provenance();
  bool provenance() const { return provenance_; }
  // The derivation of a row; nullopt when provenance is off.
  std::optional<Derivation> derivation(RelationId relation, std::uint32_t row) const;

  // Memory held by the relations (rows, sets, indexes), for diagnostics.
  std::size_t memory_bytes() const;
  std::size_t memory_bytes(RelationId relation) const;

  // The engine's own access to the storage.
  RelationStore& store(RelationId relation) { return *stores_[relation]; }
  const RelationStore& store(RelationId relation) const { return *stores_[relation]; }

 private:
  SymbolTable symbols_;
  std::vector<ir::Relation> relations_;  // schemas, copied from the program
  std::vector<std::unique_ptr<RelationStore>> stores_;
  bool provenance_ = false;
};

}  // namespace sinew::engine
