// The citations pass: every `@cite` quote must occur in its source's text.
//
// Whitespace does not count (line breaks in the document are not the author's), and
// `...` (or `…`) in a quote skips words: each part must occur, in order.

#include "context.hpp"

#include "support/quote_parts.hpp"

#include <fmt/format.h>

#include <map>

namespace sinew::semantics {

namespace {

// The longest run of leading words of `part` found in `text` from `from` on.
std::string longest_found_prefix(const std::string& text, const std::string& part,
                                 std::size_t from) {
  std::string best;
  for (std::size_t end = part.find(' ');; end = part.find(' ', end + 1)) {
    std::string prefix = part.substr(0, end);
    if (text.find(prefix, from) == std::string::npos) break;
    best = prefix;
    if (end == std::string::npos) break;
  }
  return best;
}

}  // namespace

void check_citations(Context& context) {
  std::map<std::uint32_t, std::string> texts;  // squeezed source texts
  std::map<std::uint32_t, std::size_t> unchecked;
  std::map<std::uint32_t, Span> first_unchecked;
  for (const PendingCitation& citation : context.citations) {
    const ir::Source& source = context.program.sources[citation.source];
    if (!source.text) {
      // A `file` that could not be read was reported already (E0602).
      if (source.file.empty() && unchecked[citation.source]++ == 0) {
        first_unchecked[citation.source] = citation.span;
      }
      continue;
    }
    auto [it, fresh] = texts.try_emplace(citation.source);
    if (fresh) it->second = squeeze_whitespace(*source.text);
    const std::string& text = it->second;

    std::size_t from = 0;
    for (const std::string& part : quote_parts(citation.quote)) {
      std::size_t at = text.find(part, from);
      if (at != std::string::npos) {
        from = at + part.size();
        continue;
      }
      auto& diagnostic = context.sink.report(
          codes::quote_not_found, citation.span,
          fmt::format("this quote does not occur in the text of source `{}`", source.id));
      std::string found = longest_found_prefix(text, part, from);
      if (!found.empty()) {
        diagnostic.notes.push_back(
            fmt::format("the source has \"{}\" but not what the quote says next: \"{}\"", found,
                        part.substr(found.size() + (found.size() < part.size() ? 1 : 0))));
      } else if (text.find(part) != std::string::npos) {
        diagnostic.notes.push_back(
            "this part occurs in the source, but before the part quoted ahead of it");
      }
      diagnostic.hint = "copy the sentence exactly from the source; leave words out with `...`";
      break;
    }
  }
  for (const auto& [source, count] : unchecked) {
    const ir::Source& declared = context.program.sources[source];
    auto& diagnostic = context.sink.report(
        codes::quote_unchecked, first_unchecked[source],
        fmt::format("{} quote{} of source `{}` could not be checked: the source gives no text",
                    count, count == 1 ? "" : "s", declared.id));
    diagnostic.hint = "add `file \"path/to/text.txt\"` or `text \"\"\"...\"\"\"` to the source";
  }
}

}  // namespace sinew::semantics
