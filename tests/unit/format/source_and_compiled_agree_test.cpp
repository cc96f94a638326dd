// evaluate(source) == evaluate(load(compile(source))), on every program of the tests,
// the examples, the knowledge base and the shared benchmarks: each compiled in memory
// (encode, then decode) and evaluated on the same small inputs as its sources, with
// and without the derived facts of `sinew compile --with-derived`.
#include "engine/evaluate.hpp"
#include "engine/facts_io.hpp"
#include "format/compiled.hpp"
#include "semantics/compile.hpp"

#include <catch2/catch.hpp>
#include <skip.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <vector>

using namespace sinew;
namespace fs = std::filesystem;

namespace {

// Fills a fresh database with one set of inputs; an error when they cannot be read.
using Inputs = std::function<Result<void>(const ir::Program&, engine::Database&)>;

struct Workload {
  std::string name;
  std::vector<std::string> paths;  // as `sinew compile` takes them
  std::vector<std::pair<std::string, Inputs>> inputs;
};

// What an evaluation gives: each relation's sorted tuples as facts-file text, or why
// it could not be completed.
struct Outcome {
  std::string refused;  // the inputs could not be read, or the evaluation stopped
  std::vector<std::string> relations;
};

Outcome evaluate(const ir::Program& program, const Inputs& inputs) {
  engine::Database database(program);
  if (auto read = inputs(program, database); !read) return {"inputs: " + read.error().message, {}};
  engine::Limits limits;
  limits.max_facts = 200'000;  // some programs of the tests never stop on their own
  if (auto stop = engine::evaluate(program, database, limits)) {
    return {"stopped: " + std::to_string(static_cast<int>(stop->reason)), {}};
  }
  Outcome outcome;
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    outcome.relations.push_back(program.relations[r].name + "\n" +
                                engine::format_relation(database, r));
  }
  return outcome;
}

void check_same(const Outcome& source, const Outcome& compiled) {
  CHECK(compiled.refused == source.refused);
  REQUIRE(compiled.relations.size() == source.relations.size());
  for (std::size_t r = 0; r < source.relations.size(); ++r) {
    CHECK(compiled.relations[r] == source.relations[r]);
  }
}

Inputs nothing() {
  return [](const ir::Program&, engine::Database&) { return Result<void>{}; };
}

Inputs facts_folder(const std::string& dir) {
  return [dir](const ir::Program& program, engine::Database& database) {
    return engine::load_facts(program, database, dir);
  };
}

Inputs given_facts(std::vector<ir::Fact> facts) {
  return [facts](const ir::Program&, engine::Database& database) {
    for (const ir::Fact& fact : facts) database.insert(fact.relation, fact.values);
    return Result<void>{};
  };
}

// A few rows for every `.input` relation: small numbers and a handful of names, so that
// joins meet and recursion has somewhere to go.
Inputs generated_facts() {
  return [](const ir::Program& program, engine::Database& database) -> Result<void> {
    std::uint64_t state = 12345;
    auto next = [&](std::uint64_t bound) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      return (state >> 33) % bound;
    };
    for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
      const ir::Relation& relation = program.relations[r];
      if (!relation.load_facts) continue;
      std::string text;
      for (int row = 0; row < 40; ++row) {
        for (std::size_t c = 0; c < relation.arity(); ++c) {
          if (c > 0) text += relation.delimiter;
          bool name = relation.columns[c].type.base == ir::BaseType::symbol;
          text += (name ? "s" : "") + std::to_string(1 + next(12));
        }
        text += '\n';
      }
      auto read = engine::read_facts_text(database, r, text, relation.name, relation.delimiter);
      if (!read) return read.error();
    }
    return {};
  };
}

std::optional<ir::Program> compile(const std::vector<std::string>& paths) {
  SourceMap sources;
  DiagnosticSink sink;
  auto modules = semantics::load_modules(paths, sources, sink);
  return semantics::compile(modules, sources, sink);
}

