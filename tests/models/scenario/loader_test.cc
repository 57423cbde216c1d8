// The scenario loader: every key read, every default applied, every kind of problem reported
// with its exact message, robustness against junk, and the round trip through scenario_to_json.
#include "models/scenario/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/object_reader.h"
#include "models/scenario/writer.h"
#include "sim/units.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::json;
using sim::Distribution;
using sim::Duration;

// A small valid scenario; most tests change one thing in it.
json minimal() {
  return json::parse(R"({
    "name": "t", "horizon": "7d",
    "regions": [{"name": "us-east-1", "azs": ["use1-az1", "use1-az2", "use1-az3"]},
                {"name": "us-west-2", "azs": ["usw2-az1", "usw2-az2", "usw2-az3"]}],
    "databases": [{"name": "tracker-db", "deployment": "multi-az", "region": "us-east-1",
                   "azs": ["use1-az1", "use1-az2"]}],
    "services": [{"name": "tracker", "tier": 1, "uses": ["tracker-db"]}]
  })");
}

// A scenario that sets every key of DESIGN.md §3, most of them away from their defaults.
json full() {
  return json::parse(R"({
    "$schema": "../docs/scenario.schema.json",
    "name": "full", "description": "every key",
    "horizon": "30d", "start": "2026-03-03T00:00:00Z", "seed": 42, "trials": 250,
    "tiers": {"1": {"rpo": "30m", "rto": "2h"}, "3": {"rpo": "2d", "rto": "5d"}},
    "failover_window": ["30s", "90s"], "failover_slo": 0.9, "tier_slo": 0.8,
    "regions": [{"name": "us-east-1", "azs": ["use1-az1", "use1-az2", "use1-az3"]},
                {"name": "us-west-2", "azs": ["usw2-az1", "usw2-az2", "usw2-az3"]},
                {"name": "eu-west-1", "azs": ["euw1-az1"]}],
    "links": [{"between": ["us-east-1", "us-west-2"], "latency": "65ms", "bandwidth": "5Gbps"}],
    "databases": [
      {"name": "tracker-db", "deployment": "multi-az", "class": "db.r6g.xlarge",
       "region": "us-east-1", "azs": ["use1-az1", "use1-az2"], "size": "800GiB",
       "write_rate": "400/s", "replace": "15m",
       "failover": {"detect": {"uniform": ["10s", "30s"]},
                    "promote": {"normal": {"mean": "45s", "sd": "5s", "min": "30s", "max": "60s"}},
                    "dns": {"empirical": ["5s", "10s", "30s"]}},
       "replicas": [{"region": "us-west-2", "lag": {"exponential": {"mean": "2s"}},
                     "promote": "4m"}],
       "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "30d",
                               "duration": {"lognormal": {"median": "20m", "p95": "1h"}}},
                  "log_upload": "5m", "copy_to": ["us-west-2"],
                  "copy_delay": {"uniform": ["30m", "2h"]}, "copy_logs": true,
                  "restore": {"base": "20m", "rate": "150MiB/s"}, "verify_every": "90d",
                  "silent_corruption": 0.01}},
      {"name": "wiki-db", "deployment": "aurora", "region": "us-west-2",
       "azs": ["usw2-az1", "usw2-az2", "usw2-az3"],
       "backup": {"snapshot": {"every": "12h", "retention": "35d"}}},
      {"name": "ci-db", "deployment": "single-az", "region": "eu-west-1", "azs": ["euw1-az1"],
       "replace": {"weibull": {"shape": 1.5, "scale": "20m"}},
       "backup": {"snapshot": {"every": "24h", "retention": "7d"}}}
    ],
    "object_stores": [
      {"name": "media-use1", "region": "us-east-1", "replicate_to": "us-west-2",
       "lag": {"lognormal": {"median": "30s", "p95": "10m"}}, "size": "2TiB"},
      {"name": "logs", "region": "eu-west-1"}
    ],
    "services": [
      {"name": "platform", "tier": 0, "uses": [], "depends_on": []},
      {"name": "tracker", "tier": 1, "uses": ["tracker-db", "media-use1"],
       "depends_on": ["platform"]},
      {"name": "wiki", "tier": 2, "uses": ["wiki-db", "logs"],
       "depends_on": ["platform", "tracker"]},
      {"name": "ci", "tier": 3, "uses": ["ci-db"]}
    ],
    "response": {"detect": "2m", "ack": {"lognormal": {"median": "4m", "p95": "15m"}},
                 "region_failover": {"decide_after": "30m", "execute": {"uniform": ["20m", "60m"]}},
                 "restore_parallelism": 4},
    "faults": [
      {"kind": "az_outage", "target": "use1-az1", "at": "1d2h", "duration": "4h"},
      {"kind": "az_outage", "target": "use1-az2", "at": {"uniform": ["2d", "3d"]},
       "destroys_data": true},
      {"kind": "region_outage", "target": "us-east-1", "rate": "1/3y",
       "duration": {"lognormal": {"median": "6h", "p95": "24h"}}},
      {"kind": "disaster", "target": "us-east-1", "at": "3d13h37m"},
      {"kind": "instance_failure", "target": "*", "mtbf": "1y"},
      {"kind": "instance_failure", "target": "tracker-db", "at": "5d", "instance": "standby"},
      {"kind": "storage_failure", "target": "wiki-db", "rate": "2/y"},
      {"kind": "network_partition", "target": "us-west-2", "at": "6d", "duration": "30m"},
      {"kind": "data_corruption", "target": "tracker-db", "at": "2d", "detect_after": "2h",
       "scope": ["tracker-db", "wiki-db"]},
      {"kind": "data_deletion", "target": "*", "rate": "1/y", "scope": 2},
      {"kind": "data_corruption", "target": "*", "mtbf": "2y", "scope": 0.5},
      {"kind": "backup_failure", "target": "wiki-db", "rate": "4/y", "duration": "1d"},
      {"kind": "backup_failure", "target": "ci-db", "at": "10d"},
      {"kind": "control_plane", "target": "us-east-1", "at": "7d", "duration": "8h"}
    ],
    "costs": {"currency": "EUR", "instance_hour": {"default": 0.4, "db.r6g.xlarge": 0.48},
              "standby_multiplier": 0.9, "replica_multiplier": 1.1, "storage_gib_month": 0.1,
              "backup_gib_month": 0.08, "transfer_gib": 0.03, "object_storage_gib_month": 0.02,
              "object_replication_gib": 0.01, "change_per_day": 0.1}
  })");
}

