#pragma once
// The analysis over every case (`check --deep`, `lint`) as diagnostics, and diagnostics
// as JSON for tools.

#include "workspace.hpp"

#include "support/diagnostics.hpp"
#include "support/source_map.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sinew::cli {

// Runs the analysis of src/analysis on the workspace's program and adds its findings.
// Returns one line that says what it covered, for people.
std::string add_deep_findings(Workspace& workspace, DiagnosticSink& sink);

// `{"diagnostics": [{"code", "severity", "message", "file", "line", "column", "notes",
// "hint"}], "errors": N, "warnings": N}`, in display order.
nlohmann::ordered_json diagnostics_json(const SourceMap& sources, const DiagnosticSink& sink);

// Each sentence of each source with the statements that cite it: for people, and
// `[{"source", "title", "sentences": [{"text", "cited_by": ["rule or file:line"]}],
// "cited", "total"}]` for tools.
std::string source_coverage_text(const ir::Program& program);
nlohmann::ordered_json source_coverage_json(const ir::Program& program);

}  // namespace sinew::cli
