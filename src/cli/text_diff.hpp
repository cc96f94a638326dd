#pragma once
// What changed in the text of a knowledge base between two versions (`sinew diff`):
// rules, facts and edges, entities, scales, declarations, the module. Compared by
// meaning, not by position in the files: a rule that only moved is unchanged, and a
// rule renamed but otherwise the same is a rename.

#include "ir/program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sinew::cli {

// A rule statement as written: one or more IR rules from one origin.
struct RuleStatement {
  std::string name;   // empty when the rule is not named
  std::string where;  // `file:line`
  std::string text;   // as written
  // Its rules with variables numbered (`V0`, `V1`) and relations and values by name:
  // equal exactly when the rules mean the same.
  std::string meaning;
  std::vector<std::string> citations;  // `seed: "quote"`
  std::vector<std::string> notes, assumptions;
  // The label a reader knows it by: its name, or `the rule at file:line`.
  std::string label() const;
};

struct RuleChange {
  enum class Kind { added, removed, changed, renamed };
  Kind kind = Kind::changed;
  std::optional<RuleStatement> before, after;
  // For `changed`: which parts differ, among "rule", "citations", "notes", "assumptions".
  std::vector<std::string> parts;
};

// Any other statement: present before, after, or both with different texts.
struct ItemChange {
  std::string kind;           // "module", "relation", "scale", "entity", "fact"
  std::string name;           // what it is known by
  std::string before, after;  // empty when absent on that side
};

struct TextDiff {
  std::vector<RuleChange> rules;  // removed and changed in the old order, then added
  std::vector<ItemChange> items;  // by kind (in the order above), then name
  bool empty() const { return rules.empty() && items.empty(); }
};

TextDiff diff_text(const ir::Program& before, const ir::Program& after);

// The rule statements of a program, in the order of their first rule.
std::vector<RuleStatement> rule_statements(const ir::Program& program);
// The label of the statement that rule `rule` comes from.
std::string rule_label(const ir::Program& program, ir::RuleId rule);

}  // namespace sinew::cli
