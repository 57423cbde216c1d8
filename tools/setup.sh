#!/usr/bin/env bash
# Installs drsim's build and test dependencies from Debian's apt repository.
# Idempotent: it installs only what is missing and prints nothing when nothing is.
# With --test it adds what only the test suite needs (Chromium for the report checks).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-graph-dev libeigen3-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  libopenmpi-dev openmpi-bin
  clang-14 libclang-rt-14-dev  # libFuzzer and clang's sanitizers (tools/fuzz.sh, test.sh --asan)
  python3-dev pybind11-dev python3-numpy python3-pandas  # `import drsim` (docs/python.md)
)
# tools/setup.sh --test: what the test suite needs besides: a browser for the HTML report checks,
# tmux for playing a tabletop on a terminal, pytest for the Python module, jsonschema for checking
# `drsim schema`, nbconvert with a kernel and matplotlib for executing docs/notebooks, and Google
# Benchmark's compare tool with scipy for its U test (bench/compare.sh).
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium fonts-dejavu-core tmux
             python3-pytest python3-jsonschema jupyter-nbconvert python3-nbformat python3-ipykernel
             python3-matplotlib libbenchmark-tools python3-scipy)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "drsim setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
