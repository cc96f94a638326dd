#!/usr/bin/env python3
"""Write a synthetic triage knowledge base as one .sinew file.

The shape of the `triage` workload of shared/bench (gen.py): 20,000 findings in a
6-level is_a polyhierarchy (10 % with a second parent; one level-2 concept is
`muscle_spasm`), 5,000 conditions with 4 `manifests` links each to level-3/4
findings (5 % critical), 30 red-flag and 20 exercise-related concepts; and rules
those of the triage program (shared/bench/programs/triage.dl), for one patient at a
time: the case supplies `has(finding)` and `duration_days(number)`; the knowledge base
concludes `disposition(care_level)`, `suspected(condition)`, `urgent_because(finding)`
and `escalates_spasm(finding)`.

Differences from triage.dl, all from evaluating one patient per case: the patient
column is gone; the duration is the case's (`duration_days`), not one per finding;
`exercise(p)` is the finding `has(recent_exercise)`; and `urgent` is graded as a
care level (`disposition`, the highest level reached), a lasting red flag reaching
`appointment_right_away` and the other two ways `seek_treatment_immediately`.
The hierarchy, red flags, exercise concepts, `manifests` links and critical
conditions are drawn with the same random calls as gen.py's `gen_triage`, so the
same seed gives the same knowledge graph.

Deterministic: one random.Random(seed).

usage: gen_synthetic_kb.py [--out synthetic.sinew] [--seed 2024]
                           [--conditions 5000] [--links 4]
"""
import argparse
import random
import sys

LEVELS = (20, 100, 500, 2000, 6000, 11380)  # 20,000 findings, top level first
SPASM = "muscle_spasm"
EXERCISE = "recent_exercise"


