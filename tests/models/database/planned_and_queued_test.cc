// Multi-AZ cluster failovers waiting for the readers' apply lag, planned Aurora Global
// switchovers, and restore decisions that count the wait in the shared restore queue. Every
// duration is a constant, so every time is derived by hand in the comments.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../model_test_support.h"

namespace drsim::testing::planned_and_queued_test {
namespace {

using sim::Duration;

models::observations::TrialObservations run_json(const std::string& json) {
  return models::run_trial(plan_of(json), 1, 0, true);
}

bool says(const models::observations::TrialObservations& obs, const std::string& text) {
  for (const auto& e : obs.timeline) {
    if (e.text.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string cluster(const std::string& apply_lag) {
  return region_scenario(
      R"([{"name": "db", "deployment": "multi-az-cluster", "region": "r",
           "azs": ["a1", "a2", "a3"], "failover": {"detect": "10s", "promote": "10s", "dns": "5s"},
           "apply_lag": )" +
          apply_lag + "}]",
      R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])",
      R"([{"kind": "instance_failure", "target": "db", "at": "1h"}])");
}

TEST(ClusterApplyLag, FailoverWaitsForTheReadersToApplyTheirLag) {
  // 10 s detect + (10 s promote + 30 s of apply lag) + 5 s DNS.
  const auto obs = run_json(cluster(R"("30s")"));
  ASSERT_EQ(obs.failovers.size(), 1u);
  EXPECT_EQ(obs.failovers[0].promote, Duration::seconds(40));
  EXPECT_EQ(obs.failovers[0].total(), Duration::seconds(55));
}

TEST(ClusterApplyLag, FlowControlCapsTheLagAtTwoMinutes) {
  const auto obs = run_json(cluster(R"("10m")"));
  ASSERT_EQ(obs.failovers.size(), 1u);
  EXPECT_EQ(obs.failovers[0].promote, Duration::seconds(130));
  EXPECT_EQ(obs.failovers[0].total(), Duration::seconds(145));
}

std::string global(const std::string& faults) {
  return R"({"name": "g", "horizon": "2d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}, {"name": "s", "azs": ["b1", "b2", "b3"]}],
    "databases": [{"name": "db", "deployment": "aurora-global", "region": "r",
                   "azs": ["a1", "a2", "a3"], "replace": "10m",
                   "replicas": [{"region": "s", "lag": "1s", "promote": "1m"}]}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "5m"},
    "faults": )" +
         faults + "}";
}

TEST(AuroraGlobalSwitchover, PausesWritesForThePromotionAndLosesNothing) {
  const auto obs = run_json(global(R"([{"kind": "switchover", "target": "db", "to": "s", "at": "1h"}])"));
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(Duration::hours(1)));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::minutes(61)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_TRUE(obs.incidents[0].planned);
  EXPECT_TRUE(says(obs, "Global switchover to DB cluster db in Region s finished. (the writer is in b1"));
}

TEST(AuroraGlobalSwitchover, SwitchesBackAfterItsDuration) {
  // A region failover test: to s at 1 h (1 min), back to r 2 h after that (1 min): two planned
  // incidents of 1 min each.
  const auto obs = run_json(global(
      R"([{"kind": "switchover", "target": "db", "to": "s", "at": "1h", "duration": "2h"}])"));
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[1].started_at, at(Duration::minutes(181)));
  EXPECT_EQ(obs.incidents[1].serving_again_at, at(Duration::minutes(182)));
  EXPECT_TRUE(obs.incidents[0].planned && obs.incidents[1].planned);
  EXPECT_TRUE(says(obs, "Global switchover to DB cluster db in Region r finished."));
}

TEST(AuroraGlobalSwitchover, TheOldRegionNoLongerMattersAndCanBeSwitchedBackTo) {
  // After the switchover the writer is in s: a disaster in r touches nothing. Switching back to
  // r is impossible then (r is gone), and is refused.
  const auto obs = run_json(global(R"([
      {"kind": "switchover", "target": "db", "at": "1h"},
      {"kind": "disaster", "target": "r", "at": "5h"},
      {"kind": "switchover", "target": "db", "to": "s", "at": "6h"}])"));
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_TRUE(says(obs, "planned switchover to s refused: s is not a secondary region now"));
  // A switchover back to r before the disaster would have worked: r is the secondary now.
  const auto back = run_json(global(R"([
      {"kind": "switchover", "target": "db", "at": "1h"},
      {"kind": "switchover", "target": "db", "to": "s", "at": "2h"}])"));
  EXPECT_TRUE(says(back, "refused: s is not a secondary region now"));
}

