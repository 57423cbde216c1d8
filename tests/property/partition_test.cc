// A network partition stalls replication: a replica promoted after a failure that happens while
// its region is cut off loses its usual lag plus the time since the partition began.
#include <gtest/gtest.h>

#include "property_support.h"

namespace drsim::testing::property_partition_test {
namespace {

TEST(PartitionLag, GrowsWithTheTimeSinceThePartitionBegan) {
  // Lag constant 2 s; partition of the replica's region from 1d to 3d; disaster at 1d6h:
  // the replica is 6 h + 2 s behind. Without the partition it would be 2 s behind.
  const std::string base = R"({"name": "p", "horizon": "4d", "trials": 1,
    "regions": [{"name": "east", "azs": ["a1", "a2"]}, {"name": "west", "azs": ["b1", "b2"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "east", "azs": ["a1", "a2"],
                   "replicas": [{"region": "west", "lag": "2s", "promote": "5m"}]}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "5m"},
    "faults": [{"kind": "disaster", "target": "east", "at": "1d6h"})";
  const auto partitioned = models::run_trial(
      plan_from_json(base + R"(, {"kind": "network_partition", "target": "west", "at": "1d", "duration": "2d"}]})"),
      1, 0);
  ASSERT_EQ(partitioned.incidents.size(), 1u);
  EXPECT_EQ(partitioned.incidents[0].rpo, sim::Duration::hours(6) + sim::Duration::seconds(2));
  const auto clear = models::run_trial(plan_from_json(base + "]}"), 1, 0);
  ASSERT_EQ(clear.incidents.size(), 1u);
  EXPECT_EQ(clear.incidents[0].rpo, sim::Duration::seconds(2));
  // RTO: detect 5 m + ack 5 m + promote 5 m.
  EXPECT_EQ(*clear.incidents[0].serving_again_at - clear.incidents[0].started_at, sim::Duration::minutes(15));
}

TEST(ControlPlane, ImpairmentDelaysTheRestoreUntilItEnds) {
  // An AZ fire destroys a single-AZ database at 1h; the region's control plane is impaired
  // from 30m to 3h, so the restore (20 m + 6 m replaying the hour of logs since the midnight
  // snapshot at 10x) starts at 3h, not at 1h10m (detect 5 m + ack 5 m).
  const auto obs = models::run_trial(plan_from_json(R"({"name": "cp", "horizon": "1d", "trials": 1,
    "regions": [{"name": "east", "azs": ["a1", "a2"]}],
    "databases": [{"name": "db", "deployment": "single-az", "region": "east", "azs": ["a1"],
                   "backup": {"snapshot": {"every": "24h", "retention": "7d"}, "log_upload": "5m",
                              "restore": {"base": "20m"}}}],
    "services": [{"name": "svc", "tier": 2, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "5m"},
    "faults": [{"kind": "az_outage", "target": "a1", "at": "1h", "destroys_data": true},
               {"kind": "control_plane", "target": "east", "at": "30m", "duration": "2h30m"}]})"), 1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, sim::SimTime::zero() + sim::Duration::minutes(206));
  EXPECT_EQ(obs.incidents[0].rpo, sim::Duration());  // 1h is a log-upload boundary
}

TEST(BackupFailure, SkippedSnapshotsPushTheRecoveryPointBack) {
  // Daily snapshots at 00:00, no logs; backups fail from 1d23h to 2d1h, so the 2d snapshot is
  // skipped; a fire at 2d12h restores the 1d snapshot: RPO 1d12h instead of 12h.
  const auto obs = models::run_trial(plan_from_json(R"({"name": "bf", "horizon": "4d", "trials": 1,
    "regions": [{"name": "east", "azs": ["a1", "a2"]}],
    "databases": [{"name": "db", "deployment": "single-az", "region": "east", "azs": ["a1"],
                   "backup": {"snapshot": {"every": "24h", "retention": "7d"}, "restore": {"base": "20m"}}}],
    "services": [{"name": "svc", "tier": 2, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "5m"},
    "faults": [{"kind": "backup_failure", "target": "db", "at": "1d23h", "duration": "2h"},
               {"kind": "az_outage", "target": "a1", "at": "2d12h", "destroys_data": true}]})"), 1, 0);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].rpo, sim::Duration::hours(36));
}

}  // namespace
}  // namespace drsim::testing::property_partition_test
