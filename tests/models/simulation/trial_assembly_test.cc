// TrialAssembly: a worker's components, reset between trials, give every trial the observations
// a freshly built trial gives (incidents, failovers, downtime, the whole story, the event trace),
// whatever trials it ran before, on every bundled scenario and the reference fleet.
#include "models/simulation/trial_assembly.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "models/plan/plan.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"

namespace drsim::models::trial_assembly_test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> scenario_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DRSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  files.push_back(DRSIM_SOURCE_DIR "/bench/reference_fleet_1080.json");
  return files;
}

class TrialAssemblyReuse : public ::testing::TestWithParam<bool> {};

TEST_P(TrialAssemblyReuse, ReusedComponentsGiveTheFreshTrialsObservations) {
  const bool tracing = GetParam();
  // Trials revisited out of order, one after itself, so that whatever a trial leaves behind
  // meets a trial that would notice it.
  const std::vector<uint64_t> order = {5, 3, 0, 7, 3, 1, 1, 6};
  for (const std::string& file : scenario_files()) {
    SCOPED_TRACE(file);
    const Plan plan = make_plan(scenario::load_scenario_file(file));
    const uint64_t seed = plan.scenario.seed;
    TrialAssembly reused(plan, seed, tracing);
    uint64_t events = 0;
    for (uint64_t trial : order) {
      const observations::TrialObservations fresh = run_trial(plan, seed, trial, tracing);
      const observations::TrialObservations again = reused.run(trial);
      events += again.events;
      ASSERT_EQ(again.trace_hash, fresh.trace_hash) << "trial " << trial;
      ASSERT_EQ(again.incidents.size(), fresh.incidents.size()) << "trial " << trial;
      ASSERT_EQ(again.timeline.size(), fresh.timeline.size()) << "trial " << trial;
      ASSERT_TRUE(again == fresh) << "trial " << trial;
    }
    EXPECT_GT(events, 0u);  // the scenario did something to compare
  }
}

INSTANTIATE_TEST_SUITE_P(Tracing, TrialAssemblyReuse, ::testing::Values(false, true));

}  // namespace
}  // namespace drsim::models::trial_assembly_test
