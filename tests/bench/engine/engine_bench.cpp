// engine_bench PROGRAM DATADIR [--plan] [--stats] [--provenance]: evaluates a benchmark
// program on its data and prints `relation<TAB>count` for every `.printsize` relation,
// like the peers in shared/bench. Timed as a whole process by run.sh.
// engine_bench cases N: N tiny evaluations, each in a fresh database (cases/s).
#include "bench_programs.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "engine/facts_io.hpp"
#include "ir/plan.hpp"
#include "ir/printer.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// `engine_bench cases N`: N small evaluations of the triage rules, one patient's facts
// each (the shape of case evaluation, section 6): one Evaluator, one Database
// cleared between cases.
int run_cases(long count) {
  auto program = sinew::bench::benchmark_program("triage");
  auto relation = [&](const char* name) { return *program->find_relation(name); };
  auto symbol = [&](const char* text) {
    return static_cast<sinew::ir::Value>(program->symbols.intern(text));
  };
  // A small hierarchy and knowledge base, as facts of the program.
  const char* findings[] = {"muscle_spasm", "back_spasm", "chest_pain", "numbness",
                            "tingling",     "fever",      "rash",       "soreness"};
  for (int i = 1; i < 8; ++i) {
    program->facts.push_back({relation("is_a"),
                              {symbol(findings[i]), symbol(findings[i < 3 ? 0 : 2])},
                              sinew::ir::none});
  }
  program->facts.push_back({relation("red_flag_base"), {symbol("chest_pain")}, sinew::ir::none});
  program->facts.push_back(
      {relation("manifests"), {symbol("lupus"), symbol("rash")}, sinew::ir::none});
  program->facts.push_back(
      {relation("manifests"), {symbol("lupus"), symbol("fever")}, sinew::ir::none});
  program->facts.push_back({relation("critical"), {symbol("lupus")}, sinew::ir::none});
  for (auto& r : program->relations) r.load_facts = false;
  auto has = relation("has");
  auto urgent = relation("urgent");
  auto start = std::chrono::steady_clock::now();
  std::size_t urgent_cases = 0;
  sinew::engine::Evaluator evaluator(*program);
  sinew::engine::Database database(*program);
  for (long c = 0; c < count; ++c) {
    database.clear();
    sinew::ir::Value patient = database.symbols().intern("p");
    for (int k = 0; k < 4; ++k) {
      sinew::ir::Value tuple[] = {patient, symbol(findings[(c + k * 3) % 8]),
                                  static_cast<sinew::ir::Value>(c % 7)};
      database.insert(has, tuple);
    }
    if (evaluator.run(database)) return 3;
    urgent_cases += database.size(urgent);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("cases\t%ld\nurgent\t%zu\nseconds\t%.3f\ncases_per_second\t%.0f\n", count,
              urgent_cases, seconds, static_cast<double>(count) / seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "cases") == 0) return run_cases(std::atol(argv[2]));
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: engine_bench tc|tc_bound|sg|join1|triage DATADIR [--plan] [--stats] "
                 "[--provenance]\n");
    return 2;
  }
  auto program = sinew::bench::benchmark_program(argv[1]);
  if (!program) {
    std::fprintf(stderr, "engine_bench: unknown program `%s`\n", argv[1]);
    return 2;
  }
  bool show_plan = false, stats = false, provenance = false;
  for (int i = 3; i < argc; ++i) {
    show_plan = show_plan || std::strcmp(argv[i], "--plan") == 0;
    stats = stats || std::strcmp(argv[i], "--stats") == 0;
    provenance = provenance || std::strcmp(argv[i], "--provenance") == 0;
  }
  auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  sinew::engine::Database database(*program);
  if (provenance) database.enable_provenance();
  auto loaded = sinew::engine::load_facts(*program, database, argv[2]);
  if (!loaded) {
    std::fprintf(stderr, "engine_bench: %s\n", loaded.error().message.c_str());
    return 1;
  }
  double load_seconds = seconds();
  if (show_plan) {
    std::vector<double> sizes;
    for (sinew::ir::RelationId r = 0; r < program->relations.size(); ++r) {
      sizes.push_back(static_cast<double>(database.size(r)));
    }
    sinew::ir::plan(*program, sizes);
    std::fputs(sinew::ir::print(*program, {true, false}).c_str(), stderr);
  }
  std::vector<sinew::engine::RuleProfile> profile;
  sinew::engine::EvalOptions options;
  if (stats) options.profile = &profile;
  options.drop_complete_sets = true;  // as `sinew run`: nothing is looked up after
  auto stop = sinew::engine::evaluate(*program, database, {}, options);
  if (stop) {
    std::fprintf(stderr, "engine_bench: %s\n", stop->message.c_str());
    return 3;
  }
  for (sinew::ir::RelationId r = 0; r < program->relations.size(); ++r) {
    if (program->relations[r].print_size) {
      std::printf("%s\t%zu\n", program->relations[r].name.c_str(), database.size(r));
    }
  }
  if (stats) {
    for (const auto& entry : profile) {
      if (entry.rule == sinew::ir::none) continue;
      std::fprintf(stderr, "#rule\t%u\t%.3f s\t%llu new\t%llu runs\t%s\n", entry.rule,
                   entry.seconds, static_cast<unsigned long long>(entry.derived),
                   static_cast<unsigned long long>(entry.runs),
                   sinew::ir::print_rule(*program, program->rules[entry.rule]).c_str());
    }
    for (sinew::ir::RelationId r = 0; r < program->relations.size(); ++r) {
      std::fprintf(stderr, "#mib\t%s\t%zu rows\t%.1f\n", program->relations[r].name.c_str(),
                   database.size(r), static_cast<double>(database.memory_bytes(r)) / (1 << 20));
    }
    std::fprintf(stderr, "#load_seconds\t%.3f\n#total_seconds\t%.3f\n#store_mib\t%.1f\n",
                 load_seconds, seconds(), static_cast<double>(database.memory_bytes()) / (1 << 20));
  }
  return 0;
}
