// The scenario loader's problems section by section: regions, AZs and links; databases, replicas,
// backups and object stores; services and their dependencies; distributions; faults; costs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"
#include "models/scenario/writer.h"
#include "sim/units.h"
#include "tests/models/scenario/loader_test_support.h"

namespace drsim::models::scenario::loader_sections_test {
namespace {

using namespace loader_testing;  // the shared scenarios and helpers

// ---- Regions, AZs, links ----

TEST(ScenarioLoader, RegionProblems) {
  EXPECT_EQ(problem(with(minimal(), "/regions/1/name", "\"us-east-1\"")),
            "s.json: regions[1].name: duplicate region \"us-east-1\" (first defined at "
            "regions[0].name)");
  EXPECT_EQ(problem(with(minimal(), "/regions/1/azs/0", "\"use1-az3\"")),
            "s.json: regions[1].azs[0]: duplicate AZ \"use1-az3\" (first defined at "
            "regions[0].azs[2])");
  EXPECT_EQ(problem(with(minimal(), "/regions/1/azs", "[]")),
            "s.json: regions[1].azs: needs at least one AZ");
  EXPECT_EQ(problem(with(minimal(), "/regions", "[]")),
            "s.json: regions: needs at least one region");
}

TEST(ScenarioLoader, DatabaseAzsMustBelongToItsRegion) {
  EXPECT_EQ(problem(with(minimal(), "/databases/0/azs/1", "\"use1-az9\"")),
            "s.json: databases[0].azs[1]: unknown AZ \"use1-az9\" (region us-east-1 has "
            "use1-az1, use1-az2, use1-az3)");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/azs/1", "\"usw2-az1\"")),
            "s.json: databases[0].azs[1]: AZ \"usw2-az1\" is in region us-west-2, not in the "
            "database's region (region us-east-1 has use1-az1, use1-az2, use1-az3)");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/azs/1", "\"use1-az1\"")),
            "s.json: databases[0].azs[1]: AZ \"use1-az1\" is listed twice, but each instance needs "
            "an AZ of its own");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/region", "\"us-east-2\"")),
            "s.json: databases[0].region: unknown region \"us-east-2\" (did you mean "
            "\"us-east-1\"?)");
}

TEST(ScenarioLoader, EachDeploymentNeedsItsNumberOfAzs) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"single-az", "a single-az deployment needs exactly 1 AZ, got 2"},
      {"multi-az-cluster",
       "a multi-az-cluster deployment needs exactly 3 AZs (a writer and two readable standbys), "
       "got 2"},
      {"aurora",
       "an aurora deployment needs exactly 3 AZs (six storage copies, two in each AZ), got 2"},
      {"aurora-global",
       "an aurora-global deployment needs exactly 3 AZs in its primary region, "
       "got 2"}};
  for (const auto& [deployment, message] : cases) {
    EXPECT_EQ(problem(with(minimal(), "/databases/0/deployment", "\"" + deployment + "\"")),
              "s.json: databases[0].azs: " + message);
  }
  EXPECT_EQ(problem(with(minimal(), "/databases/0/azs", R"(["use1-az1"])")),
            "s.json: databases[0].azs: a multi-az deployment needs exactly 2 AZs (a primary and "
            "its standby), got 1");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/deployment", "\"multiaz\"")),
            "s.json: databases[0].deployment: unknown deployment \"multiaz\" (did you mean "
            "\"multi-az\"?)");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/deployment", "\"rds\"")),
            "s.json: databases[0].deployment: unknown deployment \"rds\" (expected one of: "
            "single-az, multi-az, multi-az-cluster, aurora, aurora-global)");
}

