#!/usr/bin/env bash
# The main job: install what is missing, build, and run every scenario in scenarios/ with a
# readable report. Extra arguments go to `halab suite` (e.g. a folder or files, or --json).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DHALAB_TESTS=OFF >/dev/null
cmake --build build/release
exec build/release/sim/halab suite "${@:-scenarios}"
