// Object stores: unavailable with their region, destroyed in a disaster, switched to the
// replica; the attachments' loss joins the database's in the service's RPO.
#include "models/object_store/object_store.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing {
namespace {

using sim::Duration;

std::string scenario(const std::string& store, const std::string& faults,
                     const std::string& response = R"({"detect": "5m", "ack": "5m"})") {
  return R"({"name": "os", "horizon": "3d", "trials": 1,
    "regions": [{"name": "east", "azs": ["a1", "a2"]}, {"name": "west", "azs": ["b1", "b2"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "east", "azs": ["a1", "a2"],
                   "replicas": [{"region": "west", "lag": "2s", "promote": "5m"}]}],
    "object_stores": [)" + store + R"(],
    "services": [{"name": "svc", "tier": 1, "uses": ["db", "media"], "depends_on": []}],
    "response": )" + response + R"(, "faults": )" + faults + "}";
}

TEST(ObjectStore, DisasterJoinsTheReplicationLagIntoTheServiceRpo) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "disaster", "target": "east", "at": "1d"}])")),
      1, 0, true);
  ASSERT_EQ(obs.incidents.size(), 1u);
  // Database: promoted after 10 m + 5 m losing 2 s; store: switched after 10 m losing 30 s.
  EXPECT_EQ(obs.incidents[0].rpo, Duration::seconds(30));
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::minutes(15));
}

TEST(ObjectStore, WithoutAReplicaADisasterLosesTheAttachments) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east"})",
                       R"([{"kind": "disaster", "target": "east", "at": "1d"}])")),
      1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_TRUE(obs.incidents[0].total_loss);
  EXPECT_FALSE(obs.incidents[0].serving_again_at);
}

TEST(ObjectStore, RegionOutageIsWaitedOutWithoutRegionFailover) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "east", "at": "1d", "duration": "3h"}])")),
      1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::hours(3));
}

TEST(ObjectStore, RegionFailoverSwitchesAfterDecideAfter) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "east", "at": "1d", "duration": "5h"}])",
                       R"({"detect": "5m", "ack": "5m",
                           "region_failover": {"decide_after": "30m", "execute": "20m"}})")),
      1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  // Database: 30 m + 20 m + 5 m promote; store: 30 m + 20 m. The service waits for both.
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::minutes(55));
  EXPECT_EQ(obs.incidents[0].rpo, Duration::seconds(30));
}

}  // namespace
}  // namespace drsim::testing
