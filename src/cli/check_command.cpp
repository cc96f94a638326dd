// `sinew check FILES...`: parse and check; diagnostics on standard error.

#include "command.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include <memory>

namespace sinew::cli {

Runner add_check_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* command = app.add_subcommand("check", "Parse and check rule files; report any problems");
  command->add_option("files", *files, "Rule files or folders of .sinew files")->required();
  return [files]() -> int {
    Workspace workspace(*files);
    return workspace.ok() ? exit_ok : exit_refused;
  };
}

}  // namespace sinew::cli
