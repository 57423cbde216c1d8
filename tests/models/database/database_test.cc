// The single-AZ and Multi-AZ state machines: failover, replacement, double failures, AZ
// outages. Components are constants so every time is exact.
#include "models/database/database.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing::database_test {
namespace {

using sim::Duration;

const std::string kMultiAz = R"([{"name": "db", "deployment": "multi-az", "region": "r",
    "azs": ["a1", "a2"], "replace": "30m",
    "failover": {"detect": "20s", "promote": "40s", "dns": "15s"}}])";
const std::string kSingleAz = R"([{"name": "db", "deployment": "single-az", "region": "r",
    "azs": ["a1"], "replace": "25m"}])";
const std::string kService = R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])";
const Duration kFailover = Duration::seconds(75);

models::observations::TrialObservations run(const std::string& databases, const std::string& faults,
                                            const std::string& azs = R"(["a1", "a2", "a3"])") {
  const models::Plan plan = plan_of(region_scenario(databases, kService, faults, azs));
  return models::run_trial(plan, 1, 0, true);
}

TEST(MultiAzDatabase, PrimaryFailureFailsOverWithNoDataLost) {
  const auto obs = run(kMultiAz, R"([{"kind": "instance_failure", "target": "db", "at": "1h"}])");
  ASSERT_EQ(obs.failovers.size(), 1u);
  EXPECT_EQ(obs.failovers[0].detect, Duration::seconds(20));
  EXPECT_EQ(obs.failovers[0].promote, Duration::seconds(40));
  EXPECT_EQ(obs.failovers[0].dns, Duration::seconds(15));
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(Duration::hours(1)));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::hours(1) + kFailover));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_EQ(obs.service_downtime[0], kFailover);
  EXPECT_EQ(obs.database_downtime[0], kFailover);
}

TEST(MultiAzDatabase, ReplacementBecomesTheStandbyForTheNextFailover) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "instance_failure", "target": "db", "at": "1h"},
      {"kind": "instance_failure", "target": "db", "at": "3h"}])");
  ASSERT_EQ(obs.failovers.size(), 2u);
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[1].started_at, at(Duration::hours(3)));
  EXPECT_EQ(*obs.incidents[1].serving_again_at - obs.incidents[1].started_at, kFailover);
}

TEST(MultiAzDatabase, FailureWithoutStandbyIsAnOutageUntilACopyHoldingEveryWriteIsUp) {
  // The first failover ends at 1h01m15s; the new primary (a2) fails at 1h10m, before the first
  // replacement (ordered at 1h, ready at 1h30m) is up. That replacement reattaches a1's storage,
  // which missed the writes of 1h01m15s-1h10m: it is behind and cannot take the writes. The
  // writes resume when a2's replacement (ordered at 1h10m) reattaches a2's storage, which holds
  // every write: down from 1h10m to 1h40m, nothing lost.
  const auto obs = run(kMultiAz, R"([
      {"kind": "instance_failure", "target": "db", "at": "1h"},
      {"kind": "instance_failure", "target": "db", "at": "1h10m"}])");
  EXPECT_EQ(obs.failovers.size(), 1u);
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[1].started_at, at(Duration::minutes(70)));
  EXPECT_EQ(obs.incidents[1].serving_again_at, at(Duration::minutes(100)));
  EXPECT_EQ(obs.incidents[1].rpo, Duration());
}

TEST(MultiAzDatabase, StandbyFailureCausesNoIncident) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "instance_failure", "target": "db", "at": "1h", "instance": "standby"}])");
  EXPECT_TRUE(obs.incidents.empty());
  EXPECT_TRUE(obs.failovers.empty());
}

TEST(MultiAzDatabase, LosingTheFailoverTargetAbandonsTheFailover) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "instance_failure", "target": "db", "at": "1h"},
      {"kind": "instance_failure", "target": "db", "at": "1h30s", "instance": "standby"}])");
  EXPECT_TRUE(obs.failovers.empty());
  ASSERT_EQ(obs.incidents.size(), 1u);
  // The first replacement (ordered at 1h) is up at 1h30m and takes the writes.
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::minutes(90)));
}

TEST(MultiAzDatabase, AzOutageOfThePrimaryFailsOverAndTheReplacementMovesAz) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "duration": "4h"},
      {"kind": "instance_failure", "target": "db", "at": "2h"}])");
  // 1h: a1 dark, failover to a2. 1h30m: replacement up in a3. 2h: a2 fails, failover to a3.
  ASSERT_EQ(obs.failovers.size(), 2u);
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(*obs.incidents[1].serving_again_at - obs.incidents[1].started_at, kFailover);
  bool moved = false;
  for (const auto& e : obs.timeline) moved |= e.kind == "standby_ready" && e.text.find("in a3 ") != std::string::npos;
  EXPECT_TRUE(moved);
}

TEST(MultiAzDatabase, WithNoFreeAzTheInstanceReturnsWithItsAz) {
  // Two AZs only: the replacement has nowhere to go; the old primary comes back with a1 at
  // 5h as the standby, so the failure at 6h fails over again.
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "duration": "4h"},
      {"kind": "instance_failure", "target": "db", "at": "6h"}])", R"(["a1", "a2"])");
  ASSERT_EQ(obs.failovers.size(), 2u);
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(*obs.incidents[1].serving_again_at - obs.incidents[1].started_at, kFailover);
}

