#include "query/path_question.hpp"

#include "engine/value.hpp"
#include "support/similar.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sinew::query {

namespace {

// What one step of a path says, in words every format shares.
struct Step {
  std::string from, relation, to;
  bool reversed = false;
  std::string fact;        // `may_cause(lupus, muscle_soreness)`
  std::string file, rule;  // where the fact is stated (or derived)
  std::uint32_t line = 0;
  std::vector<std::pair<std::string, std::string>> citations;  // source, quote
};

Step describe_step(const ir::Program& program, const engine::Database& database,
                   const KnowledgeGraph& graph, std::uint32_t edge_number, bool reversed) {
  const GraphEdge& edge = graph.edges()[edge_number];
  const ir::Relation& relation = program.relations[edge.relation];
  Step step;
  step.from = graph.name(reversed ? edge.to : edge.from);
  step.to = graph.name(reversed ? edge.from : edge.to);
  step.relation = relation.name;
  step.reversed = reversed;
  step.fact = relation.name + "(";
  auto tuple = database.row(edge.relation, edge.row);
  for (std::size_t c = 0; c < tuple.size(); ++c) {
    if (c) step.fact += ", ";
    step.fact += engine::format_value(database.symbols(), relation.columns[c].type, tuple[c]);
  }
  step.fact += ")";
  if (edge.origin != ir::none) {
    ir::OriginView origin = program.origins[edge.origin];
    step.file = origin.file;
    step.line = origin.line;
    step.rule = origin.rule_name;
    for (const ir::Citation& citation : origin.citations) {
      step.citations.emplace_back(program.sources[citation.source].id, citation.quote);
    }
  }
  return step;
}

std::string no_path(const ir::Program& program, const ir::PathQuestion& question) {
  std::string through;
  for (std::size_t i = 0; i < question.through.size(); ++i) {
    through += fmt::format("{}`{}`", i == 0 ? " through " : ", ",
                           program.relations[question.through[i]].name);
  }
  std::string within = fmt::format("within {} edge{}", question.max_length,
                                   question.max_length == 1 ? "" : "s");
  if (question.directed) {
    return fmt::format("no path leads from `{}` to `{}` along the edges{} {}\n", question.from,
                       question.to, through, within);
  }
  return fmt::format("`{}` and `{}` are not connected{} {}\n", question.from, question.to, through,
                     within);
}

}  // namespace

std::optional<std::vector<Path>> answer_path(
    const KnowledgeGraph& graph, const ir::PathQuestion& question, DiagnosticSink& sink,
    std::optional<std::chrono::steady_clock::time_point> deadline) {
  auto find = [&](const std::string& name, Span span) -> std::optional<std::uint32_t> {
    if (auto node = graph.node(name)) return node;
    std::vector<std::string> names;
    for (std::uint32_t n = 0; n < graph.node_count(); ++n) names.emplace_back(graph.name(n));
    auto& diagnostic = sink.report(
        codes::unknown_entity, span,
        fmt::format("`{}` is not an entity of the knowledge graph: no fact mentions it", name));
    diagnostic.hint = did_you_mean(name, names);
    return std::nullopt;
  };
  auto from = find(question.from, question.from_span);
  auto to = find(question.to, question.to_span);
  if (!from || !to) return std::nullopt;
  if (*from == *to) {
    sink.report(codes::bad_path_question, question.to_span,
                fmt::format("both ends of this path are `{}`: ask how it is connected to "
                            "another entity",
                            question.to));
    return std::nullopt;
  }
  PathOptions options;
  options.directed = question.directed;
  options.through = question.through;
  options.max_length = question.max_length;
  options.deadline = deadline;
  std::vector<Path> paths;
  if (question.all) {
    paths = graph.simple_paths(*from, *to, options);
  } else if (auto path = graph.shortest_path(*from, *to, options)) {
    paths.push_back(std::move(*path));
  }
  return paths;
}

std::string render_paths(const ir::Program& program, const engine::Database& database,
                         const KnowledgeGraph& graph, const ir::PathQuestion& question,
                         const std::vector<Path>& paths, Format format) {
  auto steps = [&](const Path& path) {
    std::vector<Step> out;
    for (std::size_t i = 0; i < path.edges.size(); ++i) {
      out.push_back(describe_step(program, database, graph, path.edges[i], path.reversed[i]));
    }
    return out;
  };
  switch (format) {
    case Format::table: {
      if (paths.empty()) return no_path(program, question);
      std::string out;
      for (std::size_t i = 0; i < paths.size(); ++i) {
        if (paths.size() > 1) {
          out += fmt::format("{}path {} of {}, {} edge{}\n", i ? "\n" : "", i + 1, paths.size(),
                             paths[i].edges.size(), paths[i].edges.size() == 1 ? "" : "s");
        }
        out += graph.describe(paths[i]);
      }
      return out;
    }
    case Format::json: {
      nlohmann::ordered_json array = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < paths.size(); ++i) {
        nlohmann::ordered_json edges = nlohmann::ordered_json::array();
        for (const Step& step : steps(paths[i])) {
          nlohmann::ordered_json citations = nlohmann::ordered_json::array();
          for (const auto& [source, quote] : step.citations) {
            citations.push_back({{"source", source}, {"quote", quote}});
          }
          edges.push_back({{"from", step.from},
                           {"relation", step.relation},
                           {"to", step.to},
                           {"reversed", step.reversed},
                           {"fact", step.fact},
                           {"file", step.file},
                           {"line", step.line},
                           {"rule", step.rule},
                           {"citations", std::move(citations)}});
        }
        array.push_back({{"path", i + 1}, {"edges", std::move(edges)}});
      }
      return array.dump() + "\n";
    }
    case Format::csv:
    case Format::tsv: {
      std::vector<std::string> header = {"path", "step", "from",   "relation",
                                         "to",   "fact", "stated", "cites"};
      std::string out;
      append_separated_line(out, header, format);
      for (std::size_t i = 0; i < paths.size(); ++i) {
        std::size_t number = 0;
        for (const Step& step : steps(paths[i])) {
          std::string cites;
          for (const auto& [source, quote] : step.citations) {
            cites += fmt::format("{}{}: \"{}\"", cites.empty() ? "" : " | ", source, quote);
          }
          std::string stated = step.file.empty() ? "" : fmt::format("{}:{}", step.file, step.line);
          append_separated_line(out,
                                {std::to_string(i + 1), std::to_string(++number), step.from,
                                 step.relation, step.to, step.fact, stated, cites},
                                format);
        }
      }
      return out;
    }
  }
  return {};
}

}  // namespace sinew::query
