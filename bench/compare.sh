#!/usr/bin/env bash
# Runs the reference benchmarks and compares them with the recorded baseline (bench/baseline.json)
# using Google Benchmark's compare tool (Debian's libbenchmark-tools), whose U test says which
# differences are more than noise. --record writes the run as the new baseline instead.
#
#   bench/compare.sh [--bench BUILD/bench/drsim_bench] [--baseline bench/baseline.json]
#                    [--filter REGEX] [--repetitions N] [--min-time S] [--out FILE] [--record]
#
# Each benchmark runs N times (default 9, the least the U test trusts) so that the test has
# samples to rank; compare only runs of the same build type on the same machine. Exit status:
# 0 compared (or recorded), 2 bad usage or a missing tool.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bench="$here/../build/release/bench/drsim_bench"
baseline="$here/baseline.json"
# The reference benchmarks (docs/engine.md): the engine against a std::priority_queue loop, the
# event queue alone, one fleet-year trial on one thread and through the runner on 1 and 2
# threads, and the merging of trial results (BM_ResultsAdd, BM_HistogramAdd).
filter='^(BM_PholdPaired|BM_Phold|BM_EventQueueHold|BM_FleetYear|BM_FleetYearThreads|BM_ResultsAdd|BM_HistogramAdd)(/|$)'
repetitions=9
min_time=""
out=""
record=0
compare_py=/usr/share/benchmark/compare.py

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) bench="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    --repetitions) repetitions="$2"; shift 2 ;;
    --min-time) min_time="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --record) record=1; shift ;;
    -h|--help) usage ;;
    *) echo "bench/compare.sh: unknown argument $1" >&2; usage ;;
  esac
done
[ -x "$bench" ] || { echo "bench/compare.sh: no benchmark binary at $bench (build first, or --bench)" >&2; exit 2; }
[[ "$repetitions" =~ ^[1-9][0-9]*$ ]] || { echo "bench/compare.sh: --repetitions wants a positive integer" >&2; exit 2; }

if [ -z "$out" ]; then
  out="$(mktemp --suffix=.json)"
  trap 'rm -f "$out"' EXIT
fi
args=(--benchmark_filter="$filter" --benchmark_repetitions="$repetitions"
      --benchmark_out="$out" --benchmark_out_format=json)
[ -n "$min_time" ] && args+=(--benchmark_min_time="$min_time")
"$bench" "${args[@]}" >/dev/null

if [ "$record" = 1 ]; then
  cat "$out" > "$baseline"
  echo "bench/compare.sh: recorded $(grep -c '"run_type": "iteration"' "$baseline") runs in $baseline" >&2
  exit 0
fi
[ -f "$compare_py" ] || { echo "bench/compare.sh: $compare_py missing (apt-get install libbenchmark-tools python3-scipy)" >&2; exit 2; }
[ -f "$baseline" ] || { echo "bench/compare.sh: no baseline at $baseline (run with --record first)" >&2; exit 2; }
# Debian's python3, which has scipy for the U test (the python3 on PATH may be another one).
colour=()
[ -t 1 ] || colour=(--no-color)
/usr/bin/python3 "$compare_py" -a "${colour[@]}" benchmarks "$baseline" "$out"