TEST(ScenarioLoader, LinkProblems) {
  const std::string ok_link =
      R"({"between": ["us-east-1", "us-west-2"], "latency": "65ms", "bandwidth": "5Gbps"})";
  EXPECT_EQ(problem(with(minimal(), "/links", "[" + ok_link + "," + ok_link + "]")),
            "s.json: links[1]: duplicate link between us-east-1 and us-west-2 (first defined at "
            "links[0])");
  json j = with(minimal(), "/links", "[" + ok_link + "]");
  EXPECT_EQ(problem(with(j, "/links/0/between/1", "\"us-east-1\"")),
            "s.json: links[0].between: a link joins two different regions, got \"us-east-1\" "
            "twice");
  // An empty name is no region, never a link to nowhere accepted in silence.
  EXPECT_EQ(problem(with(j, "/links/0/between/0", "\"\"")),
            "s.json: links[0].between: expected two region names such as [\"us-east-1\", "
            "\"us-west-2\"], got [\"\",\"us-west-2\"]");
  EXPECT_EQ(problem(with(j, "/links/0/between/1", "\"eu-west-1\"")),
            "s.json: links[0].between[1]: unknown region \"eu-west-1\" (expected one of: "
            "us-east-1, us-west-2)");
  EXPECT_EQ(problem(with(j, "/links/0/between", R"(["us-east-1"])")),
            "s.json: links[0].between: expected two region names such as [\"us-east-1\", "
            "\"us-west-2\"], got [\"us-east-1\"]");
  EXPECT_EQ(problem(with(j, "/links/0/bandwidth", "\"0Gbps\"")),
            "s.json: links[0].bandwidth: expected a throughput greater than zero, got \"0Gbps\"");
  EXPECT_EQ(problem(without(j, "/links/0/latency")),
            "s.json: links[0].latency: missing required key");
}

// ---- Databases: replicas, backups; object stores ----

TEST(ScenarioLoader, ReplicaProblems) {
  EXPECT_EQ(problem(with(minimal(), "/databases/0/replicas",
                         R"([{"region": "us-east-1", "lag": "1s"}])")),
            "s.json: databases[0].replicas[0].region: a cross-region replica must be in another "
            "region than its database (us-east-1)");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/replicas", R"([{"region": "us-west-2"}])")),
            "s.json: databases[0].replicas[0].lag: missing required key");
}

TEST(ScenarioLoader, BackupProblems) {
  auto backup = [](std::string_view b) { return with(minimal(), "/databases/0/backup", b); };
  EXPECT_EQ(problem(backup(R"({"copy_to": ["us-east-1"]})")),
            "s.json: databases[0].backup.copy_to[0]: copy_to lists the database's own region "
            "us-east-1, but snapshots are copied to other regions");
  EXPECT_EQ(problem(backup(R"({"copy_to": ["us-west-2", "us-west-2"]})")),
            "s.json: databases[0].backup.copy_to[1]: region \"us-west-2\" is listed twice");
  EXPECT_EQ(problem(backup(R"({"snapshot": {"every": "0s", "retention": "1d"}})")),
            "s.json: databases[0].backup.snapshot.every: expected a duration greater than zero, "
            "got \"0s\"");
  EXPECT_EQ(problem(backup(R"({"snapshot": {"every": "1d"}})")),
            "s.json: databases[0].backup.snapshot.retention: missing required key");
  EXPECT_EQ(problem(backup(R"({"restore": {"rate": "100MiB/s"}})")),
            "s.json: databases[0].backup.restore.base: missing required key");
  EXPECT_EQ(problem(backup(R"({"log_upload": "0s"})")),
            "s.json: databases[0].backup.log_upload: expected a duration greater than zero, got "
            "\"0s\"");
}

TEST(ScenarioLoader, ObjectStoreProblems) {
  auto store = [](std::string_view o) { return with(minimal(), "/object_stores", o); };
  EXPECT_EQ(
      problem(store(R"([{"name": "m", "region": "us-east-1", "replicate_to": "us-west-2"}])")),
      "s.json: object_stores[0].lag: missing required key: a store that replicates needs "
      "a replication lag");
  EXPECT_EQ(problem(store(R"([{"name": "m", "region": "us-east-1", "lag": "1s"}])")),
            "s.json: object_stores[0].lag: has no effect without \"replicate_to\" (the region "
            "the store replicates to)");
  EXPECT_EQ(problem(store(R"([{"name": "m", "region": "us-east-1", "replicate_to": "us-east-1",
                               "lag": "1s"}])")),
            "s.json: object_stores[0].replicate_to: must be another region than the store's own "
            "(us-east-1)");
  EXPECT_EQ(problem(store(R"([{"name": "tracker-db", "region": "us-east-1"}])")),
            "s.json: object_stores[0].name: duplicate name \"tracker-db\" (first defined at "
            "databases[0].name)");
}

// ---- Services ----

