#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite with ctest, the
# libFuzzer targets' short runs included (tools/fuzz.sh, docs/testing.md).
# tools/test.sh --asan builds with clang and tests under AddressSanitizer + UndefinedBehaviorSanitizer
# (float-to-integer overflow included; every report is fatal).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh --test
build_type=Release
dir=build/test
mpi=ON
fuzz=ON
python=ON
compiler=()
if [ "${1:-}" = "--asan" ]; then
  build_type=Asan
  dir=build/asan
  mpi=OFF  # Open MPI's own allocations would read as leaks
  fuzz=OFF  # the fuzz targets are sanitized builds of their own
  python=OFF  # an ASan-built extension cannot load into a python built without ASan
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  if cxx=$(command -v clang++ || command -v clang++-14); then
    compiler=(-DCMAKE_CXX_COMPILER="$cxx")
  else
    echo "test.sh --asan: no clang++ found, building with the default compiler" >&2
    cxx=$(command -v c++)
  fi
  # A build directory configured with another compiler starts afresh.
  if [ -f "$dir/CMakeCache.txt" ] &&
    ! grep -qx "CMAKE_CXX_COMPILER:[A-Z]*=$cxx" "$dir/CMakeCache.txt"; then
    rm -rf "$dir"
  fi
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DDRSIM_MPI="$mpi" \
  -DDRSIM_FUZZ_TESTS="$fuzz" -DDRSIM_PYTHON="$python" "${compiler[@]}" >/dev/null
cmake --build "$dir"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
