#include "diff_report.hpp"

#include "answering.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace sinew::cli {

namespace {

using nlohmann::json;

// A value as `sinew eval` writes it, shown to a reader: names without their quotes.
std::string plain(const std::string& value_json) {
  json value = json::parse(value_json, nullptr, false);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out = "(";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      out += value[i].is_string() ? value[i].get<std::string>() : value[i].dump();
    }
    return out + ")";
  }
  return value_json;
}

std::string values_text(const std::vector<std::string>& values) {
  if (values.empty()) return "(nothing)";
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += plain(values[i]);
  }
  return out;
}

std::string side_title(const DiffSide& side) {
  if (side.module.empty()) return side.path;
  if (side.version.empty()) return fmt::format("{} ({})", side.path, side.module);
  return fmt::format("{} ({} {})", side.path, side.module, side.version);
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", with_thousands(n), n == 1 ? one : many);
}

void indented(std::string& out, std::string_view text, std::string_view indent) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += indent;
    out.append(text.substr(start, end - start));
    out += '\n';
    start = end + 1;
  }
}

void rule_details(std::string& out, const RuleStatement& rule, std::string_view indent) {
  indented(out, rule.text, indent);
  // The text as written shows its citations; a text kept without them does not.
  if (rule.text.find("@cite") != std::string::npos) return;
  for (const std::string& citation : rule.citations)
    out += fmt::format("{}cites {}\n", indent, citation);
}

// `rule name (file:line)`, or `the rule at file:line`.
std::string rule_title(const RuleStatement& rule) {
  return rule.name.empty() ? rule.label() : fmt::format("rule {} ({})", rule.name, rule.where);
}

void text_changes(std::string& out, const TextDiff& text) {
  out += "What changed in the text\n";
  if (text.empty()) {
    out += "  nothing: the rules, facts, entities and declarations mean the same\n";
    return;
  }
  for (const RuleChange& change : text.rules) {
    switch (change.kind) {
      case RuleChange::Kind::removed:
        out += fmt::format("  removed {}\n", rule_title(*change.before));
        rule_details(out, *change.before, "      ");
        break;
      case RuleChange::Kind::added:
        out += fmt::format("  added {}\n", rule_title(*change.after));
        rule_details(out, *change.after, "      ");
        break;
      case RuleChange::Kind::renamed:
        out += fmt::format("  renamed {} to {} ({}); it says the same\n",
                           change.before->name.empty() ? change.before->label()
                                                       : "rule " + change.before->name,
                           change.after->label(), change.after->where);
        break;
      case RuleChange::Kind::changed: {
        std::string parts;
        for (std::size_t i = 0; i < change.parts.size(); ++i) {
          if (i) parts += i + 1 == change.parts.size() ? " and " : ", ";
          parts += change.parts[i] == "rule" ? "what it says" : "its " + change.parts[i];
        }
        out += fmt::format("  changed {}: {}\n", rule_title(*change.after), parts);
        out += "    before:\n";
        rule_details(out, *change.before, "      ");
        out += "    after:\n";
        rule_details(out, *change.after, "      ");
        break;
      }
    }
  }
  for (const ItemChange& item : text.items) {
    if (item.before.empty()) {
      out += fmt::format("  added {} {}\n", item.kind, item.name);
      indented(out, item.after, "      ");
    } else if (item.after.empty()) {
      out += fmt::format("  removed {} {}\n", item.kind, item.name);
      indented(out, item.before, "      ");
    } else {
      out += fmt::format("  changed {} {}\n    before:\n", item.kind, item.name);
      indented(out, item.before, "      ");
      out += "    after:\n";
      indented(out, item.after, "      ");
    }
  }
}

// `21 findings (has) and duration_days 2 or 3`: the facts of the case space by input.
std::string inputs_in_words(const std::vector<std::string>& facts) {
  std::vector<std::pair<std::string, std::vector<std::string>>> inputs;
  for (const std::string& fact : facts) {
    std::size_t open = fact.find('(');
    std::string relation = fact.substr(0, open);
    std::string value = fact.substr(open + 1, fact.size() - open - 2);
    if (inputs.empty() || inputs.back().first != relation) inputs.push_back({relation, {}});
    inputs.back().second.push_back(value);
  }
  std::string out;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& [relation, values] = inputs[i];
    if (i) out += i + 1 == inputs.size() ? " and " : ", ";
    bool numbers = !values.empty() &&
                   (std::isdigit(static_cast<unsigned char>(values[0][0])) || values[0][0] == '-');
    if (numbers) {
      std::string list;
      for (std::size_t v = 0; v < values.size(); ++v)
        list += (v ? (v + 1 == values.size() ? " or " : ", ") : "") + values[v];
      out += fmt::format("{} {}", relation, list);
    } else {
      out += fmt::format("{} ({})", plural(values.size(), "name", "names"), relation);
    }
  }
  return out.empty() ? std::string("no input") : out;
}

