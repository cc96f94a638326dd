#include "analysis/source_coverage.hpp"

#include "support/quote_parts.hpp"

#include <algorithm>

namespace sinew::analysis {

namespace {

// The sentences of a text, squeezed, with where each starts and ends in the squeezed
// text as a whole (the sentences joined by single spaces).
struct Sentences {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::vector<std::string> sentences;

  void add(std::string_view raw) {
    std::string sentence = squeeze_whitespace(raw);
    if (sentence.empty()) return;
    if (!text.empty()) text += ' ';
    ranges.emplace_back(text.size(), text.size() + sentence.size());
    text += sentence;
    sentences.push_back(std::move(sentence));
  }
};

Sentences split(std::string_view text) {
  Sentences out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool line_end = c == '\n';
    bool sentence_end = (c == '.' || c == '!' || c == '?') &&
                        (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
    if (!line_end && !sentence_end) continue;
    out.add(text.substr(start, i + 1 - start));
    start = i + 1;
  }
  out.add(text.substr(start));
  return out;
}

}  // namespace

std::size_t SourceCoverage::cited() const {
  return static_cast<std::size_t>(std::count_if(sentences.begin(), sentences.end(),
                                                [](const auto& s) { return !s.cited_by.empty(); }));
}

std::vector<SourceCoverage> source_coverage(const ir::Program& program) {
  std::vector<SourceCoverage> out;
  for (std::uint32_t s = 0; s < program.sources.size(); ++s) {
    const ir::Source& source = program.sources[s];
    if (!source.text) continue;
    Sentences sentences = split(*source.text);
    SourceCoverage coverage;
    coverage.source = s;
    for (std::string& sentence : sentences.sentences)
      coverage.sentences.push_back({std::move(sentence), {}});
    for (ir::OriginId id = 0; id < program.origins.size(); ++id) {
      for (const ir::Citation& citation : program.origins[id].citations) {
        if (citation.source != s) continue;
        std::size_t from = 0;
        for (const std::string& part : quote_parts(citation.quote)) {
          std::size_t at = sentences.text.find(part, from);
          if (at == std::string::npos) break;  // the checker reports such a quote
          from = at + part.size();
          for (std::size_t k = 0; k < sentences.ranges.size(); ++k) {
            auto [begin, end] = sentences.ranges[k];
            if (begin < from && at < end) {
              auto& by = coverage.sentences[k].cited_by;
              if (by.empty() || by.back() != id) by.push_back(id);
            }
          }
        }
      }
    }
    out.push_back(std::move(coverage));
  }
  return out;
}

}  // namespace sinew::analysis
