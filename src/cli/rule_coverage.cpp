#include "rule_coverage.hpp"

#include "ir/printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace sinew::cli {

namespace {

// A plain name needs no quotes where a reader sees it: `reach(self_care)`. A quoted
// name starts with a lower-case letter or `_` and goes on with letters, digits and `_`.
std::string without_quotes(const std::string& text) {
  auto lower = [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; };
  auto word = [&](char c) { return lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = i + 1;
    if (text[i] == '"' && end < text.size() && lower(text[end])) {
      while (end < text.size() && word(text[end])) ++end;
      if (end < text.size() && text[end] == '"') {
        out.append(text, i + 1, end - i - 1);
        i = end + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

RuleCoverage::RuleCoverage(const ir::Program& program) : unit_of_rule_(program.rules.size()) {
  // (origin, body) -> unit, the key ordered as the report is.
  std::map<std::tuple<std::string, std::uint32_t, std::string>, std::vector<ir::RuleId>> groups;
  std::vector<std::pair<std::string, std::string>> printed(program.rules.size());  // head, body
  for (ir::RuleId r = 0; r < program.rules.size(); ++r) {
    const ir::Rule& rule = program.rules[r];
    std::string text = without_quotes(ir::print_rule(program, rule));
    if (!text.empty() && text.back() == '.') text.pop_back();
    auto arrow = text.find(" :- ");
    printed[r] = arrow == std::string::npos
                     ? std::pair{text, std::string()}
                     : std::pair{text.substr(0, arrow), text.substr(arrow + 4)};
    std::string file = "?";
    std::uint32_t line = 0;
    if (rule.origin != ir::none) {
      file = program.origins[rule.origin].file;
      line = program.origins[rule.origin].line;
    }
    groups[{file, line, printed[r].second}].push_back(r);
  }
  for (const auto& [key, rules] : groups) {
    Unit unit;
    std::tie(unit.file, unit.line, unit.body) = key;
    const ir::Rule& first = program.rules[rules.front()];
    if (first.origin != ir::none) unit.rule_name = program.origins[first.origin].rule_name;
    for (ir::RuleId r : rules) {
      unit.heads.push_back(printed[r].first);
      unit_of_rule_[r] = units_.size();
    }
    units_.push_back(std::move(unit));
  }
}

void RuleCoverage::add(const std::vector<engine::RuleProfile>& profile) {
  for (const engine::RuleProfile& entry : profile) {
    if (entry.rule < unit_of_rule_.size() && entry.derived > 0) {
      units_[unit_of_rule_[entry.rule]].fired = true;
    }
  }
}

std::size_t RuleCoverage::covered() const {
  return static_cast<std::size_t>(
      std::count_if(units_.begin(), units_.end(), [](const Unit& unit) { return unit.fired; }));
}

std::string RuleCoverage::report() const {
  std::string text = fmt::format("rule coverage: {} of {} rules fire in some test\n", covered(),
                                 total());
  for (const Unit& unit : units_) {
    if (unit.fired) continue;
    text += fmt::format("  never fires: {}:{}  {}{}\n", unit.file, unit.line,
                        fmt::join(unit.heads, ", "),
                        unit.rule_name.empty() ? "" : fmt::format("  (rule {})", unit.rule_name));
  }
  return text;
}

}  // namespace sinew::cli
