// RelationStore: the append-only row log, its de-duplication set and its indexes.
#include "engine/relation_store.hpp"

#include <algorithm>
#include <cassert>

namespace sinew::engine {

namespace {
constexpr std::size_t first_set_size = 16;
// A cleared set larger than this is given back rather than zeroed (see HashIndex).
constexpr std::size_t reused_set_size = std::size_t{1} << 14;
}  // namespace

RelationStore::RelationStore(std::uint32_t arity) : arity_(arity) {
  set_ = BigArray<Slot>(first_set_size);
  set_limit_ = first_set_size * 3 / 4;
}

RelationStore::RelationStore(const RelationStore& other)
    : arity_(other.arity_),
      size_(other.size_),
      capacity_(other.capacity_),
      stable_end_(other.stable_end_),
      recent_end_(other.recent_end_),
      set_(other.set_.copy()),
      set_limit_(other.set_limit_),
      provenance_(other.provenance_),
      origins_(other.origins_.copy()),
      lowest_height_(other.lowest_height_),
      highest_height_(other.highest_height_) {
  // The same chunk sizes (row ids map to chunks by their size), but only the rows in
  // use are copied: the rest of a mapped chunk costs nothing until it is written.
  chunks_.reserve(other.chunks_.size());
  std::size_t rows_left = size_;
  for (std::size_t c = 0; c < other.chunks_.size(); ++c) {
    const BigArray<Value>& from = other.chunks_[c];
    chunks_.emplace_back(from.size());
    std::size_t rows = std::min(rows_left, std::size_t{1} << (base_bits + c));
    if (rows > 0 && arity_ > 0) {
      std::copy(from.data(), from.data() + rows * arity_, chunks_.back().data());
    }
    rows_left -= rows;
  }
  indexes_.reserve(other.indexes_.size());
  for (const auto& index : other.indexes_) {
    indexes_.push_back(std::make_unique<HashIndex>(*this, *index));
  }
}

Value* RelationStore::append() {
  if (size_ == capacity_) {
    std::size_t c = chunks_.size();
    assert(c < 26 && "more rows than a row id can name");
    std::size_t rows = std::size_t{1} << (base_bits + c);
    // Pages of a large chunk cost memory only once rows reach them.
    chunks_.emplace_back(std::max<std::size_t>(1, rows * arity_));
    capacity_ += static_cast<RowId>(rows);
  }
  RowId id = size_++;
  return const_cast<Value*>(row(id));
}

RowId RelationStore::find(const Value* values, std::uint64_t hash) const {
  assert(has_set() && "a lookup in a dropped set: restore_set() first");
  std::size_t size = set_.size();
  std::uint32_t tag = tag_of(hash);
  for (std::size_t pos = slot_of(hash, size);;) {
    const Slot& slot = set_[pos];
    if (slot.row_plus_one == 0) return no_row;
    if (slot.tag == tag && equal_row(slot.row_plus_one - 1, values)) {
      return slot.row_plus_one - 1;
    }
    if (++pos == size) pos = 0;
  }
}

RelationStore::Inserted RelationStore::insert_derived(const Value* values, std::uint64_t hash,
                                                      std::uint32_t rule, std::uint32_t height) {
  if (size_ >= set_limit_) grow_set();  // also builds a dropped set again
  std::size_t size = set_.size();
  std::uint32_t tag = tag_of(hash);
  std::size_t pos = slot_of(hash, size);
  for (;;) {
    const Slot& slot = set_[pos];
    if (slot.row_plus_one == 0) break;
    if (slot.tag == tag && equal_row(slot.row_plus_one - 1, values)) {
      return {slot.row_plus_one - 1, false};
    }
    if (++pos == size) pos = 0;
  }
  RowId id = size_;
  Value* target = append();
  std::copy(values, values + arity_, target);
  set_[pos] = Slot{id + 1, tag};
  for (auto& index : indexes_) index->add(id, target);
  if (provenance_) {
    origins_.push_back(RowOrigin{rule, height});
    note_height(height);
  }
  return {id, true};
}

void RelationStore::grow_set() {
  // The old table goes first and the rows are hashed again (a sequential read of
  // the log), so that two tables never coexist: the set is the largest structure of
  // a big relation. The writes land on random slots of a table larger than the
  // caches: hash a few rows ahead and prefetch their slots so the misses overlap.
  std::size_t size = std::max(set_.size() + set_.size() / 2,
                              std::max<std::size_t>(first_set_size, std::size_t{size_} * 2));
  set_ = BigArray<Slot>();
  set_ = BigArray<Slot>(size);
  set_limit_ = size * 3 / 4;
  constexpr RowId ahead = 16;
  std::uint64_t hashes[ahead];
  RowId primed = std::min<RowId>(ahead, size_);
  for (RowId id = 0; id < primed; ++id) {
    hashes[id] = hash_row(row(id));
    __builtin_prefetch(&set_[slot_of(hashes[id], size)], 1);
  }
  for (RowId id = 0; id < size_; ++id) {
    std::uint64_t hash = hashes[id % ahead];
    if (id + ahead < size_) {
      std::uint64_t later = hash_row(row(id + ahead));
      hashes[id % ahead] = later;
      __builtin_prefetch(&set_[slot_of(later, size)], 1);
    }
    std::size_t pos = slot_of(hash, size);
    while (set_[pos].row_plus_one != 0) {
      if (++pos == size) pos = 0;
    }
    set_[pos] = Slot{id + 1, tag_of(hash)};
  }
}

HashIndex& RelationStore::index(const std::vector<std::uint32_t>& columns) {
  for (auto& index : indexes_) {
    if (index->columns() == columns) return *index;
  }
  indexes_.push_back(std::make_unique<HashIndex>(*this, columns));
  return *indexes_.back();
}

const HashIndex* RelationStore::find_index(const std::vector<std::uint32_t>& columns) const {
  for (const auto& index : indexes_) {
    if (index->columns() == columns) return index.get();
  }
  return nullptr;
}

void RelationStore::clear() {
  size_ = 0;
  stable_end_ = recent_end_ = 0;
  if (set_limit_ == 0 || set_.size() > reused_set_size) {
    set_ = BigArray<Slot>(first_set_size);
    set_limit_ = first_set_size * 3 / 4;
  } else {
    set_.zero();
  }
  for (auto& index : indexes_) index->clear();
  origins_.clear();
  lowest_height_ = ir::none;
  highest_height_ = 0;
}

void RelationStore::enable_provenance() {
  if (provenance_) return;
  provenance_ = true;
  origins_.clear();
  origins_.reserve(size_);
  for (RowId row = 0; row < size_; ++row) origins_.push_back(RowOrigin{ir::none, 0});
  if (size_ > 0) note_height(0);
}

std::size_t RelationStore::memory_bytes() const {
  std::size_t bytes = static_cast<std::size_t>(capacity_) * arity_ * sizeof(Value) + set_.bytes() +
                      origins_.capacity() * sizeof(RowOrigin);
  for (const auto& index : indexes_) bytes += index->memory_bytes();
  return bytes;
}

}  // namespace sinew::engine
