#!/usr/bin/env bash
# The main job: install what is missing, build, run the reference six-tier architecture
# (scenarios/reference-six-tier.json: its report, with the per-tier blame table), its yearly
# availability from regenerative failure episodes (docs/availability.md), then every
# scenario in scenarios/ with a readable report. Extra arguments go to `halab suite` instead
# (e.g. a folder or files, or --json), without the reference run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DHALAB_TESTS=OFF >/dev/null
cmake --build build/release
if [ $# -gt 0 ]; then exec build/release/sim/halab suite "$@"; fi
status=0
echo "== The reference architecture: six tiers, two datacenters =="
build/release/sim/halab run scenarios/reference-six-tier.json || status=$?
echo
echo "== Its yearly availability when every server fails once a month: 216 failure episodes =="
build/release/sim/halab sweep scenarios/avail-reference-six-tier.json --regenerative --runs 216 || status=$?
echo
echo "== Every scenario =="
build/release/sim/halab suite scenarios || status=$?
exit "$status"
