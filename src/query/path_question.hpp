#pragma once
// Path questions (`?~ lupus ~ seek_treatment_immediately.`): their paths through the
// knowledge graph, and how the paths read in each output format.

#include "engine/database.hpp"
#include "ir/program.hpp"
#include "query/knowledge_graph.hpp"
#include "query/render.hpp"
#include "support/diagnostics.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sinew::query {

// The paths a question asks for: one shortest path, or with `all` every simple path
// (shortest first), of at most `max_length` edges. An end that is not an entity of the
// graph is reported to `sink` (E0202, with the nearest names) and gives nullopt; two
// ends that are the same entity too (E0904). Two entities that are not connected give
// an empty list.
// The search for all simple paths stops at `deadline` with the paths found by then:
// the caller checks the clock and must not show them as complete.
std::optional<std::vector<Path>> answer_path(
    const KnowledgeGraph& graph, const ir::PathQuestion& question, DiagnosticSink& sink,
    std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt);

// `table`: each path (`path 2 of 3, 4 edges` when there are several) as `sinew path`
// prints it, one edge a line with the fact, where it is stated and what it cites; or
// one sentence when there is no path.
// `json`: an array of paths, each `{"path": 1, "edges": [{"from", "relation", "to",
// "reversed", "fact", "file", "line", "rule", "citations": [{"source", "quote"}]}]}`.
// `csv`/`tsv`: the header `path, step, from, relation, to, fact, stated, cites`, then
// one line per edge (`stated` is `file:line`, `cites` is `source: "quote"`, several
// joined by ` | `).
std::string render_paths(const ir::Program& program, const engine::Database& database,
                         const KnowledgeGraph& graph, const ir::PathQuestion& question,
                         const std::vector<Path>& paths, Format format);

}  // namespace sinew::query
