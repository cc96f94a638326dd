#pragma once
// `sinew diff`'s report: as text for a clinician, or as JSON for tools.
//
// The JSON document (keys always present; a side that has no value is null):
//
//   {"old": {"path": "kb/", "module": "back_and_shoulder", "version": "1.0.0"},
//    "new": {...},
//    "text": {"rules": [{"change": "added|removed|changed|renamed",
//                        "old": RULE|null, "new": RULE|null,
//                        "parts": ["rule", "citations", "notes", "assumptions"]}],
//             "items": [{"kind": "module|relation|kind|scale|entity|fact", "name": "...",
//                        "old": "text"|null, "new": "text"|null}]},
//    "cases": {"source": "case space"|"case file", "compared": 786432, "evaluated": 3840,
//              "refused": 0,
//              "changed": 1024, "inputs": ["has(chest_pain)", ..., "duration_days(3)"],
//              "partly_known": ["has(redness)"],
//              "groups": [{"cases": 1024,
//                          "changes": [{"output": "disposition", "removed": ["see_physician"],
//                                       "added": ["appointment_right_away"]}],
//                          "problem": {"old": "message"|null, "new": "message"|null},
//                          "example": {CASE}, "example_inputs": 2, "example_line": 0,
//                          "rules": {"old": ["rule name", ...], "new": [...]}}]}}
//
// RULE is {"name": "..."|null, "where": "file:line", "text": "as written",
//          "citations": ["seed: \"quote\""], "notes": [...], "assumptions": [...]}.
// A change lists, for each output whose values differ, the values only the old version
// concludes ("removed") and those only the new one does ("added"), as `sinew eval` writes
// them in "conclusions" (a name as a string, a number, an array for several columns).
// "rules" are the rules of the proofs of those values on the example, in each version,
// less the rules both proofs share. `example` is the case as JSON
// (a case file's line as written, when it is not JSON: a string). `inputs` (the facts
// the case space combines) and `partly_known` (those of them one version does not know,
// and refuses cases with) are empty for a case file. `evaluated` is
// below `compared` when interchangeable findings were merged (cases/case_space.hpp).
// Groups come most cases first, then in the order of their change.

#include "case_diff.hpp"
#include "text_diff.hpp"

#include <string>

namespace sinew::cli {

struct DiffSide {
  std::string path, module, version;
};

struct DiffReport {
  DiffSide before, after;
  TextDiff text;
  CaseDiff cases;
};

std::string render_diff_text(const DiffReport& report);
std::string render_diff_json(const DiffReport& report);

}  // namespace sinew::cli
