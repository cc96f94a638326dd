#!/usr/bin/env python3
"""The synthetic triage knowledge base (gen_synthetic_kb.py) is one `sinew eval` accepts,
and its answers agree with a second reading of its rules written here in Python.

Writes the knowledge base and cases into a temporary folder: random cases as the
benchmark draws them (gen_cases.py), and cases built to reach each rule (two findings
of one condition, critical or not; red flags below a reported finding, with a spasm,
with and without recent exercise, short and lasting).

usage: check_synthetic.py SINEW [--cases 150]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cases  # noqa: E402
import gen_synthetic_kb as synthetic  # noqa: E402

LEVELS = ["self_care", "see_physician", "appointment_right_away", "seek_treatment_immediately"]


class Reading:
    """The rules of gen_synthetic_kb.RULES, read directly over the knowledge graph."""

    def __init__(self, kb):
        parents = {}
        for child, parent in kb["is_a"]:
            parents.setdefault(child, []).append(parent)
        self.parents = parents
        self.red = set(kb["red_flag"])
        self.exercise = set(kb["exercise_related"])
        self.manifests = {}
        for condition, findings in kb["manifests"]:
            for f in findings:
                self.manifests.setdefault(f, set()).add(condition)
        self.critical = set(kb["critical"])
        self._above = {}

    def above(self, f):  # subsumed(f, g): every g above f
        if f not in self._above:
            out = set()
            for p in self.parents.get(f, []):
                out.add(p)
                out |= self.above(p)
            self._above[f] = out
        return self._above[f]

    def red_flag(self, f):
        return f in self.red or bool(self.above(f) & self.red)

    def answer(self, case):
        has = set(case["has"])
        persistent = case.get("duration_days", 0) > 3
        explained = synthetic.EXERCISE in has and any(
            f in self.exercise or self.above(f) & self.exercise for f in has)
        matches = {}
        for f in has:
            for g in {f} | self.above(f):
                for c in self.manifests.get(g, ()):
                    matches.setdefault(c, set()).add(f)
        suspected = sorted(c for c, fs in matches.items() if len(fs) >= 2)
        reach, urgent_because = set(), set()
        if has:
            reach.add(0)
        if suspected:
            reach.add(1)
        for f in has:
            if self.red_flag(f) and persistent:
                reach.add(2)
                urgent_because.add(f)
            if self.red_flag(f) and not explained:
                reach.add(3)
                urgent_because.add(f)
        if any(c in self.critical for c in suspected):
            reach.add(3)
        urgent = bool(reach & {2, 3})
        spasms = [s for s in has if s == synthetic.SPASM or synthetic.SPASM in self.above(s)]
        escalates = sorted({f for s in spasms for f in has
                            if urgent and self.red_flag(f) and f != s})
        return {
            "disposition": [LEVELS[max(reach)]] if reach else [],
            "suspected": suspected,
            "urgent_because": sorted(urgent_because),
            "escalates_spasm": escalates,
        }


def cases(kb, reading, count, rnd):
    low = kb["case_findings"]
    red_low = [f for f in low if reading.red_flag(f)]
    spasm_low = kb["spasm_findings"]
    exercise_low = [f for f in low if f in reading.exercise or reading.above(f) & reading.exercise]
    by_finding = {}
    for condition, findings in kb["manifests"]:
        for f in findings:
            by_finding.setdefault(f, []).append(condition)
    random_case = gen_cases.synthetic_cases(2024)
    out = []
    for i in range(count):
        kind = i % 3
        if kind == 0:
            case = random_case(rnd)
        elif kind == 1:  # two findings of one condition (or below them)
            condition, findings = rnd.choice(
                [m for m in kb["manifests"] if m[0] in kb["critical"]] if rnd.random() < 0.5
                else kb["manifests"])
            case = {"has": sorted(set(rnd.sample(findings, 2)) | set(rnd.sample(low, 1))),
                    "duration_days": rnd.randint(1, 14)}
        else:  # red flags, spasms, exercise
            has = {rnd.choice(red_low)}
            if rnd.random() < 0.6:
                has.add(rnd.choice(spasm_low))
            if rnd.random() < 0.5:
                has.add(synthetic.EXERCISE)
                has.add(rnd.choice(exercise_low))
            case = {"has": sorted(has), "duration_days": rnd.randint(1, 6)}
        out.append(case)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sinew")
    ap.add_argument("--cases", type=int, default=150)
    args = ap.parse_args()
    kb = synthetic.build(2024)
    reading = Reading(kb)
    batch = cases(kb, reading, args.cases, random.Random(11))
    with tempfile.TemporaryDirectory() as tmp:
        kb_path = os.path.join(tmp, "synthetic.sinew")
        with open(kb_path, "w") as f:
            f.write(synthetic.write_kb(kb, 2024))
        cases_path = os.path.join(tmp, "cases.jsonl")
        with open(cases_path, "w") as f:
            for case in batch:
                f.write(json.dumps(case) + "\n")
        run = subprocess.run([args.sinew, "eval", kb_path, "--cases", cases_path,
                              "--no-explanations", "--no-unknown-findings", "--no-progress"],
                             capture_output=True, text=True)
    if run.returncode != 0:
        print("sinew eval failed (exit %d):\n%s" % (run.returncode, run.stderr))
        return 1
    answers = run.stdout.splitlines()
    if len(answers) != len(batch):
        print("%d cases, %d answers" % (len(batch), len(answers)))
        return 1
    wrong, reached = 0, set()
    for number, (case, line) in enumerate(zip(batch, answers), 1):
        got = json.loads(line)["conclusions"]
        want = reading.answer(case)
        reached |= {k for k, v in want.items() if v} | set(want["disposition"])
        if got != want:
            wrong += 1
            if wrong <= 5:
                print("case %d %s\n  sinew:  %s\n  python: %s" % (number, json.dumps(case),
                                                                 json.dumps(got), json.dumps(want)))
    # The cases must reach every output and every care level, or they prove little.
    missing = set(LEVELS) | {"suspected", "urgent_because", "escalates_spasm"}
    missing -= reached
    if missing:
        print("no case reaches: %s" % ", ".join(sorted(missing)))
        return 1
    print("%d cases, %d disagree" % (len(batch), wrong))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
