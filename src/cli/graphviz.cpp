#include "graphviz.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string_view>

namespace sinew::cli {

namespace {

bool on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream folders(path);
  for (std::string folder; std::getline(folders, folder, ':');) {
    std::error_code error;
    if (!folder.empty() &&
        std::filesystem::exists(std::filesystem::path(folder) / program, error)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool print_svg(const std::string& dot_text) {
  if (!on_path("dot")) {
    fmt::print(stderr,
               "error: drawing SVG needs Graphviz's `dot` program, which is not installed\n"
               "  = hint: install it with `apt-get install graphviz`, or use `--format dot` and "
               "draw the picture elsewhere\n");
    return false;
  }
  std::fflush(stdout);
  std::FILE* pipe = ::popen("dot -Tsvg", "w");
  if (!pipe) {
    fmt::print(stderr, "error: cannot start Graphviz's `dot`\n");
    return false;
  }
  std::fwrite(dot_text.data(), 1, dot_text.size(), pipe);
  int status = ::pclose(pipe);
  if (status != 0) {
    fmt::print(stderr, "error: Graphviz's `dot` failed (status {})\n", status);
    return false;
  }
  return true;
}

}  // namespace sinew::cli
