// Protection-group chains against closed forms and hand-drawn chains: the single-AZ two-state
// unit, Multi-AZ failover and replacement, overlapping AZ outages (M/M/∞), Aurora's storage
// quorum, and mean times to data loss; and what the resolver says it leaves out.
#include "models/analytic/protection_group.h"

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "../model_test_support.h"

namespace drsim::testing {
namespace {

using models::analytic::analyze_group;
using models::analytic::build_chain;
using models::analytic::Ctmc;
using models::analytic::ProtectionGroup;
using models::analytic::resolve_protection_group;

ProtectionGroup group_of(const std::string& databases, const std::string& faults,
                         const std::string& azs = R"(["a1", "a2", "a3"])") {
  const models::Plan plan = plan_of(region_scenario(
      databases, R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])", faults, azs));
  return resolve_protection_group(plan, 0);
}

double unavailability(const ProtectionGroup& g) { return 1 - analyze_group(g)->availability; }

// P(N > 0) for the number of outages under way, an M/M/∞ queue: 1 − exp(−ρ). The chain
// truncates the count but keeps these probabilities.
double busy_probability(double rho) { return 1 - std::exp(-rho); }

TEST(ProtectionGroup, SingleAzInstanceFailuresAreTheTwoStateUnit) {
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"],
           "replace": {"exponential": {"mean": "2h"}}}])",
      R"([{"kind": "instance_failure", "target": "db", "mtbf": "30d"}])");
  EXPECT_TRUE(g.exact);
  EXPECT_TRUE(g.covers_availability);
  const double lambda = 1 / (30 * 86400.0), mu = 1 / 7200.0;
  const auto a = analyze_group(g);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->states, 2);
  EXPECT_NEAR(a->availability, mu / (lambda + mu), 1e-14);
  EXPECT_NEAR(a->downtime_s_per_year, lambda / (lambda + mu) * 365 * 86400, 1e-6);
  EXPECT_FALSE(a->mttdl_s);  // nothing destroys data
}

TEST(ProtectionGroup, MultiAzInstanceFailuresAreTheHandDrawnChain) {
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
           "replace": {"exponential": {"mean": "3h"}},
           "failover": {"detect": {"exponential": {"mean": "90s"}}, "promote": "0s", "dns": "0s"}}])",
      R"([{"kind": "instance_failure", "target": "db", "mtbf": "5d"}])");
  EXPECT_TRUE(g.exact);
  const double l = 1 / (5 * 86400.0), mu = 1 / (3 * 3600.0), phi = 1 / 90.0;
  // 0 both up; 1 failing over, the failed one replaced; 2 writable, one replaced; 3 both down;
  // 4 failing over with the replacement already back as the standby.
  Ctmc hand(5);
  hand.add(0, 1, l);
  hand.add(0, 2, l);
  hand.add(1, 2, phi);
  hand.add(1, 3, l);
  hand.add(1, 4, mu);
  hand.add(2, 3, l);
  hand.add(2, 0, mu);
  hand.add(3, 2, 2 * mu);
  hand.add(4, 0, phi);
  hand.add(4, 1, 2 * l);
  const Eigen::VectorXd pi = *hand.steady_state();
  EXPECT_NEAR(unavailability(g) / (pi(1) + pi(3) + pi(4)), 1.0, 1e-9);
}

TEST(ProtectionGroup, OverlappingAzOutagesAreAnInfiniteServerQueue) {
  // One AZ, so a single-AZ instance has nowhere else to go: it is down exactly while an outage
  // is under way, P = 1 − exp(−ρ), whatever the truncation.
  const ProtectionGroup g =
      group_of(R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"]}])",
               R"([{"kind": "az_outage", "target": "a1", "rate": "1/4d",
           "duration": {"exponential": {"mean": "1d"}}}])",
               R"(["a1"])");
  ASSERT_EQ(g.outages.size(), 1u);
  const int k = g.outages[0].max_active;
  EXPECT_GT(k, 1);  // ρ = 0.25: overlaps are common
  EXPECT_NEAR(unavailability(g), busy_probability(0.25), 1e-12);
}

