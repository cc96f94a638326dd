// `sinew run FILES... [-F FACTDIR] [-D OUTDIR]`: evaluate; print `rel<TAB>count` for
// every `.output` and `.printsize` relation; write outputs as OUTDIR/rel.csv, or print
// their tuples with `-D -`.

#include "command.hpp"
#include "error_report.hpp"
#include "evaluation.hpp"
#include "exit_codes.hpp"
#include "workspace.hpp"

#include "engine/facts_io.hpp"
#include "engine/value.hpp"
#include "query/answers.hpp"
#include "query/demand.hpp"

#include <fmt/format.h>

#include <memory>

namespace sinew::cli {

namespace {

// `rel(1, "a").` lines: unambiguous, and valid source text.
void print_tuples(const ir::Program& program, const engine::Database& database, ir::RelationId id) {
  const ir::Relation& relation = program.relations[id];
  std::string out;
  for (std::uint32_t row : database.sorted_rows(id)) {
    auto tuple = database.row(id, row);
    out += relation.name;
    out += '(';
    for (std::size_t i = 0; i < tuple.size(); ++i) {
      if (i) out += ", ";
      std::string text = engine::format_value(database.symbols(), relation.columns[i].type,
                                              tuple[i]);
      if (relation.columns[i].type.base == ir::BaseType::symbol) {
        out += '"';
        for (char c : text) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += '"';
      } else {
        out += text;
      }
    }
    out += ").\n";
  }
  fmt::print("{}", out);
}

}  // namespace

Runner add_run_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    std::string output_dir;
    bool provenance = false;
    EvaluationOptions evaluation;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("run", "Evaluate rule files over facts files");
  command->add_option("files", options->files, "Rule files or folders")->required();
  command->add_option("-D,--output-dir", options->output_dir,
                      "Write each output relation to DIR/rel.csv; `-` prints the tuples");
  command->add_flag("--provenance", options->provenance,
                    "Record the rule behind every fact, as explanations do (to measure its cost)");
  options->evaluation.add_to(*command);
  return [options]() -> int {
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    ir::Program& program = workspace.program();
    std::vector<ir::RelationId> shown;
    for (ir::RelationId id = 0; id < program.relations.size(); ++id) {
      if (program.relations[id].output || program.relations[id].print_size) shown.push_back(id);
    }
    if (!shown.empty()) {
      query::keep_needed(program, shown);
      query::demand_transform(program, shown);
    }
    engine::Database database(program);
    if (!load_fact_files(program, database, options->evaluation)) return exit_refused;
    if (options->provenance) database.enable_provenance();
    // Nothing is looked up after: the sets of complete relations can go (peak memory).
    engine::EvalOptions engine_options{.drop_complete_sets = true};
    if (int code = evaluate_or_explain(program, database, options->evaluation, engine_options)) {
      return code;
    }

    if (!options->output_dir.empty() && options->output_dir != "-") {
      auto written = engine::write_outputs(program, database, options->output_dir);
      if (!written) {
        print_error(written.error());
        return exit_refused;
      }
    }
    for (ir::RelationId id : shown) {
      if (options->output_dir == "-" && program.relations[id].output) {
        print_tuples(program, database, id);
      }
      fmt::print("{}\t{}\n", program.relations[id].name, database.size(id));
    }
    return exit_ok;
  };
}

}  // namespace sinew::cli
