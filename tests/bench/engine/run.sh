#!/bin/sh
# Times engine_bench on the shared/bench workloads: whole process, median wall
# seconds and peak RSS of RUNS runs (after one warm-up), counts checked against
# expected_counts.tsv.
#   tests/bench/engine/run.sh BUILD_DIR [RUNS] [WORKLOAD...]
# Data: python3 shared/bench/gen.py --out /tmp/benchdata (made when missing).
set -eu
build=${1:?usage: run.sh BUILD_DIR [RUNS] [WORKLOAD...]}
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "$0")" && pwd)
bench=${SINEW_BENCH_DIR:-$here/../../../../shared/bench}
data=${SINEW_BENCH_DATA:-/tmp/benchdata}
[ -d "$data" ] || python3 "$bench/gen.py" --out "$data"
workloads=${*:-tc_chain_1000 tc_chain_2000 tc_random tc_random_bound sg join1 triage}
printf '| workload | median s | min s | peak MiB | counts |\n|---|---|---|---|---|\n'
for w in $workloads; do
  case $w in
    tc_chain_*) prog=tc dir=$w ;;
    tc_random) prog=tc dir=tc_random ;;
    tc_random_bound) prog=tc_bound dir=tc_random ;;
    *) prog=$w dir=$w ;;
  esac
  out=$(mktemp)
  "$build/engine_bench" "$prog" "$data/$dir" > "$out"
  ok=ok
  python3 "$bench/check.py" --workload "$w" "$out" > /dev/null 2>&1 || ok=WRONG
  times=""
  for i in $(seq "$runs"); do
    t=$( { /usr/bin/time -f '%e %M' "$build/engine_bench" "$prog" "$data/$dir" > /dev/null; } 2>&1 )
    times="$times$t
"
  done
  printf '%s' "$times" | sort -n | awk -v w="$w" -v ok="$ok" -v n="$runs" '
    { s[NR] = $1; if ($2 > m) m = $2 }
    END { printf "| %s | %.3f | %.3f | %.0f | %s |\n", w, s[int((n + 1) / 2)], s[1], m / 1024, ok }'
  rm -f "$out"
done
