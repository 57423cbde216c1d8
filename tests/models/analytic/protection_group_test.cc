// Protection-group chains against closed forms and hand-drawn chains: the single-AZ two-state
// unit, Multi-AZ failover and replacement, overlapping AZ outages (M/M/∞), Aurora's storage
// quorum, and mean times to data loss; and what the resolver says it leaves out.
#include "models/analytic/protection_group.h"

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "../model_test_support.h"

namespace drsim::testing::protection_group_test {
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
  // 0 both up; 1 failing over, the failed one replaced; 2 writable, the other replaced (and
  // behind: writes go on without it); 3 both down, neither behind (the standby failed during the
  // failover, before any write); 4 failing over with the replacement already back as the
  // standby; 5 both down, the one replaced last behind; 6 the behind one back and waiting for
  // the one that holds every write (DESIGN §4: it is never made primary).
  Ctmc hand(7);
  hand.add(0, 1, l);
  hand.add(0, 2, l);
  hand.add(1, 2, phi);
  hand.add(1, 3, l);
  hand.add(1, 4, mu);
  hand.add(2, 5, l);
  hand.add(2, 0, mu);
  hand.add(3, 2, 2 * mu);
  hand.add(4, 0, phi);
  hand.add(4, 1, 2 * l);
  hand.add(5, 2, mu);
  hand.add(5, 6, mu);
  hand.add(6, 0, mu);
  hand.add(6, 5, l);
  const Eigen::VectorXd pi = *hand.steady_state();
  EXPECT_NEAR(unavailability(g) / (pi(1) + pi(3) + pi(4) + pi(5) + pi(6)), 1.0, 1e-9);
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

TEST(ProtectionGroup, ASingleAzDatabaseWaitsForItsAzAndNeverDrifts) {
  // Instance failures (mean 60 d, replaced in 2 h) and outages of the database's own AZ (every
  // 90 d, 3 h). Its data is in a1: a replacement ready during an outage waits for the AZ (there
  // is no copy elsewhere to build it from), so the database stays in a1 for good and is up
  // exactly while the AZ is up and no replacement is under way. Over a year from everything up
  // the figure is close to the long run.
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"],
           "replace": {"exponential": {"mean": "2h"}}}])",
      R"([{"kind": "instance_failure", "target": "*", "mtbf": "60d"},
          {"kind": "az_outage", "target": "a1", "rate": "1/90d",
           "duration": {"exponential": {"mean": "3h"}}}])");
  // Hand-drawn, failures only while the instance and its AZ are up, and a replacement that, ready
  // in a dark AZ, waits for it: 0 up; 1 replacing, AZ up; 2 AZ dark, instance fine; 3 AZ dark
  // while replacing; 4 AZ dark, the replacement ready and waiting. Outages of one AZ rarely
  // overlap (ρ = 1/720): the chain counts one at a time, ending at the rate that keeps
  // P(dark) = 1 − e^−ρ.
  const double l = 1 / (60 * 86400.0), mu = 1 / 7200.0, a = 1 / (90 * 86400.0);
  const double b = a / std::expm1(a * 10800.0);
  Ctmc hand(5);
  hand.add(0, 1, l);
  hand.add(0, 2, a);
  hand.add(1, 0, mu);
  hand.add(1, 3, a);
  hand.add(2, 0, b);
  hand.add(3, 1, b);
  hand.add(3, 4, mu);
  hand.add(4, 0, b);
  const Eigen::VectorXd pi = *hand.steady_state();
  const auto analysis = analyze_group(g);
  ASSERT_TRUE(analysis);
  EXPECT_FALSE(analysis->leaves_start);
  EXPECT_NEAR(1 - analysis->availability, 1 - pi(0), 1e-12);
  const double year = models::analytic::expected_availability(g, sim::Duration::days(365)).value();
  EXPECT_NEAR(year, pi(0), 1e-5);
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