def build(seed=2024, conditions=5000, links=4):
    """The knowledge graph as plain Python data (gen_cases.py reads it too)."""
    rnd = random.Random(seed)
    levels, nid = [], 0
    for size in LEVELS:
        levels.append(["f%d" % (nid + i) for i in range(size)])
        nid += size
    levels[2][0] = SPASM
    is_a = []
    for lvl in range(1, len(levels)):
        above = levels[lvl - 1]
        for f in levels[lvl]:
            parents = {rnd.choice(above)}
            if rnd.random() < 0.10:
                parents.add(rnd.choice(above))
            is_a.extend((f, p) for p in sorted(parents))
    red = sorted(set(rnd.sample(levels[2][1:], 10)) | set(rnd.sample(levels[3], 20)))
    others = [f for f in levels[2][1:] if f not in set(red)]
    exercise = sorted({SPASM} | set(rnd.sample(others, 19)))
    mid = levels[3] + levels[4]
    manifests = [("c%d" % c, sorted(rnd.sample(mid, links))) for c in range(conditions)]
    critical = sorted("c%d" % c for c in rnd.sample(range(conditions), conditions // 20))
    children = {}
    for child, parent in is_a:
        children.setdefault(parent, []).append(child)
    below_spasm, frontier = set(), [SPASM]
    while frontier:
        nxt = []
        for p in frontier:
            for c in children.get(p, []):
                if c not in below_spasm:
                    below_spasm.add(c)
                    nxt.append(c)
        frontier = nxt
    low = levels[4] + levels[5]
    return {
        "levels": levels,
        "is_a": is_a,
        "red_flag": red,
        "exercise_related": exercise,
        "manifests": manifests,
        "critical": critical,
        "case_findings": low,  # what a patient reports: level-4/5 findings
        "spasm_findings": sorted(f for f in below_spasm if f in set(low)),
        "conditions": conditions,
    }


RULES = """
// ---- the hierarchy, once per knowledge base ---------------------------------------------
rule subsumed_direct
  subsumed(F, G) :- is_a(F, G).
rule subsumed_above
  subsumed(F, G) :- is_a(F, H), subsumed(H, G).
rule red_flag_asserted
  red_flag(F) :- red_flag_base(F).
rule red_flag_below
  red_flag(F) :- subsumed(F, G), red_flag_base(G).
rule exercise_related_asserted
  exercise_related(F) :- exercise_related_base(F).
rule exercise_related_below
  exercise_related(F) :- subsumed(F, G), exercise_related_base(G).
rule spasm_itself
  spasm(muscle_spasm).
rule spasm_below
  spasm(F) :- subsumed(F, muscle_spasm).

// ---- one patient ----------------------------------------------------------------------------
rule persistent_after_three_days
  persistent :- duration_days(D), D > 3.
rule explained_by_recent_exercise
  explained_by_exercise :- has(recent_exercise), has(F), exercise_related(F).
rule matches_direct
  matches(C, F) :- has(F), manifests(C, F).
rule matches_below
  matches(C, F) :- has(F), subsumed(F, G), manifests(C, G).
rule suspected_by_two_findings
  suspected(C) :- matches(C, F1), matches(C, F2), F1 != F2.

rule any_finding_is_self_care
  reach(self_care) :- has(_).
rule suspected_condition_see_physician
  reach(see_physician) :- suspected(_).
// urgent(p) of triage.dl, in three rules, each with the care level it reaches.
rule lasting_red_flag
  reach(appointment_right_away), urgent, urgent_because(F) :- has(F), red_flag(F), persistent.
rule unexplained_red_flag
  reach(seek_treatment_immediately), urgent, urgent_because(F) :-
    has(F), red_flag(F), !explained_by_exercise.
rule critical_condition
  reach(seek_treatment_immediately), urgent :- suspected(C), critical(C).
rule spasm_with_red_flag
  escalates_spasm(F) :- has(S), spasm(S), urgent, has(F), red_flag(F), F != S.
rule disposition_is_highest
  disposition(L) :- L = max X : { reach(X) }.
"""

HEADER = """// A synthetic triage knowledge base, written by tests/bench/cases/gen_synthetic_kb.py
// (seed {seed}): {findings} findings in an is_a hierarchy, {conditions} conditions.
module synthetic_triage version "1.0.0"

kind finding
kind condition
scale care_level : self_care < see_physician < appointment_right_away < seek_treatment_immediately

input has(f: finding)
input duration_days(n: number)
output disposition(level: care_level)
output suspected(c: condition)
output urgent_because(f: finding)
output escalates_spasm(f: finding)

relation is_a(child: finding, parent: finding)
relation subsumed(f: finding, g: finding)
relation red_flag_base(f: finding)
relation red_flag(f: finding)
relation exercise_related_base(f: finding)
relation exercise_related(f: finding)
relation spasm(f: finding)
relation manifests(c: condition, f: finding)
relation critical(c: condition)
relation matches(c: condition, f: finding)
relation reach(level: care_level)
relation persistent()
relation explained_by_exercise()
relation urgent()
"""


def declare(out, kind, names, per_line=20):
    for i in range(0, len(names), per_line):
        out.append("%s %s." % (kind, ", ".join(names[i:i + per_line])))


def write_kb(kb, seed):
    findings = [f for level in kb["levels"] for f in level] + [EXERCISE]
    out = [HEADER.format(seed=seed, findings=len(findings), conditions=kb["conditions"])]
    out.append("// ---- entities ----")
    declare(out, "finding", findings)
    declare(out, "condition", ["c%d" % c for c in range(kb["conditions"])])
    out.append("\n// ---- the graph ----")
    out.extend("%s is_a %s." % edge for edge in kb["is_a"])
    out.extend("%s manifests %s." % (c, ", ".join(fs)) for c, fs in kb["manifests"])
    out.extend("red_flag_base(%s)." % f for f in kb["red_flag"])
    out.extend("exercise_related_base(%s)." % f for f in kb["exercise_related"])
    out.extend("critical(%s)." % c for c in kb["critical"])
    out.append(RULES)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="synthetic.sinew")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--conditions", type=int, default=5000)
    ap.add_argument("--links", type=int, default=4)
    args = ap.parse_args()
    kb = build(args.seed, args.conditions, args.links)
    with open(args.out, "w") as f:
        f.write(write_kb(kb, args.seed))
    print("%s: %d findings, %d is_a edges, %d conditions" %
          (args.out, sum(LEVELS) + 1, len(kb["is_a"]), args.conditions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
