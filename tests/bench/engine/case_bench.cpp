// case_bench: cases per second of the engine alone (no JSON), on a knowledge base read
// from source: the base evaluated once (CaseEvaluator), then each case cleared,
// inserted and evaluated on a CaseWorker.
//
//   case_bench [options] FILES...
//     --cases N          cases to time (default 1,000,000)
//     --seed S           for the generated cases (default 42)
//     --cases-file F     read the cases from JSON Lines (tests/bench/cases/gen_cases.py)
//                        instead of generating them; parsed before the clock starts
//     --provenance       record the rule behind every fact (what explanations need)
//     --threads T        T workers on T threads sharing one evaluator
//     --baseline         the whole program per case (Evaluator + Database::clear), to compare
//
// Generated cases: for every `input` relation of one column, 1 to 6 members of its
// kind (with a member of a sub-kind `symptom`, when there is one, in 80 % of cases)
// or, for a number column, a value in 0..14 in 70 % of cases.
#include "unit/engine/allocation_counter.hpp"

#include "engine/cases.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <latch>
#include <random>
#include <string>
#include <thread>

namespace engine = sinew::engine;
namespace ir = sinew::ir;

namespace {

struct Options {
  std::vector<std::string> files;
  std::size_t cases = 1000000;
  std::uint64_t seed = 42;
  std::string cases_file;
  bool provenance = false, baseline = false;
  unsigned threads = 1;
};

// All cases in one flat array: facts[first, first + count) belong to a case.
struct CaseFact {
  ir::RelationId relation;
  ir::Value value;
};
struct Cases {
  std::vector<CaseFact> facts;
  std::vector<std::size_t> first;  // one more entry than cases
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The members of a kind (and its sub-kinds), read from the prepared base.
std::vector<ir::Value> members(const engine::CaseEvaluator& evaluator, std::string_view kind) {
  std::vector<ir::Value> out;
  for (const ir::Kind& k : evaluator.program().kinds) {
    if (k.name != kind) continue;
    for (const auto& row : evaluator.base().sorted(k.members)) out.push_back(row[0]);
  }
  return out;
}

Cases generate(const engine::CaseEvaluator& evaluator, const Options& options) {
  const ir::Program& program = evaluator.program();
  std::mt19937_64 rng(options.seed);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  struct Input {
    ir::RelationId relation;
    std::vector<ir::Value> values, symptoms;  // empty values: a number column
  };
  std::vector<Input> inputs;
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    const ir::Relation& relation = program.relations[r];
    if (!relation.case_input || relation.arity() != 1) continue;
    Input input{r, {}, {}};
    if (relation.columns[0].type.base == ir::BaseType::symbol) {
      input.values = members(evaluator, relation.columns[0].type.name);
      if (input.values.empty()) continue;
      input.symptoms = members(evaluator, "symptom");
    }
    inputs.push_back(std::move(input));
  }
  Cases cases;
  for (std::size_t c = 0; c < options.cases; ++c) {
    cases.first.push_back(cases.facts.size());
    for (const Input& input : inputs) {
      if (input.values.empty()) {
        if (pick(10) < 7) cases.facts.push_back({input.relation, static_cast<ir::Value>(pick(15))});
        continue;
      }
      if (!input.symptoms.empty() && pick(10) < 8) {
        cases.facts.push_back({input.relation, input.symptoms[pick(input.symptoms.size())]});
      }
      std::size_t count = 1 + pick(6);
      for (std::size_t i = 0; i < count; ++i) {
        cases.facts.push_back({input.relation, input.values[pick(input.values.size())]});
      }
    }
  }
  cases.first.push_back(cases.facts.size());
  return cases;
}

// JSON Lines as gen_cases.py writes them: input relation name to a list of symbols or
// to one number.
bool read_cases(const ir::Program& program, const Options& options, Cases& cases) {
  std::ifstream in(options.cases_file);
  if (!in) {
    std::fprintf(stderr, "case_bench: cannot read %s\n", options.cases_file.c_str());
    return false;
  }
  std::string line;
  while (cases.first.size() < options.cases && std::getline(in, line)) {
    cases.first.push_back(cases.facts.size());
    auto json = nlohmann::json::parse(line);
    for (auto& [key, value] : json.items()) {
      auto relation = program.find_relation(key);
      if (!relation) {
        std::fprintf(stderr, "case_bench: unknown input `%s`\n", key.c_str());
        return false;
      }
      if (value.is_number_integer()) {
        cases.facts.push_back({*relation, static_cast<ir::Value>(value.get<std::int64_t>())});
        continue;
      }
      for (const auto& item : value) {
        auto symbol = program.symbols.find(item.get<std::string>());
        if (!symbol) {
          std::fprintf(stderr, "case_bench: unknown value `%s`\n", item.get<std::string>().c_str());
          return false;
        }
        cases.facts.push_back({*relation, *symbol});
      }
    }
  }
  cases.first.push_back(cases.facts.size());
  return true;
}

struct Tally {
  std::size_t conclusions = 0;  // output rows over all cases: a checksum
  std::size_t stopped = 0;
  std::size_t allocations = 0;
};

// Cases [begin, end) on one worker: a few thousand of them to warm the worker up
// (untimed), then, once `go` opens, all of them counted.
Tally run_worker(const engine::CaseEvaluator& evaluator, const Cases& cases, std::size_t begin,
                 std::size_t end, const std::vector<ir::RelationId>& outputs, std::latch& ready,
                 std::latch& go) {
  engine::CaseWorker worker(evaluator);
  Tally tally;
  auto one = [&](std::size_t c) {
    worker.clear();
    for (std::size_t f = cases.first[c]; f < cases.first[c + 1]; ++f) {
      worker.insert(cases.facts[f].relation, std::span<const ir::Value>(&cases.facts[f].value, 1));
    }
    if (worker.run()) ++tally.stopped;
    for (ir::RelationId r : outputs) tally.conclusions += worker.database().size(r);
  };
  for (std::size_t c = begin; c < std::min(end, begin + 10000); ++c) one(c);
  tally = Tally{};
  ready.count_down();
  go.wait();
  sinew::testing::AllocationCounter counter;
  for (std::size_t c = begin; c < end; ++c) one(c);
  tally.allocations = counter.count();
  return tally;
}

// The whole program per case, as before CaseEvaluator.
Tally run_baseline(const ir::Program& program, const Cases& cases, std::size_t count,
                   bool provenance, const std::vector<ir::RelationId>& outputs) {
  engine::Evaluator evaluator(program);
  engine::Database database(program);
  if (provenance) database.enable_provenance();
  Tally tally;
  for (std::size_t c = 0; c < count; ++c) {
    database.clear();
    for (std::size_t f = cases.first[c]; f < cases.first[c + 1]; ++f) {
      database.insert(cases.facts[f].relation,
                      std::span<const ir::Value>(&cases.facts[f].value, 1));
    }
    if (evaluator.run(database)) ++tally.stopped;
    for (ir::RelationId r : outputs) tally.conclusions += database.size(r);
  }
  return tally;
}

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--cases") options.cases = std::strtoull(value(), nullptr, 10);
    else if (arg == "--seed") options.seed = std::strtoull(value(), nullptr, 10);
    else if (arg == "--cases-file") options.cases_file = value();
    else if (arg == "--threads") options.threads = static_cast<unsigned>(std::atoi(value()));
    else if (arg == "--provenance") options.provenance = true;
    else if (arg == "--baseline") options.baseline = true;
    else if (arg.starts_with("--")) return false;
    else options.files.push_back(arg);
  }
  return !options.files.empty() && options.cases > 0 && options.threads > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: case_bench [--cases N] [--seed S] [--cases-file F] [--provenance] "
                 "[--threads T] [--baseline] FILES...\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  sinew::SourceMap sources;
  sinew::DiagnosticSink sink;
  auto modules = sinew::semantics::load_modules(options.files, sources, sink);
  sinew::semantics::CompileOptions compile_options;
  compile_options.require_citations = false;
  auto program = sinew::semantics::compile(modules, sources, sink, compile_options);
  if (!program) {
    std::fputs(sinew::render_all(sources, sink).c_str(), stderr);
    return 1;
  }
  double compile_seconds = seconds_since(start);

  start = std::chrono::steady_clock::now();
  engine::CaseEvaluator evaluator(*program);
  engine::Database base(*program);
  if (options.provenance) base.enable_provenance();
  if (auto stop = evaluator.prepare(std::move(base))) {
    std::fprintf(stderr, "case_bench: %s\n", stop->message.c_str());
    return 3;
  }
  double prepare_seconds = seconds_since(start);

  Cases cases;
  if (options.cases_file.empty()) cases = generate(evaluator, options);
  else if (!read_cases(*program, options, cases)) return 1;
  std::size_t count = cases.first.size() - 1;
  std::vector<ir::RelationId> outputs;
  for (ir::RelationId r = 0; r < program->relations.size(); ++r) {
    if (program->relations[r].output) outputs.push_back(r);
  }

  Tally total;
  double seconds = 0;
  if (options.baseline) {
    start = std::chrono::steady_clock::now();
    total = run_baseline(*program, cases, count, options.provenance, outputs);
    seconds = seconds_since(start);
  } else {
    std::vector<Tally> tallies(options.threads);
    std::vector<std::thread> pool;
    std::latch ready(options.threads), go(1);
    for (unsigned t = 0; t < options.threads; ++t) {
      pool.emplace_back([&, t] {
        tallies[t] = run_worker(evaluator, cases, count * t / options.threads,
                                count * (t + 1) / options.threads, outputs, ready, go);
      });
    }
    ready.wait();
    start = std::chrono::steady_clock::now();
    go.count_down();
    for (std::thread& thread : pool) thread.join();
    seconds = seconds_since(start);
    for (const Tally& tally : tallies) {
      total.conclusions += tally.conclusions;
      total.stopped += tally.stopped;
      total.allocations += tally.allocations;
    }
  }

  const engine::CaseSplit& split = evaluator.split();
  std::printf("relations\t%zu (%zu case-dependent)\n", program->relations.size(),
              split.case_relations.size());
  std::printf("strata\t%zu base, %zu case\n", split.base_strata.size(), split.case_strata.size());
  std::printf("compile_seconds\t%.3f\nprepare_seconds\t%.3f\n", compile_seconds, prepare_seconds);
  std::printf("mode\t%s%s, %u thread(s)\n", options.baseline ? "baseline" : "case_worker",
              options.provenance ? " + provenance" : "", options.threads);
  std::printf("cases\t%zu\nseconds\t%.3f\ncases_per_second\t%.0f\nmicroseconds_per_case\t%.3f\n",
              count, seconds, static_cast<double>(count) / seconds,
              seconds * 1e6 / static_cast<double>(count));
  std::printf("conclusions\t%zu\nstopped\t%zu\n", total.conclusions, total.stopped);
  if (sinew::testing::allocation_counting && !options.baseline) {
    std::printf("allocations_per_case\t%.4f\n",
                static_cast<double>(total.allocations) / static_cast<double>(count));
  }
  return total.stopped == 0 ? 0 : 3;
}
