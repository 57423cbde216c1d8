// run_trial and run_monte_carlo: an interrupt stops a trial in the middle, and a trial cut short
// is never merged as if it had run to the horizon.
#include "models/simulation/simulation.h"

#include <gtest/gtest.h>

#include <atomic>

#include "../model_test_support.h"

namespace drsim::testing::simulation_test {
namespace {

// A Multi-AZ database whose instances fail every few minutes for a century: millions of events
// in one trial, so only an interrupt inside the trial can stop it quickly.
const char* kBusy = R"({"name": "busy", "horizon": "100y", "trials": 4,
  "regions": [{"name": "r", "azs": ["a1", "a2"]}],
  "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]}],
  "services": [{"name": "svc", "tier": 1, "uses": ["db"]}],
  "faults": [{"kind": "instance_failure", "target": "db", "mtbf": "10m"}]})";

TEST(RunTrial, AnInterruptStopsTheTrialAndSaysSo) {
  const models::Plan plan = plan_of(kBusy);
  const std::atomic<bool> stop{true};
  const models::observations::TrialObservations obs = models::run_trial(plan, 1, 0, false, &stop);
  EXPECT_TRUE(obs.interrupted);
  EXPECT_LE(obs.events, 1024u);
}

TEST(RunMonteCarlo, AnInterruptedTrialIsNotMerged) {
  const models::Plan plan = plan_of(kBusy);
  const std::atomic<bool> stop{true};
  models::MonteCarloOptions options;
  options.threads = 1;
  options.interrupt = &stop;
  const models::results::Results r = models::run_monte_carlo(plan, 1, 4, options);
  EXPECT_EQ(r.trials, 0u);
  EXPECT_TRUE(r.partial);
  EXPECT_EQ(r.services[0].incidents.incidents, 0u);
}

}  // namespace
}  // namespace drsim::testing::simulation_test
