// --worst (DESIGN.md §7): the trial holding the worst incident, by RTO, then RPO, then the lowest
// trial index; the same for any number of threads, and the same as looking at every trial alone.
#include "models/simulation/worst_trial.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing::worst_trial_test {
namespace {

// A single-AZ database whose AZ fails at random, for random lengths: trials differ.
const std::string kScenario = R"({"name": "w", "horizon": "30d", "trials": 60, "seed": 4,
  "regions": [{"name": "r", "azs": ["a1", "a2"]}],
  "databases": [{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"]},
                {"name": "db2", "deployment": "single-az", "region": "r", "azs": ["a2"]}],
  "services": [{"name": "top", "tier": 0, "uses": ["db"], "depends_on": []},
               {"name": "low", "tier": 2, "uses": ["db2"], "depends_on": []}],
  "faults": [{"kind": "az_outage", "target": "a1", "rate": "1/10d",
              "duration": {"exponential": {"mean": "2h"}}},
             {"kind": "az_outage", "target": "a2", "rate": "1/10d",
              "duration": {"exponential": {"mean": "20h"}}}]})";

TEST(WorstTrial, IsTheTrialWithTheLongestIncidentOfTheMostDemandingTier) {
  const models::Plan plan = plan_of(kScenario);
  const auto one = models::find_worst_trial(plan, 4, 60, 1, std::nullopt);
  const auto two = models::find_worst_trial(plan, 4, 60, 2, std::nullopt);
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->trial, two->trial);
  // By brute force: every trial alone, tier 0's service only (db2's longer outages are tier 2).
  uint64_t best_trial = 0;
  sim::Duration best;
  const sim::SimTime horizon = sim::SimTime::zero() + plan.scenario.horizon;
  for (uint64_t t = 0; t < 60; ++t) {
    for (const auto& i : models::run_trial(plan, 4, t).incidents) {
      if (i.service != 0) continue;
      const sim::Duration rto = (i.serving_again_at ? *i.serving_again_at : horizon) - i.started_at;
      if (rto > best) {
        best = rto;
        best_trial = t;
      }
    }
  }
  EXPECT_EQ(one->trial, best_trial);
  EXPECT_EQ(one->incident.service, 0);
  EXPECT_NE(one->why.find("of tier 0: top"), std::string::npos) << one->why;
  // Of one service.
  const auto low = models::find_worst_trial(plan, 4, 60, 2, 1);
  ASSERT_TRUE(low);
  EXPECT_EQ(low->incident.service, 1);
}

}  // namespace
}  // namespace drsim::testing::worst_trial_test
