// Writes the seed corpora of the fuzz targets, generated from the repository's own
// programs so that nothing binary is committed:
//
//   make_seeds PARSER_DIR LOADER_DIR PROGRAM... [--each FOLDER...]
//
// A PROGRAM is a rule file or a folder of them (as `sinew compile` takes it); after
// `--each`, every rule file of a FOLDER is a program of its own (tests/golden). Rule
// files are copied to PARSER_DIR; each program is compiled, as `sinew compile PROGRAM
// -o ...` does, into LOADER_DIR, and once more with its derived facts when it is a
// folder. Programs that do not compile give text seeds only.
#include "format/compiled.hpp"
#include "semantics/compile.hpp"
#include "support/source_map.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace sinew;

namespace {

// "kb/spasm.sinew" -> "kb_spasm.sinew": one flat folder of seeds.
std::string flat_name(const fs::path& path) {
  std::string name = path.lexically_normal().string();
  for (char& c : name) {
    if (c == '/' || c == '\\') c = '_';
  }
  return name;
}

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

bool is_rule_file(const fs::path& path) {
  return path.extension() == ".sinew" || path.extension() == ".dl";
}

std::vector<fs::path> rule_files(const fs::path& path) {
  std::vector<fs::path> files;
  if (!fs::is_directory(path)) return {path};
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file() && is_rule_file(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Returns how many compiled seeds it wrote.
int compile_seeds(const fs::path& path, const fs::path& loader_dir) {
  SourceMap sources;
  DiagnosticSink sink;
  auto modules = semantics::load_modules({path.string()}, sources, sink);
  auto program = semantics::compile(modules, sources, sink);
  if (!program) return 0;
  format::Metadata metadata;
  metadata.compiler = format::compiler_version();
  metadata.files = {path.string()};
  metadata.souffle_names = path.extension() == ".dl";
  std::string name = flat_name(path);
  write(loader_dir / (name + ".sinewb"), format::encode(*program, metadata));
  if (!fs::is_directory(path)) return 1;
  auto derived = format::derive(*program);
  if (!derived) return 1;
  write(loader_dir / (name + ".derived.sinewb"), format::encode(*program, metadata, &*derived));
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: make_seeds PARSER_DIR LOADER_DIR PROGRAM... [--each FOLDER...]\n");
    return 2;
  }
  fs::path parser_dir = argv[1], loader_dir = argv[2];
  fs::create_directories(parser_dir);
  fs::create_directories(loader_dir);
  int text = 0, compiled = 0;
  bool each = false;  // after --each: every rule file of a folder is a program of its own
  for (int i = 3; i < argc; ++i) {
    fs::path path = argv[i];
    if (path == "--each") {
      each = true;
      continue;
    }
    if (!fs::exists(path)) continue;
    for (const fs::path& file : rule_files(path)) {
      fs::copy_file(file, parser_dir / flat_name(file), fs::copy_options::overwrite_existing);
      ++text;
      if (each) compiled += compile_seeds(file, loader_dir);
    }
    if (!each) compiled += compile_seeds(path, loader_dir);
  }
  std::printf("make_seeds: %d text seeds, %d compiled seeds\n", text, compiled);
  return 0;
}
