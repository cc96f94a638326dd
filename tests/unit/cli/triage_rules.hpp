#pragma once
// A small triage knowledge base shared by the tests of `sinew test`: three findings,
// three care levels, four rules (one for the care level). Line 12 is the rule
// `rash_needs_a_physician`, which the coverage tests expect never to fire.

#include <string>

namespace sinew::test {

inline const std::string triage_rules = R"(kind finding
finding ache, chest_pain, rash.
scale care_level : self_care < see_physician < seek_treatment_immediately
input has(f: finding)
output disposition(level: care_level)
output advise(f: finding)
relation reach(level: care_level)
rule ache_is_self_care
  reach(self_care) :- has(ache).
rule chest_pain_is_urgent
  reach(seek_treatment_immediately), advise(chest_pain) :- has(chest_pain).
rule rash_needs_a_physician
  reach(see_physician) :- has(rash).
disposition(L) :- L = max X : { reach(X) }.
)";

}  // namespace sinew::test
