#include "values.hpp"

#include "support/similar.hpp"

#include <fmt/format.h>

#include <bit>
#include <limits>
#include <map>

namespace sinew {

std::string to_text(const Value& value) {
  struct Text {
    std::string operator()(const std::string& name) const { return name; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(std::uint64_t n) const { return std::to_string(n); }
    std::string operator()(double x) const { return fmt::format("{}", x); }
  };
  return std::visit(Text{}, value);
}

}  // namespace sinew

namespace sinew::api {

namespace {

std::string column_name(const ir::Relation& relation, std::size_t column) {
  const std::string& name = relation.columns[column].name;
  return name.empty() ? fmt::format("column {} of `{}`", column + 1, relation.name)
                      : fmt::format("`{}` of `{}`", name, relation.name);
}

const char* takes(ir::BaseType base) {
  switch (base) {
    case ir::BaseType::number: return "a whole number";
    case ir::BaseType::unsigned_number: return "a whole number of zero or more";
    case ir::BaseType::floating: return "a number";
    case ir::BaseType::symbol: break;
  }
  return "a name";
}

}  // namespace

ColumnInfo::Base base_of(ir::BaseType base) {
  switch (base) {
    case ir::BaseType::number: return ColumnInfo::Base::number;
    case ir::BaseType::unsigned_number: return ColumnInfo::Base::unsigned_number;
    case ir::BaseType::floating: return ColumnInfo::Base::floating;
    case ir::BaseType::symbol: break;
  }
  return ColumnInfo::Base::name;
}

Value to_value(const ir::ColumnType& type, ir::Value value, const SymbolTable& symbols) {
  switch (type.base) {
    case ir::BaseType::number: return static_cast<std::int64_t>(value);
    case ir::BaseType::unsigned_number: return static_cast<std::uint64_t>(value);
    case ir::BaseType::floating: return std::bit_cast<double>(value);
    case ir::BaseType::symbol: break;
  }
  return std::string(symbols.text(static_cast<SymbolId>(value)));
}

Result<ir::Value> to_engine(const ir::Program& program, ir::RelationId relation, std::size_t column,
                            const Value& value, const SymbolTable& symbols) {
  const ir::Relation& schema = program.relations[relation];
  ir::BaseType base = schema.columns[column].type.base;
  auto refuse = [&] {
    return Error{fmt::format("{} takes {}, not `{}`", column_name(schema, column), takes(base),
                             to_text(value))};
  };
  if (const auto* name = std::get_if<std::string>(&value)) {
    if (base != ir::BaseType::symbol) return refuse();
    auto found = symbols.find(*name);
    if (!found) {
      return Error{fmt::format("`{}` is not a name this knowledge base knows ({})", *name,
                               column_name(schema, column))};
    }
    return ir::Value{*found};
  }
  if (const auto* n = std::get_if<std::int64_t>(&value)) {
    if (base == ir::BaseType::number) return static_cast<ir::Value>(*n);
    if (base == ir::BaseType::unsigned_number && *n >= 0) return static_cast<ir::Value>(*n);
    if (base == ir::BaseType::floating) return std::bit_cast<ir::Value>(static_cast<double>(*n));
    return refuse();
  }
  if (const auto* u = std::get_if<std::uint64_t>(&value)) {
    if (base == ir::BaseType::unsigned_number) return ir::Value{*u};
    if (base == ir::BaseType::number &&
        *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return ir::Value{*u};
    }
    if (base == ir::BaseType::floating) return std::bit_cast<ir::Value>(static_cast<double>(*u));
    return refuse();
  }
  if (base != ir::BaseType::floating) return refuse();
  return std::bit_cast<ir::Value>(std::get<double>(value));
}

Result<ir::RelationId> find_relation(const ir::Program& program, std::string_view name) {
  if (auto found = program.find_relation(name)) return *found;
  std::vector<std::string> names;
  for (const ir::Relation& relation : program.relations) names.push_back(relation.name);
  std::string message = fmt::format("this knowledge base has no relation `{}`", name);
  std::string hint = did_you_mean(name, names);
  if (!hint.empty()) message += "; " + hint;
  return Error{message};
}

}  // namespace sinew::api
