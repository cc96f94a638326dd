#pragma once
// SymbolTable: interns strings to dense 32-bit ids. Owned by a session, never global.

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace sinew {

using SymbolId = std::uint32_t;

class SymbolTable {
 public:
  SymbolTable();
  SymbolTable(const SymbolTable& other);
  SymbolTable& operator=(const SymbolTable& other);
  SymbolTable(SymbolTable&&) noexcept = default;
  SymbolTable& operator=(SymbolTable&&) noexcept = default;
  ~SymbolTable() = default;

  SymbolId intern(std::string_view text);
  // Makes room for `count` symbols in all, so that interning them does not grow the table.
  void reserve(std::size_t count);
  std::optional<SymbolId> find(std::string_view text) const;
  std::string_view text(SymbolId id) const { return texts_[id]; }
  std::size_t size() const { return texts_.size(); }

 private:
  void grow();
  char* store(std::string_view text);

  // Texts live in fixed chunks so that views stay valid as the table grows.
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t chunk_used_ = 0;
  std::size_t chunk_size_ = 0;
  std::vector<std::string_view> texts_;
  std::vector<std::uint64_t> hashes_;
  // Open addressing: slot holds id + 1, 0 is empty.
  std::vector<std::uint32_t> slots_;
};

std::uint64_t hash_bytes(std::string_view text);

}  // namespace sinew