TEST(ProtectionGroup, SingleAzMovesToAnotherAzOnlyAfterAnInstanceFailure) {
  // An AZ outage alone keeps a single-AZ database down until the AZ returns, even with other AZs
  // up: the unavailability is the AZ's.
  const ProtectionGroup g =
      group_of(R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"]}])",
               R"([{"kind": "az_outage", "target": "a1", "rate": "1/20d",
           "duration": {"exponential": {"mean": "12h"}}}])");
  EXPECT_NEAR(unavailability(g), busy_probability(1 / 40.0), 1e-12);
}

TEST(ProtectionGroup, OverTheHorizonADriftingDatabaseIsStillInItsFirstAz) {
  // Instance failures (mean 60 d, replaced in 2 h) and outages of the database's own AZ (every
  // 90 d, 3 h). A failure during an outage places the replacement in another AZ, out of the
  // outages' reach for good, so in the long run only instance failures count; but that takes
  // centuries. Over a year the database stays in a1, and its availability is the product of the
  // two independent two-state units, which the Monte Carlo model gives too.
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"],
           "replace": {"exponential": {"mean": "2h"}}}])",
      R"([{"kind": "instance_failure", "target": "*", "mtbf": "60d"},
          {"kind": "az_outage", "target": "a1", "rate": "1/90d",
           "duration": {"exponential": {"mean": "3h"}}}])");
  const double instance = 60 * 24 / (60 * 24 + 2.0), az = 90 * 24 / (90 * 24 + 3.0);
  EXPECT_NEAR(analyze_group(g)->availability, instance, 1e-9);
  const double year = models::analytic::expected_availability(g, sim::Duration::days(365)).value();
  // Starting with everything up (about 8·10^-7 over a year) and the drifts that do happen (an
  // instance failure during an outage, about one year in 160) add a little to it: under 10^-5,
  // against the long run's 1.4·10^-3.
  EXPECT_GT(year, instance * az);
  EXPECT_LT(year, instance * az + 1e-5);
}

TEST(ProtectionGroup, AuroraStopsWritesWithTwoStorageAzsDark) {
  // Immediate failover and replacements that practically never finish: the writer (or the
  // reader it fails over to) is up while its AZ is, so writes stop exactly when two of the
  // three storage AZs are dark (fewer than 4 of 6 copies) or both instances' AZs are.
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "aurora", "region": "r", "azs": ["a1", "a2", "a3"],
           "replace": {"exponential": {"mean": "100000y"}},
           "failover": {"detect": "0s", "promote": "0s", "dns": "0s"}}])",
      R"([{"kind": "az_outage", "target": "*", "rate": "1/10d",
           "duration": {"exponential": {"mean": "1d"}}}])");
  ASSERT_EQ(g.outages.size(), 3u);
  const double p = busy_probability(0.1);
  EXPECT_NEAR(unavailability(g) / (3 * p * p * (1 - p) + p * p * p), 1.0, 1e-6);
}

TEST(ProtectionGroup, StandbysKeepWritingWhileAnyInstanceAzIsUp) {
  // Immediate failover, replacements that practically never finish: a Multi-AZ database is down
  // exactly while both its AZs are dark, a Multi-AZ cluster while all three are.
  for (const auto& [deployment, azs, count] :
       {std::tuple{"multi-az", R"(["a1", "a2"])", 2},
        std::tuple{"multi-az-cluster", R"(["a1", "a2", "a3"])", 3}}) {
    const ProtectionGroup g =
        group_of(R"([{"name": "db", "deployment": ")" + std::string(deployment) +
                     R"(", "region": "r", "azs": )" + azs + R"(,
             "replace": {"exponential": {"mean": "100000y"}},
             "failover": {"detect": "0s", "promote": "0s", "dns": "0s"}}])",
                 R"([{"kind": "az_outage", "target": "*", "rate": "1/5d",
             "duration": {"exponential": {"mean": "1d"}}}])",
                 azs);
    const double p = busy_probability(0.2);
    EXPECT_NEAR(unavailability(g) / std::pow(p, count), 1.0, 1e-6) << deployment;
  }
}

