// The brute-force oracle for the analysis over every case (`sinew check --deep`).
//
// For each generated knowledge base (the shape of kb/: findings, a number compared with
// thresholds, helpers with negation, `advise`, a `max` disposition, and one `exclusive`
// statement), every case is evaluated by the engine: each subset of the findings, with
// the number absent or at every value from -1 to 10 (the thresholds are 2, 5 and 8). From
// that table alone come the answers, which the analysis must give exactly:
//
// - a rule never fires (W1001) when a copy of its body, as a rule of its own, derives
//   nothing in any case;
// - an output fact some rule could conclude is never reached (W1002) when no case has it;
// - a rule never decides (W1003) when it fires in some case and the knowledge base
//   without it gives every case the same outputs;
// - the exclusive facts hold together (E1001) when some case has both, and then the
//   analysis's example case must have both too.
//
//   analysis_oracle [--generated COUNT] [--seed S] [--findings MIN MAX]

#include "../needed/generated_kb.hpp"

#include "analysis/deep_check.hpp"
#include "analysis/grounding.hpp"
#include "engine/cases.hpp"
#include "engine/database.hpp"
#include "explain/explain_support.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "syntax/parser.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace sinew;

std::optional<ir::Program> compile(const std::string& text, std::string& errors) {
  SourceMap sources;
  DiagnosticSink sink;
  FileId file = sources.add("generated.sinew", text);
  std::vector<ast::Module> modules{syntax::parse_module(sources, file, sink)};
  semantics::CompileOptions options;
  options.require_citations = false;
  auto program = semantics::compile(modules, sources, sink, options);
  if (!program) errors = render_all(sources, sink);
  return program;
}

struct Rule {
  std::string name, head, body;
};

std::vector<Rule> rules_of(const std::string& text) {
  std::vector<Rule> out;
  std::regex rule(R"(rule (r\d+)\n  (.+?) :- (.+)\.\n)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), rule); it != std::sregex_iterator();
       ++it) {
    out.push_back({(*it)[1], (*it)[2], (*it)[3]});
  }
  return out;
}

// Every case's outputs (as text) and the marker relations that hold in it.
struct Table {
  std::vector<std::set<std::string>> outputs;
  std::vector<std::set<std::string>> markers;
};

struct CaseSpace {
  std::size_t findings = 0;
  static constexpr std::int64_t low = -1, high = 10;
  std::size_t size() const { return (std::size_t{1} << findings) * (high - low + 2); }
};

Table evaluate_all(const ir::Program& program, const CaseSpace& space) {
  engine::CaseEvaluator evaluator(program);
  if (evaluator.prepare(engine::Database(program))) throw std::runtime_error("base failed");
  engine::CaseWorker worker(evaluator);
  ir::RelationId has = *program.find_relation("has");
  ir::RelationId n = *program.find_relation("n");
  Table table;
  const SymbolTable& symbols = evaluator.base().symbols();
  for (std::size_t mask = 0; mask < (std::size_t{1} << space.findings); ++mask) {
    for (std::int64_t value = CaseSpace::low - 1; value <= CaseSpace::high; ++value) {
      worker.clear();
      for (std::size_t f = 0; f < space.findings; ++f) {
        if (!(mask >> f & 1)) continue;
        ir::Value id = *symbols.find("f" + std::to_string(f));
        worker.insert(has, std::vector<ir::Value>{id});
      }
      if (value >= CaseSpace::low)
        worker.insert(n, std::vector<ir::Value>{static_cast<ir::Value>(value)});
      if (worker.run()) throw std::runtime_error("a case failed");
      std::set<std::string> outputs, markers;
      for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
        const ir::Relation& relation = program.relations[r];
        if (relation.name.starts_with("fired_") && worker.database().size(r) > 0)
          markers.insert(relation.name);
        if (!relation.output) continue;
        for (const auto& row : worker.database().sorted(r))
          outputs.insert(explain::format_atom(program, symbols, r, row));
      }
      table.outputs.push_back(std::move(outputs));
      table.markers.push_back(std::move(markers));
    }
  }
  return table;
}

