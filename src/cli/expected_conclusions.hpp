#pragma once
// `expected.json` of a case folder: the conclusions a case must (and must not) reach.
//
//   {"disposition": ["seek_treatment_immediately"],
//    "advise": ["physician_check", "seek_treatment_immediately"],
//    "absent": {"consider_cause": ["lupus"]}}
//
// A listed output relation must hold exactly the listed values (`[]`: none at all);
// an output not listed is not checked; under "absent", the listed values must not hold.
// Values are written as `sinew eval` writes its conclusions: a name or number for a
// relation of one column, an array for a relation of several.

#include "engine/database.hpp"
#include "ir/program.hpp"
#include <sinew/support/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sinew::cli {

struct ExpectedConclusions {
  struct Entry {
    ir::RelationId relation = ir::none;
    std::vector<std::string> values;  // as shown: `lupus`, `4`, `(a, b)`; sorted
  };
  std::vector<Entry> exactly;  // must hold exactly these
  std::vector<Entry> absent;   // must not hold any of these
};

// Reads and checks `expected.json`: keys must be output relations, values names the
// knowledge base knows. Errors name the key or value at fault.
Result<ExpectedConclusions> read_expected(const ir::Program& program, std::string_view json);

// What differs between the expectation and the evaluated case, one message per output,
// worded for the author of the knowledge base (empty when everything is as expected).
std::vector<std::string> compare_conclusions(const ir::Program& program,
                                             const engine::Database& database,
                                             const ExpectedConclusions& expected);

}  // namespace sinew::cli
