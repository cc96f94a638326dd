#!/bin/sh
# Cases per second of `sinew eval KB --cases F.jsonl --jobs 1 > /dev/null`, and peak
# memory, for the bundled knowledge base (kb/) and the synthetic one
# (gen_synthetic_kb.py), with each set of output flags. The cases are generated here
# (deterministic seeds), never kept in the repository.
#
# usage: tests/bench/cases/run.sh [BUILD_DIR] [WORK_DIR]
#   KB_CASES=1000000 SYNTHETIC_CASES=100000   how many cases to time
#   KB_SMALL=100000                           the smaller kb/ batch, for flat memory
#   RUNS=3                                    runs per row (the median is printed)
#
# Prints one row per measurement: knowledge base, cases, flags, wall seconds, user CPU
# seconds, cases a second by each (counting the start-up, which the `0 cases` row shows
# alone), peak resident MiB. On a machine shared with other work, the CPU figure is the
# steadier one.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
work=${2:-$build/bench-cases}
sinew=$build/sinew
KB_CASES=${KB_CASES:-1000000}
KB_SMALL=${KB_SMALL:-100000}
SYNTHETIC_CASES=${SYNTHETIC_CASES:-100000}
RUNS=${RUNS:-3}

[ -x "$sinew" ] || { echo "no $sinew: build it first (cmake --build $build --target sinew)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 2; }
mkdir -p "$work"

# ---- the data ---------------------------------------------------------------------------
kb_cases=$work/kb-$KB_CASES.jsonl
[ -s "$kb_cases" ] || python3 "$here/gen_cases.py" --kb kb --count "$KB_CASES" --out "$kb_cases"
kb_small=$work/kb-$KB_SMALL.jsonl
[ -s "$kb_small" ] || head -n "$KB_SMALL" "$kb_cases" > "$kb_small"
synthetic=$work/synthetic.sinew
[ -s "$synthetic" ] || python3 "$here/gen_synthetic_kb.py" --out "$synthetic" >&2
synthetic_cases=$work/synthetic-$SYNTHETIC_CASES.jsonl
[ -s "$synthetic_cases" ] ||
  python3 "$here/gen_cases.py" --kb synthetic --count "$SYNTHETIC_CASES" --out "$synthetic_cases"
: > "$work/none.jsonl"

# Compiled once: loading a .sinewb skips parsing and checking.
"$sinew" compile "$root/kb" -o "$work/kb.sinewb"
"$sinew" compile "$synthetic" -o "$work/synthetic.sinewb"

# ---- one row: the median of $RUNS runs ------------------------------------------------------
measure() {  # name kb cases-file count flags...
  name=$1 kb=$2 file=$3 count=$4
  shift 4
  rows=""
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %U %M" -o "$work/time.txt" \
      "$sinew" eval "$kb" --cases "$file" --jobs 1 --no-progress "$@" > /dev/null 2> "$work/stderr.txt" || {
        echo "sinew eval failed on $file:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
    rows="$rows$(cat "$work/time.txt")
"
    i=$((i + 1))
  done
  printf '%s' "$rows" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p" | {
    read -r seconds user kib
    awk -v name="$name" -v n="$count" -v s="$seconds" -v u="$user" -v k="$kib" \
      -v flags="${*:-(defaults)}" \
      'BEGIN { printf "%-9s %8d  %-40s %7.2f s wall %7.2f s CPU %9.0f /s wall %9.0f /s CPU %5.0f MiB\n",
               name, n, flags, s, u, (s > 0 ? n / s : 0), (u > 0 ? n / u : 0), k / 1024 }'
  }
}

for flags in "" "--no-explanations" "--no-explanations --no-unknown-findings"; do
  # shellcheck disable=SC2086
  measure kb "$work/kb.sinewb" "$work/none.jsonl" 0 $flags
  # shellcheck disable=SC2086
  measure kb "$work/kb.sinewb" "$kb_small" "$KB_SMALL" $flags
  # shellcheck disable=SC2086
  measure kb "$work/kb.sinewb" "$kb_cases" "$KB_CASES" $flags
done
for flags in "" "--no-explanations" "--no-explanations --no-unknown-findings"; do
  # shellcheck disable=SC2086
  measure synthetic "$work/synthetic.sinewb" "$work/none.jsonl" 0 $flags
  # shellcheck disable=SC2086
  measure synthetic "$work/synthetic.sinewb" "$synthetic_cases" "$SYNTHETIC_CASES" $flags
done