Scenario load(const json& j) { return load_scenario_text(j.dump(), "s.json", ""); }

std::vector<std::string> problems_of_text(std::string_view text) {
  try {
    load_scenario_text(text, "s.json", "");
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

std::vector<std::string> problems(const json& j) { return problems_of_text(j.dump()); }

// The only problem of `j`; fails the test when there is not exactly one.
std::string problem(const json& j) {
  const std::vector<std::string> p = problems(j);
  EXPECT_EQ(p.size(), 1u) << testing::PrintToString(p);
  return p.empty() ? "" : p.front();
}

// `base` with the value at JSON pointer `pointer` set to `value` (parsed from JSON text).
json with(json base, const std::string& pointer, std::string_view value) {
  base[json::json_pointer(pointer)] = json::parse(value);
  return base;
}

json without(json base, const std::string& pointer) {
  const json::json_pointer p(pointer);
  base[p.parent_pointer()].erase(p.back());
  return base;
}

Distribution uniform(Duration lo, Duration hi) { return *Distribution::uniform(lo, hi, nullptr); }
Distribution constant(Duration d) { return Distribution::constant(d); }

// ---- Every key ----

TEST(ScenarioLoader, ReadsTopLevelKeys) {
  const Scenario s = load(full());
  EXPECT_EQ(s.file, "s.json");
  EXPECT_EQ(s.name, "full");
  EXPECT_EQ(s.description, "every key");
  EXPECT_EQ(s.horizon, Duration::days(30));
  EXPECT_EQ(s.start_epoch_s, *sim::parse_utc_instant("2026-03-03T00:00:00Z"));
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.trials, 250u);
  EXPECT_EQ(s.tiers.at(1), (TierTarget{Duration::minutes(30), Duration::hours(2)}));
  EXPECT_EQ(s.tiers.at(3), (TierTarget{Duration::days(2), Duration::days(5)}));
  EXPECT_EQ(s.failover_window_lo, Duration::seconds(30));
  EXPECT_EQ(s.failover_window_hi, Duration::seconds(90));
  EXPECT_DOUBLE_EQ(s.failover_slo, 0.9);
  EXPECT_DOUBLE_EQ(s.tier_slo, 0.8);
  ASSERT_EQ(s.regions.size(), 3u);
  EXPECT_EQ(s.regions[1], (Region{"us-west-2", {"usw2-az1", "usw2-az2", "usw2-az3"}}));
  ASSERT_EQ(s.links.size(), 1u);
  EXPECT_EQ(s.links[0], (Link{"us-east-1", "us-west-2", Duration::millis(65), 5e9 / 8}));
}

TEST(ScenarioLoader, ReadsDatabaseKeys) {
  const Scenario s = load(full());
  ASSERT_EQ(s.databases.size(), 3u);
  const DatabaseSpec& d = s.databases[0];
  EXPECT_EQ(d.name, "tracker-db");
  EXPECT_EQ(d.deployment, Deployment::kMultiAz);
  EXPECT_EQ(d.region, "us-east-1");
  EXPECT_EQ(d.azs, (std::vector<std::string>{"use1-az1", "use1-az2"}));
  EXPECT_EQ(d.size_bytes, 800.0 * 1024 * 1024 * 1024);
  EXPECT_EQ(d.write_rate_per_s, 400.0);
  EXPECT_EQ(d.replace, constant(Duration::minutes(15)));
  EXPECT_EQ(d.failover.detect, uniform(Duration::seconds(10), Duration::seconds(30)));
  EXPECT_EQ(d.failover.promote,
            *Distribution::normal(Duration::seconds(45), Duration::seconds(5),
                                  Duration::seconds(30), Duration::seconds(60), nullptr));
  EXPECT_EQ(d.failover.dns,
            *Distribution::empirical(
                {Duration::seconds(5), Duration::seconds(10), Duration::seconds(30)}, nullptr));
  ASSERT_EQ(d.replicas.size(), 1u);
  EXPECT_EQ(d.replicas[0],
            (ReplicaSpec{"us-west-2", *Distribution::exponential(Duration::seconds(2), nullptr),
                         constant(Duration::minutes(4)), std::nullopt}));
  EXPECT_EQ(s.databases[1].deployment, Deployment::kAurora);
  EXPECT_EQ(s.databases[2].deployment, Deployment::kSingleAz);
  EXPECT_EQ(s.databases[2].replace, *Distribution::weibull(1.5, Duration::minutes(20), nullptr));
}

TEST(ScenarioLoader, ReadsBackupKeys) {
  const Scenario s = load(full());
  ASSERT_TRUE(s.databases[0].backup.has_value());
  const BackupSpec& b = *s.databases[0].backup;
  ASSERT_TRUE(b.snapshot.has_value());
  EXPECT_EQ(b.snapshot->every, Duration::hours(24));
  EXPECT_EQ(b.snapshot->at, Duration::hours(3));
  EXPECT_EQ(b.snapshot->retention, Duration::days(30));
  EXPECT_EQ(b.snapshot->duration,
            *Distribution::lognormal(Duration::minutes(20), Duration::hours(1), nullptr));
  EXPECT_EQ(b.log_upload, Duration::minutes(5));
  EXPECT_EQ(b.copy_to, std::vector<std::string>{"us-west-2"});
  EXPECT_EQ(b.copy_delay, uniform(Duration::minutes(30), Duration::hours(2)));
  EXPECT_TRUE(b.copy_logs);
  ASSERT_TRUE(b.restore.has_value());
  EXPECT_EQ(b.restore->base, constant(Duration::minutes(20)));
  EXPECT_EQ(b.restore->rate_bytes_per_s, 150.0 * 1024 * 1024);
  EXPECT_EQ(b.verify_every, Duration::days(90));
  EXPECT_DOUBLE_EQ(b.silent_corruption, 0.01);
  EXPECT_FALSE(s.databases[1].backup->snapshot->at.has_value());
}

TEST(ScenarioLoader, ReadsObjectStoresServicesAndResponse) {
  const Scenario s = load(full());
  ASSERT_EQ(s.object_stores.size(), 2u);
  EXPECT_EQ(s.object_stores[0].replicate_to, "us-west-2");
  EXPECT_EQ(s.object_stores[0].lag,
            *Distribution::lognormal(Duration::seconds(30), Duration::minutes(10), nullptr));
  EXPECT_FALSE(s.object_stores[1].replicate_to.has_value());
  EXPECT_FALSE(s.object_stores[1].lag.has_value());
  ASSERT_EQ(s.services.size(), 4u);
  EXPECT_EQ(s.services[2], (ServiceSpec{"wiki", 2, {"wiki-db", "logs"}, {"platform", "tracker"}, {}}));
  EXPECT_EQ(s.services[3].depends_on, std::vector<std::string>{});
  ASSERT_TRUE(s.response.has_value());
  EXPECT_EQ(s.response->detect, constant(Duration::minutes(2)));
  EXPECT_EQ(s.response->ack,
            *Distribution::lognormal(Duration::minutes(4), Duration::minutes(15), nullptr));
  ASSERT_TRUE(s.response->region_failover.has_value());
  EXPECT_EQ(s.response->region_failover->decide_after, Duration::minutes(30));
  EXPECT_EQ(s.response->region_failover->execute,
            uniform(Duration::minutes(20), Duration::minutes(60)));
  EXPECT_EQ(s.response->restore_parallelism, 4);
}

TEST(ScenarioLoader, ReadsFaultKeys) {
  const Scenario s = load(full());
  ASSERT_EQ(s.faults.size(), 14u);
  const std::vector<FaultSpec>& f = s.faults;
  EXPECT_EQ(f[0].kind, FaultKind::kAzOutage);
  EXPECT_EQ(f[0].target, "use1-az1");
  EXPECT_EQ(f[0].at, constant(Duration::hours(26)));
  EXPECT_EQ(f[0].duration, constant(Duration::hours(4)));
  EXPECT_FALSE(f[0].rate_per_s.has_value());
  EXPECT_EQ(f[1].at, uniform(Duration::days(2), Duration::days(3)));
  EXPECT_TRUE(f[1].destroys_data);
  EXPECT_FALSE(f[1].duration.has_value());
  EXPECT_DOUBLE_EQ(*f[2].rate_per_s, 1.0 / (3 * 365 * 86400.0));
  EXPECT_EQ(f[3].kind, FaultKind::kDisaster);
  EXPECT_EQ(f[3].at, constant(Duration::days(3) + Duration::hours(13) + Duration::minutes(37)));
  EXPECT_DOUBLE_EQ(*f[4].rate_per_s, 1.0 / (365 * 86400.0));  // mtbf 1y
  EXPECT_EQ(f[4].target, "*");
  EXPECT_EQ(f[5].instance, InstanceRole::kStandby);
  EXPECT_EQ(f[6].instance, InstanceRole::kPrimary);
  EXPECT_EQ(f[7].kind, FaultKind::kNetworkPartition);
  EXPECT_EQ(f[8].detect_after, constant(Duration::hours(2)));
  EXPECT_EQ(f[8].scope.databases, (std::vector<std::string>{"tracker-db", "wiki-db"}));
  EXPECT_EQ(f[9].scope.count, 2);
  EXPECT_EQ(f[9].detect_after, constant(Duration()));  // the default of logical faults
  EXPECT_EQ(f[10].scope.fraction, 0.5);
  EXPECT_EQ(f[11].duration, constant(Duration::days(1)));
  EXPECT_FALSE(f[12].duration.has_value());  // a backup_failure at a fixed time needs none
  EXPECT_EQ(f[13].kind, FaultKind::kControlPlane);
  EXPECT_FALSE(f[0].detect_after.has_value());
}

// ---- Defaults ----

TEST(ScenarioLoader, AppliesTopLevelDefaults) {
  const Scenario s = load(minimal());
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.start_epoch_s, *sim::parse_utc_instant("2026-01-05T00:00:00Z"));
  EXPECT_EQ(sim::format_clock(s.start_epoch_s), "Mon 00:00:00");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.trials, 1000u);
  const std::map<int, TierTarget> policy = {{0, {Duration::hours(1), Duration::hours(4)}},
                                            {1, {Duration::hours(1), Duration::hours(6)}},
                                            {2, {Duration::hours(8), Duration::hours(24)}},
                                            {3, {Duration::hours(24), Duration::hours(72)}}};
  EXPECT_EQ(s.tiers, policy);
  EXPECT_EQ(s.failover_window_lo, Duration::seconds(60));
  EXPECT_EQ(s.failover_window_hi, Duration::seconds(120));
  EXPECT_DOUBLE_EQ(s.failover_slo, 0.99);
  EXPECT_DOUBLE_EQ(s.tier_slo, 0.95);
  EXPECT_TRUE(s.links.empty());
  EXPECT_TRUE(s.object_stores.empty());
  EXPECT_TRUE(s.faults.empty());
  EXPECT_FALSE(s.response.has_value());
}

