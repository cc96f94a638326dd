#pragma once
// HashIndex: from the values of some columns of a relation to the rows that have them.
//
// A hash table maps each distinct key to the newest row with that key; `next` links
// every row to the previous row with the same key. Chains therefore run in
// descending row order: a semi-naive round that may read only rows below a limit
// skips a prefix, and one that reads only a range [lo, hi) stops at lo.

#include "engine/big_array.hpp"

#include "ir/program.hpp"

#include <cstdint>
#include <vector>

namespace sinew::engine {

using ir::Value;

// One slot of an open-addressing table: row + 1 (0 = empty) and 32 bits of the hash.
struct Slot {
  std::uint32_t row_plus_one = 0;
  std::uint32_t tag = 0;
};

inline std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ull;
  x ^= x >> 32;
  return x;
}

inline std::uint64_t hash_values(const Value* values, std::size_t count) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ count;
  for (std::size_t i = 0; i < count; ++i) h = mix(h ^ values[i]) * 0x9fb21c651e98df25ull;
  return mix(h);
}

// A slot keeps 32 bits of the hash (the tag) and its position is computed from the
// tag alone, so that a table grows without reading a single row. Positions scale
// the tag to the table size (any size, not only powers of two: tables grow by half,
// which keeps memory near the rows they index).
inline std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }
inline std::size_t slot_of_tag(std::uint32_t tag, std::size_t size) {
  return static_cast<std::size_t>((static_cast<std::uint64_t>(tag) * size) >> 32);
}
inline std::size_t slot_of(std::uint64_t hash, std::size_t size) {
  return slot_of_tag(tag_of(hash), size);
}

// Moves every used slot of `from` into the (empty, larger) table `to`.
inline void reinsert(const BigArray<Slot>& from, BigArray<Slot>& to) {
  constexpr std::size_t ahead = 16;
  std::size_t size = to.size();
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (i + ahead < from.size() && from[i + ahead].row_plus_one != 0) {
      __builtin_prefetch(&to[slot_of_tag(from[i + ahead].tag, size)], 1);
    }
    const Slot& slot = from[i];
    if (slot.row_plus_one == 0) continue;
    std::size_t pos = slot_of_tag(slot.tag, size);
    while (to[pos].row_plus_one != 0) {
      if (++pos == size) pos = 0;
    }
    to[pos] = slot;
  }
}

class RelationStore;

class HashIndex {
 public:
  static constexpr std::uint32_t end = 0xffffffffu;

  HashIndex(const RelationStore& store, std::vector<std::uint32_t> columns);
  // A copy of `other` for `store`, a copy of the store `other` indexes.
  HashIndex(const RelationStore& store, const HashIndex& other);

  // Forgets every row (the store was emptied); keeps the memory unless the table
  // grew large, so that a store reused case after case does not allocate.
  void clear();

  const std::vector<std::uint32_t>& columns() const { return columns_; }

  // The newest row whose key columns equal `key` (`columns().size()` values), or end.
  std::uint32_t first(const Value* key, std::uint64_t hash) const;
  std::uint32_t first(const Value* key) const { return first(key, hash_key(key)); }
  std::uint32_t next(std::uint32_t row) const { return next_[row]; }
  std::uint64_t hash_key(const Value* key) const { return hash_values(key, columns_.size()); }

  // Called by the store for every appended row, in order.
  void add(std::uint32_t row, const Value* values);
  void add(std::uint32_t row, const Value* values, std::uint64_t hash);
  // Prefetches the slot of a key hash about to be probed.
  void prefetch(std::uint64_t hash) const {
    __builtin_prefetch(table_.data() + slot_of(hash, table_.size()));
  }
  std::size_t distinct_keys() const { return keys_; }
  std::size_t memory_bytes() const;

 private:
  bool key_equals(std::uint32_t row, const Value* key) const;
  std::uint64_t hash_row_key(const Value* values) const;
  void grow();

  const RelationStore& store_;
  std::vector<std::uint32_t> columns_;
  BigArray<Slot> table_;
  BigVector<std::uint32_t> next_;
  std::size_t keys_ = 0;
  std::size_t limit_ = 0;
};

}  // namespace sinew::engine
