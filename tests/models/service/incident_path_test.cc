// How an incident ended (Incident::path, DESIGN.md §8's `path`): the recovery that lost the most
// of the data stores the service uses, the latest of equals; when none lost anything, what came
// back last, a dependency's own path included; nothing while censored.
#include <gtest/gtest.h>

#include "../model_test_support.h"
#include "models/report/writers.h"

namespace drsim::testing::incident_path_test {
namespace {

using models::RecoveryKind;
using models::RecoveryOf;
using models::observations::Incident;

// db in r1 (Multi-AZ over r1a, r1b) with `extra` spliced into it; platform runs in r1; app uses
// db and depends on platform; media is an object store in r1 replicated to r2.
std::string scenario_with(const std::string& extra, const std::string& faults,
                          const std::string& services = "") {
  return R"({"name": "paths", "horizon": "4d", "trials": 1,
    "regions": [{"name": "r1", "azs": ["r1a", "r1b"]}, {"name": "r2", "azs": ["r2a", "r2b"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r1", "azs": ["r1a", "r1b"],
      "write_rate": "10/s",
      "failover": {"detect": "10s", "promote": "30s", "dns": "20s"})" + extra + R"(}],
    "object_stores": [{"name": "media", "region": "r1", "replicate_to": "r2", "lag": "30s"}],
    "services": )" + (services.empty() ? R"([{"name": "platform", "tier": 0, "runs_in": ["r1"]},
                 {"name": "app", "tier": 1, "uses": ["db"], "depends_on": ["platform"]}])"
                                      : services) + R"(,
    "response": {"detect": "5m", "ack": "10m",
                 "region_failover": {"decide_after": "30m", "execute": "20m"}},
    "faults": [)" + faults + "]}";
}

struct Ended {
  std::string path, of;
  bool censored = false;
};

// The one incident of `service`, told as the CSV tells it.
Ended only_incident(const std::string& scenario, int service) {
  const models::scenario::Scenario s =
      models::scenario::load_scenario_text(scenario, "test.json", ".");
  const auto obs = models::run_trial(models::make_plan(s), 1, 0, false);
  const auto labels = models::results::incident_labels(s);
  std::vector<Incident> mine;
  for (const Incident& i : obs.incidents) {
    if (i.service == service) mine.push_back(i);
  }
  EXPECT_EQ(mine.size(), 1u) << "service " << service;
  if (mine.empty()) return {};
  return {models::results::incident_path(mine[0], labels),
          models::results::incident_path_of(mine[0], labels), !mine[0].serving_again_at};
}

TEST(IncidentPath, AnAzOutageEndsByTheAutomaticFailover) {
  const Ended e = only_incident(
      scenario_with("", R"({"kind": "az_outage", "target": "r1a", "at": "1d", "duration": "2h"})"), 1);
  EXPECT_EQ(e.path, "failover");
  EXPECT_EQ(e.of, "db");
}

TEST(IncidentPath, APlannedFailoverTestEndsByTheFailover) {
  const Ended e =
      only_incident(scenario_with("", R"({"kind": "failover_test", "target": "db", "at": "1d"})"), 1);
  EXPECT_EQ(e.path, "failover");
}

TEST(IncidentPath, ADisasterEndsByPromotingTheReplica) {
  const Ended e = only_incident(
      scenario_with(R"(, "replicas": [{"region": "r2", "lag": "5s", "promote": "5m"}])",
                    R"({"kind": "disaster", "target": "r1", "at": "1d"})",
                    R"([{"name": "app", "tier": 1, "uses": ["db"]}])"),
      0);
  EXPECT_EQ(e.path, "promote:r2");
  EXPECT_EQ(e.of, "db");
}

TEST(IncidentPath, ADisasterWithoutAReplicaEndsByTheCopiedBackups) {
  const Ended e = only_incident(
      scenario_with(R"(, "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"},
                      "log_upload": "5m", "copy_to": ["r2"], "copy_delay": "1h", "copy_logs": true,
                      "restore": {"base": "20m", "rate": "1GiB/s"}})",
                    R"({"kind": "disaster", "target": "r1", "at": "1d12h"})",
                    R"([{"name": "app", "tier": 1, "uses": ["db"]}])"),
      0);
  EXPECT_EQ(e.path, "restore-copy:r2");
}

TEST(IncidentPath, AShortRegionOutageIsWaitedOut) {
  // Back before decide_after: the original returns, the platform with its region.
  const std::string s = scenario_with(
      "", R"({"kind": "region_outage", "target": "r1", "at": "1d", "duration": "20m"})");
  const Ended platform = only_incident(s, 0);
  EXPECT_EQ(platform.path, "wait");
  EXPECT_EQ(platform.of, "r1");
  // app's database came back with the region too, at the same instant, losing nothing: the
  // latest of the equal recoveries (the platform, heard after the database) ends it.
  const Ended app = only_incident(s, 1);
  EXPECT_EQ(app.path, "wait");
}

TEST(IncidentPath, ADependencyThatComesBackLastEndsTheIncidentUnlessALossCameFirst) {
  // The platform runs in r1 while app's database lives in r2: a region outage of r1 takes only
  // the platform down, so app's incident ends by the platform's way back.
  const std::string services = R"([{"name": "platform", "tier": 0, "runs_in": ["r1"]},
                 {"name": "app", "tier": 1, "uses": ["db"], "depends_on": ["platform"]}])";
  std::string moved = scenario_with("", R"({"kind": "region_outage", "target": "r1", "at": "1d",
                                            "duration": "3h"})", services);
  const std::string home = R"("region": "r1", "azs": ["r1a", "r1b"])";
  moved.replace(moved.find(home), home.size(), R"("region": "r2", "azs": ["r2a", "r2b"])");
  const Ended app = only_incident(moved, 1);
  EXPECT_EQ(app.path, "wait");
  EXPECT_EQ(app.of, "r1");

  // Now the database is in r1 with a replica in r2: after decide_after the replica is promoted
  // (losing its lag), and the platform returns with r1 later. The promotion lost writes: it is
  // the path, though the platform came back last.
  const Ended promoted = only_incident(
      scenario_with(R"(, "replicas": [{"region": "r2", "lag": "5s", "promote": "5m"}])",
                    R"({"kind": "region_outage", "target": "r1", "at": "1d", "duration": "6h"})"),
      1);
  EXPECT_EQ(promoted.path, "promote:r2");
  EXPECT_EQ(promoted.of, "db");
}

TEST(IncidentPath, AnObjectStoreSwitchesToItsReplica) {
  const Ended e = only_incident(
      scenario_with("", R"({"kind": "disaster", "target": "r1", "at": "1d"})",
                    R"([{"name": "attachments", "tier": 1, "uses": ["media"]}])"),
      0);
  EXPECT_EQ(e.path, "switch:r2");
  EXPECT_EQ(e.of, "media");
}

TEST(IncidentPath, ACensoredIncidentHasNoPath) {
  // No replica, no backups: nothing brings the database back after the disaster.
  const Ended e = only_incident(
      scenario_with("", R"({"kind": "disaster", "target": "r1", "at": "1d"})",
                    R"([{"name": "app", "tier": 1, "uses": ["db"]}])"),
      0);
  EXPECT_TRUE(e.censored);
  EXPECT_EQ(e.path, "");
  EXPECT_EQ(e.of, "");
}

}  // namespace
}  // namespace drsim::testing::incident_path_test