TEST(ScenarioLoader, AppliesDatabaseDefaults) {
  const DatabaseSpec d = load(minimal()).databases[0];
  EXPECT_EQ(d.replace, constant(Duration::minutes(10)));
  EXPECT_EQ(d.failover.detect, uniform(Duration::seconds(15), Duration::seconds(30)));
  EXPECT_EQ(d.failover.promote, uniform(Duration::seconds(35), Duration::seconds(60)));
  EXPECT_EQ(d.failover.dns, uniform(Duration::seconds(10), Duration::seconds(30)));
  EXPECT_FALSE(d.size_bytes.has_value());
  EXPECT_FALSE(d.write_rate_per_s.has_value());
  EXPECT_FALSE(d.backup.has_value());
  EXPECT_TRUE(d.replicas.empty());
}

TEST(ScenarioLoader, FailoverDefaultsSumToTheTypicalWindow) {
  const FailoverSpec f = load(minimal()).databases[0].failover;
  auto bound = [&](size_t i) {
    return f.detect.spec().spans.at(i) + f.promote.spec().spans.at(i) + f.dns.spec().spans.at(i);
  };
  EXPECT_EQ(bound(0), Duration::seconds(60));
  EXPECT_EQ(bound(1), Duration::seconds(120));
  EXPECT_NEAR(f.detect.mean_s() + f.promote.mean_s() + f.dns.mean_s(), 90.0, 1e-9);
}

