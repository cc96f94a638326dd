#pragma once
// Errors found after the command line was accepted (a facts file, a limit, a compiled
// file), printed as the checker prints its diagnostics: `error[E0703]: ...`, so that
// every error names its entry in the catalog.

#include <sinew/support/result.hpp>

#include <string_view>

namespace sinew::cli {

// `error[CODE]: MESSAGE`, or `error: MESSAGE` when the error has no code.
void print_error(std::string_view code, std::string_view message);
inline void print_error(const Error& error) { print_error(error.code, error.message); }

}  // namespace sinew::cli
