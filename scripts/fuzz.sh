#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (tests/fuzz, HALAB_FUZZ) and runs each for a
# bounded time on its seed corpus: the scenario loader, the four importers of `halab
# import` and the trace readers. A crash, a sanitizer report, an uncaught exception, a hang
# (10 s) or a leak fails the run; the input is kept under build/fuzz/artifacts, to be added to
# tests/fuzz/regressions/TARGET/ with the fix (tests/fuzz/README.md).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
jobs=$(nproc)
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DHALAB_FUZZ=ON >/dev/null
cmake --build build/fuzz -j "$jobs"

declare -A seeds=(
  [loader]="scenarios"
  [cib]="tests/sim/import/cib"
  [keepalived]="tests/sim/import/keepalived tests/fuzz/seeds/keepalived"
  [sentinel]="tests/sim/import/sentinel"
  [nginx]="tests/sim/import/nginx"
  [trace]="tests/fuzz/seeds/trace"
)
artifacts=build/fuzz/artifacts
mkdir -p "$artifacts"
pids=()
failed=0
for target in loader cib keepalived sentinel nginx trace; do
  corpus=build/fuzz/corpus/$target
  mkdir -p "$corpus"
  # shellcheck disable=SC2086  # the seed directories are words
  build/fuzz/tests/fuzz/fuzz_$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "$corpus" tests/fuzz/regressions/$target ${seeds[$target]} \
    > "build/fuzz/$target.log" 2>&1 &
  pids+=($!)
  # As many targets at once as there are cores.
  if (( ${#pids[@]} >= jobs )); then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done

for target in loader cib keepalived sentinel nginx trace; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/$target.log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz_$target: $runs inputs in ${seconds}s"
done
if (( failed )); then
  echo "a fuzz target failed; its log (build/fuzz/TARGET.log) and input ($artifacts):"
  grep -l -E "ERROR|SUMMARY" build/fuzz/*.log | while read -r log; do echo "== $log"; grep -E -A12 "ERROR|what\(\)" "$log" | head -30; done
  ls -l "$artifacts"
  exit 1
fi
