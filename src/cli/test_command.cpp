// `sinew test FILES...`: run the embedded `test` blocks; the last line is
// `N passed, N failed`.

#include "command.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include <sinew/engine/value.hpp>

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
                                  const EvaluationOptions& options, bool& stopped) {
  engine::Database database(program);
  for (const ir::Fact& fact : test.given) database.insert(fact.relation, fact.values);
  std::vector<std::string> failures;
  if (auto stop = engine::evaluate(program, database, options.limits())) {
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

}  // namespace

Runner add_test_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    EvaluationOptions evaluation;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("test", "Run the test blocks of rule files");
  command->add_option("files", options->files, "Rule files or folders")->required();
  options->evaluation.add_to(*command, false);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    const ir::Program& program = workspace.program();
    std::size_t passed = 0, failed = 0;
    bool stopped = false;
    for (const ir::TestCase& test : program.tests) {
      auto failures = run_test(program, test, options->evaluation, stopped);
      const ir::Origin& origin = program.origins[test.origin];
      if (failures.empty()) {
        ++passed;
        fmt::print("ok      {}\n", test.name);
        continue;
      }
      ++failed;
      fmt::print("FAILED  {}  ({}:{})\n", test.name, origin.file, origin.line);
      for (const std::string& failure : failures) fmt::print("    {}\n", failure);
    }
    fmt::print("{} passed, {} failed\n", passed, failed);
    if (stopped) return exit_limit;
    return failed == 0 ? exit_ok : exit_refused;
  };
}

}  // namespace sinew::cli
