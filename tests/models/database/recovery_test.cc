// Recovery after a known loss (AZ fire, disaster) and the region-outage decision rule
// (DESIGN.md §4): which path is taken, when, and what it costs. Every component is a constant,
// so the times and losses are exact; the derivations are in the comments.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "../model_test_support.h"
#include "models/database/database.h"
#include "sim/units.h"
#include "tests/sim/time_printers.h"

namespace drsim::testing::recovery_test {
namespace {

using sim::Duration;

Duration hm(int64_t h, int64_t m, int64_t s = 0) {
  return Duration::hours(h) + Duration::minutes(m) + Duration::seconds(s);
}

// Two regions: the database's home r (a1, a2, a3) and s (b1, b2). One Tier 1 service (RPO 1h,
// RTO 6h) uses the database. On-call detects in 5m and acknowledges 10m later; a region
// failover waits 30m for the original, then takes 20m to execute. Snapshots at 03:00 UTC,
// the trial starts at midnight.
std::string two_regions(const std::string& database, const std::string& faults) {
  return R"({"name": "t", "horizon": "3d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}, {"name": "s", "azs": ["b1", "b2"]}],
    "databases": [)" +
         database + R"(],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "10m",
                 "region_failover": {"decide_after": "30m", "execute": "20m"}},
    "faults": )" +
         faults + "}";
}

const std::string kPitr = R"({"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
                              "log_upload": "5m", "restore": {"base": "40m"}}})";
const std::string kSnapshotsOnly = R"({"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
                              "restore": {"base": "40m"}}})";
// Daily snapshots copied to s, each arriving 2h after it is taken; restores take 1h.
const std::string kCopied = R"({"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
                              "log_upload": "5m", "copy_to": ["s"], "copy_delay": "2h",
                              "restore": {"base": "1h"}}})";
const std::string kNoCopies = R"({"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
                              "log_upload": "5m", "restore": {"base": "1h"}}})";
const std::string kReplica = R"({"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "replicas": [{"region": "s", "lag": "3s", "promote": "5m"}]})";
const std::string kMultiAz = R"({"name": "db", "deployment": "multi-az", "region": "r",
    "azs": ["a1", "a2"], "replace": "30m",
    "failover": {"detect": "20s", "promote": "40s", "dns": "15s"},
    "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
               "log_upload": "5m", "restore": {"base": "40m"}}})";

models::observations::TrialObservations run(const std::string& database,
                                            const std::string& faults) {
  return models::run_trial(plan_of(two_regions(database, faults)), 1, 0, true);
}

// The timeline rows that start with `prefix` (after the speaker's "db: ").
std::vector<models::observations::TimelineEntry> rows(
    const models::observations::TrialObservations& obs, const std::string& prefix) {
  std::vector<models::observations::TimelineEntry> out;
  for (const auto& e : obs.timeline) {
    if (e.text.rfind(prefix, 0) == 0) out.push_back(e);
  }
  return out;
}

// How many times writes resumed (after a restore, a promotion or a failover) in `az`.
size_t resumed_in(const models::observations::TrialObservations& obs, const std::string& az) {
  size_t n = 0;
  for (const auto& e : obs.timeline) {
    const bool resumed = e.kind == "writes_resumed" || e.kind == "failover_completed";
    if (resumed && e.text.find("in " + az) != std::string::npos) ++n;
  }
  return n;
}

