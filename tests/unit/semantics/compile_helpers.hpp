#pragma once
// Helpers of the semantics tests: compile a program from text, find its rules and
// facts by relation name, print them.

#include "ir/printer.hpp"
#include "ir/program.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "syntax/parser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace sinew::test {

struct Compiled {
  SourceMap sources;
  DiagnosticSink sink;
  std::optional<ir::Program> program;

  std::string diagnostics() const { return render_all(sources, sink); }
  // Every diagnostic as `E0401@3:9`, in display order.
  std::vector<std::string> codes() const {
    std::vector<std::string> list;
    for (const Diagnostic& d : sink.sorted()) {
      LineCol at = sources.line_col(d.primary.span);
      list.push_back(std::string(d.code->id) + "@" + std::to_string(at.line) + ":" +
                     std::to_string(at.column));
    }
    return list;
  }
};

// Parses and checks `text` as the file `name` (its extension picks the dialect).
inline Compiled compile(const std::string& text, const std::string& name = "test.sinew") {
  Compiled compiled;
  FileId file = compiled.sources.add(name, text);
  syntax::ParseOptions options;
  options.dialect = syntax::dialect_for_path(name);
  std::vector<ast::Module> modules{
      syntax::parse_module(compiled.sources, file, compiled.sink, options)};
  compiled.program = semantics::compile(modules, compiled.sources, compiled.sink);
  return compiled;
}

// A program that must check without any diagnostic, warnings included.
inline ir::Program compile_clean(const std::string& text, const std::string& name = "test.sinew") {
  Compiled compiled = compile(text, name);
  INFO(compiled.diagnostics());
  REQUIRE(compiled.sink.empty());
  REQUIRE(compiled.program.has_value());
  return std::move(*compiled.program);
}

inline ir::RelationId relation_id(const ir::Program& program, std::string_view name) {
  auto id = program.find_relation(name);
  INFO("relation " << name);
  REQUIRE(id.has_value());
  return *id;
}

// The rules that conclude `name`, in program order.
inline std::vector<const ir::Rule*> rules_for(const ir::Program& program, std::string_view name) {
  ir::RelationId id = relation_id(program, name);
  std::vector<const ir::Rule*> rules;
  for (const ir::Rule& rule : program.rules) {
    if (rule.head == id) rules.push_back(&rule);
  }
  return rules;
}

// The printed rules that conclude `name`: `q(X) :- p(X).`
inline std::vector<std::string> printed_rules(const ir::Program& program, std::string_view name) {
  std::vector<std::string> printed;
  for (const ir::Rule* rule : rules_for(program, name)) {
    printed.push_back(ir::print_rule(program, *rule));
  }
  return printed;
}

// The facts of `name`, each value printed as in a facts file: {"\"a\"", "1"}.
inline std::vector<std::vector<std::string>> facts_of(const ir::Program& program,
                                                      std::string_view name) {
  ir::RelationId id = relation_id(program, name);
  const ir::Relation& relation = program.relations[id];
  std::vector<std::vector<std::string>> facts;
  for (ir::FactRef fact : program.facts) {
    if (fact.relation != id) continue;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < fact.values.size(); ++i) {
      values.push_back(ir::print_value(program, relation.columns[i].type, fact.values[i]));
    }
    facts.push_back(std::move(values));
  }
  std::sort(facts.begin(), facts.end());
  return facts;
}

inline ir::Value symbol(const ir::Program& program, std::string_view text) {
  auto id = program.symbols.find(text);
  INFO("symbol " << text);
  REQUIRE(id.has_value());
  return *id;
}

}  // namespace sinew::test
