#include "expectations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace sinew::golden {

namespace fs = std::filesystem;

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string trim_right(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  return text;
}

// The text of a `// key: ...` line after the key, or nothing when the line is not one.
// Only the first space after the colon is dropped: the rest is compared as written.
bool directive(const std::string& line, std::string_view key, std::string& value) {
  static const std::regex pattern(R"(^\s*//\s*([a-z]+):(.*)$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern) || match[1].str() != key) return false;
  value = match[2].str();
  if (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return true;
}

// `<TAB>` in an expected line stands for a tab, so that `rel<TAB>3` can be written
// visibly (and survives editors that turn tabs into spaces).
std::string unescape_tabs(std::string text) {
  static const std::string tab = "<TAB>";
  for (std::size_t at; (at = text.find(tab)) != std::string::npos;)
    text.replace(at, tab.size(), "\t");
  return text;
}

}  // namespace

std::string ExpectedDiagnostic::describe() const {
  std::string text = fmt::format("{} {} @{}{}:{}", severity, code, file.empty() ? "" : file + ":",
                                 line, column);
  for (const auto& m : messages) text += fmt::format(" (message: {})", m);
  for (const auto& h : hints) text += fmt::format(" (hint: {})", h);
  for (const auto& n : notes) text += fmt::format(" (note: {})", n);
  return text;
}

CheckCase parse_check_case(std::string_view text) {
  // `// error E0301 @14:27`, `// warning W0501 @imports/x.sinew:3:7`
  static const std::regex expectation(
      R"(//\s*(error|warning)\s+([EW][0-9]{4})\s+@(?:([^\s:]+):)?([0-9]+):([0-9]+)\s*$)");
  // Anything that looks like the start of one, to catch typos in expectations.
  static const std::regex attempted(R"(//\s*(error|warning)\s+[EW][0-9])");
  CheckCase result;
  unsigned number = 0;
  for (std::string_view view : split_lines(text)) {
    ++number;
    std::string line(view);
    std::smatch match;
    if (std::regex_search(line, match, expectation)) {
      ExpectedDiagnostic expected;
      expected.severity = match[1].str();
      expected.code = match[2].str();
      expected.file = match[3].str();
      expected.line = static_cast<unsigned>(std::stoul(match[4].str()));
      expected.column = static_cast<unsigned>(std::stoul(match[5].str()));
      expected.written_at = number;
      if ((expected.severity == "error") != (expected.code.front() == 'E')) {
        result.problems.push_back(fmt::format("line {}: `{}` is not a code of an {}", number,
                                              expected.code, expected.severity));
      }
      result.diagnostics.push_back(std::move(expected));
      continue;
    }
    if (std::regex_search(line, attempted)) {
      result.problems.push_back(fmt::format(
          "line {}: malformed expectation `{}`: write `// error E0123 @line:col`", number, line));
      continue;
    }
    for (std::string_view key : {"message", "hint", "note"}) {
      std::string value;
      if (!directive(line, key, value)) continue;
      if (result.diagnostics.empty()) {
        result.problems.push_back(fmt::format(
            "line {}: `// {}:` with no `// error` or `// warning` line before it", number, key));
        break;
      }
      ExpectedDiagnostic& last = result.diagnostics.back();
      auto& list = key == "message" ? last.messages : key == "hint" ? last.hints : last.notes;
      list.push_back(trim_right(value));
    }
  }
  return result;
}

RunCase parse_run_case(std::string_view text, const std::vector<std::string>& default_args) {
  RunCase result;
  bool exit_given = false;
  unsigned number = 0;
  for (std::string_view view : split_lines(text)) {
    ++number;
    std::string line(view), value;
    if (directive(line, "args", value)) {
      std::string problem;
      result.invocations.push_back(split_arguments(value, problem));
      if (!problem.empty()) result.problems.push_back(fmt::format("line {}: {}", number, problem));
    } else if (directive(line, "exit", value)) {
      try {
        result.exit_code = std::stoi(value);
        exit_given = true;
      } catch (const std::exception&) {
        result.problems.push_back(fmt::format("line {}: `// exit:` needs a number", number));
      }
    } else if (directive(line, "expect", value)) {
      result.stdout_lines.push_back(unescape_tabs(value));
    } else if (directive(line, "stderr", value)) {
      result.stderr_parts.push_back(trim_right(value));
    }
  }
  if (result.invocations.empty()) result.invocations.push_back(default_args);
  if (exit_given && result.exit_code != 0 && result.stderr_parts.empty() &&
      result.stdout_lines.empty()) {
    result.problems.push_back(
        "a case that expects a non-zero exit code must say what explains "
        "it (`// stderr:` or `// expect:`)");
  }
  return result;
}

std::vector<std::string> split_arguments(std::string_view text, std::string& problem) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'' || c == '"') {
      std::size_t close = i + 1;
      for (; close < text.size() && text[close] != c; ++close) {
        if (c == '"' && text[close] == '\\' && close + 1 < text.size()) ++close;
        word += text[close];
      }
      if (close >= text.size()) problem = fmt::format("unclosed {} in `// args:`", c);
      i = close;
      continue;
    }
    word += c;
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::vector<fs::path> case_files(const fs::path& folder,
                                 const std::vector<std::string>& extensions) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() &&
        std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace sinew::golden
