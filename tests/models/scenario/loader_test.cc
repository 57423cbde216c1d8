// The scenario loader as a whole: every key read, every default applied, malformed JSON, unknown,
// missing and mistyped keys, units and ranges, files, errors and warnings, and robustness against
// junk. Each section's own problems are in the loader_*_test.cc beside it.
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
#include "tests/models/scenario/loader_test_support.h"

namespace drsim::models::scenario::loader_test {
namespace {

using namespace loader_testing;  // the shared scenarios and helpers

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

}  // namespace
}  // namespace drsim::models::scenario::loader_test