TEST(ProtectionGroup, APlannedSwitchoverIsLeftOutAndSaysSo) {
  const models::Plan plan = plan_of(R"({"name": "s", "horizon": "30d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}, {"name": "s", "azs": ["b1", "b2", "b3"]}],
    "databases": [{"name": "db", "deployment": "aurora-global", "region": "r",
                   "azs": ["a1", "a2", "a3"],
                   "replicas": [{"region": "s", "lag": "1s", "promote": "1m"}]}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "faults": [{"kind": "switchover", "target": "db", "at": "1d"}]})");
  const ProtectionGroup g = resolve_protection_group(plan, 0);
  EXPECT_FALSE(g.covers_availability);
  ASSERT_FALSE(g.notes.empty());
  EXPECT_NE(g.notes.back().find("switchover"), std::string::npos);
}

TEST(ProtectionGroup, MttdlOfASingleAzIsTheFirstDestroyingEvent) {
  const ProtectionGroup g =
      group_of(R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"]}])",
               R"([{"kind": "disaster", "target": "r", "rate": "1/100y"},
          {"kind": "az_outage", "target": "a1", "rate": "1/25y", "destroys_data": true,
           "duration": {"exponential": {"mean": "1d"}}}])",
               R"(["a1"])");
  EXPECT_FALSE(g.covers_availability);
  const auto a = analyze_group(g);
  ASSERT_TRUE(a->mttdl_s);
  const double year = 365 * 86400.0;
  EXPECT_NEAR(*a->mttdl_s / (1 / (1 / (100 * year) + 1 / (25 * year))), 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(a->availability, 1.0);  // nothing else fails
}

TEST(ProtectionGroup, MttdlOfMultiAzUnderAzFiresIsTheParallelPair) {
  // Fires destroy an AZ's instance at rate φ; the AZ is back within a second and the lost
  // instance is rebuilt from the survivor after `replace`: two units, each repaired in mean
  // 1/μ, lost when both are. MTTF = (3φ + μ) / (2φ²), up to the second-long outages.
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
           "replace": {"exponential": {"mean": "1d"}}}])",
      R"([{"kind": "az_outage", "target": "*", "rate": "1/20d", "destroys_data": true,
           "duration": {"exponential": {"mean": "1s"}}}])",
      R"(["a1", "a2"])");
  const double phi = 1 / (20 * 86400.0), mu = 1 / 86400.0;
  const auto a = analyze_group(g);
  ASSERT_TRUE(a && a->mttdl_s);
  EXPECT_NEAR(*a->mttdl_s / ((3 * phi + mu) / (2 * phi * phi)), 1.0, 1e-4);
}

TEST(ProtectionGroup, AuroraLosesItsDataWhenFewerThanThreeCopiesSurvive) {
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "aurora", "region": "r", "azs": ["a1", "a2", "a3"],
           "replace": {"exponential": {"mean": "1d"}}}])",
      R"([{"kind": "az_outage", "target": "*", "rate": "1/20d", "destroys_data": true,
           "duration": {"exponential": {"mean": "1s"}}}])");
  // Three AZs of two copies each; the data is lost when fewer than 3 copies survive. The AZs are
  // back within a second, so each destroyed copy is re-created in its own AZ after `replace`
  // (rate μ each). Hand-drawn on the destroyed copies per AZ, up to symmetry:
  // 0 {0,0,0}, 1 {2,0,0}, 2 {1,0,0}, 3 {1,2,0}, 4 {1,1,0}, 5 lost. A fire destroys whatever
  // its AZ still holds.
  const double phi = 1 / (20 * 86400.0), mu = 1 / 86400.0;
  Ctmc hand(6);
  hand.add(0, 1, 3 * phi);
  hand.add(1, 2, 2 * mu);
  hand.add(1, 5, 2 * phi);
  hand.add(2, 0, mu);
  hand.add(2, 1, phi);
  hand.add(2, 3, 2 * phi);
  hand.add(3, 1, mu);
  hand.add(3, 4, 2 * mu);
  hand.add(3, 5, 2 * phi);
  hand.add(4, 2, 2 * mu);
  hand.add(4, 3, 2 * phi);
  hand.add(4, 5, phi);
  const double expected = *hand.mean_time_to_reach(0, {false, false, false, false, false, true});
  const auto a = analyze_group(g);
  ASSERT_TRUE(a && a->mttdl_s);
  EXPECT_NEAR(*a->mttdl_s / expected, 1.0, 1e-4);
}

