// BM_Scenario: trials per second of the bundled default scenario (one thread), and events per
// second inside those trials.
#include <benchmark/benchmark.h>

#include "models/plan/plan.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"

namespace drsim {
namespace {

void BM_Scenario(benchmark::State& state) {
  const auto scenario =
      models::scenario::load_scenario_file(DRSIM_SOURCE_DIR "/scenarios/default.json");
  const models::Plan plan = models::make_plan(scenario);
  uint64_t trial = 0, events = 0;
  for (auto _ : state) {
    const auto obs = models::run_trial(plan, scenario.seed, trial++);
    events += obs.events;
    benchmark::DoNotOptimize(obs.incidents.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(trial));  // items = trials
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Scenario);

}  // namespace
}  // namespace drsim
