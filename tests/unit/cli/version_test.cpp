// `sinew --version` prints the version CMake's project() sets (SINEW_EXPECTED_VERSION
// comes from the same place: tests/CMakeLists.txt).

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew::test;

TEST_CASE("sinew --version prints the project's version", "[cli][version]") {
  Outcome version = sinew_in_repository({"--version"});
  INFO(version.describe());
  CHECK(version.exit_code == 0);
  CHECK(version.out == "sinew " SINEW_EXPECTED_VERSION "\n");
  CHECK(version.err.empty());
}
