#include "repl_session.hpp"

#include "exit_codes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <new>

namespace sinew::cli {

namespace {

std::string_view trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// The command names, for `:help`, completion and "did you mean".
const std::vector<std::string> command_names = {":help",  ":load",    ":format",  ":limit", ":run",
                                                ":paths", ":explain", ":why-not", ":quit"};

}  // namespace

bool entry_complete(std::string_view text) {
  std::string_view whole = trim(text);
  if (whole.starts_with(':')) return true;
  char last = '\0';
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, 3) == "\"\"\"") {
      std::size_t close = text.find("\"\"\"", i + 3);
      if (close == std::string_view::npos) return false;  // a long text goes on
      i = close + 3;
      last = '"';
    } else if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
      // A quote left open at the end of its line is a mistake: hand the entry over,
      // so that the error says where, rather than wait for a `.` that never comes.
      if (i >= text.size() || text[i] == '\n') return true;
      ++i;
      last = '"';
    } else if (text.substr(i, 2) == "//") {
      std::size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (text.substr(i, 2) == "/*") {
      std::size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) return false;
      i = close + 2;
    } else {
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') last = text[i];
      ++i;
    }
  }
  return last == '.';
}

ReplSession::ReplSession(ReplOptions options) : options_(std::move(options)) { load(""); }

ReplSession::~ReplSession() = default;

bool ReplSession::loaded() const { return workspace_ != nullptr; }

std::string ReplSession::banner() const {
  std::string what = "no knowledge base is loaded (`:load FILES` loads one)";
  if (loaded()) {
    const ir::Program& program = workspace_->program();
    std::size_t relations = std::count_if(program.relations.begin(), program.relations.end(),
                                          [](const ir::Relation& r) { return !r.kind_membership; });
    what = fmt::format("{} relations, {} entities, {} saved queries", relations,
                       program.entities.size(), program.queries.size());
  }
  return fmt::format("Sinew: {}. End a question with `.`; `:help` for help, `:quit` to leave.\n",
                     what);
}

std::vector<std::string> ReplSession::completions() const {
  std::vector<std::string> words = command_names;
  for (const char* word : {"order", "by", "asc", "desc", "limit", "count", "sum", "min", "max",
                           "mean", "through", "all", "within", "table", "json", "csv", "tsv"}) {
    words.emplace_back(word);
  }
  if (!loaded()) return words;
  const ir::Program& program = workspace_->program();
  for (const ir::Relation& relation : program.relations) words.push_back(relation.name);
  for (const ir::Entity& entity : program.entities) {
    words.emplace_back(program.symbols.text(entity.id));
  }
  for (const ir::Scale& scale : program.scales) {
    for (SymbolId level : scale.levels) words.emplace_back(program.symbols.text(level));
  }
  for (const ir::Query& query : program.queries) {
    if (!query.name.empty()) words.push_back(query.name);
  }
  return words;
}

bool ReplSession::handle(const std::string& entry) {
  std::string_view text = trim(entry);
  if (text.empty()) return true;
  bool go_on = true;
  try {
    if (text.starts_with(':')) {
      go_on = command(text);
    } else {
      ask(std::string(text));
    }
  } catch (const std::bad_alloc&) {
    fmt::print(stderr,
               "error: out of memory for this question; the session goes on: try a "
               "narrower question, or `--max-facts`\n");
  } catch (const std::exception& e) {
    fmt::print(stderr,
               "internal error: {}\nthis is a bug in Sinew; please report it. The "
               "session goes on.\n",
               e.what());
  }
  std::fflush(stdout);
  return go_on;
}

bool ReplSession::command(std::string_view line) {
  std::size_t space = line.find_first_of(" \t");
  std::string_view name = line.substr(0, space);
  std::string_view rest = space == std::string_view::npos ? "" : trim(line.substr(space));
  if (name == ":quit" || name == ":q" || name == ":exit") return false;
  if (name == ":help" || name == ":h" || name == ":?") {
    help();
  } else if (name == ":load") {
    load(rest);
  } else if (name == ":format") {
    set_format(rest);
  } else if (name == ":limit") {
    set_limit(rest);
  } else if (name == ":run") {
    run_saved(rest);
  } else if (name == ":paths") {
    ask("?~ " + std::string(rest));
  } else if (name == ":explain") {
    explain(rest, false);
  } else if (name == ":why-not" || name == ":whynot") {
    explain(rest, true);
  } else {
    std::string hint;
    for (const std::string& known : command_names) {
      if (known.starts_with(name) || name.starts_with(known)) hint = known;
    }
    fmt::print(stderr, "error: there is no command `{}`{}; `:help` lists the commands\n", name,
               hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint));
  }
  return true;
}

void ReplSession::ask(const std::string& text) {
  if (!loaded()) {
    fmt::print(stderr,
               "error: no knowledge base is loaded: fix the errors shown, then "
               "`:load` (or `:load FILES`)\n");
    return;
  }
  auto query = typed_query(*workspace_, text, fmt::format("<input {}>", ++entries_), {});
  if (query) answer(*query);
}

void ReplSession::answer(const ir::Query& query) {
  AnswerOptions options;
  options.format = format_;
  options.display_limit = options_.display_limit;
  answerer_->answer(std::span<const ir::Query>(&query, 1), options);
}

}  // namespace sinew::cli
