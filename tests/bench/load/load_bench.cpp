// load_bench: how much faster a compiled file loads than its sources are checked.
//
//   load_bench [--runs N] [--facts N] [--keep DIR] [--load-only] [--cold] PATH...
//
// For the program PATH... (rule files or folders, as `sinew check` takes them): the
// median time to check the sources (parse + semantic check, what `sinew check` does),
// then to load the compiled file from disk (format::read_file, with every check of the
// loader, and freeing the program again), and their ratio. With --facts N, the same for
// a generated program of N facts instead (a relation of a name and a number, and two
// rules over it). Times are medians of --runs runs (default 11), after one warm-up run.
// --load-only skips timing the check (to profile the loader).
//
// Loads in one process after a warm-up find the allocator's memory ready for them.
// --cold also times the load as a program meets it: each run a new process
// (`load_bench --load-once FILE`) that loads the file once.
#include "format/compiled.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "syntax/parser.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace sinew;
namespace fs = std::filesystem;

namespace {

double median_ms(int runs, const std::function<void()>& run) {
  run();  // warm-up: the page cache, the allocator
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "load_bench: %s\n", message.c_str());
  std::exit(1);
}

ir::Program check(const std::vector<std::string>& paths) {
  SourceMap sources;
  DiagnosticSink sink;
  auto modules = semantics::load_modules(paths, sources, sink);
  auto program = semantics::compile(modules, sources, sink);
  if (!program) fail("the sources do not check:\n" + render_all(sources, sink));
  return std::move(*program);
}

// N facts of `code(entity, number)`, with entities named e0..e(N/10), and rules that
// read them, so that the file has every section a knowledge base has.
std::string generated_program(std::size_t facts) {
  std::string text =
      "relation code(e: symbol, n: number)\nrelation coded(e: symbol)\n"
      "relation pair(a: symbol, b: symbol)\n"
      "coded(E) :- code(E, _).\npair(A, B) :- code(A, N), code(B, N), A != B.\n";
  text.reserve(facts * 24);
  for (std::size_t i = 0; i < facts; ++i) {
    text += "code(e" + std::to_string(i / 10) + ", " + std::to_string(i) + ").\n";
  }
  return text;
}

double load_ms(const std::string& compiled) {
  auto start = std::chrono::steady_clock::now();
  {
    auto loaded = format::read_file(compiled);
    if (!loaded) fail(loaded.error().message);
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration<double, std::milli>(elapsed).count();
}

// The median of `runs` loads, each in a new process.
double cold_load_ms(int runs, const fs::path& compiled) {
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string command = "'" + self + "' --load-once '" + compiled.string() + "'";
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    FILE* child = popen(command.c_str(), "r");
    if (!child) fail("cannot start " + self);
    std::array<char, 64> line{};
    bool read = std::fgets(line.data(), line.size(), child) != nullptr;
    if (pclose(child) != 0 || !read) fail("a cold load failed");
    times.push_back(std::strtod(line.data(), nullptr));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void report(const char* what, double check_ms, double load_ms, std::uintmax_t bytes) {
  std::printf("%s: check the sources %.2f ms, load the compiled file %.2f ms (%ju bytes): %.1fx\n",
              what, check_ms, load_ms, bytes, check_ms / load_ms);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 11;
  std::size_t facts = 0;
  fs::path keep = fs::temp_directory_path();
  bool load_only = false;
  bool cold = false;
  std::vector<std::string> paths;
  if (argc == 3 && std::string(argv[1]) == "--load-once") {
    std::printf("%.3f\n", load_ms(argv[2]));
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (arg == "--facts" && i + 1 < argc) facts = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--keep" && i + 1 < argc) keep = argv[++i];
    else if (arg == "--load-only") load_only = true;
    else if (arg == "--cold") cold = true;
    else paths.push_back(arg);
  }
  if (facts > 0) {
    fs::path source = keep / "load_bench_facts.sinew";
    std::ofstream(source) << generated_program(facts);
    paths = {source.string()};
  }
  if (paths.empty()) {
    fail("usage: load_bench [--runs N] [--facts N] [--keep DIR] [--load-only] [--cold] PATH...");
  }

  ir::Program program = check(paths);
  format::Metadata metadata;
  metadata.compiler = format::compiler_version();
  metadata.files = paths;
  fs::path compiled = keep / "load_bench.sinewb";
  if (auto written = format::write_atomically(compiled.string(), format::encode(program, metadata));
      !written) {
    fail(written.error().message);
  }
  double check_ms = load_only ? 0 : median_ms(runs, [&] { (void)check(paths); });
  double warm_ms = median_ms(runs, [&] { (void)load_ms(compiled.string()); });
  std::string what = facts > 0 ? std::to_string(facts) + " facts" : paths.front();
  report(what.c_str(), check_ms, warm_ms, fs::file_size(compiled));
  if (cold) {
    std::printf("%s: load the compiled file in a new process %.2f ms (median of %d)\n",
                what.c_str(), cold_load_ms(runs, compiled), runs);
  }
  return 0;
}
