#include "text_diff.hpp"

#include "ir/printer.hpp"
#include "support/quoting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace sinew::cli {

// ---- rule statements ----------------------------------------------------------------------

std::string RuleStatement::label() const {
  return name.empty() ? fmt::format("the rule at {}", where) : name;
}

namespace {

std::string citation_text(const ir::Program& program, const ir::Citation& citation) {
  std::string source = citation.source < program.sources.size()
                           ? program.sources[citation.source].id
                           : std::string("(no source)");
  return fmt::format("{}: {}", source, quoted(citation.quote));
}

// A rule with its variables numbered in order of first use: renaming a variable does
// not change what a rule means.
std::string rule_meaning(const ir::Program& program, const ir::Rule& rule) {
  ir::Rule numbered = rule;
  for (std::size_t v = 0; v < numbered.variables.size(); ++v)
    numbered.variables[v] = fmt::format("V{}", v);
  return ir::print_rule(program, numbered);
}

std::string where(const ir::OriginView& origin) {
  return fmt::format("{}:{}", origin.file, origin.line);
}

}  // namespace

std::vector<RuleStatement> rule_statements(const ir::Program& program) {
  std::vector<RuleStatement> out;
  std::map<ir::OriginId, std::size_t> index;
  for (const ir::Rule& rule : program.rules) {
    if (rule.origin == ir::none || rule.origin >= program.origins.size()) continue;
    auto [found, fresh] = index.try_emplace(rule.origin, out.size());
    if (fresh) {
      ir::OriginView origin = program.origins[rule.origin];
      RuleStatement& statement = out.emplace_back();
      statement.name = std::string(origin.rule_name);
      statement.where = where(origin);
      statement.text = std::string(origin.text);
      for (const ir::Citation& citation : origin.citations)
        statement.citations.push_back(citation_text(program, citation));
      statement.notes.assign(origin.notes.begin(), origin.notes.end());
      statement.assumptions.assign(origin.assumptions.begin(), origin.assumptions.end());
    }
    RuleStatement& statement = out[found->second];
    if (!statement.meaning.empty()) statement.meaning += '\n';
    statement.meaning += rule_meaning(program, rule);
  }
  return out;
}

std::string rule_label(const ir::Program& program, ir::RuleId rule) {
  ir::OriginId origin_id = program.rules[rule].origin;
  if (origin_id == ir::none || origin_id >= program.origins.size())
    return fmt::format("rule {}", rule);
  ir::OriginView origin = program.origins[origin_id];
  if (!origin.rule_name.empty()) return std::string(origin.rule_name);
  return fmt::format("the rule at {}", where(origin));
}

namespace {

std::vector<std::string> differing_parts(const RuleStatement& a, const RuleStatement& b) {
  std::vector<std::string> parts;
  if (a.meaning != b.meaning) parts.push_back("rule");
  if (a.citations != b.citations) parts.push_back("citations");
  if (a.notes != b.notes) parts.push_back("notes");
  if (a.assumptions != b.assumptions) parts.push_back("assumptions");
  return parts;
}

// Everything but the name and the place.
bool same_but_name(const RuleStatement& a, const RuleStatement& b) {
  return differing_parts(a, b).empty();
}

// Pairs the statements of two versions: by name, then a statement whose only change
// is its name (a rename, or an unnamed rule that did not change), then unnamed rules
// by their order. Returns, by old index, the new index paired with it (or none).
std::vector<std::size_t> pair_statements(const std::vector<RuleStatement>& before,
                                         const std::vector<RuleStatement>& after) {
  std::vector<std::size_t> pair(before.size(), ir::none);
  std::vector<bool> taken(after.size(), false);
  std::map<std::string, std::size_t> named_after;
  for (std::size_t j = 0; j < after.size(); ++j) {
    if (!after[j].name.empty()) named_after.emplace(after[j].name, j);
  }
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].name.empty()) continue;
    auto found = named_after.find(before[i].name);
    if (found == named_after.end() || taken[found->second]) continue;
    pair[i] = found->second;
    taken[found->second] = true;
  }
  auto name_known_after = [&](const RuleStatement& s) {
    return !s.name.empty() && named_after.contains(s.name);
  };
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (pair[i] != ir::none || name_known_after(before[i])) continue;
    for (std::size_t j = 0; j < after.size(); ++j) {
      if (taken[j] || !same_but_name(before[i], after[j])) continue;
      pair[i] = j;
      taken[j] = true;
      break;
    }
  }
  std::size_t next_unnamed = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (pair[i] != ir::none || !before[i].name.empty()) continue;
    while (next_unnamed < after.size() &&
           (taken[next_unnamed] || !after[next_unnamed].name.empty()))
      ++next_unnamed;
    if (next_unnamed == after.size()) break;
    pair[i] = next_unnamed;
    taken[next_unnamed] = true;
  }
  return pair;
}

void diff_rules(const ir::Program& old_program, const ir::Program& new_program, TextDiff& diff) {
  std::vector<RuleStatement> before = rule_statements(old_program);
  std::vector<RuleStatement> after = rule_statements(new_program);
  std::vector<std::size_t> pair = pair_statements(before, after);
  std::vector<bool> paired(after.size(), false);
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (pair[i] == ir::none) {
      diff.rules.push_back({RuleChange::Kind::removed, before[i], std::nullopt, {}});
      continue;
    }
    const RuleStatement& now = after[pair[i]];
    paired[pair[i]] = true;
    std::vector<std::string> parts = differing_parts(before[i], now);
    if (!parts.empty()) {
      diff.rules.push_back({RuleChange::Kind::changed, before[i], now, std::move(parts)});
    } else if (before[i].name != now.name) {
      diff.rules.push_back({RuleChange::Kind::renamed, before[i], now, {}});
    }
  }
  for (std::size_t j = 0; j < after.size(); ++j) {
    if (!paired[j]) diff.rules.push_back({RuleChange::Kind::added, std::nullopt, after[j], {}});
  }
}

