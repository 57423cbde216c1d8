#!/usr/bin/env bash
# Installs what is missing, builds drsim and the Python module (Release) and runs the bundled
# default scenario.
# Extra arguments go to `drsim run`, e.g. tools/run.sh --trials 10000 --json out.json
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRSIM_TESTS=OFF \
  -DDRSIM_BENCH=OFF >/dev/null
cmake --build build/release >/dev/null
build/release/tools/drsim run scenarios/default.json "$@"
