#include <sinew/query/case_input.hpp>

#include <sinew/support/similar.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <limits>

namespace sinew::query {

namespace {

using Json = nlohmann::json;

// Is `kind` the kind `ancestor` or one of its sub-kinds?
bool kind_is_a(const ir::Program& program, std::uint32_t kind, std::uint32_t ancestor) {
  if (kind == ancestor) return true;
  for (std::uint32_t parent : program.kinds[kind].parents) {
    if (kind_is_a(program, parent, ancestor)) return true;
  }
  return false;
}

class CaseReader {
 public:
  CaseReader(const ir::Program& program, SymbolTable& symbols) : program_(program), symbols_(symbols) {}

  Result<std::vector<ir::Fact>> read(std::string_view text) {
    Json json = Json::parse(text.begin(), text.end(), nullptr, false);
    if (json.is_discarded()) return Error{"the case is not valid JSON"};
    if (!json.is_object()) return Error{"a case is a JSON object whose keys are input relations"};
    std::vector<ir::Fact> facts;
    for (const auto& [key, value] : json.items()) {
      auto relation = input_relation(key);
      if (!relation) return Error{relation.error()};
      if (auto added = add(*relation, key, value, facts); !added) return added.error();
    }
    return facts;
  }

 private:
  Result<ir::RelationId> input_relation(const std::string& key) {
    std::vector<std::string> inputs;
    for (ir::RelationId r = 0; r < program_.relations.size(); ++r) {
      if (!program_.relations[r].case_input) continue;
      if (program_.relations[r].name == key) return r;
      inputs.push_back(program_.relations[r].name);
    }
    std::string message = fmt::format("`{}` is not an input of this knowledge base", key);
    std::string hint = did_you_mean(key, inputs);
    if (!hint.empty()) message += "; " + hint;
    else if (!inputs.empty()) message += fmt::format("; its inputs are {}", fmt::join(inputs, ", "));
    return Error{message};
  }

  Result<void> add(ir::RelationId relation, const std::string& key, const Json& value,
                   std::vector<ir::Fact>& facts) {
    const ir::Relation& schema = program_.relations[relation];
    std::vector<const Json*> rows;
    if (schema.arity() == 1) {
      if (value.is_array()) {
        for (const Json& item : value) rows.push_back(&item);
      } else {
        rows.push_back(&value);
      }
    } else {
      if (!value.is_array()) {
        return Error{fmt::format("`{}` takes a list of arrays of {} values", key, schema.arity())};
      }
      for (const Json& item : value) {
        if (!item.is_array() || item.size() != schema.arity()) {
          return Error{fmt::format("each item of `{}` is an array of {} values", key, schema.arity())};
        }
        rows.push_back(&item);
      }
    }
    for (const Json* row : rows) {
      ir::Fact fact;
      fact.relation = relation;
      for (std::size_t c = 0; c < schema.arity(); ++c) {
        const Json& cell = schema.arity() == 1 ? *row : (*row)[c];
        auto converted = convert(schema, c, key, cell);
        if (!converted) return converted.error();
        fact.values.push_back(*converted);
      }
      facts.push_back(std::move(fact));
    }
    return {};
  }

  Result<ir::Value> convert(const ir::Relation& schema, std::size_t column, const std::string& key,
                            const Json& cell) {
    const ir::ColumnType& type = schema.columns[column].type;
    switch (type.base) {
      case ir::BaseType::number:
        if (cell.is_number_integer()) return static_cast<ir::Value>(cell.get<std::int64_t>());
        if (cell.is_number_unsigned() && cell.get<std::uint64_t>() <= std::numeric_limits<std::int64_t>::max()) {
          return cell.get<std::uint64_t>();
        }
        return Error{fmt::format("`{}` takes a whole number, not {}", key, cell.dump())};
      case ir::BaseType::unsigned_number:
        if (cell.is_number_unsigned()) return cell.get<std::uint64_t>();
        return Error{fmt::format("`{}` takes a whole number of zero or more, not {}", key, cell.dump())};
      case ir::BaseType::floating:
        if (cell.is_number()) return std::bit_cast<ir::Value>(cell.get<double>());
        return Error{fmt::format("`{}` takes a number, not {}", key, cell.dump())};
      case ir::BaseType::symbol:
        break;
    }
    if (!cell.is_string()) {
      return Error{fmt::format("`{}` takes names in quotes, not {}", key, cell.dump())};
    }
    const std::string& text = cell.get_ref<const std::string&>();
    return entity(type, key, text);
  }

  // A name in a column typed by a kind must be an entity of that kind (or a sub-kind).
  Result<ir::Value> entity(const ir::ColumnType& type, const std::string& key, const std::string& text) {
    std::uint32_t kind = ir::none;
    for (std::uint32_t k = 0; k < program_.kinds.size(); ++k) {
      if (program_.kinds[k].name == type.name) kind = k;
    }
    if (kind == ir::none && type.scale == ir::none) return symbols_.intern(text);
    auto symbol = symbols_.find(text);
    const ir::Entity* found = nullptr;
    if (symbol) {
      for (const ir::Entity& entity : program_.entities) {
        if (entity.id == *symbol) found = &entity;
      }
    }
    if (type.scale != ir::none) {
      const auto& levels = program_.scales[type.scale].levels;
      if (symbol && std::find(levels.begin(), levels.end(), *symbol) != levels.end()) return *symbol;
    } else if (found) {
      for (std::uint32_t k : found->kinds) {
        if (kind_is_a(program_, k, kind)) return *symbol;
      }
      return Error{fmt::format("`{}` in `{}` is a {}, but `{}` takes a {}", text, key,
                               program_.kinds[found->kinds.front()].name, key, type.name)};
    }
    std::vector<std::string> names;
    for (const ir::Entity& entity : program_.entities) {
      for (std::uint32_t k : entity.kinds) {
        if (kind != ir::none && kind_is_a(program_, k, kind)) {
          names.emplace_back(symbols_.text(entity.id));
          break;
        }
      }
    }
    std::string message = fmt::format("`{}` in `{}` is not a known {}", text, key, type.name);
    std::string hint = did_you_mean(text, names);
    if (!hint.empty()) message += "; " + hint;
    return Error{message};
  }

  const ir::Program& program_;
  SymbolTable& symbols_;
};

}  // namespace

Result<std::vector<ir::Fact>> read_case(const ir::Program& program, SymbolTable& symbols,
                                        std::string_view json) {
  return CaseReader(program, symbols).read(json);
}

}  // namespace sinew::query
