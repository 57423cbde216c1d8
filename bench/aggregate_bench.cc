// The cost of the mergeable aggregate: adding values to a histogram and to exact sums, folding a
// trial into Results, merging two Results (what threads, shards and MPI ranks do), and the state
// file's round trip.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/plan/plan.h"
#include "models/report/state.h"
#include "models/results/log_histogram.h"
#include "models/results/results.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "sim/rng.h"

namespace drsim {
namespace {

using models::results::Results;

// Log-uniform durations from 1 µs to a year.
std::vector<uint64_t> durations(size_t n) {
  sim::Rng rng(1);
  std::vector<uint64_t> out;
  for (size_t i = 0; i < n; ++i) {
    const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
    out.push_back(static_cast<uint64_t>(std::exp(u * std::log(3.15e13))));
  }
  return out;
}

void BM_HistogramAdd(benchmark::State& state) {
  const std::vector<uint64_t> values = durations(4096);
  models::results::LogHistogram h;
  size_t i = 0;
  for (auto _ : state) {
    h.add(values[i++ & 4095]);
  }
  benchmark::DoNotOptimize(h.count());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HistogramAdd);

void BM_MomentsAdd(benchmark::State& state) {
  const std::vector<uint64_t> values = durations(4096);
  models::results::Moments m;
  size_t i = 0;
  for (auto _ : state) {
    m.add(values[i++ & 4095]);
  }
  benchmark::DoNotOptimize(m.sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MomentsAdd);

struct Fixture {
  models::scenario::Scenario scenario;
  models::Plan plan;
  explicit Fixture(const std::string& file)
      : scenario(models::scenario::load_scenario_file(DRSIM_SOURCE_DIR "/scenarios/" + file)),
        plan(models::make_plan(scenario)) {}
};

// Items = trials folded in: the scenario's own trials (at most 256), again and again.
void BM_ResultsAdd(benchmark::State& state, const std::string& file) {
  const Fixture f(file);
  std::vector<models::observations::TrialObservations> trials;
  for (uint64_t t = 0; t < std::min<uint64_t>(256, f.scenario.trials); ++t) {
    trials.push_back(models::run_trial(f.plan, f.scenario.seed, t));
  }
  Results r = models::results::make_results(f.scenario, f.scenario.seed, 0);
  size_t i = 0;
  for (auto _ : state) {
    r.add(trials[i++ % trials.size()]);
  }
  benchmark::DoNotOptimize(r.trials);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_ResultsAdd, default, std::string("default.json"));
BENCHMARK_CAPTURE(BM_ResultsAdd, reference_fleet, std::string("reference_fleet.json"));

// Merging a part of range(0) trials into an accumulator, as a shard or rank merge does. Its cost
// follows the histograms' spans, not the trials.
void BM_ResultsMerge(benchmark::State& state, const std::string& file) {
  const Fixture f(file);
  const Results part =
      models::run_monte_carlo(f.plan, f.scenario.seed, static_cast<uint64_t>(state.range(0)), 1);
  Results acc = part;
  for (auto _ : state) {
    acc.merge(part);
  }
  benchmark::DoNotOptimize(acc.trials);
  state.SetItemsProcessed(state.iterations());  // items = merges
}
BENCHMARK_CAPTURE(BM_ResultsMerge, default, std::string("default.json"))->Range(16, 4096);
BENCHMARK_CAPTURE(BM_ResultsMerge, reference_fleet, std::string("reference_fleet.json"))->Arg(20);

// results_to_state, dump, parse, results_from_state: a shard's state file written and read,
// after the scenario's own trials.
void BM_StateRoundTrip(benchmark::State& state, const std::string& file) {
  const Fixture f(file);
  const Results r = models::run_monte_carlo(f.plan, f.scenario.seed, f.scenario.trials, 2);
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = models::report::results_to_state(r).dump();
    bytes = text.size();
    const Results back = models::report::results_from_state(nlohmann::json::parse(text), "bench");
    benchmark::DoNotOptimize(back.trials);
  }
  state.counters["state_bytes"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_StateRoundTrip, default, std::string("default.json"));
BENCHMARK_CAPTURE(BM_StateRoundTrip, reference_fleet, std::string("reference_fleet.json"));

}  // namespace
}  // namespace drsim
