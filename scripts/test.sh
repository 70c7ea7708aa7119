#!/usr/bin/env bash
# Builds and runs the whole test suite: unit, scenario, determinism, chaos, safety and CLI
# tests, then the libFuzzer targets for a bounded time (scripts/fuzz.sh), then all the tests
# again (the GUI aside) under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
jobs=$(nproc)

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/test -j "$jobs"
ctest --test-dir build/test -j "$jobs" --output-on-failure

echo "== the loader and the importers under libFuzzer (clang), 30 s each"
bash scripts/fuzz.sh 30

echo "== the suite again under ASan + UBSan (simulations on SimGrid's thread contexts)"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHALAB_SANITIZE=ON -DHALAB_GUI=OFF >/dev/null
cmake --build build/asan -j "$jobs"
# Left out: the seed sweeps (the same runs as the scenario tests, twenty times over) and the
# tests that run the whole library again (suite, check, trace schema: the scenario tests' runs).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan -j "$jobs" --output-on-failure -LE 'sweep|library'