TEST(ScenarioLoader, ServiceNameProblems) {
  EXPECT_EQ(problem(with(minimal(), "/services/1", R"({"name": "tracker", "tier": 2})")),
            "s.json: services[1].name: duplicate name \"tracker\" (first defined at "
            "services[0].name)");
  EXPECT_EQ(problem(with(minimal(), "/services/1", R"({"name": "tracker-db", "tier": 2})")),
            "s.json: services[1].name: duplicate name \"tracker-db\" (first defined at "
            "databases[0].name)");
  EXPECT_EQ(problem(with(minimal(), "/services/0/uses/0", "\"tracker-bd\"")),
            "s.json: services[0].uses[0]: unknown database or object store \"tracker-bd\" (did "
            "you mean \"tracker-db\"?)");
  EXPECT_EQ(problem(with(minimal(), "/services/0/uses/1", "\"tracker-db\"")),
            "s.json: services[0].uses[1]: \"tracker-db\" is listed twice");
  EXPECT_EQ(problem(without(minimal(), "/services/0/tier")),
            "s.json: services[0].tier: missing required key");
}

TEST(ScenarioLoader, DependsOnProblems) {
  json j = with(minimal(), "/services/1", R"({"name": "wiki", "tier": 2})");
  EXPECT_EQ(problem(with(j, "/services/0/depends_on", R"(["wkii"])")),
            "s.json: services[0].depends_on[0]: unknown service \"wkii\" (did you mean "
            "\"wiki\"?)");
  EXPECT_EQ(problem(with(j, "/services/0/depends_on", R"(["tracker"])")),
            "s.json: services[0].depends_on[0]: a service cannot depend on itself");
  EXPECT_EQ(problem(with(j, "/services/0/depends_on", R"(["wiki", "wiki"])")),
            "s.json: services[0].depends_on[1]: \"wiki\" is listed twice");
}

json services(std::string_view list) { return with(minimal(), "/services", list); }

TEST(ScenarioLoader, DependencyCycleStartsAtTheFirstServiceInTheFile) {
  EXPECT_EQ(problem(services(R"([{"name": "b", "tier": 1, "depends_on": ["c"]},
                                 {"name": "a", "tier": 1, "depends_on": ["b"]},
                                 {"name": "c", "tier": 1, "depends_on": ["a"]}])")),
            "s.json: services: dependency cycle: b -> c -> a -> b");
  // The search enters the cycle at c (through x), but the message still starts at a.
  EXPECT_EQ(problem(services(R"([{"name": "x", "tier": 1, "depends_on": ["c"]},
                                 {"name": "a", "tier": 1, "depends_on": ["b"]},
                                 {"name": "b", "tier": 1, "depends_on": ["c"]},
                                 {"name": "c", "tier": 1, "depends_on": ["a"]}])")),
            "s.json: services: dependency cycle: a -> b -> c -> a");
}

TEST(ScenarioLoader, EveryDisjointCycleIsReported) {
  EXPECT_EQ(problems(services(R"([{"name": "a", "tier": 1, "depends_on": ["b"]},
                                  {"name": "b", "tier": 1, "depends_on": ["a"]},
                                  {"name": "c", "tier": 1, "depends_on": ["d"]},
                                  {"name": "d", "tier": 1, "depends_on": ["c"]}])")),
            (std::vector<std::string>{"s.json: services: dependency cycle: a -> b -> a",
                                      "s.json: services: dependency cycle: c -> d -> c"}));
}

TEST(ScenarioLoader, DiamondDependenciesAreNotACycle) {
  EXPECT_TRUE(problems(services(R"([{"name": "top", "tier": 1, "depends_on": ["l", "r"]},
                                    {"name": "l", "tier": 1, "depends_on": ["base"]},
                                    {"name": "r", "tier": 1, "depends_on": ["base"]},
                                    {"name": "base", "tier": 0}])"))
                  .empty());
}

// ---- Distributions ----

std::string distribution_problem(std::string_view d) {
  return problem(with(minimal(), "/databases/0/replace", d));
}