TEST(ScenarioLoader, KeepsOtherFailoverDefaultsWhenOneIsGiven) {
  const FailoverSpec f =
      load(with(minimal(), "/databases/0/failover", R"({"dns": "5s"})")).databases[0].failover;
  EXPECT_EQ(f.dns, constant(Duration::seconds(5)));
  EXPECT_EQ(f.detect, uniform(Duration::seconds(15), Duration::seconds(30)));
}

TEST(ScenarioLoader, AppliesReplicaAndResponseDefaults) {
  json j = with(minimal(), "/databases/0/replicas", R"([{"region": "us-west-2", "lag": "1s"}])");
  j = with(j, "/response", "{}");
  const Scenario s = load(j);
  EXPECT_EQ(s.databases[0].replicas[0].promote, constant(Duration::minutes(5)));
  EXPECT_EQ(s.response->detect, constant(Duration::minutes(5)));
  EXPECT_EQ(s.response->ack,
            *Distribution::lognormal(Duration::minutes(5), Duration::minutes(20), nullptr));
  EXPECT_FALSE(s.response->region_failover.has_value());
  EXPECT_EQ(s.response->restore_parallelism, 1);
}

TEST(ScenarioLoader, TiersMergeOverThePolicyTable) {
  const Scenario s = load(with(minimal(), "/tiers", R"({"2": {"rpo": "4h", "rto": "12h"}})"));
  EXPECT_EQ(s.tiers.at(2), (TierTarget{Duration::hours(4), Duration::hours(12)}));
  EXPECT_EQ(s.tiers.at(1), (TierTarget{Duration::hours(1), Duration::hours(6)}));
  EXPECT_EQ(s.tiers.size(), 4u);
}

TEST(ScenarioLoader, AcceptsCommentsTheSchemaKeyAndAConstantObject) {
  const std::string text = R"({
    // a comment
    "$schema": "x", "name": "t", "horizon": {"constant": "7d"},
    "regions": [{"name": "r", "azs": ["a"]}] /* another */
  })";
  EXPECT_EQ(problems_of_text(text),
            std::vector<std::string>{"s.json: horizon: expected a duration such as \"90s\", "
                                     "got {\"constant\":\"7d\"}"});
  const std::string ok = R"({
    // a comment
    "$schema": "x", "name": "t", "horizon": "7d",
    "regions": [{"name": "r", "azs": ["a"]}], /* another */
    "databases": [{"name": "d", "deployment": "single-az", "region": "r", "azs": ["a"],
                   "replace": {"constant": "7m"}}]
  })";
  EXPECT_EQ(load_scenario_text(ok, "s.json", "").databases[0].replace,
            constant(Duration::minutes(7)));
}

// ---- Malformed JSON ----

TEST(ScenarioLoader, MalformedJsonGivesLineAndColumn) {
  EXPECT_EQ(problems_of_text("{\n  \"name\": \"x\",\n  \"horizon\" \"7d\"\n}"),
            std::vector<std::string>{"s.json:3:13: malformed JSON: syntax error while parsing "
                                     "object separator - unexpected string literal, expected ':'"});
}

TEST(ScenarioLoader, MalformedJsonSuggestsRemovingATrailingComma) {
  EXPECT_EQ(problems_of_text("{\n  \"name\": \"x\",\n}"),
            std::vector<std::string>{"s.json:3:1: malformed JSON: syntax error while parsing "
                                     "object key - unexpected '}', expected string literal "
                                     "(remove the trailing comma)"});
}

TEST(ScenarioLoader, MalformedJsonColumnsCountCharactersNotBytes) {
  // {"name": "été", x}: the x is the 17th character and the 19th byte.
  EXPECT_EQ(problems_of_text("{\"name\": \"\xc3\xa9t\xc3\xa9\", x}").at(0).substr(0, 12),
            "s.json:1:17:");
}

TEST(ScenarioLoader, NumberOverflowPointsAtTheNumber) {
  EXPECT_EQ(problems_of_text("{\"trials\": 1e400}"),
            std::vector<std::string>{"s.json:1:12: malformed JSON: number overflow parsing "
                                     "'1e400'"});
}

TEST(ScenarioLoader, EmptyTextIsMalformed) {
  EXPECT_EQ(problems_of_text(""),
            std::vector<std::string>{"s.json:1:1: malformed JSON: syntax error while parsing "
                                     "value - unexpected end of input, expected '[', '{', or a "
                                     "literal"});
}

TEST(ScenarioLoader, InvalidUtf8IsEscapedInTheMessage) {
  EXPECT_EQ(problems_of_text("{\"name\": \"\xff\"}"),
            std::vector<std::string>{"s.json:1:11: malformed JSON: syntax error while parsing "
                                     "value - invalid string: ill-formed UTF-8 byte, last read: "
                                     "'\"\\xff'"});
}

