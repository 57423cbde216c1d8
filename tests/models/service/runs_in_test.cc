// `runs_in` (DESIGN.md §3): a service that needs a region or AZ beside its data stores, such as
// a Tier 0 platform, is down with it, and takes the services that depend on it down too. Closed
// forms: an outage of fixed length D is an incident of RTO D and RPO 0 for the platform and its
// dependants; a disaster leaves them down to the horizon (censored).
#include <gtest/gtest.h>

#include "../model_test_support.h"
#include "models/simulation/simulation.h"

namespace drsim::testing::runs_in_test {
namespace {

using models::observations::Incident;

std::string scenario_with(const std::string& faults) {
  return R"({"name": "platform", "horizon": "3d", "trials": 1,
    "regions": [{"name": "r1", "azs": ["r1a", "r1b"]}, {"name": "r2", "azs": ["r2a", "r2b"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r2", "azs": ["r2a", "r2b"],
      "failover": {"detect": "10s", "promote": "30s", "dns": "20s"}}],
    "services": [{"name": "platform", "tier": 0, "runs_in": ["r1"]},
                 {"name": "app", "tier": 1, "uses": ["db"], "depends_on": ["platform"]},
                 {"name": "edge", "tier": 2, "runs_in": ["r2b"]}],
    "faults": [)" + faults + "]}";
}

std::vector<Incident> incidents_of(const models::observations::TrialObservations& obs,
                                   int service) {
  std::vector<Incident> out;
  for (const Incident& i : obs.incidents) {
    if (i.service == service) out.push_back(i);
  }
  return out;
}

TEST(RunsIn, ARegionOutageTakesThePlatformAndItsDependantsDownForItsLength) {
  const models::Plan plan = plan_of(scenario_with(
      R"({"kind": "region_outage", "target": "r1", "at": "1d", "duration": "2h"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  for (int s : {0, 1}) {
    const std::vector<Incident> inc = incidents_of(obs, s);
    ASSERT_EQ(inc.size(), 1u) << "service " << s;
    EXPECT_EQ(inc[0].started_at, sim::SimTime() + sim::Duration::hours(24));
    ASSERT_TRUE(inc[0].serving_again_at);
    EXPECT_EQ(*inc[0].serving_again_at - inc[0].started_at, sim::Duration::hours(2));
    EXPECT_EQ(inc[0].rpo, sim::Duration());
  }
  EXPECT_TRUE(incidents_of(obs, 2).empty()) << "edge runs in r2, untouched";
}

TEST(RunsIn, AnAzOutageTakesDownWhatRunsInTheAz) {
  const models::Plan plan = plan_of(scenario_with(
      R"({"kind": "az_outage", "target": "r2b", "at": "1d", "duration": "30m"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  const std::vector<Incident> edge = incidents_of(obs, 2);
  ASSERT_EQ(edge.size(), 1u);
  EXPECT_EQ(*edge[0].serving_again_at - edge[0].started_at, sim::Duration::minutes(30));
  EXPECT_TRUE(incidents_of(obs, 0).empty());
}

TEST(RunsIn, ADisasterLeavesThePlatformDownToTheHorizon) {
  const models::Plan plan =
      plan_of(scenario_with(R"({"kind": "disaster", "target": "r1", "at": "1d"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  for (int s : {0, 1}) {
    const std::vector<Incident> inc = incidents_of(obs, s);
    ASSERT_EQ(inc.size(), 1u);
    EXPECT_FALSE(inc[0].serving_again_at) << "censored";
    // A place holds no data: its loss is known (nothing), even while it is still down.
    EXPECT_EQ(inc[0].rpo, sim::Duration());
  }
}

TEST(RunsIn, UnknownAndRepeatedPlacesAreErrors) {
  std::string text = scenario_with("");
  text.replace(text.find(R"(["r1"])"), 6, R"(["r3", "r2a", "r2a"])");
  try {
    models::scenario::load_scenario_text(text, "test.json", ".");
    FAIL() << "accepted";
  } catch (const models::scenario::ScenarioError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0],
              "test.json: services[0].runs_in[0]: unknown region or AZ \"r3\" (did you mean \"r1\"?)");
    EXPECT_EQ(e.problems()[1], "test.json: services[0].runs_in[2]: \"r2a\" is listed twice");
  }
}

}  // namespace
}  // namespace drsim::testing::runs_in_test
