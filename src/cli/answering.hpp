#pragma once
// Answering queries for `sinew query` and the REPL: `?-` questions through their answer
// relations, `?~` path questions over the knowledge graph, saved queries with their
// `$parameters`, and what each prints.

#include "evaluation.hpp"
#include "workspace.hpp"

#include "engine/database.hpp"
#include "query/answers.hpp"
#include "query/knowledge_graph.hpp"
#include "query/render.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sinew::cli {

using Parameters = std::map<std::string, std::string>;

// `NAME=VALUE` pairs of `--param` (or of the REPL's `:run`); nullopt after printing why.
std::optional<Parameters> parse_parameters(const std::vector<std::string>& pairs);

// A query typed by the user (`-e`, a REPL line), parsed and checked against the
// program; nullopt after printing the diagnostics. `origin` names the text in them.
std::optional<ir::Query> typed_query(Workspace& workspace, const std::string& text,
                                     const std::string& origin, const Parameters& parameters);

// A fact typed by the user (`explain -e`, the REPL's `:explain`), parsed and checked
// against the program; nullopt after printing the diagnostics.
std::optional<ir::Fact> typed_fact(Workspace& workspace, const std::string& text,
                                   const std::string& origin);

// A saved query, ready to run: one that waits for `$parameter` values is lowered again
// from its syntax tree with `parameters` (a missing one is an error naming it).
std::optional<ir::Query> ready_query(Workspace& workspace, const ir::Query& saved,
                                     const Parameters& parameters);

// What to print and how.
struct AnswerOptions {
  query::Format format = query::Format::table;
  bool headings = false;          // the query's text above each answer (several queries)
  std::size_t display_limit = 0;  // show at most this many answers (0: all), and say so
  bool explain = false;           // after each answer shown, why its facts hold (text)
  std::FILE* out = stdout;
  std::string* into = nullptr;  // when set, the text is collected here instead
};

// Answers queries against one workspace. The evaluation that path questions (and
// explanations) need, the whole program with provenance, is made once and kept.
class Answerer {
 public:
  Answerer(Workspace& workspace, EvaluationOptions evaluation)
      : workspace_(workspace), evaluation_(std::move(evaluation)) {}

  // Prints the answers of each query; returns an exit code (0: every one answered).
  int answer(std::span<const ir::Query> queries, const AnswerOptions& options);

  // The program evaluated without a case, with provenance; nullptr after printing why
  // the evaluation stopped (`code` then holds the exit code).
  engine::Database* knowledge(int& code);
  // The knowledge graph of that evaluation.
  const query::KnowledgeGraph* graph(int& code);

 private:
  int show_table(query::Table table, const SymbolTable& symbols, const AnswerOptions& options);
  int answer_path(const ir::Query& query, const AnswerOptions& options);
  int explain_answers(const ir::Query& query, const query::Table& table,
                      const AnswerOptions& options);
  void print(const AnswerOptions& options, const std::string& text) const;

  Workspace& workspace_;
  EvaluationOptions evaluation_;
  // When the questions of one `answer` must be done by (`--timeout`).
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::unique_ptr<engine::Database> knowledge_;
  std::size_t knowledge_symbols_ = 0;  // the program's symbols when it was made
  std::unique_ptr<query::KnowledgeGraph> graph_;
};

// The answers of several queries, each rendered as JSON, as one JSON object from each
// query's name (or its text) to its answers.
std::string one_json_document(std::span<const ir::Query> queries,
                              std::vector<std::string>& answers);

// `1234567` as `1,234,567`.
std::string with_thousands(std::size_t n);

}  // namespace sinew::cli
