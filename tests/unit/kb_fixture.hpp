#pragma once
// Test helper: the bundled knowledge base, checked, evaluated for a case with provenance.

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sinew::testing {

// Origins name files as given, so the knowledge base is read as `kb` from the
// repository's root: the same paths as `sinew explain kb ...` prints.
inline const ir::Program& kb_program() {
  static const ir::Program program = [] {
    std::filesystem::current_path(SINEW_SOURCE_DIR);
    SourceMap sources;
    DiagnosticSink sink;
    auto modules = semantics::load_modules({"kb"}, sources, sink);
    auto compiled = semantics::compile(modules, sources, sink);
    INFO(render_all(sources, sink));
    REQUIRE(compiled.has_value());
    return std::move(*compiled);
  }();
  return program;
}

inline ir::Value symbol(const ir::Program& program, std::string_view text) {
  auto id = program.symbols.find(text);
  REQUIRE(id.has_value());
  return *id;
}

inline ir::RelationId relation(const ir::Program& program, std::string_view name) {
  auto id = program.find_relation(name);
  REQUIRE(id.has_value());
  return *id;
}

// The database of one case: `has` findings and an optional duration, evaluated.
inline std::unique_ptr<engine::Database> evaluate_case(const ir::Program& program,
                                                       const std::vector<std::string>& findings,
                                                       std::optional<std::int64_t> days = {}) {
  auto database = std::make_unique<engine::Database>(program);
  database->enable_provenance();
  for (const std::string& finding : findings) {
    ir::Value value = symbol(program, finding);
    database->insert(relation(program, "has"), std::span(&value, 1));
  }
  if (days) {
    ir::Value value = static_cast<ir::Value>(*days);
    database->insert(relation(program, "duration_days"), std::span(&value, 1));
  }
  REQUIRE_FALSE(engine::evaluate(program, *database).has_value());
  return database;
}

}  // namespace sinew::testing
