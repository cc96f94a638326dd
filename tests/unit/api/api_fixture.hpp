#pragma once
// Shared by the API tests: the bundled knowledge base loaded from its sources and from
// the compiled file `sinew compile kb` writes, and a few cases for it.

#include "unit/cli/cli_helpers.hpp"

#include <sinew/compiler.hpp>
#include <sinew/sinew.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace sinew::test {

// kb/ compiled by the real binary, once, into a folder removed at exit.
inline const std::string& compiled_kb_path() {
  static TempDir folder;
  static const std::string path = [] {
    std::string out = (folder / "kb.sinewb").string();
    Outcome compiled = sinew_in_repository({"compile", "kb", "-o", out});
    INFO(compiled.describe());
    REQUIRE(compiled.exit_code == 0);
    return out;
  }();
  return path;
}

inline const KnowledgeBase& kb_from_sources() {
  static const KnowledgeBase kb = [] {
    std::filesystem::current_path(source_dir);  // origins name files as `kb/...`
    auto loaded = load_sources({"kb"});
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return kb;
}

inline const KnowledgeBase& kb_compiled() {
  static const KnowledgeBase kb = [] {
    auto loaded = KnowledgeBase::load(compiled_kb_path());
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return kb;
}

inline const std::vector<std::string> sample_cases = {
    R"({"has": ["muscle_spasm"]})",
    R"({"has": ["muscle_spasm", "chest_pain"]})",
    R"({"has": ["muscle_soreness", "injured_muscle"]})",
    R"({"has": ["muscle_spasm", "not_easing"], "duration_days": 4})",
    R"({"has": ["muscle_soreness"], "absent": {"has": ["numbness"]}})",
    R"({})",
};

}  // namespace sinew::test
