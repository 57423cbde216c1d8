// Which copies hold every write (DESIGN.md §4): a copy that was down while writes were committed
// is behind until it catches up from one that holds them; it never takes the writes "with RPO
// 0"; when it is the only way back, promoting it loses exactly the writes it missed. And a region
// fault is one event: no failover inside the region, no replacement ordered there. Every
// duration is a constant, so times and losses are exact.
#include <gtest/gtest.h>

#include <string>

#include "../model_test_support.h"
#include "models/database/database.h"

namespace drsim::testing::copies_behind_test {
namespace {

using sim::Duration;

Duration hm(int64_t h, int64_t m, int64_t s = 0) {
  return Duration::hours(h) + Duration::minutes(m) + Duration::seconds(s);
}

// Failover 20s + 40s + 15s = 75s; replacements take 30m.
const std::string kMultiAz = R"([{"name": "db", "deployment": "multi-az", "region": "r",
    "azs": ["a", "b"], "replace": "30m", "write_rate": "100/s",
    "failover": {"detect": "20s", "promote": "40s", "dns": "15s"}}])";
const std::string kService = R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])";
const std::string kResponse =
    R"({"detect": "5m", "ack": "10m", "region_failover": {"decide_after": "30m", "execute": "20m"}})";

models::observations::TrialObservations run(const std::string& databases, const std::string& faults,
                                            const std::string& azs = R"(["a", "b"])",
                                            const std::string& response = "") {
  std::string json = region_scenario(databases, kService, faults, azs);
  if (!response.empty()) json.insert(json.rfind('}'), R"(, "response": )" + response);
  return models::run_trial(plan_of(json), 1, 0, true);
}

bool says(const models::observations::TrialObservations& obs, const std::string& text) {
  for (const auto& e : obs.timeline) {
    if (e.text == text) return true;
  }
  return false;
}

// The example of DESIGN §4 and issue 9: a two-AZ region, AZ a dark 02:00-03:00 and AZ b dark
// 02:30-03:30. At 02:00 the primary in a is lost and the standby in b takes over at 02:01:15;
// the copy in a is behind from then. At 02:30 b goes dark with the only copy that holds every
// write. At 03:00 a returns, but its copy misses 02:01:15-02:30: it waits. At 03:30 b returns
// and serves: the second incident lasts 02:30-03:30 and loses nothing.
TEST(CopiesBehind, OverlappingAzOutagesWaitForTheCopyThatHoldsEveryWrite) {
  for (const std::string& response : {std::string(), kResponse}) {
    const auto obs = run(kMultiAz, R"([
        {"kind": "az_outage", "target": "a", "at": "2h", "duration": "1h"},
        {"kind": "az_outage", "target": "b", "at": "2h30m", "duration": "1h"}])",
                         R"(["a", "b"])", response);
    ASSERT_EQ(obs.incidents.size(), 2u) << response;
    EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(2, 1, 15)));
    EXPECT_EQ(obs.incidents[1].started_at, at(hm(2, 30)));
    EXPECT_EQ(obs.incidents[1].serving_again_at, at(hm(3, 30))) << response;
    EXPECT_EQ(obs.incidents[1].rpo, Duration()) << response;
    EXPECT_TRUE(says(obs, "db: the instance in a is up but misses the last 29 min of writes: "
                          "waiting for a copy that holds every write"));
  }
}

// The same, but the fire in b at 02:30 destroys the only copy that holds every write. The copy
// in a (behind since 02:01:15) is dark until 03:00; without backups it is the only way back:
// at 03:00 the response promotes it (promote 40s + DNS 15s), losing 02:01:15-02:30 = 28m 45s
// of writes (172,500 at 100/s).
TEST(CopiesBehind, WhenTheOnlyWayBackIsACopyThatIsBehindItLosesWhatItMissed) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "a", "at": "2h", "duration": "1h"},
      {"kind": "az_outage", "target": "b", "at": "2h30m", "destroys_data": true}])");
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[1].serving_again_at, at(hm(3, 0, 55)));
  EXPECT_EQ(obs.incidents[1].rpo, hm(0, 28, 45));
  EXPECT_EQ(obs.incidents[1].lost_writes, 172'500u);
  EXPECT_FALSE(obs.incidents[1].total_loss);
}

// Lost writes: a service's incident loses the sum over its databases; a database without a
// write rate makes the sum unknown, never zero.
TEST(LostWrites, AreSummedOverTheDatabasesAndUnknownWithoutAWriteRate) {
  const auto db = [](const std::string& name, const std::string& rate) {
    return R"({"name": ")" + name + R"(", "deployment": "single-az", "region": "r", "azs": ["a"],)" +
           rate + R"( "backup": {"snapshot": {"every": "24h", "at": "00:00", "retention": "7d"},
                                 "restore": {"base": "1h"}}})";
  };
  const std::string faults = R"([{"kind": "az_outage", "target": "a", "at": "2h", "destroys_data": true}])";
  // Both restore the midnight snapshot: each loses 2h.
  const std::string both = "[" + db("d1", R"( "write_rate": "10/s",)") + ", " +
                           db("d2", R"( "write_rate": "5/s",)") + "]";
  const std::string svc = R"([{"name": "svc", "tier": 1, "uses": ["d1", "d2"], "depends_on": []}])";
  auto obs = models::run_trial(plan_of(region_scenario(both, svc, faults, R"(["a", "b"])")), 1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(2));
  EXPECT_EQ(obs.incidents[0].lost_writes, (10u + 5u) * 7200u);
  const std::string one_unknown = "[" + db("d1", R"( "write_rate": "10/s",)") + ", " + db("d2", "") + "]";
  obs = models::run_trial(plan_of(region_scenario(one_unknown, svc, faults, R"(["a", "b"])")), 1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(2));
  EXPECT_FALSE(obs.incidents[0].lost_writes.has_value());
}

