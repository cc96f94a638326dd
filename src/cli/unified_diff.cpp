#include "unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace sinew::cli {

namespace {

// The lines of `text`; a last line without its line end carries `diff`'s remark, so that
// adding the line end shows as a change.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(std::string(text.substr(start)) + "\n\\ No newline at end of file");
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// One line of the edit script: ' ' kept, '-' removed, '+' added.
struct Edit {
  char kind;
  std::string_view line;
};

// A longest common subsequence of the lines between the common start and end, by
// dynamic programming. Past `max_cells` (very long, very different files) the middle is
// shown as all removed, then all added: still a correct diff, only a longer one.
std::vector<Edit> edit_script(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
  constexpr std::size_t max_cells = 20'000'000;
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  std::vector<Edit> edits;
  for (std::size_t i = 0; i < prefix; ++i) edits.push_back({' ', a[i]});
  if ((n + 1) * (m + 1) > max_cells) {
    for (std::size_t i = 0; i < n; ++i) edits.push_back({'-', a[prefix + i]});
    for (std::size_t j = 0; j < m; ++j) edits.push_back({'+', b[prefix + j]});
  } else {
    // common[i][j]: the longest common subsequence of a[i..] and b[j..] (middle parts).
    std::vector<std::vector<std::uint32_t>> common(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        common[i][j] = a[prefix + i] == b[prefix + j]
                           ? common[i + 1][j + 1] + 1
                           : std::max(common[i + 1][j], common[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        edits.push_back({' ', a[prefix + i]});
        ++i, ++j;
      } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
        edits.push_back({'-', a[prefix + i++]});  // removals first, as `diff -u` shows them
      } else {
        edits.push_back({'+', b[prefix + j++]});
      }
    }
  }
  for (std::size_t i = a.size() - suffix; i < a.size(); ++i) edits.push_back({' ', a[i]});
  return edits;
}

// `start,count` of a hunk's range; `diff -u` writes the line before an empty range.
std::string range(std::size_t first, std::size_t count) {
  if (count == 0) return fmt::format("{},0", first);
  if (count == 1) return fmt::format("{}", first + 1);
  return fmt::format("{},{}", first + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_name, std::string_view after_name) {
  if (before == after) return {};
  constexpr std::size_t context = 3;
  std::vector<std::string> old_lines = lines_of(before), new_lines = lines_of(after);
  std::vector<Edit> edits = edit_script(old_lines, new_lines);
  std::string out = fmt::format("--- {}\n+++ {}\n", before_name, after_name);
  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last
    // change that is at most 2 * context kept lines from the one before it.
    std::size_t start = k >= context ? k - context : 0;
    std::size_t end = k;
    while (true) {
      while (end < edits.size() && edits[end].kind != ' ') ++end;
      std::size_t kept = end;
      while (kept < edits.size() && edits[kept].kind == ' ' && kept - end < 2 * context + 1) {
        ++kept;
      }
      if (kept < edits.size() && edits[kept].kind != ' ' && kept - end <= 2 * context) {
        end = kept;
        continue;
      }
      end = std::min(edits.size(), end + context);
      break;
    }
    std::size_t old_first = 0, new_first = 0;
    for (std::size_t i = 0; i < start; ++i) {
      if (edits[i].kind != '+') ++old_first;
      if (edits[i].kind != '-') ++new_first;
    }
    std::size_t old_count = 0, new_count = 0;
    std::string body;
    for (std::size_t i = start; i < end; ++i) {
      if (edits[i].kind != '+') ++old_count;
      if (edits[i].kind != '-') ++new_count;
      body += edits[i].kind;
      body += edits[i].line;
      body += '\n';
    }
    out += fmt::format("@@ -{} +{} @@\n", range(old_first, old_count), range(new_first, new_count));
    out += body;
    k = end;
  }
  return out;
}

}  // namespace sinew::cli
