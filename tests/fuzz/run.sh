#!/bin/sh
# Builds the fuzz targets with clang in BUILD (default build-fuzz), writes their seed
# corpora there, and runs each for SECONDS (default 60). Any finding (a crash, a
# sanitizer report, a leak, a timeout) fails the script and leaves the input as
# BUILD/fuzz/findings/<target>/crash-*; see tests/fuzz/README.md to reproduce it.
#
#   tests/fuzz/run.sh [SECONDS] [BUILD]
set -eu
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
build="${2:-build-fuzz}"

# -O1 with line tables only: reports name files and lines, and the build stays short.
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DSINEW_FUZZ=ON -DSINEW_BUILD_TESTS=OFF
cmake --build "$build" -j2 --target fuzz_loader fuzz_parser fuzz_cases make_seeds

work="$build/fuzz"
rm -rf "$work/seeds"
mkdir -p "$work/corpus/loader" "$work/corpus/parser" "$work/corpus/cases"
"$build/tests/fuzz/make_seeds" "$work/seeds/parser" "$work/seeds/loader" \
  kb examples/plant_care examples/flights/flights.dl --each tests/golden/run tests/golden/check \
  tests/fuzz/seeds
# Cases: those of kb/cases, and one a line of tests/fuzz/seeds/cases.jsonl (the bad
# cases of the CLI tests).
mkdir -p "$work/seeds/cases"
for case in kb/cases/*/case.json; do
  cp "$case" "$work/seeds/cases/$(basename "$(dirname "$case")").json"
done
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" > "$work/seeds/cases/bad_$n.json"
done < tests/fuzz/seeds/cases.jsonl

status=0
for target in loader parser cases; do
  mkdir -p "$work/findings/$target"
  dict=""
  if [ "$target" = cases ]; then dict="-dict=tests/fuzz/cases.dict"; fi
  # The corpus folder comes first: what the fuzzer learns is kept there between runs.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/findings/$target/" $dict \
    "$work/corpus/$target" "$work/seeds/$target" </dev/null || status=1
done
if [ "$status" -ne 0 ]; then
  echo "fuzz: a finding; its input is in $work/findings/ (tests/fuzz/README.md: reproduce)" >&2
fi
exit "$status"