// With PITR backups the loss is known at 02:30 + 5m + 10m = 02:45. The restore loses at most one
// log upload (5m; here 0: the fire is on an upload boundary) and takes 40m; the copy that is
// behind is dark at 02:45. The restore is taken: serving at 03:25, nothing lost.
TEST(CopiesBehind, APathThatLosesLessIsPreferredToTheCopyThatIsBehind) {
  const std::string db = R"([{"name": "db", "deployment": "multi-az", "region": "r",
      "azs": ["a", "b"], "replace": "30m",
      "failover": {"detect": "20s", "promote": "40s", "dns": "15s"},
      "backup": {"snapshot": {"every": "24h", "at": "01:00", "retention": "7d"},
                 "log_upload": "5m", "restore": {"base": "40m", "replay_speed": 1000000}}}])";
  const auto obs = run(db, R"([
      {"kind": "az_outage", "target": "a", "at": "2h", "duration": "1h"},
      {"kind": "az_outage", "target": "b", "at": "2h30m", "destroys_data": true}])",
                       R"(["a", "b"])", kResponse);
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[1].rpo, Duration());
  // 40m of restore plus the replay of 1h30m of logs at 10^6 x (5.4 ms).
  EXPECT_EQ(obs.incidents[1].serving_again_at, at(hm(3, 25)) + Duration::micros(5400));
}

// A standby that was down while the primary took writes is never the failover target: when the
// primary fails before the standby's replacement is up, there is no failover, and the writes
// resume when the primary's own replacement reattaches its storage.
TEST(CopiesBehind, AStandbyThatIsBehindIsNotAFailoverTarget) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "b", "at": "1h", "duration": "10m"},
      {"kind": "instance_failure", "target": "db", "at": "1h5m"}])",
                       R"(["a", "b"])");
  // 1h: b dark (standby down, behind from 1h). 1h5m: the primary fails: no failover. 1h10m: b
  // returns, its copy misses 1h-1h5m: it waits. 1h35m: the primary's replacement reattaches a's
  // storage (it holds every write) and serves; b catches up.
  EXPECT_TRUE(obs.failovers.empty());
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(hm(1, 5)));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(1, 35)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_TRUE(says(obs, "db: no standby to fail over to"));
}

// A region outage takes every AZ of the region at once: no failover is started towards a standby
// in the same region, no replacement is ordered there, and the database serves again when the
// region returns.
TEST(RegionFault, IsOneEventWithoutFailoverInsideTheRegion) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "region_outage", "target": "r", "at": "1h", "duration": "2h"}])",
                       R"(["a", "b", "c"])");
  EXPECT_TRUE(obs.failovers.empty());
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(3, 0)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  for (const auto& e : obs.timeline) {
    EXPECT_EQ(e.text.find("failover to"), std::string::npos) << e.text;
    EXPECT_NE(e.kind, "failover_started") << e.text;
    EXPECT_NE(e.kind, "replacement_ordered") << e.text;
  }
  // Causes before effects: the region, then the database, then the service.
  ASSERT_GE(obs.timeline.size(), 4u);
  EXPECT_EQ(obs.timeline[1].text, "r is unreachable (data intact): a, b and c go dark");
  EXPECT_EQ(obs.timeline[1].cause, 0);  // the fault
  EXPECT_EQ(obs.timeline[2].text,
            "db: stops taking writes because r is unreachable (instances in a, b); no failover "
            "inside the region");
  EXPECT_EQ(obs.timeline[2].cause, 1);
  EXPECT_EQ(obs.timeline[3].text, "svc (tier 1) stops taking writes because db is down");
  EXPECT_EQ(obs.timeline[3].cause, 2);
}

TEST(RegionFault, ADisasterStartsNoFailoverAndOrdersNoReplacement) {
  const auto obs = run(kMultiAz, R"([{"kind": "disaster", "target": "r", "at": "1h"}])",
                       R"(["a", "b", "c"])");
  EXPECT_TRUE(obs.failovers.empty());
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_TRUE(obs.incidents[0].total_loss);  // no backups, no replica
  for (const auto& e : obs.timeline) {
    EXPECT_EQ(e.text.find("failover to"), std::string::npos) << e.text;
    EXPECT_NE(e.kind, "failover_started") << e.text;
    EXPECT_NE(e.kind, "replacement_ordered") << e.text;
  }
}

// An AZ fire during a region outage: the instance there is replaced once the region is back,
// not while it is down.
TEST(RegionFault, AnInstanceLostDuringTheOutageIsReplacedWhenTheRegionReturns) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "region_outage", "target": "r", "at": "1h", "duration": "2h"},
      {"kind": "az_outage", "target": "a", "at": "2h", "destroys_data": true}])",
                       R"(["a", "b", "c"])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  // b holds every write: it serves at 3h.
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(3, 0)));
  int ordered = 0;
  for (const auto& e : obs.timeline) {
    if (e.kind == "replacement_ordered") {
      ++ordered;
      EXPECT_EQ(e.at, at(hm(3, 0)));
    }
  }
  EXPECT_EQ(ordered, 1);
  EXPECT_TRUE(says(obs, "db: Recovery of standby DB instance has completed. (the standby in c is ready)"));
}

}  // namespace
}  // namespace drsim::testing::copies_behind_test
