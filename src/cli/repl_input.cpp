#include "repl_input.hpp"

#include <editline/readline.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace sinew::cli {

namespace {

// libedit's readline interface calls completion back through plain C functions with no
// pointer of ours, so the words live here while a TerminalReader exists (at most one
// does: there is one terminal).
const std::vector<std::string>* completion_words = nullptr;

char* next_completion(const char* text, int state) {
  static std::size_t next = 0;
  if (state == 0) next = 0;
  if (completion_words == nullptr) return nullptr;
  std::size_t length = std::strlen(text);
  while (next < completion_words->size()) {
    const std::string& word = (*completion_words)[next++];
    if (word.compare(0, length, text) == 0) return ::strdup(word.c_str());
  }
  return nullptr;
}

char** complete(const char* text, int, int) {
  rl_attempted_completion_over = 1;  // never fall back to file names
  return rl_completion_matches(text, next_completion);
}

class TerminalReader : public ReplInput {
 public:
  explicit TerminalReader(std::string history_path) : history_path_(std::move(history_path)) {
    rl_readline_name = "sinew";
    rl_attempted_completion_function = complete;
    // `:` and `_` belong to words (`:load`, `muscle_spasm`); brackets and signs do not.
    rl_basic_word_break_characters = " \t\n\"(),;!=<>~$";
    rl_completer_word_break_characters = const_cast<char*>(rl_basic_word_break_characters);
    using_history();
    stifle_history(1000);
    if (!history_path_.empty()) read_history(history_path_.c_str());
    completion_words = &words_;
  }
  ~TerminalReader() override {
    completion_words = nullptr;
    rl_attempted_completion_function = nullptr;
  }
  TerminalReader(const TerminalReader&) = delete;
  TerminalReader& operator=(const TerminalReader&) = delete;

  std::optional<std::string> read(const std::string& prompt) override {
    char* line = ::readline(prompt.c_str());
    if (line == nullptr) return std::nullopt;
    std::string text(line);
    std::free(line);
    return text;
  }

  void remember(const std::string& entry) override {
    if (entry.empty()) return;
    add_history(entry.c_str());
    // Written at once, so that a session that ends abruptly keeps its history.
    if (!history_path_.empty()) write_history(history_path_.c_str());
  }

  void set_completions(std::vector<std::string> words) override {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    words_ = std::move(words);
  }

  bool interactive() const override { return true; }

 private:
  std::string history_path_;
  std::vector<std::string> words_;
};

class PlainReader : public ReplInput {
 public:
  std::optional<std::string> read(const std::string&) override {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  void remember(const std::string&) override {}
  void set_completions(std::vector<std::string>) override {}
  bool interactive() const override { return false; }
};

}  // namespace

std::unique_ptr<ReplInput> make_repl_input(const std::string& history_path) {
  if (::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) {
    return std::make_unique<TerminalReader>(history_path);
  }
  return std::make_unique<PlainReader>();
}

std::string default_history_path() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.sinew_history";
}

}  // namespace sinew::cli