TEST(ScenarioLoader, DistributionProblems) {
  const std::string at = "s.json: databases[0].replace";
  EXPECT_EQ(distribution_problem(R"({"lognormal": {"median": "4h", "p95": "1h"}})"),
            at + ".lognormal: lognormal needs 0 < median < p95");
  EXPECT_EQ(distribution_problem(R"({"unifrom": ["1s", "2s"]})"),
            at + ": unknown distribution \"unifrom\" (did you mean \"uniform\"?)");
  EXPECT_EQ(distribution_problem(R"({"uniform": ["1s", "2s"], "normal": {}})"),
            at + ": expected a distribution object with exactly one key (constant, uniform, "
                 "exponential, normal, lognormal, weibull or empirical), got \"normal\", "
                 "\"uniform\"");
  EXPECT_EQ(distribution_problem("{}"),
            at + ": expected a distribution object with exactly one key (constant, uniform, "
                 "exponential, normal, lognormal, weibull or empirical), got {}");
  EXPECT_EQ(distribution_problem(R"({"uniform": ["2s", "1s"]})"),
            at + ".uniform: uniform bounds are reversed (2.0s > 1.0s)");
  EXPECT_EQ(distribution_problem(R"({"uniform": ["1s"]})"),
            at + ".uniform: expected two durations [lo, hi] such as [\"15s\", \"35s\"], got "
                 "[\"1s\"]");
  EXPECT_EQ(distribution_problem(R"({"uniform": ["1s", 2]})"),
            at + ".uniform[1]: expected a duration such as \"2s\", got 2");
  EXPECT_EQ(distribution_problem(R"({"exponential": {"mean": "0s"}})"),
            at + ".exponential: exponential mean must be greater than zero");
  EXPECT_EQ(distribution_problem(R"({"exponential": {"mean": "1s", "sd": "1s"}})"),
            at + ".exponential: unknown key \"sd\" (expected one of: mean)");
  EXPECT_EQ(distribution_problem(R"({"normal": {"mean": "1m", "sd": "0s"}})"),
            at + ".normal: normal sd must be greater than zero");
  EXPECT_EQ(distribution_problem(R"({"normal": {"mean": "1m"}})"),
            at + ".normal.sd: missing required key");
  EXPECT_EQ(distribution_problem(R"({"weibull": {"shape": 0, "scale": "1h"}})"),
            at + ".weibull.shape: expected a number greater than 0, got 0");
  EXPECT_EQ(distribution_problem(R"({"weibull": {"scale": "1h"}})"),
            at + ".weibull.shape: missing required key");
  EXPECT_EQ(distribution_problem(R"({"empirical": []})"),
            at + ".empirical: expected a non-empty array of durations such as [\"62s\", "
                 "\"75s\"], got []");
  EXPECT_EQ(distribution_problem(R"({"constant": 5})"),
            at + ".constant: expected a duration such as \"5s\", got 5");
  EXPECT_EQ(distribution_problem("[\"1s\", \"2s\"]"),
            at + ": expected a duration such as \"90s\" or a distribution such as {\"uniform\": "
                 "[\"15s\", \"35s\"]}, got [\"1s\",\"2s\"]");
}

// ---- Faults ----

TEST(ScenarioLoader, FaultKindAndTiming) {
  EXPECT_EQ(fault_problem(R"({"kind": "az_outtage", "target": "use1-az1", "at": "1d"})"),
            "s.json: faults[0].kind: unknown fault kind \"az_outtage\" (did you mean "
            "\"az_outage\"?)");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1"})"),
            "s.json: faults[0]: needs one of \"at\", \"rate\", \"mtbf\" or \"trace\"");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "1d",
                              "rate": "1/y"})"),
            "s.json: faults[0]: \"at\" and \"rate\" are both given, but a fault has exactly one of "
            "\"at\", \"rate\", \"mtbf\" or \"trace\"");
  EXPECT_EQ(
      fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "1d",
                              "rate": "1/y", "mtbf": "1y"})"),
      "s.json: faults[0]: \"at\", \"rate\" and \"mtbf\" are all given, but a fault has exactly "
      "one of \"at\", \"rate\", \"mtbf\" or \"trace\"");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "30d"})"),
            "s.json: faults[0].at: 30d is not before the horizon (30d), so the fault never "
            "happens");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "mtbf": "0s"})"),
            "s.json: faults[0].mtbf: expected a duration greater than zero, got \"0s\"");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "rate": "1/0s"})"),
            "s.json: faults[0].rate: expected a rate such as \"500/s\" or \"1/5y\", got \"1/0s\"");
}

TEST(ScenarioLoader, FaultTargetsMustBeOfTheRightSort) {
  EXPECT_EQ(fault_problem(R"({"kind": "az_outage", "target": "use1-az9", "at": "1d",
                              "duration": "1h"})"),
            "s.json: faults[0].target: unknown AZ \"use1-az9\" (did you mean \"use1-az1\"?)");
  EXPECT_EQ(fault_problem(R"({"kind": "region_outage", "target": "use1-az1", "at": "1d",
                              "duration": "1h"})"),
            "s.json: faults[0].target: unknown region \"use1-az1\" (expected one of: us-east-1, "
            "us-west-2, eu-west-1)");
  EXPECT_EQ(fault_problem(R"({"kind": "instance_failure", "target": "media-use1", "at": "1d"})"),
            "s.json: faults[0].target: \"media-use1\" is an object store, but an instance_failure "
            "targets a database");
  EXPECT_EQ(fault_problem(R"({"kind": "data_deletion", "target": "wiki", "at": "1d"})"),
            "s.json: faults[0].target: unknown database \"wiki\" (did you mean \"wiki-db\"?)");
  EXPECT_EQ(fault_problem(R"({"kind": "backup_failure", "at": "1d"})"),
            "s.json: faults[0].target: missing required key");
}

