#pragma once
// Rule coverage of a test run: which rules fire (derive at least one new fact) in some test.
//
// The unit counted is a rule as its author wrote it, one per body: a rule with several
// conclusions is one unit (when its body holds, any new conclusion shows it), and each
// alternative of a `;` is a unit of its own (each is a way to the conclusion that a
// test should show).

#include "engine/evaluate.hpp"
#include "ir/program.hpp"

#include <string>
#include <vector>

namespace sinew::cli {

class RuleCoverage {
 public:
  explicit RuleCoverage(const ir::Program& program);

  // Counts the rules that derived a fact in one evaluation (its profile).
  void add(const std::vector<engine::RuleProfile>& profile);

  std::size_t covered() const;
  std::size_t total() const { return units_.size(); }

  // `rule coverage: C of T rules fire in some test`, then one line per rule that never
  // fires (`file:line  conclusion  (rule name)`), sorted by file and line.
  std::string report() const;

 private:
  struct Unit {
    std::string file;
    std::uint32_t line = 0;
    std::string rule_name;
    std::string body;                // as printed: tells the alternatives of a `;` apart
    std::vector<std::string> heads;  // its conclusions, as printed
    bool fired = false;
  };
  std::vector<Unit> units_;                // sorted by file, line, body
  std::vector<std::size_t> unit_of_rule_;  // by RuleId
};

}  // namespace sinew::cli
