// The README is tested: its package line is the one CI installs, its test command is
// the one CI runs, and the flagship answer it shows is what the binary prints for the
// command it shows.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace sinew::test;

namespace {

// The `a && b && c` commands of a shell line that start with `apt-get`, joined again.
std::string apt_get_commands(const std::string& line) {
  std::string joined;
  std::size_t at = 0;
  while (at <= line.size()) {
    std::size_t end = line.find(" && ", at);
    std::string command = line.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (command.rfind("apt-get", 0) == 0) joined += (joined.empty() ? "" : " && ") + command;
    if (end == std::string::npos) break;
    at = end + 4;
  }
  return joined;
}

std::vector<std::string> lines_containing(const std::string& text, const std::string& part) {
  std::vector<std::string> found;
  for (const std::string& line : lines_of(text)) {
    if (line.find(part) != std::string::npos && line.rfind("#", 0) != 0) found.push_back(line);
  }
  return found;
}

// The lines of the first fenced block (```) after the line that contains `marker`.
std::vector<std::string> fenced_block_after(const std::string& text, const std::string& marker) {
  auto lines = lines_of(text);
  auto it = std::find_if(lines.begin(), lines.end(),
                         [&](const std::string& l) { return l.find(marker) != std::string::npos; });
  std::vector<std::string> block;
  if (it == lines.end()) return block;
  it = std::find_if(it, lines.end(), [](const std::string& l) { return l.rfind("```", 0) == 0; });
  if (it == lines.end()) return block;
  for (++it; it != lines.end() && it->rfind("```", 0) != 0; ++it) block.push_back(*it);
  return block;
}

const std::string readme = slurp(source_dir / "README.md");
const std::string ci_script = slurp(source_dir / ".ci" / "run");

}  // namespace

TEST_CASE("README.md and .ci/run install the same packages", "[cli][readme]") {
  auto readme_lines = lines_containing(readme, "apt-get install");
  auto ci_lines = lines_containing(ci_script, "apt-get install");
  REQUIRE(readme_lines.size() == 1);
  // The first is the README's; later ones install what only CI needs (clang for the
  // fuzz targets).
  REQUIRE_FALSE(ci_lines.empty());
  std::string from_readme = apt_get_commands(readme_lines.front());
  std::string from_ci = apt_get_commands(ci_lines.front());
  CHECK(from_readme.find("apt-get update") == 0);
  CHECK(from_readme == from_ci);
}

TEST_CASE("CI runs the README's test command", "[cli][readme]") {
  // The line of the second command (the README also shows ctest alone, for developers).
  auto readme_lines = lines_containing(readme, "&& ctest --test-dir");
  REQUIRE(readme_lines.size() == 1);
  auto ci_lines = lines_of(ci_script);
  CHECK(std::find(ci_lines.begin(), ci_lines.end(), readme_lines.front()) != ci_lines.end());
}

TEST_CASE("the README's flagship answer is what the binary prints", "[cli][readme]") {
  // The query of the README's first command, as written there.
  auto commands = lines_containing(readme, "sinew query kb/ -e '");
  REQUIRE(!commands.empty());
  std::smatch match;
  REQUIRE(
      std::regex_search(commands.front(), match, std::regex(R"(sinew query kb/ -e '([^']*)')")));
  std::string query = match[1].str();
  CHECK(query == flagship_query);
  // The README also checks kb/ first, in the same command.
  CHECK(commands.front().find("sinew check kb/ &&") != std::string::npos);

  auto shown = fenced_block_after(readme, "The first command ends with the answer");
  REQUIRE(!shown.empty());
  Outcome outcome = sinew_in_repository({"query", "kb/", "-e", query});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(lines_of(outcome.out) == shown);
}

TEST_CASE("the README's explanation of the flagship answer is what the binary prints",
          "[cli][readme]") {
  // The README's first command ends with `sinew explain kb/ --needed '...' --given '...'`.
  auto commands = lines_containing(readme, "sinew explain kb/ --needed '");
  REQUIRE(!commands.empty());
  std::smatch match;
  REQUIRE(
      std::regex_search(commands.front(), match,
                        std::regex(R"(sinew explain kb/ --needed '([^']*)' --given '([^']*)')")));
  auto shown = fenced_block_after(readme, "the explanation computed from the rules alone");
  REQUIRE(!shown.empty());
  Outcome outcome = sinew_in_repository(
      {"explain", "kb/", "--needed", match[1].str(), "--given", match[2].str()});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK(lines_of(outcome.out) == shown);
}
