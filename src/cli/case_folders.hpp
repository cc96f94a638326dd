#pragma once
// Case folders: tests written as a case file and its expected conclusions.
//
//   kb/cases/spasm_with_numbness/case.json      the case, as `sinew eval` reads it
//   kb/cases/spasm_with_numbness/expected.json  what it must conclude (expected_conclusions.hpp)
//
// `sinew test` runs every folder holding a `case.json` found under the folders it is
// given, in sorted order.

#include "engine/evaluate.hpp"
#include "ir/program.hpp"

#include <string>
#include <vector>

namespace sinew::cli {

// The folders holding a `case.json` under each folder of `paths` (files are skipped),
// sorted by path: the same order on every machine.
std::vector<std::string> find_case_folders(const std::vector<std::string>& paths);

struct CaseFolderResult {
  std::vector<std::string> failures;  // empty when the case passed
  bool stopped = false;               // a limit stopped the evaluation
};

// Evaluates the folder's case and compares it with its expectations; the rules that
// fired are added to `profile`.
CaseFolderResult run_case_folder(const ir::Program& program, const std::string& folder,
                                 const engine::Limits& limits,
                                 std::vector<engine::RuleProfile>& profile);

}  // namespace sinew::cli
