// Monte Carlo availability against the protection-group Markov chain, for every deployment.
// Every duration in these scenarios is exponential (replacements, failovers, AZ and region
// outages) and every fault is a Poisson process the chain represents, so the chain is the model
// itself: its expected availability over the horizon must lie inside the Monte Carlo estimate's
// 99 % interval (normal approximation over independent trials). Rates are aggressive so that
// double failures, failures during failovers, overlapping outages and Aurora's quorum all carry
// weight. Outages are short enough that one AZ's rarely overlap (the chain then counts one at a
// time, which keeps the chains of copies that are behind to thousands of states and the test to
// seconds); overlaps of different AZs and the region remain. A chain with a wrong repair rate
// must fail the same check.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "models/analytic/protection_group.h"
#include "property_support.h"

namespace drsim::testing::property_chain_availability_test {
namespace {

constexpr double kZ99 = 2.5758293035489;  // two-sided 99 %

struct Deployment {
  const char* name;
  const char* azs;
};

std::string exponential_scenario(const Deployment& d) {
  return std::string(R"({
    "name": "exponential )") +
         d.name + R"(", "horizon": "365d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}, {"name": "s", "azs": ["s1"]}],
    "databases": [{"name": "db", "deployment": ")" +
         d.name + R"(", "region": "r",
                   "azs": )" +
         d.azs + R"(,
                   "replace": {"exponential": {"mean": "2h"}},
                   "failover": {"detect": {"exponential": {"mean": "5m"}}, "promote": "0s",
                                "dns": "0s"})" +
         (std::string(d.name) == "aurora-global"
              ? R"(, "replicas": [{"region": "s", "lag": {"exponential": {"mean": "1s"}}}])"
              : "") +
         R"(}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "faults": [
      {"kind": "instance_failure", "target": "*", "mtbf": "3d"},
      {"kind": "az_outage", "target": "*", "rate": "1/25d",
       "duration": {"exponential": {"mean": "1h"}}},
      {"kind": "region_outage", "target": "r", "rate": "1/60d",
       "duration": {"exponential": {"mean": "1h"}}}]
  })";
}

// The Monte Carlo availability of database 0 over `trials` trials: the mean of the per-trial
// availabilities and its standard error.
MeanSe monte_carlo_availability(const models::Plan& plan, uint64_t seed, uint64_t trials) {
  const double horizon_s = plan.scenario.horizon.in_seconds();
  std::vector<double> availability;
  for (const auto& obs : run_checked(plan, seed, trials)) {
    availability.push_back(1 - obs.database_downtime[0].in_seconds() / horizon_s);
  }
  return mean_se(availability);
}

class ChainAgreement : public ::testing::TestWithParam<Deployment> {};

TEST_P(ChainAgreement, MonteCarloIsWithinItsNinetyNinePercentIntervalOfTheChain) {
  const models::Plan plan = plan_from_json(exponential_scenario(GetParam()));
  const models::analytic::ProtectionGroup group =
      models::analytic::resolve_protection_group(plan, 0);
  ASSERT_TRUE(group.exact) << group.notes.size() << " notes, first: " << group.notes.front();
  const double chain = *models::analytic::expected_availability(group, plan.scenario.horizon);
  const MeanSe mc = monte_carlo_availability(plan, 7, 400);
  EXPECT_NEAR(mc.mean, chain, kZ99 * mc.se)
      << "Monte Carlo " << mc.mean << " ± " << mc.se << ", chain " << chain << " ("
      << (mc.mean - chain) / mc.se << " standard errors)";
  // The interval is narrow enough to mean something: a few per cent of the unavailability.
  EXPECT_LT(mc.se, 0.03 * (1 - chain));
}

INSTANTIATE_TEST_SUITE_P(Deployments, ChainAgreement,
                         ::testing::Values(Deployment{"single-az", R"(["a1"])"},
                                           Deployment{"multi-az", R"(["a1", "a2"])"},
                                           Deployment{"multi-az-cluster", R"(["a1", "a2", "a3"])"},
                                           Deployment{"aurora", R"(["a1", "a2", "a3"])"},
                                           Deployment{"aurora-global", R"(["a1", "a2", "a3"])"}),
                         [](const auto& info) {
                           std::string name;
                           for (const char* c = info.param.name; *c; ++c) {
                             if (*c != '-') name += *c;
                           }
                           return name;
                         });

TEST(ChainAgreement, AChainWithTheRepairRateDoubledIsRejected) {
  // The same check against a chain whose replacements are twice as fast as the scenario's: a
  // single-AZ database spends most of its downtime waiting for replacements, so the wrong chain
  // lies far outside the interval.
  const models::Plan plan = plan_from_json(exponential_scenario({"single-az", R"(["a1"])"}));
  models::analytic::ProtectionGroup wrong = models::analytic::resolve_protection_group(plan, 0);
  wrong.replace_rate_per_s *= 2;
  const double chain = *models::analytic::expected_availability(wrong, plan.scenario.horizon);
  const MeanSe mc = monte_carlo_availability(plan, 7, 400);
  EXPECT_GT(std::fabs(mc.mean - chain), kZ99 * mc.se)
      << "Monte Carlo " << mc.mean << " ± " << mc.se << " does not reject the wrong chain "
      << chain;
}

}  // namespace
}  // namespace drsim::testing::property_chain_availability_test
