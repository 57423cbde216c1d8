// --set arguments: path parsing, value splitting and parsing, and writing values into a scenario
// document with every selector form, created keys and the errors that name the argument.
#include "models/sweep/setting.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "models/scenario/loader.h"

namespace drsim::models::sweep::setting_test {
namespace {

using nlohmann::json;
using Kind = PathStep::Kind;

TEST(SweepPath, ParsesKeysAndEverySelectorForm) {
  EXPECT_EQ(parse_path("seed"), (std::vector<PathStep>{{Kind::kKey, "seed", 0}}));
  EXPECT_EQ(parse_path("databases[*].backup.snapshot.every"),
            (std::vector<PathStep>{{Kind::kKey, "databases", 0},
                                   {Kind::kEvery, "", 0},
                                   {Kind::kKey, "backup", 0},
                                   {Kind::kKey, "snapshot", 0},
                                   {Kind::kKey, "every", 0}}));
  EXPECT_EQ(parse_path("databases[2].replicas[0].lag"),
            (std::vector<PathStep>{{Kind::kKey, "databases", 0},
                                   {Kind::kIndex, "", 2},
                                   {Kind::kKey, "replicas", 0},
                                   {Kind::kIndex, "", 0},
                                   {Kind::kKey, "lag", 0}}));
  EXPECT_EQ(parse_path("databases[tracker-db].deployment"),
            (std::vector<PathStep>{{Kind::kKey, "databases", 0},
                                   {Kind::kName, "tracker-db", 0},
                                   {Kind::kKey, "deployment", 0}}));
  EXPECT_EQ(
      parse_path("databases[\"db.v2[1]\"].size"),
      (std::vector<PathStep>{
          {Kind::kKey, "databases", 0}, {Kind::kName, "db.v2[1]", 0}, {Kind::kKey, "size", 0}}));
  EXPECT_EQ(parse_path("tiers.1.rpo"),
            (std::vector<PathStep>{
                {Kind::kKey, "tiers", 0}, {Kind::kKey, "1", 0}, {Kind::kKey, "rpo", 0}}));
  EXPECT_EQ(parse_path("failover_window[1]"),
            (std::vector<PathStep>{{Kind::kKey, "failover_window", 0}, {Kind::kIndex, "", 1}}));
}

TEST(SweepPath, RejectsMalformedPaths) {
  for (const char* bad : {"", "a..b", "a.", ".a", "a[", "a[]", "a]b", "a[0]b", "[0]", "a[\"x]"}) {
    EXPECT_THROW(parse_path(bad), std::invalid_argument) << bad;
  }
}

TEST(SweepValues, SplitsAtTopLevelCommasOnly) {
  EXPECT_EQ(split_values("multi-az,multi-az-cluster,aurora-global"),
            (std::vector<std::string>{"multi-az", "multi-az-cluster", "aurora-global"}));
  EXPECT_EQ(split_values("[],[\"us-west-2\"]"),
            (std::vector<std::string>{"[]", "[\"us-west-2\"]"}));
  EXPECT_EQ(split_values("{\"uniform\":[\"1m\",\"2m\"]}, 5m"),
            (std::vector<std::string>{"{\"uniform\":[\"1m\",\"2m\"]}", "5m"}));
  EXPECT_EQ(split_values("\"a,b\",c"), (std::vector<std::string>{"\"a,b\"", "c"}));
  EXPECT_EQ(split_values("\"say \\\"hi,\\\"\""), (std::vector<std::string>{"\"say \\\"hi,\\\"\""}));
  EXPECT_EQ(split_values(" 24h , 1h "), (std::vector<std::string>{"24h", "1h"}));
  for (const char* bad : {"", "a,,b", "a,", "[1,2", "[1}", "1]", "\"open"}) {
    EXPECT_THROW(split_values(bad), std::invalid_argument) << bad;
  }
}

TEST(SweepValues, JsonWhenItParsesElseAString) {
  EXPECT_EQ(parse_value("24h"), json("24h"));
  EXPECT_EQ(parse_value("multi-az"), json("multi-az"));
  EXPECT_EQ(parse_value("0.01"), json(0.01));
  EXPECT_EQ(parse_value("3"), json(3));
  EXPECT_EQ(parse_value("true"), json(true));
  EXPECT_EQ(parse_value("null"), json(nullptr));
  EXPECT_EQ(parse_value("\"24h\""), json("24h"));
  EXPECT_EQ(parse_value("[]"), json::array());
  EXPECT_EQ(parse_value("{\"uniform\":[\"1m\",\"2m\"]}"),
            json::parse("{\"uniform\":[\"1m\",\"2m\"]}"));
  EXPECT_THROW(parse_value("[us-west-2]"), std::invalid_argument);
  EXPECT_THROW(parse_value("{\"a\":}"), std::invalid_argument);
}

TEST(SweepSetting, ParsesAnArgument) {
  const Setting s = parse_setting("databases[tracker-db].backup.copy_to=[],[\"us-west-2\"]");
  EXPECT_EQ(s.path, "databases[tracker-db].backup.copy_to");
  EXPECT_EQ(s.values, (std::vector<json>{json::array(), json::parse("[\"us-west-2\"]")}));
  EXPECT_EQ(parse_setting("seed=1,2,3").values, (std::vector<json>{1, 2, 3}));
}

std::string first_problem(const std::function<void()>& f) {
  try {
    f();
  } catch (const scenario::ScenarioError& e) {
    return e.problems().front();
  }
  return "";
}

TEST(SweepSetting, BadArgumentsNameTheArgument) {
  EXPECT_EQ(first_problem([] { parse_setting("databases[*].deployment"); }),
            "--set databases[*].deployment: expected PATH=V1,V2,... such as "
            "databases[*].deployment=multi-az,single-az");
  EXPECT_EQ(first_problem([] { parse_setting("databases[*.deployment=a"); }),
            "--set databases[*.deployment=a: unclosed [ in databases[*.deployment");
  EXPECT_EQ(first_problem([] { parse_setting("seed=1,,2"); }),
            "--set seed=1,,2: empty value in \"1,,2\"");
}

json doc() {
  return json::parse(R"({
    "name": "t", "seed": 1,
    "databases": [
      {"name": "tracker-db", "deployment": "multi-az", "backup": {"snapshot": {"every": "24h"}}},
      {"name": "wiki-db", "deployment": "single-az"}
    ],
    "tiers": {"1": {"rpo": "1h", "rto": "6h"}}
  })");
}

void set_in(json& d, const std::string& arg, size_t value = 0) {
  const Setting s = parse_setting(arg);
  apply_setting(d, s, s.values.at(value));
}

TEST(SweepApply, EverySelectorForm) {
  json d = doc();
  set_in(d, "databases[*].deployment=aurora");
  EXPECT_EQ(d["databases"][0]["deployment"], "aurora");
  EXPECT_EQ(d["databases"][1]["deployment"], "aurora");
  set_in(d, "databases[1].deployment=single-az");
  EXPECT_EQ(d["databases"][1]["deployment"], "single-az");
  set_in(d, "databases[tracker-db].deployment=multi-az");
  EXPECT_EQ(d["databases"][0]["deployment"], "multi-az");
  set_in(d, "tiers.1.rpo=30m");
  EXPECT_EQ(d["tiers"]["1"]["rpo"], "30m");
  set_in(d, "seed=7");
  EXPECT_EQ(d["seed"], 7);
  set_in(d, "databases[wiki-db]={\"name\":\"wiki-db\",\"deployment\":\"multi-az\"}");
  EXPECT_EQ(d["databases"][1], json::parse(R"({"name":"wiki-db","deployment":"multi-az"})"));
}

TEST(SweepApply, CreatesTheLastKey) {
  json d = doc();
  set_in(d, "databases[tracker-db].backup.copy_to=[\"us-west-2\"]");
  EXPECT_EQ(d["databases"][0]["backup"]["copy_to"], json::parse("[\"us-west-2\"]"));
  set_in(d, "description=hello");
  EXPECT_EQ(d["description"], "hello");
}

TEST(SweepApply, EverySkipsElementsWithoutThePath) {
  json d = doc();
  set_in(d, "databases[*].backup.snapshot.every=1h");  // wiki-db has no backup: skipped
  EXPECT_EQ(d["databases"][0]["backup"]["snapshot"]["every"], "1h");
  EXPECT_FALSE(d["databases"][1].contains("backup"));
}

TEST(SweepApply, ErrorsNameTheArgumentAndThePath) {
  auto problem = [](const std::string& arg) {
    return first_problem([&] {
      json d = doc();
      set_in(d, arg);
    });
  };
  EXPECT_EQ(problem("databases[*].restore.base=1h"),
            "--set databases[*].restore.base=1h: databases[0].restore: no such key (expected one "
            "of: backup, deployment, name)");
  EXPECT_EQ(problem("databases[tracker-db].backup.snapshott.every=1h"),
            "--set databases[tracker-db].backup.snapshott.every=1h: "
            "databases[0].backup.snapshott: no such key (did you mean \"snapshot\"?)");
  EXPECT_EQ(problem("databases[trackr-db].deployment=aurora"),
            "--set databases[trackr-db].deployment=aurora: databases: no element named "
            "\"trackr-db\" (did you mean \"tracker-db\"?)");
  EXPECT_EQ(problem("databases[5].deployment=aurora"),
            "--set databases[5].deployment=aurora: databases has 2 elements, so [5] is out of "
            "range");
  EXPECT_EQ(problem("tiers[*].rpo=1h"),
            "--set tiers[*].rpo=1h: tiers is an object, not an array, so a selector such as [*] "
            "selects nothing in it");
  EXPECT_EQ(problem("name.first=x"),
            "--set name.first=x: name is a string, not an object, so it has no key \"first\"");
  EXPECT_EQ(problem("regions[*].name=x"),
            "--set regions[*].name=x: regions: no such key (expected one of: databases, name, "
            "seed, tiers)");
  json empty = doc();
  empty["faults"] = json::array();
  EXPECT_EQ(first_problem([&] { set_in(empty, "faults[*].at=1d"); }),
            "--set faults[*].at=1d: faults is an empty array, so [*] selects nothing");
}

}  // namespace
}  // namespace drsim::models::sweep::setting_test
