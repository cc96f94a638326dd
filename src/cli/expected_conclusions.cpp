#include "expected_conclusions.hpp"

#include "engine/value.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace sinew::cli {

namespace {

using Json = nlohmann::ordered_json;  // keeps the author's order for the report

constexpr const char* shape_hint =
    "expected.json is an object from output relations to the values they must hold, such as "
    "{\"disposition\": [\"self_care\"], \"absent\": {\"advise\": [\"ice\"]}}";

std::string join_values(const std::vector<std::string>& values) {
  return values.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(values, ", "));
}

// A value of one column, checked against the names the knowledge base knows.
Result<std::string> column_text(const ir::Program& program, const std::string& relation,
                                const Json& value) {
  if (value.is_number()) return value.dump();
  if (!value.is_string()) {
    return Error{fmt::format("`{}`: {} is neither a name nor a number", relation, value.dump())};
  }
  std::string text = value.get<std::string>();
  if (!program.symbols.find(text)) {
    std::vector<std::string> names;
    for (const ir::Entity& entity : program.entities)
      names.emplace_back(program.symbols.text(entity.id));
    for (const ir::Scale& scale : program.scales) {
      for (SymbolId level : scale.levels) names.emplace_back(program.symbols.text(level));
    }
    std::string hint = did_you_mean(text, names);
    return Error{fmt::format("`{}`: \"{}\" is not a name this knowledge base knows{}{}", relation,
                             text, hint.empty() ? "" : "; ", hint)};
  }
  return text;
}

Result<ExpectedConclusions::Entry> read_entry(const ir::Program& program, const std::string& key,
                                              const Json& list) {
  std::vector<std::string> outputs;
  std::optional<ir::RelationId> id;
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    if (!program.relations[r].output) continue;
    outputs.push_back(program.relations[r].name);
    if (program.relations[r].name == key) id = r;
  }
  if (!id) {
    std::string hint = did_you_mean(key, outputs);
    return Error{fmt::format(
        "`{}` is not an output of this knowledge base; {}", key,
        hint.empty() ? fmt::format("its outputs are {}", fmt::join(outputs, ", ")) : hint)};
  }
  if (!list.is_array()) {
    return Error{fmt::format("`{}` takes a list of values, such as [\"x\"] (or [] for none)", key)};
  }
  std::size_t arity = program.relations[*id].arity();
  ExpectedConclusions::Entry entry{*id, {}};
  for (const Json& item : list) {
    std::string text;
    if (arity == 1) {
      auto value = column_text(program, key, item);
      if (!value) return value.error();
      text = *value;
    } else {
      if (!item.is_array() || item.size() != arity) {
        return Error{fmt::format("`{}`: each value is an array of {} items, not {}", key, arity,
                                 item.dump())};
      }
      std::vector<std::string> parts;
      for (const Json& part : item) {
        auto value = column_text(program, key, part);
        if (!value) return value.error();
        parts.push_back(*value);
      }
      text = fmt::format("({})", fmt::join(parts, ", "));
    }
    entry.values.push_back(std::move(text));
  }
  std::sort(entry.values.begin(), entry.values.end());
  entry.values.erase(std::unique(entry.values.begin(), entry.values.end()), entry.values.end());
  return entry;
}

Result<std::vector<ExpectedConclusions::Entry>> read_entries(const ir::Program& program,
                                                             const Json& object, bool allow_absent,
                                                             ExpectedConclusions& expected) {
  std::vector<ExpectedConclusions::Entry> entries;
  for (const auto& [key, value] : object.items()) {
    if (key == "absent" && allow_absent) {
      if (!value.is_object())
        return Error{"\"absent\" takes an object, such as {\"advise\": [\"ice\"]}"};
      auto absent = read_entries(program, value, false, expected);
      if (!absent) return absent.error();
      expected.absent = std::move(absent).value();
      continue;
    }
    auto entry = read_entry(program, key, value);
    if (!entry) return entry.error();
    entries.push_back(std::move(entry).value());
  }
  return entries;
}

