#pragma once
// Scope: the names a program declares (relations, types, kinds, scales, entities),
// indexed for lookup while clauses are checked.

#include "ir/kinds.hpp"
#include "ir/program.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::semantics {

// What a type name means.
struct TypeInfo {
  ir::ColumnType column;
  std::uint32_t kind = ir::none;  // the kind, when the type is a kind
  Span span;                      // where it is declared (invalid for built-ins)
};

class Scope {
 public:
  // Indexes what `program` already holds: relations, kinds, scales, entities.
  explicit Scope(const ir::Program& program);

  void add_type(const std::string& name, TypeInfo info) { types_[name] = std::move(info); }
  void add_relation(const std::string& name, ir::RelationId id) { relations_[name] = id; }

  const TypeInfo* type(std::string_view name) const;
  std::optional<ir::RelationId> relation(std::string_view name) const;
  std::optional<std::uint32_t> kind(std::string_view name) const;
  std::optional<std::uint32_t> scale(std::string_view name) const;

  // Is `ancestor` the kind itself or one of its (transitive) parents?
  bool kind_is_a(std::uint32_t kind, std::uint32_t ancestor) const {
    return kind_ancestry_.is_a(kind, ancestor);
  }
  // The entity's declared kinds (empty when the symbol is not an entity).
  const std::vector<std::uint32_t>& kinds_of(SymbolId symbol) const;
  bool is_entity(SymbolId symbol) const { return kinds_of(symbol).size() > 0; }
  bool has_kind(SymbolId symbol, std::uint32_t kind) const;
  // The scale a symbol is a level of, if any.
  std::optional<std::uint32_t> scale_of(SymbolId symbol) const;
  bool is_level(SymbolId symbol, std::uint32_t scale) const;

  std::vector<std::string> relation_names() const;
  std::vector<std::string> type_names() const;
  // Entities (and levels) that fit a column, for "did you mean".
  std::vector<std::string> names_fitting(const ir::ColumnType& type) const;

  void index_entities();  // after entities were added to the program
  void index_kinds();     // after kinds were added to the program

  const ir::Program& program() const { return program_; }

 private:
  const ir::Program& program_;
  std::map<std::string, TypeInfo, std::less<>> types_;
  std::map<std::string, ir::RelationId, std::less<>> relations_;
  std::map<std::string, std::uint32_t, std::less<>> kinds_;
  std::map<std::string, std::uint32_t, std::less<>> scales_;
  ir::KindAncestry kind_ancestry_;
  std::map<SymbolId, std::vector<std::uint32_t>> entity_kinds_;
  std::map<SymbolId, std::uint32_t> levels_;  // symbol -> scale
};

}  // namespace sinew::semantics
