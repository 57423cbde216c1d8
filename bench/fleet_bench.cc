// BM_FleetYear: the reference benchmark of issue 4 — the reference practice's fleet over six
// regions with 1,080 databases of mixed deployments (bench/reference_fleet_1080.json, written by
// `python3 tools/make_reference_fleet.py --tenants 170`), one simulated year of random faults of
// every kind. Reports trials per second (items) and events per second, on one thread
// (BM_FleetYear: trial after trial on one TrialAssembly, as a Monte Carlo worker runs them) and
// through the trial runner on 1 and 2 threads (BM_FleetYearThreads/N), whose ratio is the
// scaling from 1 to 2 threads.
#include <benchmark/benchmark.h>

#include "models/plan/plan.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "models/simulation/trial_assembly.h"

namespace drsim {
namespace {

const models::Plan& fleet_plan() {
  static const models::Plan plan = models::make_plan(
      models::scenario::load_scenario_file(DRSIM_SOURCE_DIR "/bench/reference_fleet_1080.json"));
  return plan;
}

void BM_FleetYear(benchmark::State& state) {
  const models::Plan& plan = fleet_plan();
  // As a Monte Carlo worker runs trials: one assembly, reset between them.
  models::TrialAssembly assembly(plan, plan.scenario.seed);
  uint64_t trial = 0, events = 0;
  for (auto _ : state) {
    const auto obs = assembly.run(trial++);
    events += obs.events;
    benchmark::DoNotOptimize(obs.incidents.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(trial));  // items = trials
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FleetYear)->Unit(benchmark::kMillisecond);

// 256 trials per iteration through run_monte_carlo (set-up and merging included), on
// state.range(0) threads: enough trials that the run's serial set-up (a few milliseconds) weighs
// as little as in a real run of thousands.
void BM_FleetYearThreads(benchmark::State& state) {
  const models::Plan& plan = fleet_plan();
  constexpr uint64_t kTrials = 256;
  const int threads = static_cast<int>(state.range(0));
  uint64_t events = 0;
  for (auto _ : state) {
    const auto results = models::run_monte_carlo(plan, plan.scenario.seed, kTrials, threads);
    events += results.engine.events;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kTrials));
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FleetYearThreads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace drsim