TEST(ProtectionGroup, AMultiAzDatabaseWaitsForTheAzOfItsLastPrimary) {
  // Immediate failover, replacements that practically never finish, AZ outages rare and short
  // enough (ρ = 0.002) that each AZ is a two-state unit (dark at a, back at b; the chain keeps
  // P(dark) = 1 − e^−ρ). Writes stop while the primary's AZ is dark: at once when the standby's
  // is dark too, and also when the standby's AZ came back first, for its standby is behind.
  // Hand-drawn: 0 both up; 1 the primary up, the standby dark; 2 the primary dark, the standby
  // up but behind; 3 both dark.
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
           "replace": {"exponential": {"mean": "100000y"}},
           "failover": {"detect": "0s", "promote": "0s", "dns": "0s"}}])",
      R"([{"kind": "az_outage", "target": "*", "rate": "1/500d",
           "duration": {"exponential": {"mean": "1d"}}}])",
      R"(["a1", "a2"])");
  ASSERT_EQ(g.outages.size(), 2u);
  ASSERT_EQ(g.outages[0].max_active, 1);
  const double a = 1 / (500 * 86400.0), rho = 1 / 500.0, b = a / std::expm1(rho);
  Ctmc hand(4);
  hand.add(0, 1, 2 * a);  // the standby's AZ, or the primary's with a failover to the standby
  hand.add(1, 0, b);
  hand.add(1, 3, a);
  hand.add(3, 1, b);      // the primary's AZ back first
  hand.add(3, 2, b);      // the standby's back first: behind, it waits
  hand.add(2, 0, b);
  hand.add(2, 3, a);
  const Eigen::VectorXd pi = *hand.steady_state();
  EXPECT_NEAR(unavailability(g) / (pi(2) + pi(3)), 1.0, 1e-9);
  // More than both dark at once, the old answer (about twice as much: the standby's AZ is as
  // likely to come back first).
  const double p = busy_probability(rho);
  EXPECT_GT(unavailability(g), 1.9 * p * p);
}

TEST(ProtectionGroup, AClusterIsDownWhileEveryInstanceAzIsDarkAtLeast) {
  // As above with three instances: writes stop at least while all three AZs are dark, and more
  // often, for a reader that comes back behind waits.
  const ProtectionGroup g = group_of(
      R"([{"name": "db", "deployment": "multi-az-cluster", "region": "r",
           "azs": ["a1", "a2", "a3"], "replace": {"exponential": {"mean": "100000y"}},
           "failover": {"detect": "0s", "promote": "0s", "dns": "0s"}}])",
      R"([{"kind": "az_outage", "target": "*", "rate": "1/5d",
           "duration": {"exponential": {"mean": "1d"}}}])",
      R"(["a1", "a2", "a3"])");
  const double p = busy_probability(0.2);
  EXPECT_GT(unavailability(g), 1.2 * std::pow(p, 3));
  EXPECT_LT(unavailability(g), p);  // never more than the first instance's AZ alone
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
  // Nothing to restore from: the first loss is for good, in the simulator and in both chains.
  EXPECT_TRUE(g.loss_is_permanent);
  EXPECT_TRUE(g.covers_availability);
  const auto a = analyze_group(g);
  ASSERT_TRUE(a->mttdl_s);
  const double year = 365 * 86400.0;
  EXPECT_NEAR(*a->mttdl_s / (1 / (1 / (100 * year) + 1 / (25 * year))), 1.0, 1e-9);
  EXPECT_EQ(a->mttdl_s, a->mean_time_to_write_loss_s);  // no copy anywhere else
  EXPECT_TRUE(a->lost_for_good);
  EXPECT_DOUBLE_EQ(a->availability, 0.0);  // in the long run it is gone
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
  // Every deployment under every kind of random fault, with daily snapshots (so a loss is
  // recovered and the availability chain leaves the fires out): the reachable chains stay in
  // the thousands of states.
  for (const char* deployment : {"single-az", "multi-az", "multi-az-cluster", "aurora"}) {
    const std::string azs = std::string(deployment) == "single-az"  ? R"(["a1"])"
                            : std::string(deployment) == "multi-az" ? R"(["a1", "a2"])"
                                                                    : R"(["a1", "a2", "a3"])";
    const ProtectionGroup g =
        group_of(R"([{"name": "db", "deployment": ")" + std::string(deployment) +
                     R"(", "region": "r", "azs": )" + azs +
                     R"(, "backup": {"snapshot": {"every": "24h", "retention": "7d"}}}])",
                 R"([{"kind": "instance_failure", "target": "*", "mtbf": "1y"},
            {"kind": "az_outage", "target": "*", "rate": "1/2y", "duration": "6h"},
            {"kind": "region_outage", "target": "r", "rate": "1/5y", "duration": "6h"},
            {"kind": "az_outage", "target": "*", "rate": "1/50y", "destroys_data": true},
            {"kind": "disaster", "target": "r", "rate": "1/200y"}])");
    const auto a = analyze_group(g);
    ASSERT_TRUE(a) << deployment;
    EXPECT_LT(a->states, 10000) << deployment;
    EXPECT_LT(a->loss_states, 30000) << deployment;
    EXPECT_GT(a->availability, 0.999) << deployment;
    ASSERT_TRUE(a->mttdl_s) << deployment;
    // The snapshots outlive every loss but the disaster, which takes them with the copies.
    EXPECT_NEAR(*a->mttdl_s / (200 * 365 * 86400.0), 1.0, 1e-9) << deployment;
    ASSERT_TRUE(a->mean_time_to_write_loss_s) << deployment;
    EXPECT_LT(*a->mean_time_to_write_loss_s, *a->mttdl_s) << deployment;
  }
}

}  // namespace
}  // namespace drsim::testing::protection_group_test
