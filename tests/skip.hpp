#pragma once
// A test that cannot run (data or a tool missing) says so and is reported as skipped,
// never as passed: CTest marks a test whose output holds the mark below as skipped
// (SKIP_REGULAR_EXPRESSION, tests/CMakeLists.txt). Run outside CTest, the test fails
// for want of assertions (`--warn NoAssertions`), which is also not a pass.

#include <catch2/catch.hpp>

#define SINEW_SKIP(reason)             \
  do {                                 \
    WARN("SINEW-SKIPPED: " << reason); \
    return;                            \
  } while (false)
