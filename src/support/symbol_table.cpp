#include "support/symbol_table.hpp"

#include <cstring>

namespace sinew {

namespace {
constexpr std::size_t first_chunk = 1 << 12;
constexpr std::size_t largest_chunk = 1 << 20;
}  // namespace

std::uint64_t hash_bytes(std::string_view text) {
  // FNV-1a, then a final mix so that the low bits spread well.
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  return hash;
}

SymbolTable::SymbolTable() { slots_.assign(64, 0); }

SymbolTable::SymbolTable(const SymbolTable& other) : SymbolTable() { *this = other; }

SymbolTable& SymbolTable::operator=(const SymbolTable& other) {
  if (this == &other) return *this;
  chunks_.clear();
  chunk_used_ = chunk_size_ = 0;
  texts_.clear();
  hashes_.clear();
  slots_.assign(other.slots_.size(), 0);
  for (std::string_view text : other.texts_) intern(text);
  return *this;
}

char* SymbolTable::store(std::string_view text) {
  if (chunks_.empty() || chunk_used_ + text.size() > chunk_size_) {
    chunk_size_ = std::max(std::min(chunk_size_ * 2, largest_chunk), first_chunk);
    chunk_size_ = std::max(chunk_size_, text.size());
    chunks_.push_back(std::make_unique<char[]>(chunk_size_));
    chunk_used_ = 0;
  }
  char* place = chunks_.back().get() + chunk_used_;
  if (!text.empty()) std::memcpy(place, text.data(), text.size());
  chunk_used_ += text.size();
  return place;
}

std::optional<SymbolId> SymbolTable::find(std::string_view text) const {
  std::uint64_t hash = hash_bytes(text);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    std::uint32_t slot = slots_[i];
    if (slot == 0) return std::nullopt;
    if (hashes_[slot - 1] == hash && texts_[slot - 1] == text) return slot - 1;
  }
}

SymbolId SymbolTable::intern(std::string_view text) {
  std::uint64_t hash = hash_bytes(text);
  std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  for (;; i = (i + 1) & mask) {
    std::uint32_t slot = slots_[i];
    if (slot == 0) break;
    if (hashes_[slot - 1] == hash && texts_[slot - 1] == text) return slot - 1;
  }
  auto id = static_cast<SymbolId>(texts_.size());
  texts_.emplace_back(store(text), text.size());
  hashes_.push_back(hash);
  slots_[i] = id + 1;
  if (texts_.size() * 2 > slots_.size()) grow();
  return id;
}

void SymbolTable::reserve(std::size_t count) {
  texts_.reserve(count);
  hashes_.reserve(count);
  std::size_t slots = slots_.size();
  while (count * 2 > slots) slots *= 2;
  if (slots == slots_.size()) return;
  slots_.assign(slots / 2, 0);
  grow();  // rehashes into twice that
}

void SymbolTable::grow() {
  slots_.assign(slots_.size() * 2, 0);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t id = 0; id < texts_.size(); ++id) {
    std::size_t i = hashes_[id] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(id + 1);
  }
}

}  // namespace sinew
