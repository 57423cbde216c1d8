// Object stores: unavailable with their region, destroyed in a disaster, switched to the
// replica; the attachments' loss joins the database's in the service's RPO.
#include "models/object_store/object_store.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"
#include "models/results/summary.h"

namespace drsim::testing::object_store_test {
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
  // Both are acknowledged 10 m into the outage (detect 5 m + ack 5 m), then wait decide_after.
  // Database: 10 m + 30 m + 20 m + 5 m promote; store: 10 m + 30 m + 20 m. The service waits
  // for both.
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::minutes(65));
  EXPECT_EQ(obs.incidents[0].rpo, Duration::seconds(30));
}


// Replication needs its source: west cut off by a partition from 23h to 1d1h (the replica stream
// of both stores stalls). A disaster of east at 1d: the attachments replicated since 23h never
// arrived, so the store loses its 30s lag plus the hour of the cut; the database's replica,
// cut off as long, lags 2s + 1h.
TEST(ObjectStore, ReplicationStalledByACutLosesTheCut) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "network_partition", "target": "west", "at": "23h", "duration": "2h"},
                           {"kind": "disaster", "target": "east", "at": "1d"}])")),
      1, 0, true);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(1) + Duration::seconds(30));
}

// The original comes back: east dark at 1d for 50m. Acknowledged at 10m, decided at 40m, the
// switch (execute 20m) would end at 1h; east returns at 50m: the switch is abandoned and the
// store serves from east, losing nothing.
TEST(ObjectStore, ASwitchUnderWayIsAbandonedWhenTheRegionReturns) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "east", "at": "1d", "duration": "50m"}])",
                       R"({"detect": "5m", "ack": "5m",
                           "region_failover": {"decide_after": "30m", "execute": "20m"}})")),
      1, 0, true);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::minutes(50));
  bool abandoned = false;
  for (const auto& e : obs.timeline) {
    abandoned |= e.text == "media: its region is back before the switch to the replica completes: "
                           "the switch is abandoned";
  }
  EXPECT_TRUE(abandoned);
}

// A switch needs the replica's region: west is dark when east is destroyed; the store switches
// once west returns.
TEST(ObjectStore, TheSwitchWaitsForTheReplicasRegion) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "west", "at": "1d", "duration": "2h"},
                           {"kind": "disaster", "target": "east", "at": "1d1h"}])")),
      1, 0, true);
  ASSERT_EQ(obs.incidents.size(), 1u);
  // West back at 1d2h, then the switch: the database is promoted in west at the same moment
  // plus promote 5m. The store's lag: 30s plus the hour west was cut off before the disaster.
  EXPECT_EQ(*obs.incidents[0].serving_again_at, sim::SimTime::zero() + Duration::hours(26) +
                                                    Duration::minutes(5));
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(1) + Duration::seconds(30));
}

// The store's own incidents, for its own verdict (Incident::service: the store's index).
TEST(ObjectStoreIncidents, ADisasterWithAReplicaLosesTheLagAndEndsAtTheSwitch) {
  // Detected and acknowledged after 10 min, switched at once (no execute: no region_failover).
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "disaster", "target": "east", "at": "1d"}])")),
      1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  const models::observations::Incident& i = obs.store_incidents[0];
  EXPECT_EQ(i.service, 0);
  EXPECT_EQ(i.started_at, at(Duration::hours(24)));
  EXPECT_EQ(*i.serving_again_at - i.started_at, Duration::minutes(10));
  EXPECT_EQ(i.rpo, Duration::seconds(30));
  EXPECT_EQ(obs.store_downtime[0], Duration::minutes(10));
}

TEST(ObjectStoreIncidents, AnOutageWithoutAReplicaLastsAsLongAsTheRegionsAndLosesNothing) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east"})",
                       R"([{"kind": "region_outage", "target": "east", "at": "1d", "duration": "2h"}])")),
      1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  EXPECT_EQ(*obs.store_incidents[0].serving_again_at - obs.store_incidents[0].started_at,
            Duration::hours(2));
  EXPECT_EQ(obs.store_incidents[0].rpo, Duration());
}

TEST(ObjectStoreIncidents, ADisasterWithoutAReplicaIsATotalLossOpenAtTheHorizon) {
  const models::Plan plan = plan_of(scenario(R"({"name": "media", "region": "east"})",
                                             R"([{"kind": "disaster", "target": "east", "at": "1d"}])"));
  const auto obs = models::run_trial(plan, 1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  EXPECT_TRUE(obs.store_incidents[0].total_loss);
  EXPECT_FALSE(obs.store_incidents[0].serving_again_at);
  EXPECT_EQ(obs.store_downtime[0], Duration::hours(48));
  // In the results: the store's tier is its service's (1), the verdict missed.
  models::results::Results r = models::results::make_results(plan.scenario, 1, 1);
  r.add(obs);
  ASSERT_EQ(r.object_stores.size(), 1u);
  EXPECT_EQ(r.object_stores[0].tier, 1);
  EXPECT_EQ(r.object_stores[0].incidents.total_loss, 1u);
  EXPECT_EQ(r.object_stores[0].incidents.censored, 1u);
  const models::results::Summary s = models::results::summarize(r);
  ASSERT_EQ(s.object_stores.size(), 1u);
  EXPECT_EQ(s.object_stores[0].incidents.verdict, models::results::Verdict::kMissed);
  EXPECT_NEAR(s.object_stores[0].availability, 1.0 / 3, 1e-12);
}

// A disaster with a replica of constant lag L and a response of constant detect + ack: the
// switch is decided once the disaster is acknowledged and takes `execute`, so RTO = detect +
// ack + execute and RPO = L.
TEST(ObjectStoreIncidents, ADisasterSwitchesToTheReplicaLosingItsLag) {
  const Duration lag = Duration::seconds(45);
  const Duration detect = Duration::minutes(4), ack = Duration::minutes(7),
                 execute = Duration::minutes(20);
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "45s"})",
                       R"([{"kind": "disaster", "target": "east", "at": "1d"}])",
                       R"({"detect": "4m", "ack": "7m",
                           "region_failover": {"decide_after": "30m", "execute": "20m"}})")),
      1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  const models::observations::Incident& i = obs.store_incidents[0];
  ASSERT_TRUE(i.serving_again_at);
  EXPECT_EQ(*i.serving_again_at - i.started_at, detect + ack + execute);
  EXPECT_EQ(i.rpo, lag);
  EXPECT_FALSE(i.total_loss);
  EXPECT_EQ(obs.store_downtime[0], detect + ack + execute);
}

