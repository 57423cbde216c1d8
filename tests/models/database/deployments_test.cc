// Multi-AZ clusters (writer + two standbys) and Aurora (six storage copies over three AZs,
// 4/6 write quorum, 3/6 read quorum).
#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing::deployments_test {
namespace {

using sim::Duration;

const std::string kService = R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])";
const std::string kResponse = R"(, "response": {"detect": "5m", "ack": "5m"})";

models::observations::TrialObservations run(const std::string& db, const std::string& faults) {
  const std::string json = R"({"name": "d", "horizon": "2d", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}],
    "databases": [)" + db + R"(], "services": )" + kService + kResponse + R"(, "faults": )" + faults + "}";
  return models::run_trial(plan_of(json), 1, 0, true);
}

const std::string kCluster = R"({"name": "db", "deployment": "multi-az-cluster", "region": "r",
    "azs": ["a1", "a2", "a3"], "replace": "30m"})";
const std::string kAurora = R"({"name": "db", "deployment": "aurora", "region": "r",
    "azs": ["a1", "a2", "a3"], "replace": "10m",
    "failover": {"detect": "10s", "promote": "15s", "dns": "5s"},
    "backup": {"snapshot": {"every": "24h", "retention": "7d"}, "log_upload": "5m",
               "restore": {"base": "20m"}}})";

TEST(MultiAzCluster, DefaultFailoverIsUnderThirtyFiveSeconds) {
  const auto obs = run(kCluster, R"([{"kind": "instance_failure", "target": "db", "at": "1h"}])");
  ASSERT_EQ(obs.failovers.size(), 1u);
  EXPECT_LE(obs.failovers[0].total(), Duration::seconds(35));
  EXPECT_GE(obs.failovers[0].total(), Duration::seconds(17));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
}

TEST(MultiAzCluster, SurvivesTwoAzsGoingDarkWithTheThirdStandby) {
  const auto obs = run(kCluster, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "duration": "4h"},
      {"kind": "az_outage", "target": "a2", "at": "1h", "duration": "4h"}])");
  ASSERT_EQ(obs.failovers.size(), 1u);  // the writer's AZ goes first; a3 takes over
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, obs.failovers[0].total());
}

TEST(Aurora, WriterAzOutageFailsOverToTheReplicaWithQuorumKept) {
  const auto obs = run(kAurora, R"([{"kind": "az_outage", "target": "a1", "at": "1h", "duration": "4h"}])");
  ASSERT_EQ(obs.failovers.size(), 1u);
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(*obs.incidents[0].serving_again_at - obs.incidents[0].started_at, Duration::seconds(30));
}

TEST(Aurora, TwoDarkAzsLeaveNoWriteQuorumUntilOneReturns) {
  // a2 and a3 dark: 2 of 6 copies available, writes stop though the writer in a1 is up.
  const auto obs = run(kAurora, R"([
      {"kind": "az_outage", "target": "a2", "at": "1h", "duration": "3h"},
      {"kind": "az_outage", "target": "a3", "at": "1h", "duration": "5h"}])");
  EXPECT_TRUE(obs.failovers.empty());
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].started_at, at(Duration::hours(1)));
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::hours(4)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
}

TEST(Aurora, SurvivesAnAzFirePlusOneMoreCopy) {
  // a1 burns (2 copies and the writer); a storage node in a2 fails at 1h01m: 3 copies survive,
  // the data is safe, but writes wait for 4 of 6: the first of a1's copies is re-created in
  // another AZ 10 m after the fire, at 1h10m.
  const auto obs = run(kAurora, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "destroys_data": true},
      {"kind": "storage_failure", "target": "db", "at": "1h1m"}])");
  ASSERT_EQ(obs.incidents.size(), 2u);
  EXPECT_EQ(obs.incidents[0].rpo, Duration());
  EXPECT_EQ(obs.incidents[1].started_at, at(Duration::minutes(61)));
  EXPECT_EQ(obs.incidents[1].serving_again_at, at(Duration::minutes(70)));
  EXPECT_EQ(obs.incidents[1].rpo, Duration());
}

TEST(Aurora, LosingFourCopiesIsAKnownLossRestoredFromBackups) {
  // a1 and a2 burn: 2 copies left, below the read quorum. Detect 5 m + ack 5 m + restore 20 m
  // + replaying the hour of logs since the midnight snapshot at 10x (6 m).
  const auto obs = run(kAurora, R"([
      {"kind": "az_outage", "target": "a1", "at": "1h", "destroys_data": true},
      {"kind": "az_outage", "target": "a2", "at": "1h", "destroys_data": true}])");
  ASSERT_EQ(obs.incidents.size(), 1u);
  EXPECT_EQ(obs.incidents[0].serving_again_at, at(Duration::minutes(96)));
  EXPECT_EQ(obs.incidents[0].rpo, Duration());  // 1h is a log-upload boundary
}

}  // namespace
}  // namespace drsim::testing::deployments_test