void case_changes(std::string& out, const CaseDiff& cases) {
  out += "\nWhat changes for patients\n";
  if (cases.whole_space) {
    out += fmt::format("  every case the rules can tell apart: {}, with and without each of {}\n",
                       plural(cases.cases, "case", "cases"), inputs_in_words(cases.inputs));
    if (cases.evaluated < cases.cases) {
      out += fmt::format(
          "  ({} evaluated: findings that no rule tells apart, such as the red flags of a "
          "spasm, were tried once for each number of them present)\n",
          with_thousands(cases.evaluated));
    }
    if (!cases.partly_known.empty()) {
      std::string names;
      for (const std::string& name : cases.partly_known)
        names += (names.empty() ? "" : ", ") + name;
      out += fmt::format("  known to one version only (the other refuses the cases): {}\n", names);
    }
  } else {
    out += fmt::format("  {} of the case file compared", plural(cases.cases, "case", "cases"));
    if (cases.refused) out += fmt::format(" ({} refused by both versions)", cases.refused);
    out += '\n';
  }
  if (cases.empty()) {
    out += "  no case concludes anything different\n";
    return;
  }
  std::uint64_t changed = 0;
  for (const ChangeGroup& group : cases.groups) changed += group.cases;
  out += fmt::format("  {} {} something different, in {}:\n", plural(changed, "case", "cases"),
                     changed == 1 ? "concludes" : "conclude",
                     plural(cases.groups.size(), "way", "ways"));
  for (const ChangeGroup& group : cases.groups) {
    out += '\n';
    for (const OutputChange& change : group.changes) {
      if (change.removed.empty()) {
        out += fmt::format("  {}: adds {}\n", change.relation, values_text(change.added));
      } else if (change.added.empty()) {
        out += fmt::format("  {}: drops {}\n", change.relation, values_text(change.removed));
      } else {
        out += fmt::format("  {}: {} → {}\n", change.relation, values_text(change.removed),
                           values_text(change.added));
      }
    }
    if (!group.problem.before.empty())
      out += fmt::format("  the old version gives no answer: {}\n", group.problem.before);
    if (!group.problem.after.empty())
      out += fmt::format("  the new version gives no answer: {}\n", group.problem.after);
    out += fmt::format("    {}; the smallest: {}", plural(group.cases, "case", "cases"),
                       group.example);
    if (group.example_line) out += fmt::format(" (line {})", group.example_line);
    out += '\n';
    auto rules = [](const std::vector<std::string>& names) {
      std::string text;
      for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
      return text;
    };
    if (!group.rules_before.empty())
      out += fmt::format("    old version, because of: {}\n", rules(group.rules_before));
    if (!group.rules_after.empty())
      out += fmt::format("    new version, because of: {}\n", rules(group.rules_after));
  }
}

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json rule_json(const std::optional<RuleStatement>& rule) {
  if (!rule) return nullptr;
  return {{"name", nullable(rule->name)}, {"where", rule->where},
          {"text", rule->text},           {"citations", rule->citations},
          {"notes", rule->notes},         {"assumptions", rule->assumptions}};
}

json values_json(const std::vector<std::string>& values) {
  json out = json::array();
  for (const std::string& value : values) out.push_back(json::parse(value, nullptr, false));
  return out;
}

json side_json(const DiffSide& side) {
  return {
      {"path", side.path}, {"module", nullable(side.module)}, {"version", nullable(side.version)}};
}

const char* kind_name(RuleChange::Kind kind) {
  switch (kind) {
    case RuleChange::Kind::added: return "added";
    case RuleChange::Kind::removed: return "removed";
    case RuleChange::Kind::changed: return "changed";
    case RuleChange::Kind::renamed: return "renamed";
  }
  return "changed";
}

}  // namespace

std::string render_diff_text(const DiffReport& report) {
  std::string out = fmt::format("Comparing {}\n     with {}\n\n", side_title(report.before),
                                side_title(report.after));
  text_changes(out, report.text);
  case_changes(out, report.cases);
  return out;
}

std::string render_diff_json(const DiffReport& report) {
  json rules = json::array();
  for (const RuleChange& change : report.text.rules) {
    rules.push_back({{"change", kind_name(change.kind)},
                     {"old", rule_json(change.before)},
                     {"new", rule_json(change.after)},
                     {"parts", change.parts}});
  }
  json items = json::array();
  for (const ItemChange& item : report.text.items) {
    items.push_back({{"kind", item.kind},
                     {"name", item.name},
                     {"old", nullable(item.before)},
                     {"new", nullable(item.after)}});
  }
  json groups = json::array();
  std::uint64_t changed = 0;
  for (const ChangeGroup& group : report.cases.groups) {
    changed += group.cases;
    json changes = json::array();
    for (const OutputChange& change : group.changes) {
      changes.push_back({{"output", change.relation},
                         {"removed", values_json(change.removed)},
                         {"added", values_json(change.added)}});
    }
    json example = json::parse(group.example, nullptr, false);
    if (example.is_discarded()) example = group.example;
    groups.push_back(
        {{"cases", group.cases},
         {"changes", std::move(changes)},
         {"problem",
          {{"old", nullable(group.problem.before)}, {"new", nullable(group.problem.after)}}},
         {"example", std::move(example)},
         {"example_inputs", group.example_inputs},
         {"example_line", group.example_line},
         {"rules", {{"old", group.rules_before}, {"new", group.rules_after}}}});
  }
  const CaseDiff& cases = report.cases;
  json document = {{"old", side_json(report.before)},
                   {"new", side_json(report.after)},
                   {"text", {{"rules", std::move(rules)}, {"items", std::move(items)}}},
                   {"cases",
                    {{"source", cases.whole_space ? "case space" : "case file"},
                     {"compared", cases.cases},
                     {"evaluated", cases.evaluated},
                     {"refused", cases.refused},
                     {"changed", changed},
                     {"inputs", cases.inputs},
                     {"partly_known", cases.partly_known},
                     {"groups", std::move(groups)}}}};
  return document.dump(2) + "\n";
}

}  // namespace sinew::cli
