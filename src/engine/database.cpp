// Database: stores per relation, lookups, and sorted output order.
#include "engine/database.hpp"

#include "engine/relation_store.hpp"

#include <algorithm>
#include <bit>
#include <cassert>

namespace sinew::engine {

Database::Database(const ir::Program& program)
    : symbols_(program.symbols), relations_(program.relations) {
  stores_.reserve(relations_.size());
  for (const ir::Relation& relation : relations_) {
    stores_.push_back(
        std::make_unique<RelationStore>(static_cast<std::uint32_t>(relation.arity())));
  }
}

Database::Database(const Database& other)
    : symbols_(other.symbols_), relations_(other.relations_), provenance_(other.provenance_) {
  stores_.reserve(other.stores_.size());
  for (const auto& store : other.stores_)
    stores_.push_back(std::make_unique<RelationStore>(*store));
}

Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

void Database::clear() {
  for (auto& store : stores_) store->clear();
}

void Database::clear(RelationId relation) { stores_[relation]->clear(); }

bool Database::insert(RelationId relation, std::span<const Value> tuple) {
  assert(tuple.size() == arity(relation));
  return stores_[relation]->insert(tuple.data()).is_new;
}

std::size_t Database::size(RelationId relation) const { return stores_[relation]->size(); }

bool Database::contains(RelationId relation, std::span<const Value> tuple) const {
  return find(relation, tuple).has_value();
}

std::optional<std::uint32_t> Database::find(RelationId relation,
                                            std::span<const Value> tuple) const {
  assert(tuple.size() == arity(relation));
  RowId row = stores_[relation]->find(tuple.data());
  if (row == no_row) return std::nullopt;
  return row;
}

void Database::restore_sets() {
  for (auto& store : stores_) store->restore_set();
}

std::span<const Value> Database::row(RelationId relation, std::uint32_t id) const {
  const RelationStore& store = *stores_[relation];
  assert(id < store.size());
  return {store.row(id), store.arity()};
}

std::vector<std::uint32_t> Database::sorted_rows(RelationId relation) const {
  const RelationStore& store = *stores_[relation];
  const auto& columns = relations_[relation].columns;
  std::vector<std::uint32_t> rows(store.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;

  // Symbols compare by text. A relation with more rows than there are symbols ranks
  // the symbols once instead of comparing strings in every comparison of the sort; for
  // a small one (a case's conclusions) ranking the whole table would cost more.
  bool has_symbols = std::any_of(columns.begin(), columns.end(), [](const ir::Column& c) {
    return c.type.base == ir::BaseType::symbol;
  });
  bool rank_symbols = has_symbols && rows.size() >= symbols_.size();
  std::vector<std::uint32_t> symbol_rank;
  if (rank_symbols) {
    std::vector<std::uint32_t> by_text(symbols_.size());
    for (std::uint32_t i = 0; i < by_text.size(); ++i) by_text[i] = i;
    std::sort(by_text.begin(), by_text.end(), [&](std::uint32_t a, std::uint32_t b) {
      return symbols_.text(a) < symbols_.text(b);
    });
    symbol_rank.resize(by_text.size());
    for (std::uint32_t i = 0; i < by_text.size(); ++i) symbol_rank[by_text[i]] = i;
  }
  auto less = [&](std::uint32_t a, std::uint32_t b) {
    const Value* x = store.row(a);
    const Value* y = store.row(b);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (x[c] == y[c]) continue;
      switch (columns[c].type.base) {
        case ir::BaseType::number:
          return static_cast<std::int64_t>(x[c]) < static_cast<std::int64_t>(y[c]);
        case ir::BaseType::unsigned_number: return x[c] < y[c];
        case ir::BaseType::floating: {
          double dx = std::bit_cast<double>(x[c]), dy = std::bit_cast<double>(y[c]);
          if (dx != dy) return dx < dy;
          return x[c] < y[c];  // -0.0 and 0.0, NaNs: by bits, still a total order
        }
        case ir::BaseType::symbol:
          return rank_symbols ? symbol_rank[x[c]] < symbol_rank[y[c]]
                              : symbols_.text(x[c]) < symbols_.text(y[c]);
      }
    }
    return false;
  };
  std::sort(rows.begin(), rows.end(), less);
  return rows;
}

std::vector<std::vector<Value>> Database::sorted(RelationId relation) const {
  std::vector<std::vector<Value>> out;
  const RelationStore& store = *stores_[relation];
  for (std::uint32_t id : sorted_rows(relation)) {
    out.emplace_back(store.row(id), store.row(id) + store.arity());
  }
  return out;
}

void Database::enable_provenance() {
  provenance_ = true;
  for (auto& store : stores_) store->enable_provenance();
}

std::optional<Derivation> Database::derivation(RelationId relation, std::uint32_t row) const {
  const RelationStore& store = *stores_[relation];
  if (!store.provenance() || row >= store.size()) return std::nullopt;
  return Derivation{store.rule_of(row), store.height_of(row)};
}

std::size_t Database::memory_bytes(RelationId relation) const {
  return stores_[relation]->memory_bytes();
}

std::size_t Database::memory_bytes() const {
  std::size_t bytes = 0;
  for (const auto& store : stores_) bytes += store->memory_bytes();
  return bytes;
}

}  // namespace sinew::engine
