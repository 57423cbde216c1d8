// A replica's own backups (DESIGN.md §3): taken in its region from the replica, so they trail the
// primary by the replica's lag L, and survive the home region's disaster. Closed forms, with
// constant durations: writes stop at S; the replica has every write before S - L.
#include <gtest/gtest.h>

#include "../model_test_support.h"
#include "models/simulation/simulation.h"

namespace drsim::testing::replica_backup_test {
namespace {

using sim::Duration;

// Home r1 with no backups of its own; a replica in r2 lagging 5 s with daily snapshots at 03:00
// (and 5-minute log uploads unless `logs` is false); on-call detects and acknowledges in 10 min;
// a region failover takes 20 min; a restore 1 h plus replaying the logs at 10x.
std::string scenario(const std::string& promote, bool logs, const std::string& faults,
                     bool backup = true) {
  const std::string replica_backup =
      R"(, "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},)" +
      std::string(logs ? R"( "log_upload": "5m",)" : "") + R"( "restore": {"base": "1h"}})";
  return R"({"name": "replica backups", "horizon": "3d", "trials": 1,
    "regions": [{"name": "r1", "azs": ["r1a", "r1b"]}, {"name": "r2", "azs": ["r2a", "r2b"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r1", "azs": ["r1a", "r1b"],
      "write_rate": "100/s", "size": "100GiB",
      "replicas": [{"region": "r2", "lag": "5s", "promote": ")" + promote + "\"" +
         (backup ? replica_backup : "") + R"(}]}],
    "services": [{"name": "app", "tier": 1, "uses": ["db"]}],
    "response": {"detect": "5m", "ack": "5m",
                 "region_failover": {"decide_after": "30m", "execute": "20m"}},
    "faults": [)" + faults + "]}";
}

const models::observations::Incident& only_incident(
    const models::observations::TrialObservations& obs) {
  EXPECT_EQ(obs.incidents.size(), 1u);
  return obs.incidents.at(0);
}

TEST(ReplicaBackup, SurvivesTheHomeRegionsDisasterWithTheReplicasLag) {
  // The replica's promotion (10 h) is slower than restoring its backups in r2 (20 min + 1 h +
  // replay), and both lose only the lag: the response restores. Logs uploaded after S hold
  // everything the replica has, so the loss is L = 5 s. Replay from the 03:00 snapshot (27 h)
  // to S (36 h) in replica time: 9 h / 10 = 54 min.
  const models::Plan plan = plan_of(
      scenario("10h", true, R"({"kind": "disaster", "target": "r1", "at": "1d12h"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  const auto& i = only_incident(obs);
  ASSERT_TRUE(i.rpo);
  EXPECT_EQ(*i.rpo, Duration::seconds(5));
  EXPECT_EQ(i.lost_writes, 500u);
  ASSERT_TRUE(i.serving_again_at);
  EXPECT_EQ(*i.serving_again_at - i.started_at,
            Duration::minutes(10) + Duration::minutes(20) + Duration::hours(1) + Duration::minutes(54));
}

TEST(ReplicaBackup, WithoutThemTheSamePromotionIsTheOnlyWayBack) {
  const auto obs = models::run_trial(
      plan_of(scenario("10h", true, R"({"kind": "disaster", "target": "r1", "at": "1d12h"})",
                       false)),
      1, 0, false);
  const auto& i = only_incident(obs);
  EXPECT_EQ(*i.rpo, Duration::seconds(5));
  EXPECT_EQ(*i.serving_again_at - i.started_at,
            Duration::minutes(10) + Duration::minutes(20) + Duration::hours(10));
}

TEST(ReplicaBackup, RestoresToJustBeforeACorruptionFromTheReplicasLogs) {
  // Corrupted at T = 34 h, noticed 2 h later: writes stop at S = 36 h. Promoting the replica
  // would bring the corruption along; its logs reach T at replica time T + L. RPO = S - T = 2 h.
  const models::Plan plan = plan_of(scenario(
      "5m", true,
      R"({"kind": "data_corruption", "target": "db", "at": "1d10h", "detect_after": "2h"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  const auto& i = only_incident(obs);
  ASSERT_TRUE(i.rpo);
  EXPECT_EQ(*i.rpo, Duration::hours(2));
}

TEST(ReplicaBackup, WithSnapshotsAloneTheNewestSnapshotBeforeTheCorruption) {
  // The replica's 03:00 snapshot (27 h) holds the writes before 27 h - 5 s: RPO 9 h 5 s.
  const models::Plan plan = plan_of(scenario(
      "5m", false,
      R"({"kind": "data_corruption", "target": "db", "at": "1d10h", "detect_after": "2h"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  const auto& i = only_incident(obs);
  ASSERT_TRUE(i.rpo);
  EXPECT_EQ(*i.rpo, Duration::hours(9) + Duration::seconds(5));
}

TEST(ReplicaBackup, GoneWithTheReplicasRegion) {
  // Both regions destroyed: nothing survives, a total loss.
  const models::Plan plan = plan_of(scenario(
      "10h", true,
      R"({"kind": "disaster", "target": "r2", "at": "1d"}, {"kind": "disaster", "target": "r1", "at": "1d12h"})"));
  const auto obs = models::run_trial(plan, 1, 0, false);
  const auto& i = only_incident(obs);
  EXPECT_TRUE(i.total_loss);
}

TEST(ReplicaBackup, CopiesOfAReplicasBackupsAreAnError) {
  std::string text = scenario("5m", true, "");
  text.replace(text.find(R"("restore": {"base": "1h"})"), 0, R"("copy_to": ["r1"], )");
  try {
    models::scenario::load_scenario_text(text, "test.json", ".");
    FAIL() << "accepted";
  } catch (const models::scenario::ScenarioError& e) {
    EXPECT_EQ(e.problems().at(0),
              "test.json: databases[0].replicas[0].backup.copy_to: a replica's own backups stay "
              "in its region (r2); copy the database's backups with its backup.copy_to instead");
  }
}

}  // namespace
}  // namespace drsim::testing::replica_backup_test
