// HashIndex: key → newest row, and a chain of older rows with the same key.
#include "engine/hash_index.hpp"

#include "engine/relation_store.hpp"

#include <algorithm>

namespace sinew::engine {

namespace {
constexpr std::size_t first_table_size = 16;
// A cleared table larger than this is given back rather than zeroed: zeroing costs as
// much as the table, and a relation that once grew this large rarely does again.
constexpr std::size_t reused_table_size = std::size_t{1} << 14;
}  // namespace

HashIndex::HashIndex(const RelationStore& store, std::vector<std::uint32_t> columns)
    : store_(store), columns_(std::move(columns)) {
  table_ = BigArray<Slot>(first_table_size);
  limit_ = first_table_size * 3 / 4;
  next_.reserve(store.size());
  // Built over rows that exist: hash a few rows ahead and prefetch their slots.
  constexpr RowId ahead = 16;
  std::uint64_t hashes[ahead];
  RowId rows = store.size();
  for (RowId row = 0; row < std::min(ahead, rows); ++row)
    hashes[row] = hash_row_key(store.row(row));
  for (RowId row = 0; row < rows; ++row) {
    std::uint64_t hash = hashes[row % ahead];
    if (row + ahead < rows) {
      std::uint64_t later = hash_row_key(store.row(row + ahead));
      hashes[row % ahead] = later;
      prefetch(later);
    }
    add(row, store.row(row), hash);
  }
}

HashIndex::HashIndex(const RelationStore& store, const HashIndex& other)
    : store_(store),
      columns_(other.columns_),
      table_(other.table_.copy()),
      next_(other.next_.copy()),
      keys_(other.keys_),
      limit_(other.limit_) {}

void HashIndex::clear() {
  if (table_.size() > reused_table_size) {
    table_ = BigArray<Slot>(first_table_size);
    limit_ = first_table_size * 3 / 4;
  } else {
    table_.zero();
  }
  next_.clear();
  keys_ = 0;
}

std::uint64_t HashIndex::hash_row_key(const Value* values) const {
  // The same function as hash_values over the gathered key.
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ columns_.size();
  for (std::uint32_t column : columns_) h = mix(h ^ values[column]) * 0x9fb21c651e98df25ull;
  return mix(h);
}

bool HashIndex::key_equals(std::uint32_t row, const Value* key) const {
  const Value* values = store_.row(row);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (values[columns_[i]] != key[i]) return false;
  }
  return true;
}

std::uint32_t HashIndex::first(const Value* key, std::uint64_t hash) const {
  std::size_t size = table_.size();
  std::uint32_t tag = tag_of(hash);
  for (std::size_t pos = slot_of(hash, size);;) {
    const Slot& slot = table_[pos];
    if (slot.row_plus_one == 0) return end;
    if (slot.tag == tag && key_equals(slot.row_plus_one - 1, key)) return slot.row_plus_one - 1;
    if (++pos == size) pos = 0;
  }
}

void HashIndex::add(std::uint32_t row, const Value* values) {
  add(row, values, hash_row_key(values));
}

void HashIndex::add(std::uint32_t row, const Value* values, std::uint64_t hash) {
  if (keys_ >= limit_) grow();
  std::size_t size = table_.size();
  std::uint32_t tag = tag_of(hash);
  for (std::size_t pos = slot_of(hash, size);;) {
    Slot& slot = table_[pos];
    if (slot.row_plus_one == 0) {
      slot = Slot{row + 1, tag};
      next_.push_back(end);
      ++keys_;
      return;
    }
    if (slot.tag == tag) {
      const Value* head = store_.row(slot.row_plus_one - 1);
      bool same = true;
      for (std::uint32_t column : columns_) {
        if (head[column] != values[column]) {
          same = false;
          break;
        }
      }
      if (same) {
        next_.push_back(slot.row_plus_one - 1);
        slot.row_plus_one = row + 1;
        return;
      }
    }
    if (++pos == size) pos = 0;
  }
}

void HashIndex::grow() {
  BigArray<Slot> old = std::move(table_);
  std::size_t size = old.size() + old.size() / 2;
  table_ = BigArray<Slot>(size);
  limit_ = size * 3 / 4;
  reinsert(old, table_);
}

std::size_t HashIndex::memory_bytes() const {
  return table_.bytes() + next_.capacity() * sizeof(std::uint32_t);
}

}  // namespace sinew::engine