// Still dark at the horizon without being destroyed: censored, and the loss is not known yet
// (the region may come back with everything, or the response may switch).
TEST(ObjectStoreIncidents, StillDownAtTheHorizonIsCensoredWithTheLossUnknown) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "east", "at": "2d", "duration": "5d"}])")),
      1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  const models::observations::Incident& i = obs.store_incidents[0];
  EXPECT_FALSE(i.serving_again_at);
  EXPECT_FALSE(i.total_loss);
  EXPECT_FALSE(i.rpo);
  EXPECT_EQ(obs.store_downtime[0], Duration::days(1));
}

// The switch abandoned when the region returns: the incident ends when the region does, RPO 0.
TEST(ObjectStoreIncidents, AnAbandonedSwitchEndsWithTheRegionLosingNothing) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "east", "at": "1d", "duration": "50m"}])",
                       R"({"detect": "5m", "ack": "5m",
                           "region_failover": {"decide_after": "30m", "execute": "20m"}})")),
      1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  EXPECT_EQ(*obs.store_incidents[0].serving_again_at - obs.store_incidents[0].started_at,
            Duration::minutes(50));
  EXPECT_EQ(obs.store_incidents[0].rpo, Duration());
}

// East destroyed at 1d: the switch is decided at 10m and would end at 30m, but west is destroyed
// at 15m. Nothing survives: a total loss, never "serving from" a destroyed region.
TEST(ObjectStoreIncidents, TheReplicasRegionDestroyedDuringTheSwitchIsATotalLoss) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "disaster", "target": "east", "at": "1d"},
                           {"kind": "disaster", "target": "west", "at": "1d15m"}])",
                       R"({"detect": "5m", "ack": "5m",
                           "region_failover": {"decide_after": "30m", "execute": "20m"}})")),
      1, 0, true);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  EXPECT_TRUE(obs.store_incidents[0].total_loss);
  EXPECT_FALSE(obs.store_incidents[0].serving_again_at);
  bool stopped = false;
  for (const auto& e : obs.timeline) {
    stopped |= e.text == "media: the replica's region west is destroyed before the switch "
                         "completes: the switch stops";
  }
  EXPECT_TRUE(stopped);
}

// West goes dark at 15m into the switch (decided at 10m) for 1h: the switch stops, is decided
// again when west returns at 1h15m and takes its 20m again: RTO 1h35m, RPO the lag at the
// disaster (30s; west was in reach then).
TEST(ObjectStoreIncidents, TheReplicasRegionDarkDuringTheSwitchRestartsItWhenBack) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "disaster", "target": "east", "at": "1d"},
                           {"kind": "region_outage", "target": "west", "at": "1d15m", "duration": "1h"}])",
                       R"({"detect": "5m", "ack": "5m",
                           "region_failover": {"decide_after": "30m", "execute": "20m"}})")),
      1, 0);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  EXPECT_EQ(*obs.store_incidents[0].serving_again_at - obs.store_incidents[0].started_at,
            Duration::hours(1) + Duration::minutes(35));
  EXPECT_EQ(obs.store_incidents[0].rpo, Duration::seconds(30));
}

// East destroyed while west is dark: the switch waits for west, and west is then destroyed too.
// Nothing survives: the store is found lost at once, not left waiting until the horizon.
TEST(ObjectStoreIncidents, WaitingForAReplicaRegionThatIsDestroyedIsATotalLoss) {
  const auto obs = models::run_trial(
      plan_of(scenario(R"({"name": "media", "region": "east", "replicate_to": "west", "lag": "30s"})",
                       R"([{"kind": "region_outage", "target": "west", "at": "1d", "duration": "5h"},
                           {"kind": "disaster", "target": "east", "at": "1d1h"},
                           {"kind": "disaster", "target": "west", "at": "1d2h"}])")),
      1, 0, true);
  ASSERT_EQ(obs.store_incidents.size(), 1u);
  EXPECT_TRUE(obs.store_incidents[0].total_loss);
  int told = 0;
  for (const auto& e : obs.timeline) {
    if (e.subject == "media" && e.kind == "total_loss") {
      ++told;
      EXPECT_EQ(e.at, at(Duration::hours(26)));  // when west is destroyed
    }
  }
  EXPECT_EQ(told, 1);
}

}  // namespace
}  // namespace drsim::testing::object_store_test
