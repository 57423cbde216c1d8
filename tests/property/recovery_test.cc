// Recovery after data loss against closed forms. Fault times are uniform over whole snapshot
// periods, so the phase of the loss within the schedule is uniform:
// - restoring the newest copy of a daily snapshot that arrives c after it: RPO ~ U(c, c + E);
// - PITR with logs uploaded every L: RPO ~ U(0, L);
// - promoting an async replica: RPO = the replica's lag at the failure;
// - snapshots silently corrupt with probability p, found by restoring them: each corrupt one
//   pushes the recovery point back one interval, so E[RPO] = E/2 + E p / (1 - p).
#include <gtest/gtest.h>

#include <cmath>

#include "models/results/summary.h"
#include "property_support.h"

namespace drsim::testing::property_recovery_test {
namespace {

std::string scenario(const std::string& database, const std::string& fault,
                     const std::string& extra = "") {
  return R"({"name": "recovery", "horizon": "12d", "trials": 10,
    "regions": [{"name": "east", "azs": ["a1", "a2", "a3"]}, {"name": "west", "azs": ["b1", "b2"]}],
    "databases": [)" + database + R"(],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "response": {"detect": "5m", "ack": "10m", "restore_parallelism": 4)" + extra + R"(},
    "faults": [)" + fault + "]}";
}

std::vector<double> rpo_seconds(const models::Plan& plan, uint64_t seed, uint64_t trials) {
  std::vector<double> rpo;
  for (const auto& obs : run_checked(plan, seed, trials)) {
    EXPECT_EQ(obs.incidents.size(), 1u);
    for (const auto& i : obs.incidents) {
      EXPECT_TRUE(i.rpo.has_value());
      if (i.rpo) rpo.push_back(i.rpo->in_seconds());
    }
  }
  return rpo;
}

TEST(SnapshotCopyRpo, IsUniformOverTheIntervalAfterTheCopyDelay) {
  const models::Plan plan = plan_from_json(scenario(
      R"({"name": "db", "deployment": "multi-az", "region": "east", "azs": ["a1", "a2"],
          "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "30d"},
                     "copy_to": ["west"], "copy_delay": "30m", "restore": {"base": "20m"}}})",
      R"({"kind": "disaster", "target": "east", "at": {"uniform": ["2d", "8d"]}})"));
  const std::vector<double> rpo = rpo_seconds(plan, 1, 4000);
  const MeanSe m = mean_se(rpo);
  const double c = 1800, e = 86400;
  EXPECT_NEAR(m.mean, c + e / 2, 4 * m.se);
  for (double r : rpo) {
    EXPECT_GE(r, c);
    EXPECT_LE(r, c + e);
  }
  // Share meeting Tier 1's 1 h RPO: P(c + U e <= 1 h) = (3600 - c) / e = 1/48.
  const auto summary = models::results::summarize(models::run_monte_carlo(plan, 1, 4000, 2));
  const double p = (3600 - c) / e;
  EXPECT_NEAR(summary.tiers[0].met_rpo.fraction, p, 3.29 * std::sqrt(p * (1 - p) / 4000));
  EXPECT_EQ(summary.tiers[0].verdict, models::results::Verdict::kMissed);
  // RTO: detect 5 m + ack 10 m + restore 20 m, the same in every trial.
  EXPECT_DOUBLE_EQ(summary.tiers[0].rto_s.max, 35 * 60.0);
  EXPECT_DOUBLE_EQ(summary.tiers[0].rto_s.p50, 35 * 60.0);
}

TEST(SnapshotCopyRpo, WithoutAnyCopyTheDisasterIsATotalLoss) {
  const models::Plan plan = plan_from_json(scenario(
      R"({"name": "db", "deployment": "multi-az", "region": "east", "azs": ["a1", "a2"],
          "backup": {"snapshot": {"every": "24h", "retention": "30d"}, "log_upload": "5m"}})",
      R"({"kind": "disaster", "target": "east", "at": {"uniform": ["2d", "8d"]}})"));
  const auto summary = models::results::summarize(models::run_monte_carlo(plan, 2, 500, 2));
  const auto& t = summary.tiers[0];
  EXPECT_EQ(t.incidents, 500u);
  EXPECT_EQ(t.total_loss, 500u);
  EXPECT_EQ(t.censored, 500u);
  EXPECT_EQ(t.rpo_s.n, 0u);  // never a number that looks fine
  EXPECT_DOUBLE_EQ(t.met_rpo.fraction, 0.0);
  EXPECT_EQ(t.verdict, models::results::Verdict::kMissed);
}