TEST(KnownLoss, AzFireUnderASingleAzDatabaseRestoresByPitr) {
  // Fire at 1d10h07m30s. The last log upload is 1d10h05m: RPO 2m30s. Detect 5m + ack 10m, then
  // the restore: 40m + replaying the 7h05m of logs since the 03:00 snapshot at 10x (42m30s):
  // serving again at 1d11h45m, RTO 1h37m30s.
  const auto obs = run(kPitr, R"([{"kind": "az_outage", "target": "a1", "at": "1d10h7m30s",
                                   "destroys_data": true}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  const auto& incident = obs.incidents[0];
  EXPECT_EQ(incident.started_at, at(hm(34, 7, 30)));
  EXPECT_EQ(incident.serving_again_at, at(hm(35, 45, 0)));
  EXPECT_EQ(incident.rpo, Duration::seconds(150));
  EXPECT_FALSE(incident.total_loss);
  EXPECT_TRUE(obs.failovers.empty());
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].at, at(hm(34, 22, 30)));
  EXPECT_EQ(decisions[0].text,
            "db: decision: restore to a point in time from backups in r (loses 2 min 30 s of writes, "
            "takes 1 h 23 min, p95 1 h 23 min; meets the 1 h RPO target, meets the 6 h RTO target): "
            "the soonest path whose loss meets the tier 1 RPO target of 1 h");
  EXPECT_EQ(decisions[0].kind, "decision");
  // Restored in the first AZ of the region that is up.
  EXPECT_EQ(resumed_in(obs, "a2"), 1u);
}

TEST(KnownLoss, SnapshotOnlyBackupsLoseEverythingSinceTheSnapshot) {
  // Same fire; the newest snapshot was taken at 1d03h: RPO 7h07m30s, more than the 1h target,
  // but nothing will come back, so the path that loses least is taken at once.
  const auto obs = run(kSnapshotsOnly, R"([{"kind": "az_outage", "target": "a1",
                                            "at": "1d10h7m30s", "destroys_data": true}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(35, 2, 30)));
  EXPECT_EQ(obs.incidents[0].rpo, hm(7, 7, 30));
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].text,
            "db: decision: restore the snapshot in r (loses 7 h 8 min of writes, takes 40 min, p95 "
            "40 min; misses the 1 h RPO target, meets the 6 h RTO target): nothing will come back "
            "and no path meets the 1 h RPO target, so the path that loses least");
}

TEST(KnownLoss, DisasterRestoresTheNewestCopyThatArrived) {
  // Disaster at 1d05h30m. Snapshot 1 (1d03h) reached s at 1d05h: RPO 2h30m (the home logs are
  // gone with the region). Detect + ack 15m, execute 20m, restore 1h: serving at 1d07h05m in s.
  const auto obs = run(kCopied, R"([{"kind": "disaster", "target": "r", "at": "1d5h30m"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(hm(29, 30)));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(31, 5)));
  EXPECT_EQ(obs.incidents[0].rpo, hm(2, 30));
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].at, at(hm(29, 45)));
  EXPECT_EQ(decisions[0].text,
            "db: decision: restore from the copy in s (loses 2 h 30 min of writes, takes 1 h 20 "
            "min, p95 1 h 20 min; misses the 1 h RPO target, meets the 6 h RTO target): nothing "
            "will come back and no path meets the 1 h RPO target, so the path that loses least");
  EXPECT_EQ(resumed_in(obs, "b1"), 1u);
}

TEST(KnownLoss, CopiesInFlightAtTheDisasterNeverArrive) {
  // Disaster at 1d04h50m: snapshot 1's copy was in flight (due at 1d05h, before the decision at
  // 1d05h05m, but its source is gone), so snapshot 0 (taken at 03:00 on day 0, arrived at
  // 05:00) is the newest copy: RPO 1d01h50m. Serving at 1d04h50m + 15m + 20m + 1h = 1d06h25m.
  const auto obs = run(kCopied, R"([{"kind": "disaster", "target": "r", "at": "1d4h50m"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(30, 25)));
  EXPECT_EQ(obs.incidents[0].rpo, hm(25, 50));
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].at, at(hm(29, 5)));
}