TEST(MultiAzDatabase, ReplacementPlacedWhenAnAzReturnsHoldsTheData) {
  // Two AZs. 1h: a fire in a1 (back at 3h) destroys the primary; failover to a2; the
  // replacement (ready 1h30m) has no free AZ and waits; it is placed in a1 at 3h, built from the
  // copy in a2. 4h: a fire destroys a2 for good; failover to the instance in a1. 5h: that
  // primary fails; its storage survives, so the replacement (5h30m) takes the writes with
  // nothing lost. The data was never gone: no loss may be declared.
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "duration": "2h", "destroys_data": true},
      {"kind": "az_outage", "target": "a2", "at": "4h", "destroys_data": true},
      {"kind": "instance_failure", "target": "db", "at": "5h"}])", R"(["a1", "a2"])");
  ASSERT_EQ(obs.incidents.size(), 3u);
  const auto& last = obs.incidents[2];
  EXPECT_EQ(last.started_at, at(Duration::hours(5)));
  EXPECT_FALSE(last.total_loss);
  EXPECT_EQ(last.serving_again_at, at(Duration::minutes(330)));
  EXPECT_EQ(last.rpo, Duration());
}

TEST(MultiAzDatabase, ReplacementOrderedAgainByAFireIsCancelledWhenPlaced) {
  // Two AZs. 1h: a1 dark until 2h10m, failover to a2; the replacement (1h30m) waits for an AZ.
  // 2h: a fire in a1 (2h-2h05m) destroys the waiting instance's storage and orders another
  // replacement (2h30m). 2h10m: a1 returns and the waiting replacement is placed there. The
  // second order is void: the standby is placed once, not again at 2h30m.
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "duration": "70m"},
      {"kind": "az_outage", "target": "a1", "at": "2h", "duration": "5m", "destroys_data": true}])",
                       R"(["a1", "a2"])");
  int placed = 0;
  for (const auto& e : obs.timeline) placed += e.kind == "standby_ready" && e.text.find("in a1 ") != std::string::npos ? 1 : 0;
  EXPECT_EQ(placed, 1);
  EXPECT_EQ(obs.incidents.size(), 1u);  // the first failover only
}

TEST(MultiAzDatabase, BothAzsDarkIsAnOutageUntilOneReturns) {
  const auto obs = run(kMultiAz, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "duration": "4h"},
      {"kind": "az_outage", "target": "a2", "at": "1h", "duration": "2h"}])", R"(["a1", "a2"])");
  EXPECT_TRUE(obs.failovers.empty());
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::hours(3)));
}

TEST(SingleAzDatabase, InstanceFailureIsAnOutageUntilTheReplacement) {
  const auto obs = run(kSingleAz, R"([{"kind": "instance_failure", "target": "db", "at": "1h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::minutes(25));
  EXPECT_TRUE(obs.failovers.empty());
  EXPECT_EQ(obs.database_downtime[0], Duration::minutes(25));
}

TEST(SingleAzDatabase, AzOutageIsAnOutageUntilTheAzReturns) {
  const auto obs = run(kSingleAz, R"([{"kind": "az_outage", "target": "a1", "at": "2h", "duration": "3h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(Duration::hours(2)));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::hours(5)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
}

TEST(SingleAzDatabase, OverlappingAzOutagesKeepItDownUntilTheLastEnds) {
  const auto obs = run(kSingleAz, R"([
      {"kind": "az_outage", "target": "a1", "at": "2h", "duration": "3h"},
      {"kind": "az_outage", "target": "a1", "at": "4h", "duration": "3h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::hours(7)));
}

TEST(SingleAzDatabase, OutageOpenAtTheHorizonIsCensored) {
  const auto obs = run(kSingleAz, R"([{"kind": "az_outage", "target": "a1", "at": "1d20h", "duration": "10h"}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_FALSE(obs.incidents[0].serving_again_at);
  EXPECT_EQ(obs.service_downtime[0], Duration::hours(4));  // clipped to the 2-day horizon
  EXPECT_EQ(obs.database_downtime[0], Duration::hours(4));
}

TEST(RandomInstanceFailures, EveryInstanceFailsAtTheRate) {
  // Multi-AZ, MTBF 1 d per instance over 200 d, replacements of 30 m: about 200 primary
  // failures per trial. Each failure (of either instance) leaves no standby for 30 m, so a
  // primary failure finds a standby with probability 1 - 2/d * 30 m = 1 - 1/24.
  const models::Plan plan = plan_of(region_scenario(
      kMultiAz, kService, R"([{"kind": "instance_failure", "target": "*", "mtbf": "1d"}])",
      R"(["a1", "a2", "a3"])", "200d"));
  size_t failovers = 0;
  for (uint64_t t = 0; t < 20; ++t) failovers += models::run_trial(plan, 2, t).failovers.size();
  // About Poisson(3833): 4 sd ~ 250.
  EXPECT_NEAR(static_cast<double>(failovers), 4000 * (1 - 1.0 / 24), 250);
}

}  // namespace
}  // namespace drsim::testing::database_test