TEST(ScenarioLoader, LongLastReadTokensAreCut) {
  const std::string text = "{\"name\": \"" + std::string(5000, 'a');
  const std::string p = problems_of_text(text).at(0);
  EXPECT_LT(p.size(), 200u) << p;
  EXPECT_NE(p.find("last read: '\"aaaaaaaaaaaaaaaaaaa...'"), std::string::npos) << p;
}

TEST(ScenarioLoader, RootMustBeAnObject) {
  EXPECT_EQ(problems_of_text("[1, 2]"),
            std::vector<std::string>{"s.json: expected a JSON object holding the scenario, got "
                                     "[1,2]"});
}

TEST(ScenarioLoader, DuplicateKeysAreErrors) {
  EXPECT_EQ(problems_of_text(R"({"name": "a", "name": "b", "horizon": "1d",
                                 "regions": [{"name": "r", "azs": ["x"], "azs": ["y"]}]})"),
            (std::vector<std::string>{"s.json: duplicate key \"name\"",
                                      "s.json: regions[0]: duplicate key \"azs\""}));
}

// ---- Keys: unknown, missing, wrong type ----

TEST(ScenarioLoader, UnknownKeySuggestsTheClosestKnownKey) {
  const json j = with(minimal(), "/databases/0/backup",
                      R"({"snapshot": {"evry": "24h", "retention": "30d"}})");
  EXPECT_EQ(problem(j),
            "s.json: databases[0].backup.snapshot: unknown key \"evry\" (did you "
            "mean \"every\"?)");
}

TEST(ScenarioLoader, UnknownKeyListsTheKnownKeysWhenNoneIsClose) {
  const json j = with(minimal(), "/regions/0/zzz", "1");
  EXPECT_EQ(problem(j), "s.json: regions[0]: unknown key \"zzz\" (expected one of: name, azs)");
}

TEST(ScenarioLoader, UnknownKeySuggestsForTranspositionsAndPrefixes) {
  EXPECT_EQ(problem(with(minimal(), "/hroizon", "\"1d\"")),
            "s.json: unknown key \"hroizon\" (did you mean \"horizon\"?)");
  EXPECT_EQ(problem(with(minimal(), "/desc", "\"x\"")),
            "s.json: unknown key \"desc\" (did you mean \"description\"?)");
}

TEST(ScenarioLoader, MissingRequiredKey) {
  EXPECT_EQ(problem(without(minimal(), "/horizon")), "s.json: horizon: missing required key");
  EXPECT_EQ(problem(without(minimal(), "/regions")), "s.json: regions: missing required key");
  EXPECT_EQ(problem(without(minimal(), "/databases/0/deployment")),
            "s.json: databases[0].deployment: missing required key");
}

TEST(ScenarioLoader, WrongTypesNameWhatWasExpected) {
  EXPECT_EQ(problem(with(minimal(), "/name", "3")), "s.json: name: expected a string, got 3");
  EXPECT_EQ(problem(with(minimal(), "/name", "\"\"")),
            "s.json: name: expected a non-empty string, got \"\"");
  EXPECT_EQ(problem(with(minimal(), "/regions", "{}")),
            "s.json: regions: expected an array, got {}");
  EXPECT_EQ(problem(with(minimal(), "/regions/1/azs", "\"usw2-az1\"")),
            "s.json: regions[1].azs: expected an array of strings, got \"usw2-az1\"");
  EXPECT_EQ(problem(with(minimal(), "/regions/1/azs/1", "7")),
            "s.json: regions[1].azs[1]: expected a non-empty string, got 7");
  EXPECT_EQ(problem(with(minimal(), "/services/0", "[1, 2]")),
            "s.json: services[0]: expected an object, got [1,2]");
  EXPECT_EQ(problem(with(minimal(), "/response", "null")),
            "s.json: response: expected an object, got null");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/backup", R"({"copy_logs": "yes"})")),
            "s.json: databases[0].backup.copy_logs: expected true or false, got \"yes\"");
  EXPECT_EQ(problem(with(minimal(), "/trials", "\"1000\"")),
            "s.json: trials: expected an integer >= 1, got \"1000\"");
}

// ---- Units ----

TEST(ScenarioLoader, BareNumbersWhereAUnitBelongsAreErrors) {
  EXPECT_EQ(problem(with(minimal(), "/horizon", "86400")),
            "s.json: horizon: expected a duration such as \"24h\", got 86400");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/replace", "90")),
            "s.json: databases[0].replace: expected a duration such as \"90s\" or a "
            "distribution such as {\"uniform\": [\"15s\", \"35s\"]}, got 90");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/write_rate", "400")),
            "s.json: databases[0].write_rate: expected a rate such as \"500/s\" or \"1/5y\", "
            "got 400");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/size", "1e12")),
            "s.json: databases[0].size: expected a size such as \"500GiB\" or \"2TB\", got "
            "1000000000000.0");
  EXPECT_EQ(problem(with(minimal(), "/horizon", "\"7\"")),
            "s.json: horizon: expected a duration such as \"7s\", got \"7\": a number needs a "
            "unit (us, ms, s, m, h, d, w or y)");
}

TEST(ScenarioLoader, BadUnitStringsSayWhatIsWrong) {
  EXPECT_EQ(problem(with(minimal(), "/horizon", "\"7days\"")),
            "s.json: horizon: expected a duration such as \"90s\", got \"7days\": unknown unit "
            "\"days\" (units are us, ms, s, m, h, d, w or y)");
  EXPECT_EQ(problem(with(minimal(), "/horizon", "\"-7d\"")),
            "s.json: horizon: expected a duration such as \"90s\", got \"-7d\": durations "
            "cannot be negative");
  EXPECT_EQ(problem(with(minimal(), "/horizon", "\"7 d\"")),
            "s.json: horizon: expected a duration such as \"90s\", got \"7 d\": remove the "
            "spaces");
  EXPECT_EQ(problem(with(minimal(), "/horizon", "\"9999999999y\"")),
            "s.json: horizon: expected a duration such as \"90s\", got \"9999999999y\": too "
            "long (the limit is about 290,000 years)");
  EXPECT_EQ(problem(with(minimal(), "/start", "\"2026-02-30\"")),
            "s.json: start: expected a UTC instant such as \"2026-03-03T00:00:00Z\", got "
            "\"2026-02-30\"");
  EXPECT_EQ(problem(with(minimal(), "/links", R"([{"between": ["us-east-1", "us-west-2"],
                                                   "latency": "65ms", "bandwidth": "5GB"}])")),
            "s.json: links[0].bandwidth: expected a throughput such as \"150MiB/s\" or "
            "\"5Gbps\", got \"5GB\"");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/backup",
                         R"({"snapshot": {"every": "1d", "at": "3am", "retention": "7d"}})")),
            "s.json: databases[0].backup.snapshot.at: expected a time of day such as \"03:00\" "
            "(UTC), got \"3am\"");
}