TEST(ScenarioLoader, FaultDurations) {
  EXPECT_EQ(fault_problem(R"({"kind": "instance_failure", "target": "*", "mtbf": "1y",
                              "duration": "1h"})"),
            "s.json: faults[0].duration: not allowed for instance_failure: the database's "
            "\"replace\" time repairs a failed instance");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "1d",
                              "duration": "1h"})"),
            "s.json: faults[0].duration: not allowed for disaster: a disaster destroys the "
            "region and nothing comes back by itself (use region_outage for an outage that ends)");
  EXPECT_EQ(fault_problem(R"({"kind": "data_corruption", "target": "*", "at": "1d",
                              "duration": "1h"})"),
            "s.json: faults[0].duration: not allowed for data_corruption: a logical fault lasts "
            "until a restore repairs it (\"detect_after\" says when it is noticed)");
  EXPECT_EQ(fault_problem(R"({"kind": "az_outage", "target": "use1-az1", "at": "1d"})"),
            "s.json: faults[0].duration: missing required key: an az_outage ends by itself, so "
            "say how long the AZ is down (or set \"destroys_data\": true)");
  EXPECT_EQ(fault_problem(R"({"kind": "network_partition", "target": "us-east-1", "rate": "1/y"})"),
            "s.json: faults[0].duration: missing required key: a network_partition ends by "
            "itself, so say how long the region's links stay cut");
  EXPECT_EQ(fault_problem(R"({"kind": "backup_failure", "target": "*", "rate": "1/y"})"),
            "s.json: faults[0].duration: missing required key: a backup_failure ends by itself, "
            "so say how long backups keep failing");
  EXPECT_TRUE(problems(fault(R"({"kind": "backup_failure", "target": "*", "at": "1d"})")).empty());
  EXPECT_TRUE(problems(fault(R"({"kind": "az_outage", "target": "use1-az1", "at": "1d",
                                 "destroys_data": true})"))
                  .empty());
}

TEST(ScenarioLoader, FaultOptionsOnlyWhereTheyApply) {
  EXPECT_EQ(fault_problem(R"({"kind": "region_outage", "target": "us-east-1", "at": "1d",
                              "duration": "1h", "destroys_data": true})"),
            "s.json: faults[0].destroys_data: applies only to az_outage (a disaster always "
            "destroys its region), not to region_outage");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "1d",
                              "instance": "standby"})"),
            "s.json: faults[0].instance: applies only to instance_failure and storage_failure, "
            "not to disaster");
  EXPECT_EQ(fault_problem(R"({"kind": "instance_failure", "target": "*", "at": "1d",
                              "instance": "stanby"})"),
            "s.json: faults[0].instance: unknown instance \"stanby\" (did you mean \"standby\"?)");
  EXPECT_EQ(fault_problem(R"({"kind": "instance_failure", "target": "ci-db", "at": "1d",
                              "instance": "standby"})"),
            "s.json: faults[0].instance: database \"ci-db\" is single-az and has no standby");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "1d",
                              "detect_after": "1h"})"),
            "s.json: faults[0].detect_after: applies only to data_corruption and data_deletion, "
            "not to disaster");
  EXPECT_EQ(fault_problem(R"({"kind": "disaster", "target": "us-east-1", "at": "1d", "scope": 1})"),
            "s.json: faults[0].scope: applies only to data_corruption and data_deletion, not to "
            "disaster");
}

