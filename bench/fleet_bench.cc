// BM_FleetYear: the reference benchmark of issue 4 — the reference practice's fleet over six
// regions with 1,080 databases of mixed deployments (bench/reference_fleet_1080.json, written by
// `python3 tools/make_reference_fleet.py --tenants 170`), one simulated year of random faults of
// every kind. Reports trials per second (items) and events per second, on one thread
// (BM_FleetYear: trial after trial on one TrialAssembly, as a Monte Carlo worker runs them) and
// through the trial runner on 1 and 2 threads (BM_FleetYearThreads/N), whose ratio is the
// scaling from 1 to 2 threads; BM_FleetYearScalingPaired measures that ratio and, beside it, the
// machine's own ceiling for it, in the same minutes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <thread>

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

// The scaling from one thread to two, paired: each iteration runs the same 128 trials three
// ways, one after another: on one thread; through the runner on two threads; and as two
// independent one-thread runs of 64 side by side (shards 0/2 and 1/2, nothing shared: the
// machine's own ceiling). The counters are the ratios of their best rates over the iterations
// (`runner_2_vs_1`, `side_by_side_2_vs_1`). Separate benchmark runs on a shared machine vary by
// more than these ratios' distance from 2; slices in the same minutes see the same machine.
void BM_FleetYearScalingPaired(benchmark::State& state) {
  const models::Plan& plan = fleet_plan();
  constexpr uint64_t kTrials = 128;
  const uint64_t seed = plan.scenario.seed;
  const auto run = [&](int threads, models::results::Shard shard) {
    models::MonteCarloOptions options;
    options.threads = threads;
    options.shard = shard;
    benchmark::DoNotOptimize(models::run_monte_carlo(plan, seed, kTrials, options).trials);
  };
  const auto rate = [](auto&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return static_cast<double>(kTrials) /
           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double one = 0, runner = 0, side_by_side = 0;
  for (auto _ : state) {
    one = std::max(one, rate([&] { run(1, {0, 1}); }));
    runner = std::max(runner, rate([&] { run(2, {0, 1}); }));
    side_by_side = std::max(side_by_side, rate([&] {
                              std::thread other([&] { run(1, {1, 2}); });
                              run(1, {0, 2});
                              other.join();
                            }));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 3 * kTrials));
  state.counters["one_thread_per_s"] = one;
  state.counters["runner_2_vs_1"] = runner / one;
  state.counters["side_by_side_2_vs_1"] = side_by_side / one;
}
BENCHMARK(BM_FleetYearScalingPaired)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(10);

}  // namespace
}  // namespace drsim
