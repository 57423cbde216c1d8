// storage_failure as a random process, with lost writes, against closed forms.
//
// A single-AZ database whose storage fails at rate λ while it is up; each failure is a known
// loss, detected in 5m, acknowledged 10m later and restored by PITR in 20m (log replay at 10^6x,
// under 0.1 s). So the database alternates up ~ Exp(λ) and down D = 35m (+ the replay), and the
// failures are the starts of the down periods: E[N(H)] = E[M(H + D)] for the renewal process M
// of cycles C = up + D, which is (H + D)/m + (Var C − m²)/(2m²) + o(1) with m = 1/λ + D and
// Var C = 1/λ²; the second term is −D λ (1 + O(Dλ)).
// The failure's phase against the 5-minute log uploads is uniform, so the loss is U(0, 5m):
// RPO mean 150 s, and lost writes = loss × write rate, mean 150 s × 20/s = 3000.
#include <gtest/gtest.h>

#include <cmath>

#include "models/results/summary.h"
#include "property_support.h"

namespace drsim::testing::property_storage_failure_test {
namespace {

constexpr const char* kSingleAz = R"({
  "name": "storage failures", "horizon": "365d", "trials": 10,
  "regions": [{"name": "r", "azs": ["a1", "a2"]}],
  "databases": [{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"],
                 "write_rate": "20/s",
                 "backup": {"snapshot": {"every": "24h", "retention": "7d"}, "log_upload": "5m",
                            "restore": {"base": "20m", "replay_speed": 1000000}}}],
  "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
  "response": {"detect": "5m", "ack": "10m"},
  "faults": [{"kind": "storage_failure", "target": "db", "mtbf": "10d"}]
})";

TEST(StorageFailureProcess, IncidentsArriveAtTheRateWhileUpAndLoseUpToOneLogUpload) {
  const models::Plan plan = plan_from_json(kSingleAz);
  const uint64_t trials = 400;
  std::vector<double> counts, rpo, lost;
  for (const auto& obs : run_checked(plan, 11, trials)) {
    counts.push_back(static_cast<double>(obs.incidents.size()));
    for (const auto& i : obs.incidents) {
      if (!i.serving_again_at) continue;  // still open at the horizon
      ASSERT_TRUE(i.rpo.has_value());
      ASSERT_TRUE(i.lost_writes.has_value());
      rpo.push_back(i.rpo->in_seconds());
      lost.push_back(static_cast<double>(*i.lost_writes));
      EXPECT_LT(i.rpo->in_seconds(), 300);
      EXPECT_NEAR(static_cast<double>(*i.lost_writes), i.rpo->in_seconds() * 20, 0.5);
    }
  }
  const double lambda = 1.0 / (10 * 86400), d = 35 * 60, h = 365 * 86400.0;
  const double m = 1 / lambda + d;
  const double expected = (h + d) / m - d * lambda;
  const MeanSe n = mean_se(counts);
  EXPECT_NEAR(n.mean, expected, 4 * n.se) << "expected " << expected;
  const MeanSe r = mean_se(rpo);
  EXPECT_NEAR(r.mean, 150, 4 * r.se);
  const MeanSe w = mean_se(lost);
  EXPECT_NEAR(w.mean, 3000, 4 * w.se);
  // The report carries the same, per tier.
  const auto summary = models::results::summarize(models::run_monte_carlo(plan, 11, trials, 2));
  const auto& t = summary.tiers[0];
  EXPECT_NEAR(t.lost_writes.mean, 3000, 4 * w.se);
  EXPECT_LE(t.lost_writes.max, 6000);
  // Only an incident still open at the horizon has lost writes not known yet.
  EXPECT_LE(t.lost_writes_unknown, t.censored);
}

// A Multi-AZ database loses data to the same storage failures only when both copies fail
// within one replacement: each instance's storage fails at λ while it is up, a lost instance is
// rebuilt from the other in R = 10m (the default `replace`), and a second failure within R
// leaves no copy that holds every write. Such double failures arrive at rate 2λ · λR (to first
// order in λR = 7e-4), so over H = 365d a trial has 2 λ² R H = 0.0507 of them; each is restored
// by PITR. Every other failure of the primary fails over to the standby and loses nothing.
TEST(StorageFailureProcess, MultiAzLosesDataOnlyToDoubleFailures) {
  std::string json = kSingleAz;
  const std::string single = R"("single-az", "region": "r", "azs": ["a1"])";
  json.replace(json.find(single), single.size(), R"("multi-az", "region": "r", "azs": ["a1", "a2"])");
  const models::Plan plan = plan_from_json(json);
  const uint64_t trials = 1000;
  double losses = 0, failovers_without_loss = 0;
  for (const auto& obs : run_checked(plan, 12, trials)) {
    for (const auto& i : obs.incidents) {
      if (!i.serving_again_at) continue;
      if (*i.rpo > sim::Duration() || *i.serving_again_at - i.started_at > sim::Duration::minutes(5)) {
        ++losses;
        EXPECT_LT(i.rpo->in_seconds(), 300);  // PITR: at most one log upload
      } else {
        ++failovers_without_loss;
        EXPECT_EQ(i.lost_writes, 0u);
      }
    }
  }
  const double lambda = 1.0 / (10 * 86400), r = 600, h = 365 * 86400.0;
  const double expected = 2 * lambda * lambda * r * h * static_cast<double>(trials);
  EXPECT_NEAR(losses, expected, 4 * std::sqrt(expected)) << "expected " << expected;
  // The primary fails at about λ H per trial: 36.5.
  EXPECT_NEAR(failovers_without_loss / static_cast<double>(trials), 36.5, 0.5);
}

}  // namespace
}  // namespace drsim::testing::property_storage_failure_test
