#include "scope.hpp"

#include <algorithm>

namespace sinew::semantics {

namespace {

ir::ColumnType builtin(ir::BaseType base, std::string name) {
  ir::ColumnType type;
  type.base = base;
  type.name = std::move(name);
  return type;
}

TypeInfo info_of(ir::ColumnType column) {
  TypeInfo info;
  info.column = std::move(column);
  return info;
}

}  // namespace

Scope::Scope(const ir::Program& program) : program_(program) {
  types_["number"] = info_of(builtin(ir::BaseType::number, "number"));
  types_["unsigned"] = info_of(builtin(ir::BaseType::unsigned_number, "unsigned"));
  types_["float"] = info_of(builtin(ir::BaseType::floating, "float"));
  types_["symbol"] = info_of(builtin(ir::BaseType::symbol, "symbol"));
  for (ir::RelationId id = 0; id < program.relations.size(); ++id) {
    relations_[program.relations[id].name] = id;
  }
  index_kinds();
  for (std::uint32_t i = 0; i < program.scales.size(); ++i) {
    const ir::Scale& scale = program.scales[i];
    scales_[scale.name] = i;
    ir::ColumnType column = builtin(ir::BaseType::symbol, scale.name);
    column.scale = i;
    types_[scale.name] = info_of(column);
  }
  index_entities();
}

void Scope::index_kinds() {
  const auto& kinds = program_.kinds;
  for (std::uint32_t k = 0; k < kinds.size(); ++k) {
    kinds_[kinds[k].name] = k;
    TypeInfo info = info_of(builtin(ir::BaseType::symbol, kinds[k].name));
    info.kind = k;
    types_[kinds[k].name] = info;
  }
  kind_ancestry_ = ir::KindAncestry(kinds);
}

void Scope::index_entities() {
  entity_kinds_.clear();
  levels_.clear();
  for (const ir::Entity& entity : program_.entities) entity_kinds_[entity.id] = entity.kinds;
  for (std::uint32_t s = 0; s < program_.scales.size(); ++s) {
    for (SymbolId level : program_.scales[s].levels) levels_[level] = s;
  }
}

const TypeInfo* Scope::type(std::string_view name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

std::optional<ir::RelationId> Scope::relation(std::string_view name) const {
  auto it = relations_.find(name);
  if (it == relations_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> Scope::kind(std::string_view name) const {
  auto it = kinds_.find(name);
  if (it == kinds_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> Scope::scale(std::string_view name) const {
  auto it = scales_.find(name);
  if (it == scales_.end()) return std::nullopt;
  return it->second;
}

const std::vector<std::uint32_t>& Scope::kinds_of(SymbolId symbol) const {
  static const std::vector<std::uint32_t> no_kinds;
  auto it = entity_kinds_.find(symbol);
  return it == entity_kinds_.end() ? no_kinds : it->second;
}

bool Scope::has_kind(SymbolId symbol, std::uint32_t kind) const {
  const auto& kinds = kinds_of(symbol);
  return std::any_of(kinds.begin(), kinds.end(),
                     [&](std::uint32_t k) { return kind_is_a(k, kind); });
}

std::optional<std::uint32_t> Scope::scale_of(SymbolId symbol) const {
  auto it = levels_.find(symbol);
  if (it == levels_.end()) return std::nullopt;
  return it->second;
}

bool Scope::is_level(SymbolId symbol, std::uint32_t scale) const {
  auto found = scale_of(symbol);
  return found && *found == scale;
}

std::vector<std::string> Scope::relation_names() const {
  std::vector<std::string> names;
  for (const auto& [name, id] : relations_) names.push_back(name);
  return names;
}

std::vector<std::string> Scope::type_names() const {
  std::vector<std::string> names;
  for (const auto& [name, info] : types_) names.push_back(name);
  return names;
}

std::vector<std::string> Scope::names_fitting(const ir::ColumnType& type) const {
  std::vector<std::string> names;
  if (type.scale != ir::none) {
    for (SymbolId level : program_.scales[type.scale].levels) {
      names.emplace_back(program_.symbols.text(level));
    }
    return names;
  }
  auto kind = this->kind(type.name);
  for (const auto& [symbol, kinds] : entity_kinds_) {
    if (!kind || has_kind(symbol, *kind)) names.emplace_back(program_.symbols.text(symbol));
  }
  return names;
}

}  // namespace sinew::semantics
