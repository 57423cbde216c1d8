// Availability against closed forms. A Multi-AZ database whose instances fail as Poisson
// processes of rate λ alternates "up for Exp(1/λ)" and "down for one failover F", so its
// long-run unavailability is λE[F] / (1 + λE[F]) ≈ λ·E[failover]. Replacements (1 min) are
// so short that a second failure without a standby has probability ~λ·1min ≈ 3e-4 per
// failover, far inside the test's bound.
#include <gtest/gtest.h>

#include "models/results/summary.h"
#include "property_support.h"

namespace drsim::testing::property_availability_test {
namespace {

class MultiAzUnavailability : public ::testing::TestWithParam<uint64_t> {};

TEST_P(MultiAzUnavailability, EqualsFailureRateTimesMeanFailover) {
  const models::Plan plan = plan_from_json(R"({
    "name": "exponential failures", "horizon": "90d", "trials": 10,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
                   "replace": "1m"}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "faults": [{"kind": "instance_failure", "target": "db", "mtbf": "2d"}]
  })");
  const double horizon_s = 90 * 86400.0, lambda = 1 / (2 * 86400.0);
  const auto& f = plan.databases[0].failover;
  const double mean_failover = f.detect.mean_s() + f.promote.mean_s() + f.dns.mean_s();
  const double expected = lambda * mean_failover / (1 + lambda * mean_failover);
  std::vector<double> unavailability;
  for (const auto& obs : run_checked(plan, GetParam(), 400)) {
    unavailability.push_back(obs.service_downtime[0].in_seconds() / horizon_s);
  }
  const MeanSe m = mean_se(unavailability);
  EXPECT_NEAR(m.mean, expected, 4 * m.se) << "expected " << expected << ", se " << m.se;
  EXPECT_LT(m.se, 0.05 * expected);  // the bound is tight enough to mean something
}
INSTANTIATE_TEST_SUITE_P(Seeds, MultiAzUnavailability, ::testing::Values(11, 12, 13));

TEST(SingleAzAvailability, AzOutageIsAnOutageOfExactlyItsDuration) {
  const models::Plan plan = plan_from_json(R"({
    "name": "single-az", "horizon": "2d", "trials": 5,
    "regions": [{"name": "r", "azs": ["a1", "a2"]}],
    "databases": [{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"]}],
    "services": [{"name": "svc", "tier": 2, "uses": ["db"], "depends_on": []}],
    "faults": [{"kind": "az_outage", "target": "a1", "at": "10h", "duration": {"uniform": ["1h", "5h"]}}]
  })");
  for (const auto& obs : run_checked(plan, 3, 200)) {
    ASSERT_EQ(obs.incidents.size(), 1u);
    const auto& i = obs.incidents[0];
    EXPECT_EQ(i.started_at, sim::SimTime::from_micros(sim::Duration::hours(10).count_us()));
    const sim::Duration rto = *i.serving_again_at - i.started_at;
    EXPECT_GE(rto, sim::Duration::hours(1));
    EXPECT_LE(rto, sim::Duration::hours(5));
    EXPECT_EQ(obs.service_downtime[0], rto);
    EXPECT_TRUE(obs.failovers.empty());
  }
}

TEST(SingleAzAvailability, PoissonAzOutagesGiveRenewalUnavailability) {
  // Outages arrive at rate r and last D (fixed); overlapping ones merge. For a Poisson stream
  // of fixed-length outages the AZ is up at t iff no arrival in (t - D, t]: P = exp(-rD).
  const models::Plan plan = plan_from_json(R"({
    "name": "az process", "horizon": "365d", "trials": 5,
    "regions": [{"name": "r", "azs": ["a1", "a2"]}],
    "databases": [{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"]}],
    "services": [{"name": "svc", "tier": 2, "uses": ["db"], "depends_on": []}],
    "faults": [{"kind": "az_outage", "target": "a1", "rate": "1/10d", "duration": "12h"}]
  })");
  const double expected = 1 - std::exp(-(1 / 10.0) * 0.5);
  std::vector<double> unavailability;
  for (const auto& obs : run_checked(plan, 21, 300)) {
    unavailability.push_back(obs.service_downtime[0].in_seconds() / (365 * 86400.0));
  }
  const MeanSe m = mean_se(unavailability);
  // Edge effect: the process starts with the AZ up, worth D/horizon ~ 0.14 % of the window.
  EXPECT_NEAR(m.mean, expected, 4 * m.se + expected * 0.5 / 365);
}

}  // namespace
}  // namespace drsim::testing::property_availability_test
