// `sinew explain FILES... -e FACT [--why-not] [--given CASE]... [--format text|json|dot|svg]`
// and `sinew explain FILES... --needed FACT [--given CASE]...`: why a conclusion holds,
// why it does not, and what it would take.

#include "answering.hpp"
#include "command.hpp"
#include "error_report.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "graphviz.hpp"
#include "workspace.hpp"

#include "cases/case_input.hpp"
#include "explain/explain.hpp"
#include "semantics/compile.hpp"
#include "syntax/parser.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

namespace sinew::cli {

namespace {

struct ExplainOptions {
  std::vector<std::string> files;
  std::string fact;
  std::string needed;
  bool why_not = false;
  std::vector<std::string> given;
  std::string format = "text";
  EvaluationOptions evaluation;
};

// `--given` is a case file (JSON), or facts such as `has(muscle_spasm), has(chest_pain)`.
std::optional<std::vector<ir::Fact>> given_facts(Workspace& workspace, engine::Database& database,
                                                 const std::string& given,
                                                 std::vector<std::string>& shown) {
  std::error_code error;
  bool is_file = given.ends_with(".json") || std::filesystem::is_regular_file(given, error);
  if (is_file) {
    auto text = read_file(given);
    if (!text) {
      print_error(text.error());
      return std::nullopt;
    }
    auto facts = cases::read_case(workspace.program(), database.symbols(), *text);
    if (!facts) {
      fmt::print(stderr, "error: in the case `{}`: {}\n", given, facts.error().message);
      return std::nullopt;
    }
    for (const ir::Fact& fact : *facts) {
      shown.push_back(
          explain::Explainer(workspace.program(), database).atom_text(fact.relation, fact.values));
    }
    return std::move(facts).value();
  }
  DiagnosticSink sink;
  FileId file = workspace.sources().add("--given", given);
  syntax::ParseOptions options;
  options.dialect = workspace.dialect();
  auto parsed = syntax::parse_query(workspace.sources(), file, sink, options);
  std::vector<ir::Fact> facts;
  bool ok = parsed.has_value();
  if (parsed) {
    for (const auto& alternative : parsed->body) {
      for (const ast::Literal& literal : alternative) {
        if (literal.kind != ast::Literal::Kind::atom || parsed->body.size() > 1) {
          sink.report(codes::not_ground, literal.span,
                      "`--given` takes facts such as `has(muscle_spasm), has(chest_pain)`");
          ok = false;
          continue;
        }
        auto fact = semantics::lower_fact(literal.atom, workspace.program(), workspace.dialect(),
                                          workspace.sources(), sink);
        if (!fact) {
          ok = false;
          continue;
        }
        shown.emplace_back(workspace.sources().text(literal.atom.span));
        facts.push_back(std::move(*fact));
      }
    }
  }
  workspace.show(sink);
  if (!ok) return std::nullopt;
  return facts;
}

int emit(const ExplainOptions& options, const std::string& dot, const std::string& text) {
  if (options.format == "svg") return print_svg(dot) ? exit_ok : exit_refused;
  fmt::print("{}", options.format == "dot" ? dot : text);
  return exit_ok;
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

constexpr const char* help_hint = "run `sinew explain --help` to see its options\n";

// What the command line asks that cannot be done, said before any file is read.
std::optional<std::string> usage_problem(const ExplainOptions& options, bool fact_given,
                                         bool needed_given) {
  // `-e ''` (an empty variable in a script, say) asks nothing.
  if (fact_given && blank(options.fact)) {
    return "the fact after `-e` is empty: write a fact, such as `-e 'disposition(self_care)'`";
  }
  if (needed_given && blank(options.needed)) {
    return "the goal after `--needed` is empty: write a fact, such as "
           "`--needed 'disposition(self_care)'`";
  }
  if (fact_given == needed_given) {
    return "give the fact to explain with `-e FACT`, or the goal with `--needed FACT`, but not both";
  }
  if (options.why_not && needed_given) {
    return "`--why-not` goes with `-e FACT`; `--needed FACT` already says what it would take";
  }
  bool drawing = options.format == "dot" || options.format == "svg";
  if (drawing && (needed_given || options.why_not)) {
    return fmt::format(
        "`--format {}` draws the proof of a fact that holds; {} answers as text or "
        "JSON: use `--format text` or `--format json`",
        options.format, needed_given ? "`--needed`" : "`--why-not`");
  }
  return std::nullopt;
}

int run_explain(const ExplainOptions& options) {
  auto deadline = options.evaluation.deadline(std::chrono::steady_clock::now());
  Workspace workspace(options.files);
  if (!workspace.ok()) return exit_refused;
  const ir::Program& program = workspace.program();
  bool needed = !options.needed.empty();
  auto goal = typed_fact(workspace, needed ? options.needed : options.fact,
                         needed ? "--needed" : "-e");
  if (!goal) return exit_refused;

  engine::Database database(program);
  database.enable_provenance();
  std::vector<std::string> shown_given;
  for (const std::string& given : options.given) {
    auto facts = given_facts(workspace, database, given, shown_given);
    if (!facts) return exit_refused;
    for (const ir::Fact& fact : *facts) database.insert(fact.relation, fact.values);
  }
  if (!load_fact_files(program, database, options.evaluation)) return exit_refused;
  if (int code = evaluate_or_explain(program, database, options.evaluation)) return code;

  explain::Explainer explainer(program, database);
  explainer.set_deadline(deadline);
  std::string goal_text = explainer.atom_text(goal->relation, goal->values);
  auto out_of_time = [&] {
    return report_out_of_time(options.evaluation, fmt::format("explaining `{}`", goal_text));
  };
  if (needed) {
    auto requirements = explainer.needed(goal->relation, goal->values);
    if (explainer.out_of_time()) return out_of_time();
    fmt::print("{}", options.format == "json"
                         ? explain::render_json(explainer, goal_text, shown_given, requirements)
                         : explain::render_text(explainer, goal_text, shown_given, requirements));
    return exit_ok;
  }
  auto proof = explainer.why(goal->relation, goal->values);
  if (explainer.out_of_time()) return out_of_time();
  if (!proof && (options.format == "dot" || options.format == "svg")) {
    fmt::print(stderr,
               "error: {} does not hold, so there is no proof to draw: ask why not with "
               "`--why-not` (as text or `--format json`)\n",
               goal_text);
    return exit_refused;
  }
  if (!proof || options.why_not) {
    auto why_not = explainer.why_not(goal->relation, goal->values);
    if (explainer.out_of_time()) return out_of_time();
    if (proof && options.why_not) {
      // A JSON answer stays one document: its proof says that it holds.
      if (options.format == "text") fmt::print("{} holds; here is why:\n\n", goal_text);
    } else {
      fmt::print("{}", options.format == "json"
                           ? explain::render_json(program, explainer, goal_text, why_not)
                           : explain::render_text(program, explainer, goal_text, why_not));
      return exit_ok;
    }
  }
  if (options.format == "json") {
    fmt::print("{}", explain::render_json(program, database.symbols(), *proof));
    return exit_ok;
  }
  return emit(options, explain::render_dot(program, *proof), explain::render_text(program, *proof));
}

}  // namespace

Runner add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  auto* command = app.add_subcommand(
      "explain",
      "Why a conclusion holds (with each rule's citation), why not, or what it would take");
  command->add_option("files", options->files, "Rule files or folders")->required();
  CLI::Option* fact = command->add_option("-e,--fact", options->fact,
                                          "The fact to explain, e.g. 'disposition(self_care)'");
  command->add_flag("--why-not", options->why_not,
                    "Explain why the fact does not hold: the first condition that fails");
  CLI::Option* needed = command->add_option(
      "--needed", options->needed,
      "What the case would need for this fact to hold: the smallest sets of facts");
  command->add_option(
      "--given", options->given,
      "The case: a JSON file, or facts such as 'has(muscle_spasm), has(chest_pain)'");
  command->add_option("--format", options->format, "text, json, dot or svg")
      ->check(CLI::IsMember({"text", "json", "dot", "svg"}));
  options->evaluation.add_to(*command);
  return [options, fact, needed]() -> int {
    if (auto problem = usage_problem(*options, fact->count() > 0, needed->count() > 0)) {
      fmt::print(stderr, "error: {}\n{}", *problem, help_hint);
      return exit_usage;
    }
    return run_explain(*options);
  };
}

}  // namespace sinew::cli
