#!/usr/bin/env bash
# Installs the Debian 12 packages halab needs, only those missing (fast when all are there).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libsimgrid-dev libboost-graph-dev nlohmann-json3-dev libfmt-dev libcli11-dev
  libgtest-dev libbenchmark-dev
  qt6-base-dev qt6-svg-dev
  libpugixml-dev pacemaker-cli-utils
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