// ---- Ranges ----

TEST(ScenarioLoader, OutOfRangeValues) {
  EXPECT_EQ(problem(with(minimal(), "/horizon", "\"0s\"")),
            "s.json: horizon: expected a duration greater than zero, got \"0s\"");
  EXPECT_EQ(problem(with(minimal(), "/trials", "0")),
            "s.json: trials: expected an integer >= 1, got 0");
  EXPECT_EQ(problem(with(minimal(), "/trials", "2.5")),
            "s.json: trials: expected an integer >= 1, got 2.5");
  EXPECT_EQ(problem(with(minimal(), "/seed", "-1")),
            "s.json: seed: expected a whole number from 0 to 18446744073709551615, got -1");
  EXPECT_EQ(problem(with(minimal(), "/services/0/tier", "7")),
            "s.json: services[0].tier: expected an integer tier 0-3, got 7");
  EXPECT_EQ(problem(with(minimal(), "/tier_slo", "0")),
            "s.json: tier_slo: expected a number in (0, 1], got 0");
  EXPECT_EQ(problem(with(minimal(), "/failover_slo", "1.01")),
            "s.json: failover_slo: expected a number in (0, 1], got 1.01");
  EXPECT_EQ(problem(with(minimal(), "/databases/0/backup", R"({"silent_corruption": 1.5})")),
            "s.json: databases[0].backup.silent_corruption: expected a probability between 0 "
            "and 1, got 1.5");
  EXPECT_EQ(problem(with(minimal(), "/response", R"({"restore_parallelism": 0})")),
            "s.json: response.restore_parallelism: expected an integer >= 1, got 0");
  EXPECT_EQ(problem(with(minimal(), "/failover_window", R"(["2m", "1m"])")),
            "s.json: failover_window: the lower bound 120s is above the upper bound 60s");
  EXPECT_EQ(problem(with(minimal(), "/failover_window", R"(["2m"])")),
            "s.json: failover_window: expected two durations [lo, hi] such as [\"60s\", "
            "\"120s\"], got [\"2m\"]");
}

TEST(ScenarioLoader, TierTableProblems) {
  EXPECT_EQ(problem(with(minimal(), "/tiers", R"({"4": {"rpo": "1h", "rto": "2h"}})")),
            "s.json: tiers: unknown tier \"4\" (tiers are \"0\", \"1\", \"2\" and \"3\")");
  EXPECT_EQ(problem(with(minimal(), "/tiers", R"({"1": {"rpo": "1h"}})")),
            "s.json: tiers[\"1\"].rto: missing required key");
  EXPECT_EQ(problem(with(minimal(), "/tiers", R"({"1": {"rpo": "1h", "rto": "0s"}})")),
            "s.json: tiers[\"1\"].rto: expected a duration greater than zero, got \"0s\"");
}

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

json fault(std::string_view f) { return with(full(), "/faults", "[" + std::string(f) + "]"); }
std::string fault_problem(std::string_view f) { return problem(fault(f)); }

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

// ---- Trace files ----

class ScenarioLoaderTrace : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::path(::testing::TempDir()) /
        ("drsim_loader_trace_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::create_directories(dir_ / "traces");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "traces" / name) << text;
  }
  // Loads a scenario (labelled "scenarios/s.json") whose only fault replays `trace`.
  Scenario load_with_trace(const std::string& trace) {
    const json j =
        fault(R"({"kind": "az_outage", "target": "use1-az1", "trace": ")" + trace + "\"}");
    return load_scenario_text(j.dump(), "scenarios/s.json", dir_.string());
  }
  std::vector<std::string> trace_problems(const std::string& trace) {
    try {
      load_with_trace(trace);
    } catch (const ScenarioError& e) {
      return e.problems();
    }
    return {};
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioLoaderTrace, ReadsRowsRelativeToTheScenarioDirectory) {
  write("t.csv",
        "start_time,end_time,status,service\r\n"
        "0.0,24962.0,0.125,atlassian_jira-software\r\n"
        "\r\n"
        "100000.5,100060,1,x\r\n");
  const Scenario s = load_with_trace("traces/t.csv");
  EXPECT_EQ(s.faults[0].trace, "traces/t.csv");
  EXPECT_EQ(s.faults[0].trace_rows,
            (std::vector<TraceRow>{{Duration(), Duration::seconds(24962), 0.125},
                                   {Duration::millis(100000500), Duration::seconds(100060), 1}}));
  EXPECT_FALSE(s.faults[0].duration.has_value());
}

TEST_F(ScenarioLoaderTrace, BadRowsNameTheFileAndLine) {
  write("bad.csv",
        "start_time,end_time,status,service\n"
        "0,10,0.5,x\n"
        "5,abc,0.1,x\n"
        "7,6,0.1,x\n"
        "8,9,1.5,x\n"
        "9,10,0.5\n"
        "20,30,0.5,x\n"
        "1,2,0.5,x\n");
  const std::string at = "scenarios/s.json: faults[0].trace: " + (dir_ / "traces/bad.csv").string();
  EXPECT_EQ(trace_problems("traces/bad.csv"),
            (std::vector<std::string>{
                at + ":3:3: end_time: expected seconds from the trace's start such as 24962.0",
                at + ":4:3: end_time is before start_time",
                at + ":5:5: status: expected a severity between 0 and 1",
                at + ":6: expected 4 comma-separated fields (start_time,end_time,status,service), "
                     "got 3",
                at + ":8:1: rows must be in order of start_time"}));
}