// The values a relation holds, shown as in expected.json, sorted.
std::vector<std::string> held_values(const ir::Program& program, const engine::Database& database,
                                     ir::RelationId relation) {
  const std::vector<ir::Column>& columns = program.relations[relation].columns;
  std::vector<std::string> values;
  for (std::uint32_t row = 0; row < database.size(relation); ++row) {
    auto tuple = database.row(relation, row);
    std::vector<std::string> parts;
    for (std::size_t c = 0; c < tuple.size(); ++c) {
      parts.push_back(engine::format_value(database.symbols(), columns[c].type, tuple[c]));
    }
    values.push_back(parts.size() == 1 ? parts[0] : fmt::format("({})", fmt::join(parts, ", ")));
  }
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

Result<ExpectedConclusions> read_expected(const ir::Program& program, std::string_view json) {
  // Duplicate keys would silently drop an expectation: refuse them.
  std::vector<std::vector<std::string>> keys;  // of each open object
  std::string duplicate;
  auto note_keys = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.empty()) {
      std::string key = parsed.get<std::string>();
      auto& seen = keys.back();
      if (duplicate.empty() && std::find(seen.begin(), seen.end(), key) != seen.end())
        duplicate = key;
      seen.push_back(key);
    }
    return true;
  };
  Json object;
  try {
    object = Json::parse(json.begin(), json.end(), note_keys, true, false);
  } catch (const Json::exception& e) {
    std::string detail = e.what();
    if (auto dash = detail.find(" - "); dash != std::string::npos) detail = detail.substr(dash + 3);
    return Error{fmt::format("expected.json is not valid JSON: {}", detail)};
  }
  if (!duplicate.empty()) {
    return Error{
        fmt::format("`{}` appears twice in expected.json; give each output once", duplicate)};
  }
  if (!object.is_object()) return Error{shape_hint};
  ExpectedConclusions expected;
  auto entries = read_entries(program, object, true, expected);
  if (!entries) return entries.error();
  expected.exactly = std::move(entries).value();
  if (expected.exactly.empty() && expected.absent.empty()) {
    return Error{fmt::format("expected.json expects nothing; {}", shape_hint)};
  }
  return expected;
}

std::vector<std::string> compare_conclusions(const ir::Program& program,
                                             const engine::Database& database,
                                             const ExpectedConclusions& expected) {
  std::vector<std::string> failures;
  for (const ExpectedConclusions::Entry& entry : expected.exactly) {
    std::vector<std::string> got = held_values(program, database, entry.relation);
    if (got == entry.values) continue;
    std::vector<std::string> missing, extra;
    std::set_difference(entry.values.begin(), entry.values.end(), got.begin(), got.end(),
                        std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), entry.values.begin(), entry.values.end(),
                        std::back_inserter(extra));
    // Aligned under each other, as a reader compares them:
    //   disposition: expected seek_treatment_immediately
    //                got      see_physician
    const std::string& name = program.relations[entry.relation].name;
    std::string pad = std::string(4 + name.size() + 2, ' ');
    std::string message = fmt::format("{}: expected {}\n{}got      {}", name,
                                      join_values(entry.values), pad, join_values(got));
    // With one value on each side the difference is plain; with more, say it.
    if (entry.values.size() > 1 || got.size() > 1) {
      if (!missing.empty()) message += fmt::format("\n{}missing  {}", pad, join_values(missing));
      if (!extra.empty()) message += fmt::format("\n{}extra    {}", pad, join_values(extra));
    }
    failures.push_back(std::move(message));
  }
  for (const ExpectedConclusions::Entry& entry : expected.absent) {
    std::vector<std::string> got = held_values(program, database, entry.relation);
    std::vector<std::string> present;
    std::set_intersection(entry.values.begin(), entry.values.end(), got.begin(), got.end(),
                          std::back_inserter(present));
    if (present.empty()) continue;
    failures.push_back(fmt::format("{}: expected not to include {}, but it does",
                                   program.relations[entry.relation].name, join_values(present)));
  }
  return failures;
}

}  // namespace sinew::cli