TEST(KnownLoss, DisasterWithNoCopiesIsATotalLoss) {
  // Every backup was in r. The service never serves again: censored, no RPO, total loss.
  const auto obs = run(kNoCopies, R"([{"kind": "disaster", "target": "r", "at": "1d"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(Duration::days(1)));
  EXPECT_TRUE(obs.incidents[0].total_loss);
  EXPECT_FALSE(obs.incidents[0].rpo);
  EXPECT_FALSE(obs.incidents[0].serving_again_at);
  EXPECT_EQ(obs.service_downtime[0], Duration::days(2));  // to the 3-day horizon
  const auto verdict = rows(obs, "db: no surviving copy anywhere: total data loss");
  ASSERT_EQ(verdict.size(), 1u);
  EXPECT_EQ(verdict[0].at, at(Duration::days(1) + Duration::minutes(15)));
  EXPECT_TRUE(rows(obs, "db: decision: ").empty());
}

TEST(KnownLoss, MultiAzLosingOneAzFailsOverWithNoDataLost) {
  // The fire takes the primary's AZ; the synchronous standby in a2 takes over after
  // 20s + 40s + 15s. Nothing is restored.
  const auto obs = run(kMultiAz, R"([{"kind": "az_outage", "target": "a1", "at": "1d",
                                      "destroys_data": true}])");
  ASSERT_EQ(obs.failovers.size(), 1u);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::days(1) + Duration::seconds(75)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_TRUE(rows(obs, "db: decision: ").empty());
  EXPECT_TRUE(rows(obs, "db: no instance keeps the data").empty());
}

TEST(RegionOutage, ReplicaIsPromotedAfterDecideAfter) {
  // r goes dark at 1d for 12h. On-call detects it in 5m and acknowledges it 10m later; the
  // response then waits 30m (DESIGN §4: decide_after counts from the acknowledgement) and
  // promotes the replica (lag 3s, meets the 1h RPO): execute 20m + promote 5m. Serving in s at
  // 1d1h10m, RPO 3s; r's return changes nothing.
  const auto obs = run(kReplica, R"([{"kind": "region_outage", "target": "r", "at": "1d",
                                      "duration": "12h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(25, 10)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration::seconds(3));
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].at, at(hm(24, 45)));
  EXPECT_EQ(decisions[0].text,
            "db: decision: promote the replica in s (loses 3.0 s of writes, takes 25 min, p95 25 "
            "min; meets the 1 h RPO target, meets the 6 h RTO target): the soonest path whose loss "
            "meets the tier 1 RPO target of 1 h");
  EXPECT_EQ(resumed_in(obs, "b1"), 1u);
}

// As in ReplicaIsPromotedAfterDecideAfter, the writer moves to s (b1) at 1d1h10m; r is back at
// 1d12h. Then `az` goes dark at 2d for 2h.
models::observations::TrialObservations moved_then_az_outage(const std::string& az) {
  return run(kReplica, R"([{"kind": "region_outage", "target": "r", "at": "1d", "duration": "12h"},
                           {"kind": "az_outage", "target": ")" +
                           az + R"(", "at": "2d", "duration": "2h"}])");
}

TEST(RegionOutage, OnceMovedTheDatabaseHearsTheAzsOfItsNewRegion) {
  // b1 going dark stops its writes at that instant: a second incident. It hears b1 although at
  // the start it ran in r and followed only r's AZs.
  const auto obs = moved_then_az_outage("b1");
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(25, 10)));
  EXPECT_EQ(obs.incidents[1].started_at, at(Duration::days(2)));
}

TEST(RegionOutage, OnceMovedAnOutageOfAnAzItLeftChangesNothing) {
  // a1, where it ran before, going dark neither stops its writes nor orders anything.
  const auto obs = moved_then_az_outage("a1");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(25, 10)));
  for (const auto& e : obs.timeline) {
    if (e.at >= at(Duration::days(2))) {
      EXPECT_EQ(e.text.rfind("db: ", 0), std::string::npos) << e.text;
    }
  }
}