TEST(Switchover, AnyDatabaseWithACrossRegionReplicaCanBeSwitchedOver) {
  // A Multi-AZ database with a read replica in s: the replica catches up and is promoted (5 min),
  // and the writer comes back 1 day later.
  const auto obs = run_json(R"({"name": "g", "horizon": "3d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2"]}, {"name": "s", "azs": ["b1", "b2"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
                   "replicas": [{"region": "s", "lag": "2s", "promote": "5m"}]}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"]}],
    "faults": [{"kind": "switchover", "target": "db", "at": "1h", "duration": "1d"}]})");
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::minutes(65)));
  EXPECT_EQ(obs.incidents[1].started_at, at(Duration::minutes(65) + Duration::hours(24)));
  EXPECT_EQ(obs.incidents[1].serving_again_at, at(Duration::minutes(70) + Duration::hours(24)));
  EXPECT_EQ(obs.incidents[1].rpo, Duration());
  EXPECT_TRUE(says(obs, "planned switchover to r completed: the writer is in a1"));
}

std::string multi_az(const std::string& faults) {
  return R"({"name": "t", "horizon": "1d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
                   "failover": {"detect": "10s", "promote": "10s", "dns": "5s"}}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"]}],
    "faults": )" + faults + "}";
}

TEST(FailoverTest, RebootsWithFailoverOnScheduleAsPlannedIncidents) {
  // Every 6 h from 1 h: 1 h, 7 h, 13 h, 19 h; each a 25 s failover (10 + 10 + 5 s), planned.
  const auto obs = run_json(multi_az(
      R"([{"kind": "failover_test", "target": "db", "at": "1h", "every": "6h"}])"));
  ASSERT_EQ(obs.failovers.size(), 4u);
  ASSERT_EQ(obs.incidents.size(), 4u);
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_TRUE(obs.failovers[k].planned);
    EXPECT_EQ(obs.failovers[k].total(), Duration::seconds(25));
    EXPECT_EQ(obs.incidents[k].started_at, at(Duration::hours(1 + 6 * static_cast<int64_t>(k))));
    EXPECT_EQ(*obs.incidents[k].serving_again_at - obs.incidents[k].started_at, Duration::seconds(25));
    EXPECT_TRUE(obs.incidents[k].planned);
  }
  // Counted apart: not in the service's incidents, but in its failovers and its downtime.
  const models::Plan plan = plan_of(multi_az(
      R"([{"kind": "failover_test", "target": "db", "at": "1h", "every": "6h"}])"));
  models::results::Results r = models::results::make_results(plan.scenario, 1, 1);
  r.add(obs);
  EXPECT_EQ(r.services[0].incidents.incidents, 0u);
  EXPECT_EQ(r.services[0].planned_incidents, 4u);
  EXPECT_EQ(r.services[0].downtime_us.sum, 100'000'000u);
  EXPECT_EQ(r.failovers[0].total.count(), 4u);
  EXPECT_EQ(r.failovers[0].planned, 4u);
}

TEST(FailoverTest, AFaultDuringATestMakesItAFaultsIncident) {
  // The standby's AZ goes dark while the test's failover runs: the test's target is gone and
  // the outage lasts until a1's replacement; no longer only planned.
  const auto obs = run_json(multi_az(R"([
      {"kind": "failover_test", "target": "db", "at": "1h"},
      {"kind": "az_outage", "target": "a2", "at": "1h0m5s", "duration": "1h"}])"));
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_FALSE(obs.incidents[0].planned);
}

TEST(FailoverTest, IsRefusedWithoutAStandbyThatHoldsEveryWrite) {
  const auto obs = run_json(multi_az(R"([
      {"kind": "instance_failure", "target": "db", "instance": "standby", "at": "1h"},
      {"kind": "failover_test", "target": "db", "at": "1h1m"}])"));
  EXPECT_TRUE(says(obs, "planned failover test refused: no standby holds every write"));
  EXPECT_TRUE(obs.incidents.empty());
}

