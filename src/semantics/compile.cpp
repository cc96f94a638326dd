// compile(): the front end's passes, in order.

#include "semantics/compile.hpp"

#include "column_ranges.hpp"
#include "context.hpp"
#include "rule_builder.hpp"

namespace sinew::semantics {

std::optional<ir::Program> compile(const std::vector<ast::Module>& modules,
                                   const SourceMap& sources, DiagnosticSink& sink,
                                   const CompileOptions& options) {
  ir::Program program;
  Context context(sources, sink, program, options);
  std::size_t errors_before = sink.error_count();

  declare(modules, context);        // names first, so that uses may come before declarations
  lower_clauses(modules, context);  // rules, facts, edges, tests, queries: names, types, safety
  check_citations(context);         // quotes against the sources' texts
  stratify(context);                // dependency graph, cycles through `!`, evaluation order
  warn_unused(context);             // declared but never used, used but never filled

  if (sink.error_count() > errors_before) return std::nullopt;
  return program;
}

std::optional<ir::Query> lower_query(const ast::QueryDecl& query, ir::Program& program,
                                     ast::Dialect dialect, const SourceMap& sources,
                                     DiagnosticSink& sink,
                                     const std::map<std::string, std::string>* parameters) {
  Context context(sources, sink, program, CompileOptions{});
  RuleBuilder builder(context, dialect);
  std::map<std::string, std::string> none;
  builder.set_parameters(parameters ? parameters : &none);
  std::string text;
  return builder.lower_query(query, text, ir::none);
}

std::optional<ir::Fact> lower_fact(const ast::Atom& atom, ir::Program& program,
                                   ast::Dialect dialect, const SourceMap& sources,
                                   DiagnosticSink& sink) {
  Context context(sources, sink, program, CompileOptions{});
  RuleBuilder builder(context, dialect);
  auto fact = builder.lower_fact(atom, ir::none);
  if (fact && !check_fact_in_range(context, *fact, atom)) return std::nullopt;
  return fact;
}

}  // namespace sinew::semantics