TEST(RegionOutage, WithOnlyDailyCopiesItWaitsUntilTheLastMomentThatMeetsTheRto) {
  // r goes dark at 1d10h for 12h. At 1d10h45m (acknowledged at 1d10h15m, then decide_after
  // 30m) the only path is the copy in s: snapshot 1
  // (1d03h) loses 7h > 1h, p95 = execute 20m + restore 1h = 1h20m. The last moment that still
  // meets the 6h RTO is 1d10h + 6h - 1h20m = 1d14h40m; restored at 1d16h: RTO exactly 6h.
  const auto obs = run(kCopied, R"([{"kind": "region_outage", "target": "r", "at": "1d10h",
                                     "duration": "12h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(40, 0)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(7));
  const auto waiting = rows(obs, "db: no path meets");
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].at, at(hm(34, 45)));
  EXPECT_EQ(waiting[0].text,
            "db: no path meets the 1 h RPO target: waiting for the original until 4 h 40 min into "
            "the outage (the soonest path: restore from the copy in s (loses 7 h of writes, takes 1 "
            "h 20 min, p95 1 h 20 min; misses the 1 h RPO target, meets the 6 h RTO target))");
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].at, at(hm(38, 40)));
  EXPECT_EQ(decisions[0].text,
            "db: decision: restore from the copy in s (loses 7 h of writes, takes 1 h 20 min, p95 1 "
            "h 20 min; misses the 1 h RPO target, meets the 6 h RTO target): no path meets the 1 h "
            "RPO target and waiting longer would miss the 6 h RTO target");
}

TEST(RegionOutage, ARegionBackBeforeTheLastMomentLosesNothing) {
  // The same outage lasting 3h: r returns at 1d13h, before the 1d14h40m deadline; the
  // instance comes back with its AZ and nothing is restored.
  const auto obs = run(kCopied, R"([{"kind": "region_outage", "target": "r", "at": "1d10h",
                                     "duration": "3h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(37, 0)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_EQ(rows(obs, "db: no path meets").size(), 1u);
  EXPECT_TRUE(rows(obs, "db: decision: ").empty());
}

TEST(RegionOutage, PastTheLastMomentAtTheFirstDecisionItRestoresAtOnce) {
  // Restores of 5h40m make p95 = 6h: the last moment is the start of the outage itself, so at
  // the first decision (acknowledged at 1d10h15m, plus decide_after 30m: 1d10h45m) it restores
  // at once: serving at 1d16h45m, missing the 6h RTO.
  std::string slow = kCopied;
  slow.replace(slow.find(R"("base": "1h")"), 12, R"("base": "5h40m")");
  const auto obs = run(slow, R"([{"kind": "region_outage", "target": "r", "at": "1d10h",
                                  "duration": "12h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(40, 45)));
  EXPECT_TRUE(rows(obs, "db: no path meets").empty());
  const auto decisions = rows(obs, "db: decision: ");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].at, at(hm(34, 45)));
}