// The facts folders a golden run case names on its `// args:` lines.
std::vector<std::string> facts_folders(const fs::path& file) {
  std::vector<std::string> folders;
  std::ifstream in(file);
  std::regex facts(R"(^// args: .*(?:-F|--facts) (\S+))");
  std::smatch match;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, match, facts))
      folders.push_back((file.parent_path() / match[1].str()).string());
  }
  return folders;
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension)
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<Workload> workloads() {
  fs::path root = SINEW_SOURCE_DIR;
  std::vector<Workload> out;
  for (const char* extension : {".dl", ".sinew"}) {
    for (const fs::path& file : files_in(root / "tests/golden/run", extension)) {
      Workload w{file.filename().string(), {file.string()}, {{"no facts", nothing()}}};
      for (const std::string& folder : facts_folders(file))
        w.inputs.emplace_back(folder, facts_folder(folder));
      out.push_back(std::move(w));
    }
  }
  out.push_back({"kb", {(root / "kb").string()}, {{"no case", nothing()}}});
  out.push_back(
      {"plant_care", {(root / "examples/plant_care").string()}, {{"no case", nothing()}}});
  out.push_back(
      {"flights",
       {(root / "examples/flights/flights.dl").string()},
       {{"examples/flights/facts", facts_folder((root / "examples/flights/facts").string())}}});
  return out;
}

// The programs of the shared benchmarks (../shared/bench/programs), on generated facts.
std::vector<Workload> bench_workloads(const fs::path& bench) {
  std::vector<Workload> out;
  for (const fs::path& file : files_in(bench, ".dl")) {
    out.push_back({"bench " + file.filename().string(),
                   {file.string()},
                   {{"generated facts", generated_facts()}}});
  }
  return out;
}

// Compiles one workload in memory, loads it back, and compares every evaluation of its
// inputs; returns how many were compared.
std::size_t check_workload(Workload& workload) {
  std::size_t compared = 0;
  INFO(workload.name);
  std::optional<ir::Program> source = compile(workload.paths);
  if (!source) return 0;  // a case about a refused program
  // The knowledge base's own tests are cases too.
  for (const ir::TestCase& test : source->tests)
    workload.inputs.emplace_back("test " + test.name, given_facts(test.given));

  format::Metadata metadata;
  metadata.compiler = format::compiler_version();
  metadata.files = workload.paths;
  auto loaded = format::decode(format::encode(*source, metadata));
  INFO((loaded ? std::string() : loaded.error().message));
  REQUIRE(loaded.ok());

  // Derived facts exist only when the program completes without inputs (`derive`
  // has no limits, and some programs of the tests never stop).
  std::optional<ir::Program> derived_program;
  if (evaluate(*source, nothing()).refused.empty()) {
    auto derived = format::derive(*source);
    REQUIRE(derived.ok());
    auto with = format::decode(format::encode(*source, metadata, &*derived));
    REQUIRE(with.ok());
    REQUIRE(with->derived.has_value());
    derived_program = format::with_derived(with->program, *with->derived);
  }

  for (const auto& [name, inputs] : workload.inputs) {
    INFO("inputs: " << name);
    Outcome from_source = evaluate(*source, inputs);
    check_same(from_source, evaluate(loaded->program, inputs));
    if (derived_program) check_same(from_source, evaluate(*derived_program, inputs));
    ++compared;
  }
  return compared;
}

}  // namespace

TEST_CASE("every program evaluates the same from its sources and from its compiled file",
          "[format]") {
  std::size_t compared = 0;
  for (Workload& workload : workloads()) compared += check_workload(workload);
  CHECK(compared >= 20);
}

TEST_CASE("the benchmark programs evaluate the same from their sources and compiled files",
          "[format]") {
  fs::path bench = fs::path(SINEW_SOURCE_DIR) / "../shared/bench/programs";
  if (!fs::is_directory(bench)) SINEW_SKIP("no benchmark programs at " << bench.string());
  std::size_t compared = 0;
  for (Workload& workload : bench_workloads(bench)) compared += check_workload(workload);
  CHECK(compared >= 5);
}