TEST(AuroraGlobalSwitchover, IsRefusedWhileTheDatabaseIsDown) {
  const auto obs = run_json(global(R"([
      {"kind": "region_outage", "target": "r", "at": "30m", "duration": "2h"},
      {"kind": "switchover", "target": "db", "at": "1h"}])"));
  EXPECT_TRUE(says(obs, "planned switchover to s refused: the database is not healthy"));
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::minutes(150)));
}

// d0 (Tier 0, in s) burns at 30m and its 3h restore (+3m of log replay) holds the only restore
// slot from 45m to 3h48m. d1 (Tier 1, in r) is cut off by a region outage at 1h; at 1h45m
// (acknowledged at 1h15m, then decide_after) its only path is the copy in s, a day old (loses
// 25h, more than the 1h RPO target: the copy of the midnight snapshot, due at 2h, stalls while
// r is unreachable), taking execute 20m + restore 1h once it has the slot: p95 1h20m, plus
// 2h03m of waiting for d0's restore = 3h23m. So it waits for r until 1h + 6h - 3h23m = 3h37m,
// and not until 5h40m, which would ignore the queue and end exactly at the 6h RTO target.
TEST(RestoreDecision, CountsTheWaitInTheRestoreQueue) {
  const std::string json = R"({"name": "q", "horizon": "2d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}, {"name": "s", "azs": ["b1", "b2"]}],
    "databases": [
      {"name": "d0", "deployment": "single-az", "region": "s", "azs": ["b1"],
       "backup": {"snapshot": {"every": "24h", "retention": "7d"}, "log_upload": "5m",
                  "restore": {"base": "3h"}}},
      {"name": "d1", "deployment": "single-az", "region": "r", "azs": ["a1"],
       "backup": {"snapshot": {"every": "24h", "retention": "7d"}, "log_upload": "5m",
                  "copy_to": ["s"], "copy_delay": "2h", "restore": {"base": "1h"}}}],
    "services": [{"name": "s0", "tier": 0, "uses": ["d0"], "depends_on": []},
                 {"name": "s1", "tier": 1, "uses": ["d1"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "10m", "restore_parallelism": 1,
                 "region_failover": {"decide_after": "30m", "execute": "20m"}},
    "faults": [{"kind": "az_outage", "target": "b1", "at": "30m", "destroys_data": true},
               {"kind": "region_outage", "target": "r", "at": "1h", "duration": "20h"}]})";
  const auto obs = run_json(json);
  EXPECT_TRUE(says(obs,
                   "d1: no path meets the 1 h RPO target: waiting for the original until 2 h 37 "
                   "min into the outage (the soonest path: restore from the copy in s (loses 1 d "
                   "1 h of writes"));
  EXPECT_TRUE(says(obs, "p95 3 h 23 min; misses the 1 h RPO target"));
  ASSERT_EQ(obs.incidents.size(), 2u);
  for (const auto& incident : obs.incidents) {
    if (incident.service != 1) continue;
    // Requested at 3h37m, it starts when d0's restore ends (3h48m): serving at 5h08m. The copy
    // of the midnight snapshot is still stalled (r is unreachable): it loses 25h.
    EXPECT_EQ(incident.serving_again_at, at(Duration::minutes(308)));
    EXPECT_EQ(incident.rpo, Duration::hours(25));
  }
}

// Regression (a large reference-fleet run aborted): r goes dark at 1h; at 1h40m (acknowledged at
// 1h10m, then decide_after) there is no path outside the outage, so the response waits. A fire in a1 at 3h changes the
// outage (the standby in a2 still holds the data): the response decides again then, instead of
// scheduling a decision in the past.
TEST(RestoreDecision, AChangeOfTheOutageAfterTheDecisionDecidesAgainNow) {
  const auto obs = run_json(R"({"name": "c", "horizon": "1d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "5m",
                 "region_failover": {"decide_after": "30m", "execute": "20m"}},
    "faults": [{"kind": "region_outage", "target": "r", "at": "1h", "duration": "5h"},
               {"kind": "az_outage", "target": "a1", "at": "3h", "destroys_data": true}]})");
  int waits = 0;
  for (const auto& e : obs.timeline) {
    if (e.text == "db: no recovery path outside the outage: waiting for it to end") {
      ++waits;
      EXPECT_TRUE(e.at == at(Duration::minutes(100)) || e.at == at(Duration::hours(3)))
          << "at " << e.at.since_start().in_seconds() << " s";
    }
  }
  EXPECT_EQ(waits, 2);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
}

}  // namespace
}  // namespace drsim::testing::planned_and_queued_test
