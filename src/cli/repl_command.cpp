// `sinew repl FILES... [-F FACTDIR]`: ask questions one after another. On a terminal,
// with line editing, history (`~/.sinew_history`) and Tab completion; from a pipe or
// a file, line by line without a prompt.

#include "command.hpp"
#include "exit_codes.hpp"
#include "repl_input.hpp"
#include "repl_session.hpp"

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

namespace {

bool blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

bool starts_command(const std::string& line) {
  std::size_t first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] == ':';
}

// A query over several lines is one entry of the history, on one line.
std::string one_line(std::string entry) {
  while (!entry.empty() && entry.back() == '\n') entry.pop_back();
  for (char& c : entry) {
    if (c == '\n') c = ' ';
  }
  return entry;
}

int run_repl(const ReplOptions& options) {
  ReplSession session(options);
  std::unique_ptr<ReplInput> reader = make_repl_input(default_history_path());
  if (reader->interactive()) fmt::print("{}", session.banner());
  std::size_t generation = session.generation();
  reader->set_completions(session.completions());
  std::string entry;
  while (true) {
    auto line = reader->read(entry.empty() ? "sinew> " : "  ...> ");
    if (!line) {
      // The end of the input ends the entry too: a last query may leave out its `.`.
      if (!entry.empty()) session.handle(entry);
      if (reader->interactive()) fmt::print("\n");
      break;
    }
    if (entry.empty() && blank(*line)) continue;
    if (entry.empty() && starts_command(*line)) {
      reader->remember(*line);
      if (!session.handle(*line)) break;
    } else {
      entry += *line + '\n';
      if (!entry_complete(entry)) continue;
      reader->remember(one_line(entry));
      bool go_on = session.handle(entry);
      entry.clear();
      if (!go_on) break;
    }
    if (session.generation() != generation) {
      generation = session.generation();
      reader->set_completions(session.completions());
    }
  }
  return exit_ok;
}

}  // namespace

Runner add_repl_command(CLI::App& app) {
  auto options = std::make_shared<ReplOptions>();
  auto* command = app.add_subcommand(
      "repl", "Ask questions one after another, with line editing, history and completion");
  command->add_option("files", options->files, "Rule files or folders (`:load` reads them again)");
  command->add_option("--limit", options->display_limit,
                      "Show at most this many answers of a question (default 50; 0: all)");
  options->evaluation.add_to(*command);
  return [options]() -> int { return run_repl(*options); };
}

}  // namespace sinew::cli
