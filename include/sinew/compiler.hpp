#pragma once
// The part of the API that reads rule files and text: load a knowledge base from its
// sources (as `sinew check` reads them) and answer `?-` queries written as text. It
// links the parser; a program that only loads compiled files needs <sinew/sinew.hpp>.

#include <sinew/sinew.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sinew {

// Reads, checks and compiles rule files and folders (a folder gives its `.sinew` files,
// recursively). When the sources have errors, the error's message holds the
// diagnostics, `file:line:col` with the source line, as `sinew check` prints them.
Result<KnowledgeBase> load_sources(const std::vector<std::string>& paths,
                                   const LoadOptions& options = {});

// Answers a `?-` query over what the knowledge base concludes on its own, as
// `sinew query KB -e TEXT --format json` does: `?- escalates(F, muscle_spasm, L).`
Result<Answers> query_text(const KnowledgeBase& knowledge_base, std::string_view text);

// A fact written as text, such as `disposition(seek_treatment_immediately)`.
Result<Fact> parse_fact(const KnowledgeBase& knowledge_base, std::string_view text);

}  // namespace sinew
