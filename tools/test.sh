#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite with ctest.
# tools/test.sh --asan builds and tests with AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
build_type=Release
dir=build/test
mpi=ON
if [ "${1:-}" = "--asan" ]; then
  build_type=Asan
  dir=build/asan
  mpi=OFF  # Open MPI's own allocations would read as leaks
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DDRSIM_MPI="$mpi" >/dev/null
cmake --build "$dir"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
