// The one main() of every unit-test program. A test that asserts nothing proves
// nothing, and a name that matches no test (CTest splits names at `;`) runs nothing:
// both are failures here, whatever the command line says. A test that cannot run
// says so with SINEW_SKIP (skip.hpp).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  session.configData().warnings = static_cast<Catch::WarnAbout::What>(
      Catch::WarnAbout::NoAssertions | Catch::WarnAbout::NoTests);
  if (int status = session.applyCommandLine(argc, argv)) return status;
  return session.run();
}