TEST_F(ScenarioLoaderTrace, HeaderEmptyAndMissingFiles) {
  write("header.csv", "start,end\n0,1\n");
  write("empty.csv", "start_time,end_time,status,service\n");
  const std::string traces = (dir_ / "traces").string();
  EXPECT_EQ(trace_problems("traces/header.csv").at(0),
            "scenarios/s.json: faults[0].trace: " + traces +
                "/header.csv:1: expected the header \"start_time,end_time,status,service\"");
  EXPECT_EQ(trace_problems("traces/empty.csv").at(0),
            "scenarios/s.json: faults[0].trace: " + traces +
                "/empty.csv:1: has no rows after the header, so the fault never happens");
  EXPECT_EQ(trace_problems("traces/none.csv").at(0),
            "scenarios/s.json: faults[0].trace: cannot read trace file \"" + traces +
                "/none.csv\": No such file or directory");
  EXPECT_EQ(trace_problems("traces").at(0),
            "scenarios/s.json: faults[0].trace: cannot read trace file \"" + traces +
                "\": it is a directory");
}

TEST_F(ScenarioLoaderTrace, DurationIsNotAllowedWithATrace) {
  write("t.csv", "start_time,end_time,status,service\n0,10,0.5,x\n");
  const json j = fault(R"({"kind": "az_outage", "target": "use1-az1", "trace": "traces/t.csv",
                           "duration": "1h"})");
  try {
    load_scenario_text(j.dump(), "s.json", dir_.string());
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.problems(), std::vector<std::string>{
                                "s.json: faults[0].duration: not allowed with \"trace\": each row "
                                "of the trace ends its outage at end_time"});
  }
}

// ---- Files, errors, warnings ----

TEST(ScenarioLoader, MissingFileIsAnError) {
  try {
    load_scenario_file("no/such/file.json");
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.problems(), std::vector<std::string>{
                                "no/such/file.json: cannot read file: No such file or directory"});
  }
}

TEST(ScenarioLoader, ErrorWhatJoinsAllProblems) {
  const json j = with(with(minimal(), "/trials", "0"), "/seed", "-1");
  try {
    load(j);
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(),
                 "s.json: seed: expected a whole number from 0 to 18446744073709551615, got -1\n"
                 "s.json: trials: expected an integer >= 1, got 0");
  }
}

TEST(ScenarioLoader, ReportsEveryProblemOfTheFileAtOnce) {
  json j = with(minimal(), "/trials", "0");
  j = with(j, "/databases/0/azs/1", "\"use1-az9\"");
  j = with(j, "/services/0/tier", "7");
  j = with(j, "/horizn", "\"1d\"");
  EXPECT_EQ(problems(j).size(), 4u) << testing::PrintToString(problems(j));
}

TEST(ScenarioLoader, ManyProblemsAreSummarized) {
  json j = minimal();
  for (int i = 0; i < 150; ++i) j["junk" + std::to_string(i)] = i;
  const std::vector<std::string> p = problems(j);
  ASSERT_EQ(p.size(), 101u);
  EXPECT_EQ(p.back(), "s.json: ... and 50 more problems");
}

TEST(ScenarioLoader, Warnings) {
  json j = with(minimal(), "/start", "\"2026-01-05T13:00:00Z\"");
  j = with(j, "/databases/1",
           R"({"name": "spare-db", "deployment": "single-az", "region": "us-west-2",
               "azs": ["usw2-az1"], "backup": {"snapshot": {"every": "7d", "retention": "1d"},
                                               "copy_logs": true}})");
  EXPECT_EQ(scenario_warnings(load(j)),
            (std::vector<std::string>{
                "start: 2026-01-05T13:00:00Z is not midnight UTC, so offsets such as a fault's "
                "\"at\" do not line up with times of day such as a snapshot's \"at\"",
                "databases[0] (\"tracker-db\"): no backup key, so the database has no backups at "
                "all",
                "databases[1] (\"spare-db\"): backup.snapshot.retention (24h) is shorter than "
                "every (7d), so at times no snapshot is kept",
                "databases[1] (\"spare-db\"): backup.copy_delay and copy_logs have no effect "
                "without copy_to",
                "databases[1] (\"spare-db\"): no service uses it, so its outages count against "
                "no tier",
                "faults: none, so nothing fails in any trial"}));
}

TEST(ScenarioLoader, WarnsOfAnAuroraGlobalWithoutSecondaryRegion) {
  json j = with(minimal(), "/databases/1",
                R"({"name": "global-db", "deployment": "aurora-global", "region": "us-west-2",
                    "azs": ["usw2-az1", "usw2-az2", "usw2-az3"]})");
  const std::vector<std::string> w = scenario_warnings(load(j));
  EXPECT_NE(std::find(w.begin(), w.end(),
                      "databases[1] (\"global-db\"): aurora-global with no replicas has no "
                      "secondary region, so it protects like aurora (add a replica in another "
                      "region)"),
            w.end());
}

// ---- Robustness: junk never crashes or hangs ----

TEST(ScenarioLoader, DeepNestingIsRefusedWhereItGoesTooDeep) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  // The 64th "[" opens the 65th level (the scenario object is the first).
  EXPECT_EQ(problems_of_text("{\"name\": " + deep +
                             ", \"horizon\": \"1d\", "
                             "\"regions\": [{\"name\": \"r\", \"azs\": [\"a\"]}]}"),
            std::vector<std::string>{
                "s.json:1:73: arrays and objects nested more than 64 deep (the limit is 64)"});
  EXPECT_EQ(problems_of_text(deep),
            std::vector<std::string>{
                "s.json:1:65: arrays and objects nested more than 64 deep (the limit is 64)"});
  const std::string ok = std::string(63, '[') + std::string(63, ']');
  EXPECT_EQ(problems_of_text("{\"name\": " + ok + "}").at(0),
            "s.json: name: expected a string, got [[[...]]]");
}

