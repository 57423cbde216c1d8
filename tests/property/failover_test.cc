// Failover timing against closed forms: the mean failover is the sum of its components' means,
// the window shares follow from the component distributions, and an RTO of a Multi-AZ failover
// equals the failover itself (RPO 0).
#include <gtest/gtest.h>

#include <cmath>

#include "models/results/summary.h"
#include "property_support.h"

namespace drsim::testing::property_failover_test {
namespace {

std::string one_failover_per_trial(const std::string& failover) {
  return R"({
    "name": "one failover", "horizon": "2d", "trials": 10,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
                   "replace": "15m", "failover": )" +
         failover + R"(}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "faults": [{"kind": "az_outage", "target": "a1", "at": {"uniform": ["1h", "20h"]},
                "duration": "4h"}]
  })";
}

class FailoverMean : public ::testing::TestWithParam<uint64_t> {};

TEST_P(FailoverMean, EqualsTheSumOfComponentMeans) {
  const models::Plan plan = plan_from_json(one_failover_per_trial(R"({
      "detect": {"uniform": ["10s", "30s"]},
      "promote": {"normal": {"mean": "45s", "sd": "10s", "min": "30s"}},
      "dns": {"exponential": {"mean": "12s"}}})"));
  const auto& f = plan.databases[0].failover;
  const double expected = f.detect.mean_s() + f.promote.mean_s() + f.dns.mean_s();
  std::vector<double> total, detect, promote, dns, rto;
  for (const auto& obs : run_checked(plan, GetParam(), 1500)) {
    ASSERT_EQ(obs.failovers.size(), 1u);
    ASSERT_EQ(obs.incidents.size(), 1u);
    const auto& rec = obs.failovers[0];
    total.push_back(rec.total().in_seconds());
    detect.push_back(rec.detect.in_seconds());
    promote.push_back(rec.promote.in_seconds());
    dns.push_back(rec.dns.in_seconds());
    const auto& inc = obs.incidents[0];
    ASSERT_TRUE(inc.serving_again_at);
    rto.push_back((*inc.serving_again_at - inc.started_at).in_seconds());
    EXPECT_EQ(inc.rpo, sim::Duration());  // synchronous standby: nothing lost
    EXPECT_EQ(*inc.serving_again_at - inc.started_at, rec.total());
  }
  const MeanSe m = mean_se(total);
  EXPECT_NEAR(m.mean, expected, 4 * m.se);
  EXPECT_NEAR(mean_se(detect).mean, 20.0, 4 * mean_se(detect).se);
  EXPECT_NEAR(mean_se(promote).mean, f.promote.mean_s(), 4 * mean_se(promote).se);
  EXPECT_NEAR(mean_se(dns).mean, 12.0, 4 * mean_se(dns).se);
  EXPECT_DOUBLE_EQ(mean_se(rto).mean, m.mean);
}
INSTANTIATE_TEST_SUITE_P(Seeds, FailoverMean, ::testing::Values(1, 2, 3));

TEST(FailoverWindow, DefaultComponentsLandInsideSixtyToOneHundredTwentySeconds) {
  const models::Plan plan = plan_from_json(one_failover_per_trial("{}"));
  const auto results = models::run_monte_carlo(plan, 5, 2000, 2);
  const auto summary = models::results::summarize(results);
  ASSERT_EQ(summary.failovers.size(), 1u);
  const auto& f = summary.failovers[0];
  EXPECT_EQ(f.count, 2000u);
  // Defaults: detect U(15,30) + promote U(35,60) + dns U(10,30): support [60, 120], mean 90.
  EXPECT_DOUBLE_EQ(f.within_window, 1.0);
  EXPECT_DOUBLE_EQ(f.over_window, 0.0);
  EXPECT_TRUE(*f.holds);
  EXPECT_NEAR(f.duration_s.mean, 90.0, 1.0);  // sd of the sum 10.2 s: 4 SE = 0.91 s
}

TEST(FailoverWindow, SlowPromotionDoesNotHoldAndOverWindowMatchesClosedForm) {
  // Total = 30 + promote + 20 with promote ~ Exp(mean 60 s): P(total > 120) = exp(-70/60).
  const models::Plan plan = plan_from_json(one_failover_per_trial(
      R"({"detect": "30s", "promote": {"exponential": {"mean": "60s"}}, "dns": "20s"})"));
  const auto summary = models::results::summarize(models::run_monte_carlo(plan, 9, 3000, 2));
  const auto& f = summary.failovers[0];
  const double p = std::exp(-70.0 / 60.0);
  const auto over =
      models::results::wilson95(static_cast<size_t>(std::lround(f.over_window * 3000)), 3000);
  // The closed form lies inside a 99.9 % interval (z = 3.29) of the observed share.
  const double half = 3.29 * std::sqrt(p * (1 - p) / 3000);
  EXPECT_NEAR(f.over_window, p, half) << "Wilson 95 %: [" << over.lo << ", " << over.hi << "]";
  EXPECT_FALSE(*f.holds);
  // The mean still equals the sum of the component means.
  EXPECT_NEAR(f.duration_s.mean, 110.0, 4 * 60.0 / std::sqrt(3000.0));
}

}  // namespace
}  // namespace drsim::testing::property_failover_test
