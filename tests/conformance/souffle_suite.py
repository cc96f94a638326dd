#!/usr/bin/env python3
"""Oracle 3: Soufflé 2.5's own evaluation tests, run through `sinew run`.

Every test that ../shared/conformance/souffle-2.5/evaluation/CMakeLists.txt registers
(`positive_test(NAME ...)`) runs as Soufflé's harness runs it
(../shared/conformance/README.md): `sinew run T/T.dl -F T/facts -D OUT` in a fresh
folder; each expected `T/*.csv` must be written as `OUT/*.csv` with the same lines
(right-stripped, sorted), no other `.csv` may be written, and the `.printsize` lines of
`T/T.out` must be printed. Each test is classified:

  pass      the outputs equal Soufflé's
  wrong     Sinew answered (exit 0) and an output differs: the worst defect
  refused   Sinew refused the program with an error (the code is counted)
  crash     a signal, or exit 70 (a bug in Sinew), or an exit code Sinew does not document
  timeout   no answer within --timeout seconds

The test fails on any wrong answer, crash or timeout, and when fewer than --floor tests
pass. It exits 77 (skipped) when the shared folder is absent. Not compared: `T/T.err`
(Soufflé's warnings are worded differently). Soufflé runs the C preprocessor first;
Sinew does not, so a program that needs it is refused.

  souffle_suite.py SINEW_BINARY [--floor N] [--timeout S] [--only NAME...] [--verbose]
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
SUITE = os.path.join(SHARED, "conformance", "souffle-2.5", "evaluation")

# Exit codes of `sinew` (DESIGN section 4): 1 refused, 2 usage, 3 a limit stopped it.
REFUSED_CODES = {1, 2, 3}


def registered_tests():
    with open(os.path.join(SUITE, "CMakeLists.txt"), encoding="utf-8") as f:
        text = f.read()
    # `positive_test(NAME ...)`, and `souffle_positive_functor_test(NAME ...)` (a test
    # that needs a library of user functors, which Sinew refuses).
    return re.findall(r"^\s*(?:souffle_positive_functor_test|positive_test)\(\s*([A-Za-z0-9_\-]+)",
                      text, re.MULTILINE)


def normalised_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return sorted(line.rstrip() for line in f.read().splitlines())


def first_error_code(stderr):
    match = re.search(r"error\[(E\d{4})\]", stderr) or re.search(r"\b(E\d{4})\b", stderr)
    return match.group(1) if match else "no code"


def compare(test_dir, name, out_dir, stdout):
    """Returns a list of differences (empty: the outputs agree)."""
    problems = []
    expected = sorted(f for f in os.listdir(test_dir) if f.endswith(".csv"))
    written = sorted(f for f in os.listdir(out_dir) if f.endswith(".csv"))
    for f in expected:
        if f not in written:
            problems.append("%s was not written" % f)
            continue
        want, got = normalised_lines(os.path.join(test_dir, f)), normalised_lines(
            os.path.join(out_dir, f))
        if want != got:
            extra = [l for l in got if l not in set(want)][:3]
            missing = [l for l in want if l not in set(got)][:3]
            problems.append("%s differs: %d lines expected, %d written; missing e.g. %r, extra e.g. %r"
                            % (f, len(want), len(got), missing, extra))
    for f in written:
        if f not in expected:
            problems.append("%s was written but Soufflé writes no such file" % f)
    out_file = os.path.join(test_dir, name + ".out")
    if os.path.exists(out_file):
        want = normalised_lines(out_file)
        wanted_names = {l.split("\t")[0] for l in want}
        # `sinew run` prints `rel<TAB>count` for every output relation as well; those
        # are checked through their files, so only the ones Soufflé prints are kept.
        got = sorted(l.rstrip() for l in stdout.splitlines()
                     if not (l.split("\t")[0] + ".csv" in written and l.split("\t")[0] not in wanted_names))
        if want != got:
            problems.append("standard output differs: expected %r, printed %r" % (want[:5], got[:5]))
    return problems


def run_one(sinew, name, timeout):
    test_dir = os.path.join(SUITE, name)
    program = os.path.join(test_dir, name + ".dl")
    if not os.path.exists(program):
        return "refused", "no program file", ""
    facts = os.path.join(test_dir, "facts")
    out_dir = tempfile.mkdtemp(prefix="sinew-souffle-%s-" % name)
    try:
        command = [sinew, "run", program, "-D", out_dir]
        if os.path.isdir(facts):
            command += ["-F", facts]
        try:
            run = subprocess.run(command, cwd=out_dir, capture_output=True, text=True,
                                 errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout", "no answer within %g s" % timeout, ""
        if run.returncode < 0:
            return "crash", "signal %d" % -run.returncode, run.stderr[-2000:]
        if run.returncode in REFUSED_CODES:
            return "refused", first_error_code(run.stderr), run.stderr[:2000]
        if run.returncode != 0:
            return "crash", "exit %d" % run.returncode, run.stderr[-2000:]
        problems = compare(test_dir, name, out_dir, run.stdout)
        if problems:
            return "wrong", "; ".join(problems), ""
        return "pass", "", ""
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sinew")
    parser.add_argument("--floor", type=int, default=0, help="fewest passes accepted")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per test")
    parser.add_argument("--only", nargs="*", help="run only these tests")
    parser.add_argument("--verbose", action="store_true", help="print stderr of failures")
    args = parser.parse_args()
    if not os.path.isdir(SUITE):
        print("skipped: Soufflé's test suite is not at %s" % SUITE)
        return 77
    tests = registered_tests()
    if args.only:
        tests = [t for t in tests if t in args.only]
    counts = collections.Counter()
    refusals = collections.defaultdict(list)
    for name in tests:
        verdict, detail, stderr = run_one(os.path.abspath(args.sinew), name, args.timeout)
        counts[verdict] += 1
        if verdict == "refused":
            refusals[detail].append(name)
        if verdict in ("wrong", "crash", "timeout"):
            print("%s: %s: %s" % (verdict.upper(), name, detail))
            if args.verbose and stderr:
                print("  " + stderr.replace("\n", "\n  "))
    print()
    print("%d tests: %d pass, %d wrong, %d refused, %d crash, %d timeout"
          % (len(tests), counts["pass"], counts["wrong"], counts["refused"], counts["crash"],
             counts["timeout"]))
    print("refusals by code:")
    for code in sorted(refusals, key=lambda c: (-len(refusals[c]), c)):
        print("  %s  %3d  %s" % (code, len(refusals[code]), " ".join(sorted(refusals[code]))))
    failed = counts["wrong"] + counts["crash"] + counts["timeout"]
    if counts["pass"] < args.floor:
        print("FAIL: %d tests pass, fewer than the floor of %d" % (counts["pass"], args.floor))
        failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
