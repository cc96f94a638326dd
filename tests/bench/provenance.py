#!/usr/bin/env python3
"""What recording provenance (the rule and height behind every fact, which
explanations need) costs: `sinew run` with and without `--provenance` on the shared
workloads, the two runs interleaved so that a noisy machine slows both alike.

  tests/bench/provenance.py [--runs 7] [--workloads tc_random sg ...] [--data DIR]

Prints, per workload, the median wall seconds of each and their ratio (the target is
at most 1.5). SINEW and SHARED as for compare.py.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
BENCH = os.path.join(SHARED, "bench")
SINEW = os.environ.get("SINEW", os.path.join(ROOT, "build", "sinew"))

# workload -> (program, data folder), as in the shared runner
WORKLOADS = {
    "tc_chain_2000": ("tc", "tc_chain_2000"),
    "tc_random": ("tc", "tc_random"),
    "sg": ("sg", "sg"),
    "join1": ("join1", "join1"),
    "triage": ("triage", "triage"),
}


def wall(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workloads", nargs="+", default=list(WORKLOADS))
    parser.add_argument("--data", default="/tmp/benchdata")
    args = parser.parse_args()
    if not os.path.isdir(BENCH):
        print("the shared benchmark folder is not at %s (set SHARED=...)" % BENCH, file=sys.stderr)
        return 2
    if not os.path.isdir(os.path.join(args.data, "triage")):
        subprocess.run([sys.executable, os.path.join(BENCH, "gen.py"), "--out", args.data], check=True)

    print("| workload | without s | with s | ratio |\n|---|---|---|---|")
    for workload in args.workloads:
        program, folder = WORKLOADS[workload]
        plain = [SINEW, "run", os.path.join(BENCH, "programs", program + ".dl"),
                 "-F", os.path.join(args.data, folder)]
        traced = plain[:2] + ["--provenance"] + plain[2:]
        wall(plain), wall(traced)  # warm-up
        without, with_ = [], []
        for _ in range(args.runs):
            without.append(wall(plain))
            with_.append(wall(traced))
        a, b = statistics.median(without), statistics.median(with_)
        print("| %s | %.3f | %.3f | %.2f |" % (workload, a, b, b / a), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
