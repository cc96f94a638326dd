#pragma once
// The exit codes of `sinew` (DESIGN section 4).

namespace sinew::cli {

enum ExitCode : int {
  exit_ok = 0,
  exit_refused = 1,    // the input was refused; diagnostics say why
  exit_usage = 2,      // the command line is wrong
  exit_limit = 3,      // a time or size limit stopped the work
  exit_internal = 70,  // a bug in Sinew
};

}  // namespace sinew::cli
