#pragma once
// RelationStore: the tuples of one relation, as an append-only log of fixed-arity rows.
//
// Rows are never moved or removed, so a row id is stable and semi-naive evaluation's
// parts of a relation are row ranges: stable [0, s), recent (the delta) [s, r) and
// to-add [r, n), where rows appended during a round land in to-add and stay invisible
// to that round. Rows live in chunks that double in size (row pointers stay valid as
// the log grows, and no reallocation copies the log). A hash set over whole rows
// de-duplicates inserts; hash indexes on column subsets serve joins.

#include "engine/big_array.hpp"
#include "engine/hash_index.hpp"

#include "ir/program.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace sinew::engine {

using ir::Value;
using RowId = std::uint32_t;
inline constexpr RowId no_row = 0xffffffffu;

class RelationStore {
 public:
  explicit RelationStore(std::uint32_t arity);
  // A copy: rows, set, indexes and provenance (explicit: copies are deliberate).
  explicit RelationStore(const RelationStore& other);
  RelationStore& operator=(const RelationStore&) = delete;

  std::uint32_t arity() const { return arity_; }
  RowId size() const { return size_; }

  const Value* row(RowId id) const {
    // Chunk c holds rows [base * (2^c - 1), base * (2^(c+1) - 1)).
    std::uint32_t j = (id >> base_bits) + 1;
    std::uint32_t c = 31 - static_cast<std::uint32_t>(__builtin_clz(j));
    RowId first = ((1u << c) - 1) << base_bits;
    return chunks_[c].data() + static_cast<std::size_t>(id - first) * arity_;
  }

  // Appends the row unless it is present. Returns its id and whether it is new.
  struct Inserted {
    RowId row;
    bool is_new;
  };
  // A fact: with provenance on, its origin is (no rule, height 0).
  Inserted insert(const Value* values) { return insert(values, hash_row(values)); }
  Inserted insert(const Value* values, std::uint64_t hash) {
    return insert_derived(values, hash, ir::none, 0);
  }
  // A derived row: a new one gets this origin (a duplicate keeps its own).
  Inserted insert_derived(const Value* values, std::uint64_t hash, std::uint32_t rule,
                          std::uint32_t height);
  // Needs the de-duplication set: after drop_set(), call restore_set() first.
  RowId find(const Value* values) const { return find(values, hash_row(values)); }
  RowId find(const Value* values, std::uint64_t hash) const;
  std::uint64_t hash_row(const Value* values) const { return hash_values(values, arity_); }

  // The index on these columns (in this order), built on first request and kept up to
  // date by every later insert.
  HashIndex& index(const std::vector<std::uint32_t>& columns);
  const HashIndex* find_index(const std::vector<std::uint32_t>& columns) const;

  // Semi-naive bookkeeping: [0, stable_end) stable, [stable_end, recent_end) recent,
  // [recent_end, size) to-add. The driver of the rounds moves the marks.
  RowId stable_end() const { return stable_end_; }
  RowId recent_end() const { return recent_end_; }
  // Whether the last round added rows: the next round has a delta to join.
  bool has_recent() const { return recent_end_ > stable_end_; }
  // Before the first round: every row known so far is recent.
  void start_rounds() {
    stable_end_ = 0;
    recent_end_ = size_;
  }
  // After a round: the recent rows become stable, the rows it added recent.
  void advance_round() {
    stable_end_ = recent_end_;
    recent_end_ = size_;
  }

  // Provenance: per row, the rule that first derived it (`ir::none` for a fact) and
  // its derivation height (0 for a fact). Empty unless enabled.
  void enable_provenance();
  bool provenance() const { return provenance_; }
  void set_origin(RowId row, std::uint32_t rule, std::uint32_t height) {
    origins_[row] = RowOrigin{rule, height};
    note_height(height);
  }
  std::uint32_t rule_of(RowId row) const { return origins_[row].rule; }
  std::uint32_t height_of(RowId row) const { return origins_[row].height; }
  // When every row has one height (or there is no row): that height, else ir::none
  // (also when unsure: a row whose height was lowered may leave `highest` too high).
  std::uint32_t single_height() const {
    if (size_ == 0) return 0;
    return lowest_height_ == highest_height_ ? lowest_height_ : ir::none;
  }

  std::size_t memory_bytes() const;

  // Prefetches the de-duplication slot of a row about to be inserted.
  void prefetch(std::uint64_t hash) const {
    if (set_.size() != 0) __builtin_prefetch(set_.data() + slot_of(hash, set_.size()));
  }

  // Removes every row; keeps the memory of the row log, the set and the indexes for
  // the rows to come (no allocation when a store is reused for case after case).
  void clear();

  // Prefetches the row a tuple about to be inserted would be compared with (the
  // first row whose slot has the tuple's tag), once its slot is in the cache.
  void prefetch_match(std::uint64_t hash) const {
    std::size_t size = set_.size();
    if (size == 0) return;
    std::uint32_t tag = tag_of(hash);
    for (std::size_t pos = slot_of(hash, size);;) {
      const Slot& slot = set_[pos];
      if (slot.row_plus_one == 0) return;
      if (slot.tag == tag) {
        __builtin_prefetch(row(slot.row_plus_one - 1));
        return;
      }
      if (++pos == size) pos = 0;
    }
  }

  // Frees the de-duplication set of a relation that is complete. Lookups in later
  // strata mostly go through indexes, so a big relation's set is dead weight once its
  // stratum is done. The next insert builds it again; find() needs restore_set() first.
  void drop_set() {
    set_ = BigArray<Slot>();
    set_limit_ = 0;
  }
  bool has_set() const { return set_limit_ != 0; }
  // Builds a dropped set again (nothing to do when it is there), so that find() works.
  void restore_set() {
    if (!has_set()) grow_set();
  }

 private:
  bool equal_row(RowId id, const Value* values) const {
    const Value* stored = row(id);
    for (std::uint32_t c = 0; c < arity_; ++c) {
      if (stored[c] != values[c]) return false;
    }
    return true;
  }
  static constexpr std::uint32_t base_bits = 6;  // the first chunk holds 64 rows

  Value* append();
  void grow_set();

  std::uint32_t arity_;
  RowId size_ = 0;
  RowId capacity_ = 0;
  std::vector<BigArray<Value>> chunks_;
  RowId stable_end_ = 0;
  RowId recent_end_ = 0;

  // The de-duplication set: open addressing over slots (row + 1, hash tag); 0 = empty.
  // The tag lets most probes decide without reading the row.
  BigArray<Slot> set_;
  std::size_t set_limit_ = 0;  // grow when size_ reaches it; 0: dropped (drop_set)

  std::vector<std::unique_ptr<HashIndex>> indexes_;

  bool provenance_ = false;
  // Side by side, so that checking a duplicate's height and replacing its rule touch
  // one cache line: in recursive relations most derivations are duplicates.
  struct RowOrigin {
    std::uint32_t rule, height;
  };
  BigVector<RowOrigin> origins_;  // on huge pages, as the rows are
  // The range of the heights ever recorded since the last clear.
  std::uint32_t lowest_height_ = ir::none;
  std::uint32_t highest_height_ = 0;
  void note_height(std::uint32_t height) {
    lowest_height_ = std::min(lowest_height_, height);
    highest_height_ = std::max(highest_height_, height);
  }
};

}  // namespace sinew::engine