TEST(ScenarioLoader, FaultScopeProblems) {
  const std::string f = R"({"kind": "data_corruption", "target": "*", "at": "1d", "scope": )";
  const std::string expected =
      "expected a count (an integer >= 1), a fraction in (0, 1) or a list of database names, got ";
  EXPECT_EQ(fault_problem(f + "1.5}"), "s.json: faults[0].scope: " + expected + "1.5");
  EXPECT_EQ(fault_problem(f + "0}"), "s.json: faults[0].scope: " + expected + "0");
  EXPECT_EQ(fault_problem(f + "\"all\"}"), "s.json: faults[0].scope: " + expected + "\"all\"");
  EXPECT_EQ(fault_problem(f + "[]}"), "s.json: faults[0].scope: " + expected + "[]");
  EXPECT_EQ(fault_problem(f + "4}"),
            "s.json: faults[0].scope: asks for 4 databases, but the scenario has 3");
  EXPECT_EQ(fault_problem(f + "[\"wiki\"]}"),
            "s.json: faults[0].scope[0]: unknown database \"wiki\" (did you mean \"wiki-db\"?)");
}

// ---- Costs ----

TEST(ScenarioLoader, ReadsCosts) {
  const Scenario s = load(full());
  const CostSpec& c = s.costs;
  EXPECT_EQ(c.currency, "EUR");
  EXPECT_EQ(c.instance_hour,
            (std::map<std::string, double>{{"default", 0.4}, {"db.r6g.xlarge", 0.48}}));
  EXPECT_DOUBLE_EQ(c.standby_multiplier, 0.9);
  EXPECT_DOUBLE_EQ(c.replica_multiplier, 1.1);
  EXPECT_DOUBLE_EQ(c.storage_gib_month, 0.1);
  EXPECT_DOUBLE_EQ(c.backup_gib_month, 0.08);
  EXPECT_DOUBLE_EQ(c.transfer_gib, 0.03);
  EXPECT_DOUBLE_EQ(c.object_storage_gib_month, 0.02);
  EXPECT_DOUBLE_EQ(c.object_replication_gib, 0.01);
  EXPECT_DOUBLE_EQ(c.change_per_day, 0.1);
  EXPECT_EQ(s.databases[0].instance_class, "db.r6g.xlarge");
  EXPECT_FALSE(s.databases[1].instance_class.has_value());
  EXPECT_EQ(s.object_stores[0].size_bytes, 2.0 * 1024 * 1024 * 1024 * 1024);
  EXPECT_FALSE(s.object_stores[1].size_bytes.has_value());
}

TEST(ScenarioLoader, CostDefaultsAndMergedClassTable) {
  EXPECT_EQ(load(minimal()).costs, CostSpec{});
  const Scenario s = load(with(minimal(), "/costs", R"({"instance_hour": {"db.m6g.large": 0.2}})"));
  EXPECT_EQ(s.costs.instance_hour,
            (std::map<std::string, double>{{"db.m6g.large", 0.2}, {"default", 0.5}}));
}

TEST(ScenarioLoader, CostProblems) {
  EXPECT_EQ(problem(with(minimal(), "/costs", R"({"transfer_gb": 0.02})")),
            "s.json: costs: unknown key \"transfer_gb\" (did you mean \"transfer_gib\"?)");
  EXPECT_EQ(problem(with(minimal(), "/costs", R"({"backup_gib_month": -1})")),
            "s.json: costs.backup_gib_month: expected a price >= 0, got -1");
  EXPECT_EQ(problem(with(minimal(), "/costs", R"({"standby_multiplier": "2x"})")),
            "s.json: costs.standby_multiplier: expected a multiplier >= 0, got \"2x\"");
  EXPECT_EQ(problem(with(minimal(), "/costs", R"({"instance_hour": {"db.r6g.large": "0.2"}})")),
            "s.json: costs.instance_hour[\"db.r6g.large\"]: expected a price >= 0 per "
            "instance-hour, got \"0.2\"");
  EXPECT_EQ(problem(with(minimal(), "/costs", R"({"currency": ""})")),
            "s.json: costs.currency: expected a non-empty string, got \"\"");
  json j = with(minimal(), "/costs", R"({"instance_hour": {"db.r6g.large": 0.25}})");
  j["databases"][0]["class"] = "db.r6g.lrage";
  EXPECT_EQ(problem(j),
            "s.json: databases[0].class: no price for instance class \"db.r6g.lrage\" in "
            "costs.instance_hour (did you mean \"db.r6g.large\"?)");
  EXPECT_EQ(problem(with(minimal(), "/object_stores", R"([{"name": "m", "region": "us-east-1",
                                                          "size": 5}])")),
            "s.json: object_stores[0].size: expected a size such as \"500GiB\" or \"2TB\", "
            "got 5");
}

}  // namespace
}  // namespace drsim::models::scenario::loader_sections_test
