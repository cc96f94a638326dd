#!/usr/bin/env python3
"""Run Sinew side by side with the peer engines on the shared benchmark workloads.

This is ../shared/bench/run.py (same data, same timing: whole-process wall time and
peak memory, median of --runs, one warm-up run) with Sinew added as the peer
"sinew":  sinew run PROG.dl -F DATA.  Every option of run.py works, e.g.

  tests/bench/compare.py                            # gen + all peers, 3 runs each
  tests/bench/compare.py --peers sinew swipl clingo --runs 5
  tests/bench/compare.py --workloads triage --peers sinew

SINEW points at the binary (default: build/sinew under the repository root), SHARED
at the shared folder (default: ../shared beside the repository). Souffle is used
when SOUFFLE points at a binary, and skipped otherwise.
"""
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
BENCH = os.path.join(SHARED, "bench")
SINEW = os.environ.get("SINEW", os.path.join(ROOT, "build", "sinew"))


def main():
    if not os.path.isdir(BENCH):
        print("the shared benchmark folder is not at %s (set SHARED=...)" % BENCH, file=sys.stderr)
        return 2
    if not os.access(SINEW, os.X_OK):
        print("no sinew binary at %s: build it first, or set SINEW=..." % SINEW, file=sys.stderr)
        return 2
    sys.path.insert(0, BENCH)
    import run as peers  # the shared runner

    data = "/tmp/benchdata"
    if "--data" in sys.argv:
        data = sys.argv[sys.argv.index("--data") + 1]
    if not os.path.isdir(os.path.join(data, "triage")):
        subprocess.run([sys.executable, os.path.join(BENCH, "gen.py"), "--out", data], check=True)

    shared_command = peers.peer_command

    def peer_command(peer, prog, data_dir, souffle, bindir, outdir):
        if peer == "sinew":
            return [SINEW, "run", os.path.join(peers.PROGS, prog + ".dl"), "-F", data_dir], \
                None, dict(os.environ), {0}
        return shared_command(peer, prog, data_dir, souffle, bindir, outdir)

    peers.peer_command = peer_command
    peers.MAIN_PEERS.insert(0, "sinew")
    return peers.main()


if __name__ == "__main__":
    sys.exit(main())