TEST(ProtectionGroup, SaysWhatItLeavesOutAndWhatIsApproximate) {
  const ProtectionGroup g =
      group_of(R"([{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]}])",
               R"([{"kind": "az_outage", "target": "a1", "at": "1h", "duration": "2h"},
          {"kind": "az_outage", "target": "a2", "rate": "1/1y",
           "duration": {"lognormal": {"median": "3h", "p95": "12h"}}},
          {"kind": "data_deletion", "target": "db", "rate": "1/10y"}])");
  EXPECT_FALSE(g.covers_availability);
  EXPECT_FALSE(g.exact);
  ASSERT_EQ(g.outages.size(), 1u);  // the fixed-time outage is not a rate
  std::string all;
  for (const std::string& n : g.notes) all += n + "\n";
  EXPECT_NE(all.find("az_outage of a1 at a fixed time"), std::string::npos) << all;
  EXPECT_NE(all.find("lognormal"), std::string::npos) << all;
  EXPECT_NE(all.find("logical faults"), std::string::npos) << all;
  EXPECT_NE(all.find("replace 10m enters the chain through its mean"), std::string::npos) << all;
  EXPECT_NE(all.find("failover"), std::string::npos) << all;
}

TEST(ProtectionGroup, NothingFailingIsAlwaysAvailable) {
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "multi-az-cluster", "region": "r",
           "azs": ["a1", "a2", "a3"]}])",
      "[]");
  const auto a = analyze_group(g);
  EXPECT_EQ(a->states, 1);
  EXPECT_DOUBLE_EQ(a->availability, 1.0);
  EXPECT_DOUBLE_EQ(a->downtime_s_per_year, 0.0);
  EXPECT_FALSE(a->mttdl_s);
  EXPECT_TRUE(g.exact);
}

TEST(ProtectionGroup, ChainsStaySmall) {
  // Every deployment under every kind of random fault: the reachable chains stay in the
  // thousands of states.
  for (const char* deployment : {"single-az", "multi-az", "multi-az-cluster", "aurora"}) {
    const std::string azs = std::string(deployment) == "single-az"  ? R"(["a1"])"
                            : std::string(deployment) == "multi-az" ? R"(["a1", "a2"])"
                                                                    : R"(["a1", "a2", "a3"])";
    const ProtectionGroup g =
        group_of(R"([{"name": "db", "deployment": ")" + std::string(deployment) +
                     R"(", "region": "r", "azs": )" + azs + "}]",
                 R"([{"kind": "instance_failure", "target": "*", "mtbf": "1y"},
            {"kind": "az_outage", "target": "*", "rate": "1/2y", "duration": "6h"},
            {"kind": "region_outage", "target": "r", "rate": "1/5y", "duration": "6h"},
            {"kind": "az_outage", "target": "*", "rate": "1/50y", "destroys_data": true},
            {"kind": "disaster", "target": "r", "rate": "1/200y"}])");
    const auto a = analyze_group(g);
    ASSERT_TRUE(a) << deployment;
    EXPECT_LT(a->states, 5000) << deployment;
    EXPECT_LT(a->loss_states, 20000) << deployment;
    EXPECT_GT(a->availability, 0.999) << deployment;
    ASSERT_TRUE(a->mttdl_s) << deployment;
    EXPECT_LT(*a->mttdl_s, 200 * 365 * 86400.0) << deployment;  // the disaster bounds it
  }
}

}  // namespace
}  // namespace drsim::testing
