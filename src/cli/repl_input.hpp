#pragma once
// Where the REPL's lines come from: a terminal, with line editing, history and tab
// completion (libedit), or any other standard input, read line by line without a
// prompt (so that tests and scripts can drive the REPL through a pipe).

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sinew::cli {

class ReplInput {
 public:
  virtual ~ReplInput() = default;
  // The next line without its line break; nullopt at the end of the input (Ctrl-D).
  virtual std::optional<std::string> read(const std::string& prompt) = 0;
  // Remembers an entry (a query over several lines is one entry) in the history.
  virtual void remember(const std::string& entry) = 0;
  // The words that Tab completes (relation, entity and command names), sorted.
  virtual void set_completions(std::vector<std::string> words) = 0;
  virtual bool interactive() const = 0;
};

// A terminal reader when standard input is a terminal, else a plain one. The terminal
// reader keeps its history in `history_path` (`~/.sinew_history`; empty: none).
std::unique_ptr<ReplInput> make_repl_input(const std::string& history_path);

// `$HOME/.sinew_history`, or empty when there is no home.
std::string default_history_path();

}  // namespace sinew::cli
