#pragma once
// Shared by the CLI tests: the repository's folder, and the flagship question of the
// bundled knowledge base (DESIGN section 7) with its six answers.

#include "unit/cli/sinew_process.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sinew::test {

inline const std::filesystem::path source_dir{SINEW_SOURCE_DIR};

// `sinew args...` run from the repository's folder, so that `kb/` means the bundled
// knowledge base and messages show short paths.
inline Outcome sinew_in_repository(const std::vector<std::string>& args) {
  return run_sinew(args, source_dir);
}

inline const std::string flagship_query =
    "?- escalates(F, muscle_spasm, seek_treatment_immediately).";

// In the order Sinew prints them (sorted by name).
inline const std::vector<std::string> flagship_answers = {
    "chest_pain", "chronic_pain", "not_easing", "numbness", "tingling", "worsening"};

}  // namespace sinew::test