std::string rule_name(const ir::Program& program, ir::OriginId origin) {
  return std::string(program.origins[origin].rule_name);
}

struct Counts {
  std::size_t never_fires = 0, never_reached = 0, never_decides = 0, together = 0, proved = 0;
};

// Returns the disagreements (empty when the analysis and the table agree).
std::vector<std::string> check(std::uint64_t seed, std::size_t min_findings,
                               std::size_t max_findings, Counts& counts) {
  oracle::GeneratedKb kb = oracle::generate_kb(seed, min_findings, max_findings);
  std::string text = kb.text + "exclusive advise(a0), advise(a1).\n";
  std::vector<std::string> problems;
  std::string errors;
  auto program = compile(text, errors);
  if (!program) return {"does not compile: " + errors};
  std::vector<Rule> rules = rules_of(text);

  engine::CaseEvaluator evaluator(*program);
  if (evaluator.prepare(engine::Database(*program))) return {"the base cannot be evaluated"};
  analysis::DeepReport report = analysis::deep_check(*program, evaluator);
  if (!report.not_exact.empty()) return {"not exact: " + report.not_exact};
  analysis::Grounding grounding = analysis::ground(*program, evaluator);

  // The table, with a marker per rule: `fired_rK :- body of rK.`
  std::string marked = text;
  for (const Rule& rule : rules) {
    marked += fmt::format("relation fired_{}()\nfired_{} :- {}.\n", rule.name, rule.name,
                          rule.body);
  }
  auto marked_program = compile(marked, errors);
  if (!marked_program) return {"the marked program does not compile: " + errors};
  CaseSpace space{kb.findings};
  Table table = evaluate_all(*marked_program, space);

  std::set<std::string> reported_never_fires, reported_never_decides, reported_unreached;
  bool reported_together = false;
  std::vector<std::string> examples;  // the analysis's example cases, as it wrote them
  for (const analysis::Finding& finding : report.findings) {
    if (finding.code == &codes::rule_never_fires)
      reported_never_fires.insert(rule_name(*program, finding.origin));
    if (finding.code == &codes::rule_never_decides)
      reported_never_decides.insert(rule_name(*program, finding.origin));
    if (finding.code == &codes::conclusion_never_reached) {
      std::smatch m;
      if (std::regex_search(finding.message, m, std::regex("`([^`]+)`")))
        reported_unreached.insert(m[1]);
    }
    if (finding.code == &codes::exclusive_together) {
      reported_together = true;
      examples.push_back(finding.notes.empty() ? "" : finding.notes.front());
    }
  }

  // Rules that never fire.
  for (const Rule& rule : rules) {
    bool fired = false;
    for (const auto& markers : table.markers) fired |= markers.count("fired_" + rule.name) > 0;
    if (fired == (reported_never_fires.count(rule.name) > 0))
      problems.push_back(
          fmt::format("rule {}: fires in some case: {}; the analysis says it never "
                      "fires: {}",
                      rule.name, fired, !fired));
    if (!fired) ++counts.never_fires;
  }
  // Output facts never reached.
  std::set<std::string> observed;
  for (const auto& outputs : table.outputs) observed.insert(outputs.begin(), outputs.end());
  const SymbolTable& symbols = evaluator.base().symbols();
  for (const analysis::Atom& atom : grounding.atoms) {
    if (!program->relations[atom.relation].output) continue;
    std::string fact = explain::format_atom(*program, symbols, atom.relation, atom.values);
    bool unreached = observed.count(fact) == 0;
    if (unreached != (reported_unreached.count(fact) > 0))
      problems.push_back(fmt::format("{}: reached by some case: {}; reported unreachable: {}", fact,
                                     !unreached, reported_unreached.count(fact) > 0));
    if (unreached) ++counts.never_reached;
  }
  // Rules that never decide: the knowledge base without the rule, case by case.
  for (const Rule& rule : rules) {
    bool fired = false;
    for (const auto& markers : table.markers) fired |= markers.count("fired_" + rule.name) > 0;
    if (!fired) continue;
    std::string without = std::regex_replace(text, std::regex("rule " + rule.name + "\n  [^\n]*\n"),
                                             "");
    auto reduced = compile(without, errors);
    if (!reduced) {
      problems.push_back(
          fmt::format("without rule {} the program does not compile: {}", rule.name, errors));
      continue;
    }
    bool decides = evaluate_all(*reduced, space).outputs != table.outputs;
    if (!decides != (reported_never_decides.count(rule.name) > 0))
      problems.push_back(
          fmt::format("rule {}: changes some case's outputs: {}; reported as "
                      "never deciding: {}",
                      rule.name, decides, reported_never_decides.count(rule.name) > 0));
    if (!decides) ++counts.never_decides;
  }
  // The exclusive facts.
  bool together = false;
  for (const auto& outputs : table.outputs)
    together |= outputs.count("advise(a0)") && outputs.count("advise(a1)");
  if (together != reported_together)
    problems.push_back(
        fmt::format("advise(a0) with advise(a1): some case has both: {}; "
                    "reported: {}",
                    together, reported_together));
  (together ? counts.together : counts.proved) += 1;
  // Each example case, looked up in the table, must have both facts.
  for (const std::string& example : examples) {
    std::size_t mask = 0;
    std::int64_t value = CaseSpace::low - 1;  // not given
    const std::regex given(R"(has\(f(\d+)\)|n\((-?\d+)\))");
    for (auto it = std::sregex_iterator(example.begin(), example.end(), given);
         it != std::sregex_iterator(); ++it) {
      if ((*it)[1].matched) mask |= std::size_t{1} << std::stoul((*it)[1].str());
      if ((*it)[2].matched) value = std::stoll((*it)[2].str());
    }
    std::size_t per_mask = CaseSpace::high - CaseSpace::low + 2;
    std::size_t row = mask * per_mask + static_cast<std::size_t>(value - (CaseSpace::low - 1));
    const auto& outputs = table.outputs.at(row);
    if (!outputs.count("advise(a0)") || !outputs.count("advise(a1)"))
      problems.push_back("the example case does not conclude both: " + example);
  }
  for (std::string& problem : problems) problem = fmt::format("seed {}: {}", seed, problem);
  return problems;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 200, min_findings = 3, max_findings = 6;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--generated" && i + 1 < argc) count = std::stoul(argv[++i]);
    else if (arg == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
    else if (arg == "--findings" && i + 2 < argc) {
      min_findings = std::stoul(argv[++i]);
      max_findings = std::stoul(argv[++i]);
    } else {
      fmt::print(stderr,
                 "usage: analysis_oracle [--generated COUNT] [--seed S] "
                 "[--findings MIN MAX]\n");
      return 2;
    }
  }
  Counts counts;
  std::size_t failed = 0;
  for (std::size_t k = 0; k < count; ++k) {
    auto problems = check(seed + k, min_findings, max_findings, counts);
    for (const auto& problem : problems) fmt::print("{}\n", problem);
    failed += problems.empty() ? 0 : 1;
  }
  fmt::print(
      "{} knowledge bases, {} disagree. Found by both: {} rules that never fire, {} "
      "output facts never reached, {} rules that never decide; the exclusive facts "
      "together in {}, proved apart in {}.\n",
      count, failed, counts.never_fires, counts.never_reached, counts.never_decides,
      counts.together, counts.proved);
  // Each kind of finding must have come up, or the oracle tested nothing of it.
  bool covered = counts.never_fires && counts.never_reached && counts.never_decides &&
                 counts.together && counts.proved;
  if (!covered) fmt::print("some kind of finding never came up: the oracle is too weak\n");
  return failed == 0 && covered ? 0 : 1;
}
