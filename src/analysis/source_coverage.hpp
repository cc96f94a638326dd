#pragma once
// The coverage of a source (`sinew check --source-coverage`): each sentence of a source's
// text with the statements that cite it, so that an author sees what of an article is
// not yet encoded. A quote is found as the checker finds it (support/quote_parts.hpp).

#include "ir/program.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sinew::analysis {

struct CitedSentence {
  std::string text;                    // whitespace squeezed
  std::vector<ir::OriginId> cited_by;  // increasing, each once
};

struct SourceCoverage {
  std::uint32_t source = 0;  // index into Program::sources
  std::vector<CitedSentence> sentences;
  std::size_t cited() const;
};

// One entry per source that has a text, in declaration order. Sentences end at `.`, `!`
// or `?` before a space, and at the end of a line.
std::vector<SourceCoverage> source_coverage(const ir::Program& program);

}  // namespace sinew::analysis
