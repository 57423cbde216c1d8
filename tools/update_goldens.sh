#!/usr/bin/env bash
# Rewrites tests/golden/X.json for every scenarios/X.json from the current build.
# Review the diff like code before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/test
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$dir" --target drsim_models_tests >/dev/null
DRSIM_UPDATE_GOLDENS=1 "$dir/tests/drsim_models_tests" --gtest_filter='*Golden*'
git status --short tests/golden
