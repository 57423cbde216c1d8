// Services: outages propagate along depends_on; overlapping causes merge into one incident.
#include "models/service/service_monitor.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing::service_monitor_test {
namespace {

using sim::Duration;

const std::string kDatabases = R"([
  {"name": "pdb", "deployment": "single-az", "region": "r", "azs": ["a1"], "replace": "20m"},
  {"name": "xdb", "deployment": "single-az", "region": "r", "azs": ["a2"], "replace": "20m"},
  {"name": "ydb", "deployment": "single-az", "region": "r", "azs": ["a3"], "replace": "20m"}])";
const std::string kServices = R"([
  {"name": "platform", "tier": 0, "uses": ["pdb"], "depends_on": []},
  {"name": "tracker", "tier": 1, "uses": ["xdb"], "depends_on": ["platform"]},
  {"name": "boards", "tier": 1, "uses": ["xdb", "ydb"], "depends_on": ["tracker"]},
  {"name": "other", "tier": 2, "uses": ["ydb"], "depends_on": []}])";

models::observations::TrialObservations run(const std::string& faults) {
  return models::run_trial(plan_of(region_scenario(kDatabases, kServices, faults)), 1, 0, true);
}

TEST(ServiceMonitor, PlatformOutageTakesDownEveryDependantTransitively) {
  const auto obs = run(R"([{"kind": "instance_failure", "target": "pdb", "at": "1h"}])");
  ASSERT_EQ(obs.incidents.size(), 3u);  // platform, tracker, boards; not "other"
  for (const auto& i : obs.incidents) {
    EXPECT_NE(i.service, 3);
    EXPECT_EQ(i.started_at, at(Duration::hours(1)));
    EXPECT_EQ(i.serving_again_at, at(Duration::minutes(80)));
  }
  EXPECT_EQ(obs.service_downtime[3], Duration());
  EXPECT_EQ(obs.service_downtime[2], Duration::minutes(20));
}

TEST(ServiceMonitor, OverlappingCausesMergeIntoOneIncident) {
  // boards uses xdb (down 1h..1h20m) and ydb (down 1h10m..1h30m): one incident 1h..1h30m.
  const auto obs = run(R"([
      {"kind": "instance_failure", "target": "xdb", "at": "1h"},
      {"kind": "instance_failure", "target": "ydb", "at": "1h10m"}])");
  int boards = 0;
  for (const auto& i : obs.incidents) {
    if (i.service != 2) continue;
    ++boards;
    EXPECT_EQ(i.started_at, at(Duration::hours(1)));
    EXPECT_EQ(i.serving_again_at, at(Duration::minutes(90)));
  }
  EXPECT_EQ(boards, 1);
  EXPECT_EQ(obs.service_downtime[2], Duration::minutes(30));
  EXPECT_EQ(obs.service_downtime[1], Duration::minutes(20));
}

TEST(ServiceMonitor, DependencyOrderPutsDependenciesFirst) {
  std::vector<models::service::ServicePlan> services = {
      {"c", 1, {}, {1}, {}}, {"b", 1, {}, {2}, {}}, {"a", 0, {}, {}, {}}};
  const auto plan = models::service::make_service_graph_plan(services, 0);
  ASSERT_EQ(plan.order.size(), 3u);
  EXPECT_EQ(plan.order, (std::vector<int>{2, 1, 0}));
}

}  // namespace
}  // namespace drsim::testing::service_monitor_test
