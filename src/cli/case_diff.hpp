#pragma once
// What changes for patients between two versions of a knowledge base (`sinew diff`):
// each case is evaluated by both, and the cases whose conclusions differ are grouped
// by the change, with how many cases show it, the smallest of them, and the rules of
// the proofs that differ on it.

#include "cases/case_space.hpp"
#include "ir/program.hpp"
#include <sinew/support/result.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sinew::cli {

// One output relation whose values differ: the values only the old version concludes
// and those only the new one does, as `sinew eval` writes them (`"see_physician"`, `4`,
// `["a", 1]`). A change of disposition is one value removed and one added.
struct OutputChange {
  std::string relation;
  std::vector<std::string> removed, added;
};

// A case that one version could not answer: why (a refusal, or a limit).
struct CaseProblem {
  std::string before, after;  // empty on the side that answered
};

struct ChangeGroup {
  std::vector<OutputChange> changes;
  CaseProblem problem;
  std::uint64_t cases = 0;
  // The smallest case that shows it (fewest inputs; the first such): as JSON, its
  // number of inputs, and its line in the case file (0 in the case space).
  std::string example;
  std::size_t example_inputs = 0;
  std::size_t example_line = 0;
  // The rules of the proofs of the changed conclusions on the example, in each version
  // (in the order the proofs meet them), less those in both.
  std::vector<std::string> rules_before, rules_after;
};

struct CaseDiff {
  bool whole_space = false;  // the case space, not a case file
  std::uint64_t cases = 0;   // compared
  // Evaluated: fewer than `cases` when interchangeable findings were merged
  // (cases/case_space.hpp).
  std::uint64_t evaluated = 0;
  std::uint64_t refused = 0;        // refused by both versions (not compared)
  std::vector<ChangeGroup> groups;  // most cases first, then by change
  // The case space: the facts it tries (`has(redness)`, `duration_days(3)`), and those
  // one version does not know (it refuses the cases that give them).
  std::vector<std::string> inputs;
  std::vector<std::string> partly_known;
  bool empty() const { return groups.empty(); }
};

// Every case of the two versions' case space.
Result<CaseDiff> diff_case_space(const ir::Program& before, const ir::Program& after,
                                 const cases::CaseSpaceOptions& options);
// Every case of a JSON Lines file (`-`: standard input), read by each version.
Result<CaseDiff> diff_case_file(const ir::Program& before, const ir::Program& after,
                                const std::string& path);

}  // namespace sinew::cli