TEST(PitrRpo, IsUniformOverTheLogUploadCadence) {
  const models::Plan plan = plan_from_json(scenario(
      R"({"name": "db", "deployment": "single-az", "region": "east", "azs": ["a1"], "size": "10GiB",
          "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"}, "log_upload": "5m",
                     "restore": {"base": "20m", "rate": "100MiB/s"}}})",
      R"({"kind": "az_outage", "target": "a1", "destroys_data": true, "at": {"uniform": ["1d", "9d"]}})"));
  const std::vector<double> rpo = rpo_seconds(plan, 3, 4000);
  const MeanSe m = mean_se(rpo);
  EXPECT_NEAR(m.mean, 150, 4 * m.se);
  for (double r : rpo) EXPECT_LT(r, 300);
  // RTO = 5 m + 10 m + 20 m + 10 GiB / 100 MiB/s (102.4 s) + replaying the logs from the
  // 03:00 snapshot to the recovery point at 10x.
  const auto obs = models::run_trial(plan, 3, 0);
  const auto& incident = obs.incidents[0];
  const double point_s = incident.started_at.since_start().in_seconds() - incident.rpo->in_seconds();
  const double snapshot_s = std::floor((point_s - 3 * 3600) / 86400) * 86400 + 3 * 3600;
  EXPECT_NEAR((*incident.serving_again_at - incident.started_at).in_seconds(),
              35 * 60 + 102.4 + (point_s - snapshot_s) / 10, 1e-5);
}

TEST(AsyncReplicaRpo, EqualsTheLagAtTheFailure) {
  const models::Plan plan = plan_from_json(scenario(
      R"({"name": "db", "deployment": "multi-az", "region": "east", "azs": ["a1", "a2"],
          "replicas": [{"region": "west", "lag": {"exponential": {"mean": "2s"}}, "promote": "5m"}]})",
      R"({"kind": "region_outage", "target": "east", "at": {"uniform": ["1d", "9d"]}, "duration": "1d"})",
      R"(, "region_failover": {"decide_after": "30m", "execute": "20m"})"));
  const std::vector<double> rpo = rpo_seconds(plan, 4, 4000);
  const MeanSe m = mean_se(rpo);
  EXPECT_NEAR(m.mean, 2.0, 4 * m.se);
  // RTO: detect 5 m + ack 10 m, wait 30 m, then execute 20 m + promote 5 m.
  const auto obs = models::run_trial(plan, 4, 0);
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, sim::Duration::minutes(70));
}

class SilentCorruption : public ::testing::TestWithParam<uint64_t> {};

TEST_P(SilentCorruption, RaisesTheExpectedRpoByTheIntervalTimesTheOdds) {
  const models::Plan plan = plan_from_json(scenario(
      R"({"name": "db", "deployment": "single-az", "region": "east", "azs": ["a1"],
          "backup": {"snapshot": {"every": "6h", "retention": "30d"}, "silent_corruption": 0.2,
                     "restore": {"base": "20m"}}})",
      R"({"kind": "az_outage", "target": "a1", "destroys_data": true, "at": {"uniform": ["2d", "10d"]}})"));
  const std::vector<double> rpo = rpo_seconds(plan, GetParam(), 4000);
  const MeanSe m = mean_se(rpo);
  const double e = 6 * 3600.0, p = 0.2;
  EXPECT_NEAR(m.mean, e / 2 + e * p / (1 - p), 4 * m.se);
}
INSTANTIATE_TEST_SUITE_P(Seeds, SilentCorruption, ::testing::Values(5, 6));

}  // namespace
}  // namespace drsim::testing::property_recovery_test
