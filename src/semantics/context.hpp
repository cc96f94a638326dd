#pragma once
// Context: what the passes of the checker share while they build one program.

#include "scope.hpp"

#include "ir/program.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "support/source_map.hpp"
#include "syntax/ast.hpp"

#include <vector>

namespace sinew::semantics {

// A `@cite` waiting to be checked against its source's text.
struct PendingCitation {
  std::uint32_t source = ir::none;
  std::string quote;
  Span span;  // the quote's string literal
};

// How each relation is used, for the warnings about unused declarations.
struct RelationUse {
  Span declared;
  bool declared_by_author = false;  // false for kind and scale relations
  bool has_facts = false;
  bool has_rules = false;
  bool read = false;  // in a body, a query, a test or a directive
  Span first_read;
  bool equivalence = false;  // declared `eqrel`: closed as an equivalence relation
};

struct Context {
  Context(const SourceMap& sources_, DiagnosticSink& sink_, ir::Program& program_,
          const CompileOptions& options_)
      : sources(sources_), sink(sink_), program(program_), scope(program_), options(options_) {}

  const SourceMap& sources;
  DiagnosticSink& sink;
  ir::Program& program;
  Scope scope;
  CompileOptions options;

  std::vector<RelationUse> uses;  // by RelationId
  std::vector<PendingCitation> citations;
  std::vector<Span> rule_spans;  // by RuleId: the clause, for stratification messages
  std::vector<std::vector<Span>> rule_literal_spans;  // by RuleId, by body literal

  // An origin for a statement, with its annotations (citations are queued for checking).
  ir::OriginId make_origin(const ast::Statement& statement, std::string rule_name = {});
  RelationUse& use(ir::RelationId id);
};

// The passes, in the order `compile` runs them.
void declare(const std::vector<ast::Module>& modules, Context& context);
void lower_clauses(const std::vector<ast::Module>& modules, Context& context);
void check_citations(Context& context);
void stratify(Context& context);
void warn_unused(Context& context);

}  // namespace sinew::semantics
