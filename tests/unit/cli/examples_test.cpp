// The example programs in examples/ stay correct: each checks clean, the knowledge
// base's tests pass and the Souffle program gives the answers its README shows.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace sinew::test;

TEST_CASE("examples/plant_care checks clean and its tests pass", "[cli][examples]") {
  Outcome check = sinew_in_repository({"check", "examples/plant_care/"});
  INFO(check.describe());
  CHECK(check.exit_code == 0);
  CHECK(check.err.empty());

  Outcome test = sinew_in_repository({"test", "examples/plant_care/"});
  INFO(test.describe());
  CHECK(test.exit_code == 0);
  auto lines = lines_of(test.out);
  REQUIRE(!lines.empty());
  CHECK(std::regex_match(lines.back(), std::regex("[1-9][0-9]* passed, 0 failed")));

  // The queries of tests.sinew, with the answers the rules give.
  Outcome query = sinew_in_repository({"query", "examples/plant_care/"});
  INFO(query.describe());
  CHECK(query.exit_code == 0);
  CHECK(query.err.empty());
  CHECK(lines_of(query.out) ==
        std::vector<std::string>{"query soil_signs ?- soil_sign(S).", "S", "--------", "dry_soil",
                                 "wet_soil", "(2 answers)", "", "?- sign(S).", "S",
                                 "---------------", "drooping_leaves", "dry_soil", "wet_soil",
                                 "yellow_leaves", "(4 answers)"});

  // As examples/README.md shows it.
  Outcome json = sinew_in_repository(
      {"query", "examples/plant_care/", "-e", "?- leaf_sign(S).", "--format", "json"});
  INFO(json.describe());
  CHECK(json.exit_code == 0);
  CHECK(json.out == "[{\"S\":\"drooping_leaves\"},{\"S\":\"yellow_leaves\"}]\n");
}

TEST_CASE("examples/flights runs over its facts folder", "[cli][examples]") {
  Outcome check = sinew_in_repository({"check", "examples/flights/flights.dl"});
  INFO(check.describe());
  CHECK(check.exit_code == 0);
  CHECK(check.err.empty());

  Outcome run = sinew_in_repository(
      {"run", "examples/flights/flights.dl", "-F", "examples/flights/facts"});
  INFO(run.describe());
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  // As examples/README.md shows them.
  CHECK(lines_of(run.out) == std::vector<std::string>{"reachable\t24", "fewest_flights\t24",
                                                      "unreachable\t20", "departures\t7"});

  Outcome tuples = sinew_in_repository(
      {"run", "examples/flights/flights.dl", "-F", "examples/flights/facts", "-D", "-"});
  CHECK(tuples.exit_code == 0);
  CHECK(tuples.out.find("fewest_flights(\"Reykjavik\", \"Tallinn\", 4).") != std::string::npos);
  CHECK(tuples.out.find("departures(\"Oslo\", 3).") != std::string::npos);
}
