#!/usr/bin/env python3
"""Write random cases as JSON Lines, one case object per line (DESIGN.md section 6):

    {"has": ["muscle_spasm", "chest_pain"], "duration_days": 4}

--kb kb         the bundled knowledge base (kb/): a symptom in 90 % of cases (the
                other finding in 10 % of those), 1 to 5 other findings (the ones a
                case can report, DESIGN.md section 7), a duration of 0..14 days in
                60 % of cases.
--kb synthetic  gen_synthetic_kb.py's knowledge base (same --seed as it was written
                with): 4 level-4/5 findings, a finding below muscle_spasm in 5 % of
                cases, `recent_exercise` in 30 %, a duration of 1..14 days.

--varied P      for comparing two builds' answers rather than timing: a share P of
                the lines is made wrong in one of the ways a caller gets wrong
                (a misspelt finding, an unknown key, a bad duration, broken JSON,
                an empty line, ...), and a tenth of the others say what was found
                absent. Every line still has one answer, so `cmp` of two builds'
                outputs compares refusals too.

Deterministic: one random.Random(--case-seed).

usage: gen_cases.py --kb kb|synthetic [--count 1000000] [--out cases.jsonl]
                    [--case-seed 7] [--seed 2024] [--varied 0.05]
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_synthetic_kb  # noqa: E402

KB_SYMPTOMS = ["muscle_soreness", "muscle_spasm"]
KB_FINDINGS = [
    "redness", "rash", "swelling", "chronic_pain", "chest_pain", "numbness", "tingling",
    "weakness", "recurrent", "worsening", "not_easing", "cause_unknown", "injured_muscle",
    "intense_workout", "moving", "landscaping", "overuse", "injury_during_activity",
    "stress", "tension", "overstretching", "dehydration", "static_posture",
]


def kb_case(rnd):
    has = []
    if rnd.random() < 0.9:
        has.append(rnd.choice(KB_SYMPTOMS))
        if rnd.random() < 0.1:
            has.append([s for s in KB_SYMPTOMS if s != has[0]][0])
    has.extend(rnd.sample(KB_FINDINGS, rnd.randint(1, 5)))
    case = {"has": has}
    if rnd.random() < 0.6:
        case["duration_days"] = rnd.randint(0, 14)
    return case


def synthetic_cases(seed):
    kb = gen_synthetic_kb.build(seed)
    low, spasm = kb["case_findings"], kb["spasm_findings"]

    def case(rnd):
        has = rnd.sample(low, 4)
        if spasm and rnd.random() < 0.05:
            has.append(rnd.choice(spasm))
        if rnd.random() < 0.30:
            has.append(gen_synthetic_kb.EXERCISE)
        return {"has": sorted(set(has)), "duration_days": rnd.randint(1, 14)}
    return case


def spoil(rnd, case):
    """A line a caller might send by mistake, made from a good case."""
    text = json.dumps(case, separators=(",", ":"))
    has = case.get("has", [])
    way = rnd.randrange(9)
    if way == 0 and has:
        name = rnd.choice(has)
        cut = rnd.randrange(len(name))
        return json.dumps(dict(case, has=has + [name[:cut] + name[cut + 1:]]))
    if way == 1:
        return json.dumps(dict(case, colour="red"))
    if way == 2:
        return json.dumps(dict(case, duration_days=rnd.choice([-1, "3", 2.5, 1e30, None])))
    if way == 3:
        return text[:rnd.randrange(1, len(text))]
    if way == 4:
        return ""
    if way == 5:
        return json.dumps(dict(case, has=has + [rnd.randint(0, 9)]))
    if way == 6:
        return json.dumps([case])
    if way == 7:
        return json.dumps(dict(case, absent=has[:1]))
    return json.dumps(dict(case, has="muscle_spasm"))


def vary(rnd, case, share):
    if rnd.random() < share:
        return spoil(rnd, case)
    if rnd.random() < 0.1:
        # Mostly findings the case does not have; now and then one it does (refused).
        pool = KB_FINDINGS if rnd.random() < 0.2 else \
            [f for f in KB_FINDINGS if f not in case.get("has", [])]
        case = dict(case, absent={"has": rnd.sample(pool, 2)})
    return json.dumps(case, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", choices=["kb", "synthetic"], required=True)
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--out", default="-")
    ap.add_argument("--case-seed", type=int, default=7)
    ap.add_argument("--seed", type=int, default=2024, help="gen_synthetic_kb.py's seed")
    ap.add_argument("--varied", type=float, default=None, metavar="P",
                    help="a share P of wrong lines, and some absent findings")
    args = ap.parse_args()
    rnd = random.Random(args.case_seed)
    make = kb_case if args.kb == "kb" else synthetic_cases(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w")
    for _ in range(args.count):
        case = make(rnd)
        if args.varied is None:
            out.write(json.dumps(case, separators=(",", ":")))
        else:
            out.write(vary(rnd, case, args.varied))
        out.write("\n")
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
