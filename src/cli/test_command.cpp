// `sinew test FILES...`: run the embedded `test` blocks and the case folders
// (case_folders.hpp) under the folders given, report which rules no test makes fire,
// and end with the line `N passed, N failed`.

#include "case_folders.hpp"
#include "command.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "rule_coverage.hpp"
#include "workspace.hpp"

#include "engine/value.hpp"

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

namespace {

bool matches(std::span<const ir::Value> tuple, const ir::Expectation& expectation) {
  for (std::size_t i = 0; i < tuple.size(); ++i) {
    if (expectation.args[i] && *expectation.args[i] != tuple[i]) return false;
  }
  return true;
}

std::string describe_expectation(const ir::Program& program, const SymbolTable& symbols,
                                 const ir::Expectation& expectation) {
  const ir::Relation& relation = program.relations[expectation.relation];
  std::string text = relation.name + "(";
  for (std::size_t i = 0; i < expectation.args.size(); ++i) {
    if (i) text += ", ";
    text += expectation.args[i]
                ? engine::format_value(symbols, relation.columns[i].type, *expectation.args[i])
                : "_";
  }
  return text + ")";
}

std::string describe_actual(const ir::Program& program, const engine::Database& database,
                            ir::RelationId id) {
  const ir::Relation& relation = program.relations[id];
  std::vector<std::string> tuples;
  for (std::uint32_t row : database.sorted_rows(id)) {
    auto tuple = database.row(id, row);
    std::string text = relation.name + "(";
    for (std::size_t i = 0; i < tuple.size(); ++i) {
      if (i) text += ", ";
      text += engine::format_value(database.symbols(), relation.columns[i].type, tuple[i]);
    }
    tuples.push_back(text + ")");
  }
  if (tuples.empty()) return fmt::format("no `{}` at all", relation.name);
  return fmt::format("{}", fmt::join(tuples, ", "));
}

// Runs one test; returns the failure messages (empty when it passed).
std::vector<std::string> run_test(const ir::Program& program, const ir::TestCase& test,
                                  const EvaluationOptions& options, bool& stopped,
                                  std::vector<engine::RuleProfile>& profile) {
  engine::Database database(program);
  for (const ir::Fact& fact : test.given) database.insert(fact.relation, fact.values);
  std::vector<std::string> failures;
  engine::EvalOptions evaluation;
  evaluation.profile = &profile;
  if (auto stop = engine::evaluate(program, database, options.limits(), evaluation)) {
    stopped = true;
    failures.push_back(stop->message);
    return failures;
  }
  for (const ir::Expectation& expectation : test.expectations) {
    bool found = false;
    for (std::uint32_t row = 0; row < database.size(expectation.relation) && !found; ++row) {
      found = matches(database.row(expectation.relation, row), expectation);
    }
    if (found == expectation.negated) {
      std::string wanted = describe_expectation(program, database.symbols(), expectation);
      failures.push_back(fmt::format("expected {}{}\n      actual:   {}",
                                     expectation.negated ? "no " : "", wanted,
                                     describe_actual(program, database, expectation.relation)));
    }
  }
  return failures;
}

struct Tally {
  std::size_t passed = 0, failed = 0;
  bool stopped = false;

  void record(const std::string& name, const std::string& where,
              const std::vector<std::string>& failures) {
    if (failures.empty()) {
      ++passed;
      fmt::print("ok      {}\n", name);
      return;
    }
    ++failed;
    fmt::print("FAILED  {}  ({})\n", name, where);
    for (const std::string& failure : failures) fmt::print("    {}\n", failure);
  }
};

}  // namespace

Runner add_test_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    EvaluationOptions evaluation;
    bool require_coverage = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "test",
      "Run the test blocks of rule files and the case folders (case.json and "
      "expected.json) under the folders given; report the rules no test makes fire");
  command->add_option("files", options->files, "Rule files or folders")->required();
  command->add_flag("--require-coverage", options->require_coverage,
                    "Fail (exit 1) unless every rule fires in some test");
  options->evaluation.add_to(*command, false);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    const ir::Program& program = workspace.program();
    Tally tally;
    RuleCoverage coverage(program);
    std::vector<engine::RuleProfile> profile;
    for (const ir::TestCase& test : program.tests) {
      auto failures = run_test(program, test, options->evaluation, tally.stopped, profile);
      coverage.add(profile);
      ir::OriginView origin = program.origins[test.origin];
      tally.record(test.name, fmt::format("{}:{}", origin.file, origin.line), failures);
    }
    for (const std::string& folder : find_case_folders(options->files)) {
      auto result = run_case_folder(program, folder, options->evaluation.limits(), profile);
      coverage.add(profile);
      tally.stopped = tally.stopped || result.stopped;
      tally.record(folder, folder + "/expected.json", result.failures);
    }
    bool fully_covered = coverage.covered() == coverage.total();
    if (tally.passed + tally.failed > 0) fmt::print("{}", coverage.report());
    fmt::print("{} passed, {} failed\n", tally.passed, tally.failed);
    if (tally.stopped) return exit_limit;
    if (tally.failed > 0) return exit_refused;
    if (options->require_coverage && !fully_covered) {
      fmt::print(stderr, "error: {} of {} rules never fire in a test (--require-coverage)\n",
                 coverage.total() - coverage.covered(), coverage.total());
      return exit_refused;
    }
    return exit_ok;
  };
}

}  // namespace sinew::cli