TEST(ScenarioLoader, HugeNumbersAndKeysGiveErrors) {
  EXPECT_EQ(problem(with(minimal(), "/trials", "1e300")),
            "s.json: trials: expected an integer >= 1, got 1e+300");
  EXPECT_EQ(
      problem(with(minimal(), "/horizon", "\"99999999999999999999999d\"")),
      "s.json: horizon: expected a duration such as \"90s\", got \"99999999999999999999999d\": "
      "too long (the limit is about 290,000 years)");
  json j = minimal();
  j[std::string(100000, 'k')] = 1;
  const std::string p = problem(j);
  EXPECT_LT(p.size(), 400u);
}

// Every node of the full scenario replaced by every kind of JSON value: the loader reports
// problems or accepts, and never crashes.
TEST(ScenarioLoader, AnyValueAnywhereGivesProblemsNotACrash) {
  const json base = full();
  const std::vector<json> junk = {nullptr,
                                  true,
                                  -1,
                                  1.5,
                                  "",
                                  "1d",
                                  json::array(),
                                  json::object(),
                                  json::parse(R"([1, "a", {}])")};
  std::set<std::string> nodes;  // every node once, not once per leaf below it
  const json flat = base.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    for (json::json_pointer p(pointer); !p.empty(); p = p.parent_pointer()) {
      nodes.insert(p.to_string());
    }
  }
  for (const std::string& node : nodes) {
    for (const json& value : junk) {
      json j = base;
      j[json::json_pointer(node)] = value;
      try {
        load(j);
      } catch (const ScenarioError& e) {
        EXPECT_FALSE(e.problems().empty());
      }
    }
  }
  EXPECT_GT(nodes.size(), 200u);
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

// ---- Round trip ----

void expect_round_trip(const Scenario& s, const std::string& base_dir) {
  const json written = scenario_to_json(s);
  const Scenario again = load_scenario_text(written.dump(2), "written.json", base_dir);
  EXPECT_EQ(again, s) << written.dump(2);
  EXPECT_EQ(scenario_to_json(again), written);
}

TEST(ScenarioRoundTrip, FullScenario) { expect_round_trip(load(full()), ""); }
TEST(ScenarioRoundTrip, MinimalScenario) { expect_round_trip(load(minimal()), ""); }

TEST(ScenarioRoundTrip, OddValuesSurvive) {
  json j = full();
  j["horizon"] = "30d1234567us";
  j["start"] = "2026-03-03T13:37:12Z";
  j["databases"][0]["size"] = "0.3GiB";
  j["databases"][0]["write_rate"] = "1/7m";
  j["databases"][0]["backup"]["snapshot"]["at"] = "03:15:30";
  j["databases"][0]["backup"]["restore"]["rate"] = "123.456MB/s";
  j["links"][0]["bandwidth"] = "1.5kbps";
  j["faults"][2]["rate"] = "3.7/d";
  j["faults"][4]["mtbf"] = "1y3d7h";
  j["databases"][0]["failover"]["promote"] = {{"normal", {{"mean", "45.5s"}, {"sd", "1ms"}}}};
  expect_round_trip(load(j), "");
}

TEST(ScenarioWriter, ExactTexts) {
  EXPECT_EQ(format_duration_exact(Duration()), "0s");
  EXPECT_EQ(format_duration_exact(Duration::seconds(90)), "90s");
  EXPECT_EQ(format_duration_exact(Duration::seconds(120)), "120s");
  EXPECT_EQ(format_duration_exact(Duration::minutes(10)), "10m");
  EXPECT_EQ(format_duration_exact(Duration::hours(24)), "24h");
  EXPECT_EQ(format_duration_exact(Duration::hours(26)), "26h");
  EXPECT_EQ(format_duration_exact(Duration::minutes(90)), "1h30m");
  EXPECT_EQ(format_duration_exact(Duration::days(3) + Duration::hours(13) + Duration::minutes(37)),
            "3d13h37m");
  EXPECT_EQ(format_duration_exact(Duration::days(30)), "30d");
  EXPECT_EQ(format_duration_exact(Duration::millis(1500)), "1500ms");
  EXPECT_EQ(format_duration_exact(Duration::micros(1234567)), "1234567us");
  EXPECT_EQ(format_rate_exact(400), "400/s");
  EXPECT_EQ(format_rate_exact(*sim::parse_rate_per_s("1/5y")), "1/5y");
  EXPECT_EQ(format_rate_exact(*sim::parse_rate_per_s("2/h")), "2/h");
  EXPECT_EQ(format_size_exact(800.0 * 1024 * 1024 * 1024), "800GiB");
  EXPECT_EQ(format_size_exact(2e12), "2TB");
  EXPECT_EQ(format_throughput_exact(5e9 / 8), "5Gbps");
  EXPECT_EQ(format_throughput_exact(150.0 * 1024 * 1024), "150MiB/s");
  EXPECT_EQ(format_time_of_day(Duration::hours(3)), "03:00");
  EXPECT_EQ(format_utc_instant(*sim::parse_utc_instant("2026-03-03T13:37:12Z")),
            "2026-03-03T13:37:12Z");
}

// Every bundled scenario: load, write, load again, and get the same Scenario.
std::vector<std::string> bundled_scenarios() {
  std::vector<std::string> files;
  const std::filesystem::path dir = std::filesystem::path(DRSIM_SOURCE_DIR) / "scenarios";
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().stem().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ScenarioRoundTripBundled : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioRoundTripBundled, LoadWriteLoadGivesAnEqualScenario) {
  const std::string dir = std::string(DRSIM_SOURCE_DIR) + "/scenarios";
  expect_round_trip(load_scenario_file(dir + "/" + GetParam() + ".json"), dir);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ScenarioRoundTripBundled);
INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioRoundTripBundled,
                         ::testing::ValuesIn(bundled_scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace drsim::models::scenario
