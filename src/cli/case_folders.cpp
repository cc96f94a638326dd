#include "case_folders.hpp"

#include "expected_conclusions.hpp"

#include "cases/case_input.hpp"
#include "engine/database.hpp"
#include "engine/value.hpp"
#include "support/source_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace sinew::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t largest_case_file = std::size_t{1} << 20;

// The case as its author wrote it, in a line: `has muscle_spasm, tingling; duration_days 4;
// absent: has numbness`.
std::string describe_case(const ir::Program& program, const SymbolTable& symbols,
                          const cases::CaseFacts& facts) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // in case order
  for (const cases::CaseFacts::Entry& entry : facts.entries) {
    const ir::Relation& relation = program.relations[entry.relation];
    std::string key = (entry.absent ? "absent: " : "") + relation.name;
    auto tuple = facts.tuple(program, entry);
    std::vector<std::string> parts;
    for (std::size_t c = 0; c < tuple.size(); ++c) {
      parts.push_back(engine::format_value(symbols, relation.columns[c].type, tuple[c]));
    }
    std::string value = parts.size() == 1 ? parts[0] : fmt::format("({})", fmt::join(parts, ", "));
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.first == key; });
    if (group == groups.end()) group = groups.insert(groups.end(), {key, {}});
    group->second.push_back(std::move(value));
  }
  std::vector<std::string> texts;
  for (const auto& [key, values] : groups)
    texts.push_back(fmt::format("{} {}", key, fmt::join(values, ", ")));
  return texts.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(texts, "; "));
}

}  // namespace

std::vector<std::string> find_case_folders(const std::vector<std::string>& paths) {
  std::vector<std::string> folders;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) continue;
    if (fs::is_regular_file(fs::path(path) / "case.json", error)) folders.push_back(path);
    for (auto it = fs::recursive_directory_iterator(path, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (it->is_directory(error) && fs::is_regular_file(it->path() / "case.json", error)) {
        folders.push_back(it->path().generic_string());
      }
    }
  }
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  return folders;
}

CaseFolderResult run_case_folder(const ir::Program& program, const std::string& folder,
                                 const engine::Limits& limits,
                                 std::vector<engine::RuleProfile>& profile) {
  CaseFolderResult result;
  auto fail = [&](std::string message) {
    result.failures.push_back(std::move(message));
    return result;
  };
  std::string case_path = (fs::path(folder) / "case.json").generic_string();
  std::string expected_path = (fs::path(folder) / "expected.json").generic_string();
  auto case_text = read_file(case_path, largest_case_file);
  if (!case_text) return fail(case_text.error().message);
  auto expected_text = read_file(expected_path, largest_case_file);
  if (!expected_text) {
    return fail(fmt::format("{}; a case folder holds its expected conclusions there",
                            expected_text.error().message));
  }
  auto expected = read_expected(program, *expected_text);
  if (!expected) return fail(fmt::format("{}: {}", expected_path, expected.error().message));

  engine::Database database(program);
  cases::CaseFacts facts;
  cases::CaseReader reader(program);
  if (auto refusal = reader.read(*case_text, database.symbols(), facts)) {
    return fail(fmt::format("{}: {}", case_path, refusal->message));
  }
  for (const cases::CaseFacts::Entry& entry : facts.entries) {
    if (!entry.absent) database.insert(entry.relation, facts.tuple(program, entry));
  }
  engine::EvalOptions options;
  options.profile = &profile;
  if (auto stop = engine::evaluate(program, database, limits, options)) {
    result.stopped = true;
    return fail(stop->message);
  }
  result.failures = compare_conclusions(program, database, *expected);
  if (!result.failures.empty()) {
    result.failures.insert(result.failures.begin(),
                           "the case: " + describe_case(program, database.symbols(), facts));
  }
  return result;
}

}  // namespace sinew::cli