// ---- everything else: named items with a text each ---------------------------------------

using Items = std::map<std::string, std::string>;  // name -> text

void compare(const std::string& kind, const Items& before, const Items& after, TextDiff& diff) {
  std::set<std::string> names;
  for (const auto& entry : before) names.insert(entry.first);
  for (const auto& entry : after) names.insert(entry.first);
  for (const std::string& name : names) {
    auto old_text = before.find(name);
    auto new_text = after.find(name);
    std::string a = old_text == before.end() ? "" : old_text->second;
    std::string b = new_text == after.end() ? "" : new_text->second;
    if (a != b) diff.items.push_back({kind, name, a, b});
  }
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

Items module_items(const ir::Program& program) {
  Items items;
  if (!program.module_name.empty()) items["name"] = program.module_name;
  if (!program.module_version.empty()) items["version"] = program.module_version;
  return items;
}

Items relation_items(const ir::Program& program) {
  Items items;
  for (const ir::Relation& relation : program.relations) {
    if (relation.kind_membership) continue;  // a kind's or scale's: shown with it
    std::vector<std::string> columns;
    for (const ir::Column& column : relation.columns) {
      std::string range = ir::print_range(program, column);
      columns.push_back(fmt::format("{}: {}{}", column.name, column.type.name,
                                    range.empty() ? "" : " in " + range));
    }
    std::string text = fmt::format("{}({})", relation.name, joined(columns, ", "));
    if (relation.case_input) text = "input " + text;
    if (relation.output) text = "output " + text;
    items[relation.name] = text;
  }
  return items;
}

Items scale_items(const ir::Program& program) {
  Items items;
  for (const ir::Scale& scale : program.scales) {
    std::vector<std::string> levels;
    for (SymbolId level : scale.levels) levels.emplace_back(program.symbols.text(level));
    items[scale.name] = joined(levels, " < ");
  }
  return items;
}

Items kind_items(const ir::Program& program) {
  Items items;
  for (const ir::Kind& kind : program.kinds) {
    std::vector<std::string> parents;
    for (std::uint32_t parent : kind.parents) parents.push_back(program.kinds[parent].name);
    items[kind.name] = parents.empty()
                           ? "kind " + kind.name
                           : fmt::format("kind {} : {}", kind.name, joined(parents, ", "));
  }
  return items;
}

Items entity_items(const ir::Program& program) {
  Items items;
  for (const ir::Entity& entity : program.entities) {
    std::vector<std::string> kinds;
    for (std::uint32_t kind : entity.kinds) kinds.push_back(program.kinds[kind].name);
    std::string name(program.symbols.text(entity.id));
    std::string text = fmt::format("{} {} {}", joined(kinds, ", "), name, quoted(entity.label));
    if (!entity.definition.empty()) text += " definition " + quoted(entity.definition);
    for (const ir::EntityCode& code : entity.codes)
      text += fmt::format(" code {} {}", code.system, quoted(code.value));
    for (const std::string& synonym : entity.synonyms) text += " synonym " + quoted(synonym);
    for (SymbolId parent : entity.parents)
      text += fmt::format(" is_a {}", program.symbols.text(parent));
    items[name] = text;
  }
  return items;
}

// Facts and edges by their text; the text holds their citations, so a citation that
// changes shows as the fact changing.
Items fact_items(const ir::Program& program) {
  Items items;
  for (std::size_t i = 0; i < program.facts.size(); ++i) {
    ir::FactRef fact = program.facts[i];
    const ir::Relation& relation = program.relations[fact.relation];
    if (relation.kind_membership) continue;  // shown with its entity
    std::vector<std::string> values;
    for (std::size_t c = 0; c < fact.values.size(); ++c) {
      const ir::ColumnType& type = relation.columns[c].type;
      values.push_back(
          type.base == ir::BaseType::symbol
              ? std::string(program.symbols.text(static_cast<SymbolId>(fact.values[c])))
              : ir::print_value(program, type, fact.values[c]));
    }
    std::string name = fmt::format("{}({})", relation.name, joined(values, ", "));
    std::string text = name;
    if (fact.origin != ir::none && fact.origin < program.origins.size()) {
      ir::OriginView origin = program.origins[fact.origin];
      for (const ir::Citation& citation : origin.citations) {
        std::string source = citation.source < program.sources.size()
                                 ? program.sources[citation.source].id + " "
                                 : std::string();
        text += "\n  @cite " + source + quoted(citation.quote);
      }
      for (const std::string& note : origin.notes) text += "\n  @note " + quoted(note);
      for (const std::string& assumption : origin.assumptions)
        text += "\n  @assumption " + quoted(assumption);
    }
    items[name] = text;
  }
  return items;
}

}  // namespace

TextDiff diff_text(const ir::Program& before, const ir::Program& after) {
  TextDiff diff;
  diff_rules(before, after, diff);
  compare("module", module_items(before), module_items(after), diff);
  compare("relation", relation_items(before), relation_items(after), diff);
  compare("kind", kind_items(before), kind_items(after), diff);
  compare("scale", scale_items(before), scale_items(after), diff);
  compare("entity", entity_items(before), entity_items(after), diff);
  compare("fact", fact_items(before), fact_items(after), diff);
  return diff;
}

}  // namespace sinew::cli
