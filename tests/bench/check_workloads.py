#!/usr/bin/env python3
"""Correctness, not speed: every program of shared/bench/programs/*.dl runs unchanged
through `sinew run` on the data gen.py writes, and prints the counts of
expected_counts.tsv. Exits 77 (skipped) when the shared folder is absent.

  check_workloads.py SINEW_BINARY DATA_DIR
"""
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = os.path.join(os.environ.get("SHARED", os.path.join(ROOT, "..", "shared")), "bench")
WORKLOADS = {
    "tc_chain_1000": ("tc", "tc_chain_1000"),
    "tc_chain_2000": ("tc", "tc_chain_2000"),
    "tc_random": ("tc", "tc_random"),
    "tc_random_bound": ("tc_bound", "tc_random"),
    "sg": ("sg", "sg"),
    "join1": ("join1", "join1"),
    "triage": ("triage", "triage"),
}


def main():
    sinew, data = sys.argv[1], sys.argv[2]
    if not os.path.isdir(BENCH):
        print("skipped: the shared benchmark folder is not at %s" % BENCH)
        return 77
    if not os.path.isdir(os.path.join(data, "triage")):
        subprocess.run([sys.executable, os.path.join(BENCH, "gen.py"), "--out", data], check=True,
                       stdout=subprocess.DEVNULL)
    failed = 0
    for workload, (program, folder) in WORKLOADS.items():
        run = subprocess.run([sinew, "run", os.path.join(BENCH, "programs", program + ".dl"),
                              "-F", os.path.join(data, folder)], capture_output=True, text=True)
        if run.returncode != 0:
            print("%s: sinew exited %d\n%s" % (workload, run.returncode, run.stderr))
            failed += 1
            continue
        check = subprocess.run([sys.executable, os.path.join(BENCH, "check.py"), "--workload",
                                workload], input=run.stdout, capture_output=True, text=True)
        print(check.stdout.strip())
        failed += check.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
