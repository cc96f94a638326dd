#include "error_report.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace sinew::cli {

void print_error(std::string_view code, std::string_view message) {
  if (code.empty()) {
    fmt::print(stderr, "error: {}\n", message);
  } else {
    fmt::print(stderr, "error[{}]: {}\n", code, message);
  }
}

}  // namespace sinew::cli