// The original comes back (DESIGN §4): r goes dark at 1d10h for 5h. No path meets the RPO target,
// so at the last moment that meets the RTO (1d14h40m) the restore from the copy in s starts
// (execute 20m + restore 1h: due at 1d16h). r returns at 1d15h holding every write: the restore
// is abandoned and the database serves from the original, losing nothing; RTO 5h.
TEST(OriginalComesBack, ARestoreUnderWayIsAbandonedWhenTheRegionReturns) {
  const auto obs = run(kCopied, R"([{"kind": "region_outage", "target": "r", "at": "1d10h",
                                     "duration": "5h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(39, 0)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  ASSERT_EQ(rows(obs, "db: decision: ").size(), 1u);
  const auto abandoned = rows(obs, "db: the original returns holding every write");
  ASSERT_EQ(abandoned.size(), 1u);
  EXPECT_EQ(abandoned[0].at, at(hm(39, 0)));
  EXPECT_EQ(abandoned[0].text,
            "db: the original returns holding every write: the path under way (restore from the "
            "copy in s) is abandoned");
  EXPECT_EQ(resumed_in(obs, "b1"), 0u);
}

// The same for a replica promotion: decided at 1d45m (acknowledged at 1d15m, then 30m), due at
// 1d1h10m; r returns at 1d1h: the promotion is abandoned, nothing is lost.
TEST(OriginalComesBack, AReplicaPromotionUnderWayIsAbandoned) {
  const auto obs = run(kReplica, R"([{"kind": "region_outage", "target": "r", "at": "1d",
                                      "duration": "1h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(25, 0)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_EQ(rows(obs, "db: the original returns holding every write").size(), 1u);
}

// Copies need their source: snapshot 1 (1d03h) is copying to s (due at 1d05h) when r goes dark at
// 1d04h for 12h. The copy stalls with r unreachable, so at the last moment (1d04h + 6h - 1h20m =
// 1d08h40m) the newest copy in s is snapshot 0 (03:00 the day before): it loses 25h, not 1h.
TEST(CopiesNeedTheirSource, ASnapshotCopyInFlightStallsWhileItsRegionIsUnreachable) {
  const auto obs = run(kCopied, R"([{"kind": "region_outage", "target": "r", "at": "1d4h",
                                     "duration": "12h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(25));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(28 + 6, 0)));
}

// The stalled copy resumes when r returns: r dark 1d04h-1d06h, so snapshot 1's copy (1h done,
// 1h to go) arrives at 1d07h. A disaster of r at 1d08h: restored from it (detect 5m + ack 10m,
// then execute 20m + restore 1h), losing 1d08h - 1d03h = 5h (the logs are not copied).
TEST(CopiesNeedTheirSource, AStalledCopyResumesWhenTheRegionReturns) {
  const auto obs = run(kCopied, R"([
      {"kind": "region_outage", "target": "r", "at": "1d4h", "duration": "2h"},
      {"kind": "disaster", "target": "r", "at": "1d8h"}])");
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[1].rpo, Duration::hours(5));
  // Had the disaster come at 1d06h30m, the copy (due 1d07h) would never arrive: 27h30m lost.
  const auto early = run(kCopied, R"([
      {"kind": "region_outage", "target": "r", "at": "1d4h", "duration": "2h"},
      {"kind": "disaster", "target": "r", "at": "1d6h30m"}])");
  ASSERT_EQ(early.incidents.size(), 2u);
  EXPECT_EQ(early.incidents[1].rpo, hm(27, 30));
}

// Shipped logs (copy_logs) reach s only while the link is up: a partition of r from 1d10h cuts
// them off; a disaster at 1d11h then loses back to the last log that crossed before the
// partition, 1d10h - 5m (logs trail by one upload), i.e. 1h05m.
TEST(CopiesNeedTheirSource, ShippedLogsStopAtAPartition) {
  const std::string shipped = R"({"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
                              "log_upload": "5m", "copy_to": ["s"], "copy_delay": "2h",
                              "copy_logs": true, "restore": {"base": "1h"}}})";
  const auto obs = run(shipped, R"([
      {"kind": "network_partition", "target": "r", "at": "1d10h", "duration": "5h"},
      {"kind": "disaster", "target": "r", "at": "1d11h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, hm(1, 5));
  // Without the partition only the trailing upload interval is lost.
  const auto plain = run(shipped, R"([{"kind": "disaster", "target": "r", "at": "1d11h"}])");
  EXPECT_EQ(plain.incidents[0].rpo, Duration::minutes(5));
}

// A replica whose region was unreachable when the home failed lags by the whole cut: s dark from
// 1d for 3h; r destroyed at 1d2h. s returns at 1d3h; the replica is promoted losing its 3s lag
// plus the 2h the stream was cut.
TEST(CopiesNeedTheirSource, AReplicaCutOffFallsBehindByTheCut) {
  const auto obs = run(kReplica, R"([
      {"kind": "region_outage", "target": "s", "at": "1d", "duration": "3h"},
      {"kind": "disaster", "target": "r", "at": "1d2h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration::hours(2) + Duration::seconds(3));
  // Decided once s is back (1d3h): execute 20m + promote 5m.
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(hm(27, 25)));
}

}  // namespace
}  // namespace drsim::testing::recovery_test
