#pragma once
// The REPL's session: the knowledge base it has loaded, how it prints, and what each
// entry does. An entry is a command (`:help`, one line) or a query (`?-`, `?~`, or a
// body alone), which may span lines until its final `.`.
//
// Nothing that goes wrong in an entry ends the session: syntax errors, unknown names,
// a query that stops at a limit, a file that no longer checks on `:load`, even an
// internal error, are printed with the usual diagnostics and the session goes on.

#include "answering.hpp"
#include "evaluation.hpp"
#include "workspace.hpp"

#include "query/render.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::cli {

struct ReplOptions {
  std::vector<std::string> files;
  EvaluationOptions evaluation;
  std::size_t display_limit = 50;  // answers shown before "showing 50 of ..."
};

// Whether `text` is a whole entry: a command, or a query whose last sign (outside
// quoted text and comments) is its final `.`.
bool entry_complete(std::string_view text);

class ReplSession {
 public:
  explicit ReplSession(ReplOptions options);
  ~ReplSession();

  // Handles one entry; false when it asks to end the session (`:quit`).
  bool handle(const std::string& entry);

  // The words Tab completes: commands, relations, entities, levels, saved queries.
  std::vector<std::string> completions() const;
  // Changes whenever another knowledge base is loaded (completions change with it).
  std::size_t generation() const { return generation_; }
  // One line about what is loaded, for the start of an interactive session.
  std::string banner() const;

 private:
  bool command(std::string_view line);
  void ask(const std::string& text);
  void answer(const ir::Query& query);
  bool loaded() const;

  // The commands (repl_commands.cpp), each given the rest of its line.
  void help();
  void load(std::string_view files);
  void set_format(std::string_view name);
  void set_limit(std::string_view count);
  void run_saved(std::string_view rest);
  void explain(std::string_view fact, bool asked_why_not);
  std::optional<ir::Fact> typed_fact(std::string_view text);

  ReplOptions options_;
  std::unique_ptr<Workspace> workspace_;  // null while no knowledge base checks
  std::unique_ptr<Answerer> answerer_;
  query::Format format_ = query::Format::table;
  std::size_t entries_ = 0;  // numbers typed text in diagnostics: `<input 3>`
  std::size_t generation_ = 0;
};

}  // namespace sinew::cli
