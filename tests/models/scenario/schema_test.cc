// The generated JSON Schema: its shape for a few keys, its determinism, and unit patterns that
// accept exactly what the unit parsers of sim/units.h accept (std::regex's ECMAScript grammar
// stands in for JSON Schema's ECMA-262 patterns; the patterns keep to their common subset).
#include "models/scenario/schema.h"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "sim/units.h"

namespace drsim::models::scenario::schema_test {
namespace {

using nlohmann::ordered_json;

bool matches(ValueKind kind, bool positive, const std::string& text) {
  const std::regex pattern(std::string(unit_pattern(kind, positive)), std::regex::ECMAScript);
  return std::regex_search(text, pattern);
}

// Checks that the pattern of `kind` matches exactly the samples `accepts` takes, and that it
// takes at least each of `accepted` and none of `rejected` (so the samples cover both sides).
void expect_agreement(ValueKind kind, bool positive,
                      const std::function<bool(const std::string&)>& accepts,
                      const std::vector<std::string>& accepted,
                      const std::vector<std::string>& rejected,
                      const std::vector<std::string>& either = {}) {
  for (const std::string& s : accepted) {
    EXPECT_TRUE(accepts(s)) << "the parser rejects " << s;
    EXPECT_TRUE(matches(kind, positive, s)) << "the pattern rejects " << s;
  }
  for (const std::string& s : rejected) {
    EXPECT_FALSE(accepts(s)) << "the parser accepts " << s;
    EXPECT_FALSE(matches(kind, positive, s)) << "the pattern accepts " << s;
  }
  for (const std::string& s : either) {
    EXPECT_EQ(matches(kind, positive, s), accepts(s)) << s;
  }
}

bool is_duration(const std::string& s) { return sim::parse_duration(s).has_value(); }
bool is_positive_duration(const std::string& s) {
  const std::optional<sim::Duration> d = sim::parse_duration(s);
  return d && d->count_us() > 0;
}
bool is_throughput(const std::string& s) {
  return sim::parse_throughput_bytes_per_s(s).has_value();
}
bool is_positive_throughput(const std::string& s) {
  const std::optional<double> t = sim::parse_throughput_bytes_per_s(s);
  return t && *t > 0;
}

TEST(ScenarioSchema, DurationPatternIsTheParsersGrammar) {
  expect_agreement(
      ValueKind::kDuration, false, is_duration,
      {"90s", "1h30m", "250ms", "1y", "3d13h37m", "0s", "1.5h", ".5s", "10us", "2w", "1m1s1ms"},
      {"90",   "1 h",  "5x",     "",    "-1s", "1e3s", "h",    "1h30", "s1",   "1.2.3s", "1H",
       "90s ", " 90s", "1h 30m", "1hh", "1ss", ".s",   "1,5h", "+1s",  "1mus", "1sm"},
      {"5.s", "5.", "1.h30m", "00h"});
}

TEST(ScenarioSchema, PositiveDurationPatternRefusesZero) {
  expect_agreement(ValueKind::kDuration, true, is_positive_duration,
                   {"90s", "0.5s", "0s1ms", "1y", ".1ms", "10us"},
                   {"0s", "0.0s", "00m", "0h0m", ".0s", "90"});
}

TEST(ScenarioSchema, RatePatternIsTheParsersGrammar) {
  const auto is_rate = [](const std::string& s) { return sim::parse_rate_per_s(s).has_value(); };
  expect_agreement(
      ValueKind::kRate, false, is_rate,
      {"500/s", "1/5y", "2/h", "0/s", "1.5/d", "1/.5s", "1/s30m", "1/1h30m", "400/1s", "3/0.5h"},
      {"500", "500/", "/s", "1/0s", "1/0.0s", "500/x", "1e3/s", "500 /s", "-1/s", "1/5", "1//s",
       "1/s/s", "a/s", "1/5 y", "1/-5y"},
      {"1./s", "1/.s", "1/5.s", "1/00.5s"});
}

TEST(ScenarioSchema, SizePatternIsTheParsersGrammar) {
  const auto is_size = [](const std::string& s) { return sim::parse_size_bytes(s).has_value(); };
  expect_agreement(ValueKind::kSize, false, is_size,
                   {"500GiB", "2TB", "1B", "0.5KiB", "800GiB", "0B", "3PiB"},
                   {"500G", "500gib", "500 GiB", "GiB", "500GiB/s", "1e3B", "500", "5kB", "5Kib"});
}

TEST(ScenarioSchema, ThroughputPatternIsTheParsersGrammar) {
  expect_agreement(
      ValueKind::kThroughput, false, is_throughput,
      {"150MiB/s", "5Gbps", "1bps", "10kbps", "1GB/s", "0Gbps", "1B/s", "2Tbps"},
      {"5Gb", "150MiB", "5gbps", "5Kbps", "150MiB/h", "/s", "5 Gbps", "5Gbps/s", "5bps/s", "B/s"});
  expect_agreement(ValueKind::kThroughput, true, is_positive_throughput,
                   {"150MiB/s", "0.5B/s", "5Gbps"}, {"0Gbps", "0.0B/s", "00MiB/s"});
}

TEST(ScenarioSchema, TimeOfDayPatternIsTheParsersGrammar) {
  const auto is_time = [](const std::string& s) { return sim::parse_time_of_day(s).has_value(); };
  expect_agreement(ValueKind::kTimeOfDay, false, is_time,
                   {"03:00", "23:59:59", "00:00", "12:30:05"},
                   {"3:00", "24:00", "03:60", "03:00:60", "03:00Z", "0300", "03:00:0", "", "03:0"});
}

TEST(ScenarioSchema, UtcInstantPatternIsTheParsersGrammar) {
  const auto is_instant = [](const std::string& s) {
    return sim::parse_utc_instant(s).has_value();
  };
  expect_agreement(ValueKind::kUtcInstant, false, is_instant,
                   {"2026-03-03T00:00:00Z", "2026-03-03", "2028-02-29", "2000-02-29",
                    "2026-12-31T23:59Z", "2026-04-30", "2026-01-31T13:37:00Z", "0400-02-29"},
                   {"2026-02-29", "1900-02-29", "2026-02-31", "2026-04-31", "2026-13-01",
                    "2026-00-10", "2026-03-00", "2026-3-3", "2026-03-03T00:00:00",
                    "2026-03-03 00:00:00Z", "2026-03-03T24:00:00Z", "2026-03-03Z", "26-03-03"},
                   {"0000-02-29", "2100-02-29", "2400-02-29", "1996-02-29"});
}

// Where the patterns and the parsers part ways, by design: values out of a parser's range.
TEST(ScenarioSchema, PatternsDoNotCheckRanges) {
  EXPECT_TRUE(matches(ValueKind::kDuration, false, "99999999999999999999d"));
  EXPECT_FALSE(is_duration("99999999999999999999d"));
}

ordered_json def(const ordered_json& schema, const std::string& name) {
  return schema.at("$defs").at(name);
}

TEST(ScenarioSchema, ShapeOfSomeKeys) {
  const ordered_json schema = scenario_schema();
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema.at("type"), "object");
  EXPECT_EQ(schema.at("additionalProperties"), false);
  EXPECT_EQ(schema.at("required"), (ordered_json{"name", "horizon", "regions"}));

  const ordered_json& horizon = schema.at("properties").at("horizon");
  EXPECT_EQ(horizon.at("type"), "string");
  EXPECT_EQ(horizon.at("pattern"), std::string(unit_pattern(ValueKind::kDuration, true)));
  EXPECT_FALSE(horizon.at("description").get<std::string>().empty());
  EXPECT_EQ(schema.at("properties").at("trials").at("default"), 1000);
  EXPECT_EQ(schema.at("properties").at("databases").at("items").at("$ref"), "#/$defs/database");
  EXPECT_EQ(schema.at("properties").at("$schema").at("type"), "string");

  const ordered_json database = def(schema, "database");
  EXPECT_EQ(database.at("properties").at("deployment").at("enum"),
            (ordered_json{"single-az", "multi-az", "multi-az-cluster", "aurora", "aurora-global"}));
  EXPECT_EQ(database.at("properties").at("replace").at("$ref"), "#/$defs/distribution");
  EXPECT_EQ(database.at("properties").at("replace").at("default"), "10m");
  EXPECT_EQ(database.at("properties").at("backup").at("$ref"), "#/$defs/backup");
  EXPECT_EQ(database.at("properties").at("size").at("pattern"),
            std::string(unit_pattern(ValueKind::kSize)));
  EXPECT_EQ(database.at("properties").at("write_rate").at("pattern"),
            std::string(unit_pattern(ValueKind::kRate)));
  EXPECT_EQ(def(schema, "snapshot").at("properties").at("at").at("pattern"),
            std::string(unit_pattern(ValueKind::kTimeOfDay)));
  EXPECT_EQ(def(schema, "link").at("properties").at("bandwidth").at("pattern"),
            std::string(unit_pattern(ValueKind::kThroughput, true)));

  const ordered_json fault = def(schema, "fault");
  EXPECT_EQ(fault.at("properties").at("kind").at("enum").size(), 12u);
  // at, rate, mtbf, trace, every, and every with at.
  ASSERT_EQ(fault.at("oneOf").size(), 6u);
  EXPECT_EQ(fault.at("oneOf").at(0).at("required"), (ordered_json{"at"}));
  EXPECT_EQ(fault.at("oneOf").at(0).at("not").at("anyOf").size(), 4u);
  EXPECT_EQ(fault.at("oneOf").at(5).at("required"), (ordered_json{"every", "at"}));
  EXPECT_EQ(fault.at("oneOf").at(5).at("not").at("anyOf").size(), 3u);
  EXPECT_EQ(def(schema, "distribution_object").at("oneOf").at(0),
            (ordered_json{{"required", {"constant"}}}));

  const ordered_json silent = def(schema, "backup").at("properties").at("silent_corruption");
  EXPECT_EQ(silent.at("minimum"), 0);
  EXPECT_EQ(silent.at("maximum"), 1);
  const ordered_json slo = schema.at("properties").at("tier_slo");
  EXPECT_EQ(slo.at("exclusiveMinimum"), 0);
  EXPECT_EQ(slo.at("maximum"), 1);

  const ordered_json distribution = def(schema, "distribution");
  EXPECT_EQ(distribution.at("anyOf").at(0).at("pattern"),
            std::string(unit_pattern(ValueKind::kDuration)));
  EXPECT_EQ(distribution.at("anyOf").at(1).at("$ref"), "#/$defs/distribution_object");
  EXPECT_EQ(def(schema, "distribution_object").at("oneOf").size(), 7u);
  EXPECT_EQ(def(schema, "tiers").at("patternProperties").at("^[0-3]$").at("$ref"), "#/$defs/tier");
  EXPECT_EQ(def(schema, "instance_hour").at("additionalProperties").at("minimum"), 0);
}

// Every object schema refuses unknown keys, and every "$ref" names a "$defs" entry.
void check_node(const ordered_json& node, const ordered_json& defs, const std::string& where) {
  if (node.is_object()) {
    if (node.contains("$ref")) {
      const std::string ref = node.at("$ref");
      ASSERT_EQ(ref.rfind("#/$defs/", 0), 0u) << where;
      EXPECT_TRUE(defs.contains(ref.substr(8))) << where << ": " << ref;
    }
    if (node.value("type", "") == "object") {
      EXPECT_TRUE(node.contains("additionalProperties")) << where;
      if (node.contains("properties")) {
        EXPECT_EQ(node.at("additionalProperties"), false) << where;
      }
    }
    for (const auto& [key, value] : node.items()) check_node(value, defs, where + "/" + key);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      check_node(node[i], defs, where + "/" + std::to_string(i));
    }
  }
}

TEST(ScenarioSchema, ObjectsAreClosedAndReferencesResolve) {
  const ordered_json schema = scenario_schema();
  check_node(schema, schema.at("$defs"), "");
  for (const KeyTable* table : all_key_tables()) {
    if (table != &scenario_keys()) {
      EXPECT_TRUE(schema.at("$defs").contains(table->name));
    }
  }
}

TEST(ScenarioSchema, KeysInTableOrderAndTheSameTextEveryTime) {
  const ordered_json schema = scenario_schema();
  std::vector<std::string> keys;
  for (const auto& [key, value] : schema.at("properties").items()) keys.push_back(key);
  std::vector<std::string> table;
  for (const Key& key : scenario_keys().keys) table.emplace_back(key.name);
  EXPECT_EQ(keys, table);
  EXPECT_EQ(scenario_schema_text(), scenario_schema_text());
  EXPECT_EQ(scenario_schema_text().back(), '\n');
  EXPECT_EQ(ordered_json::parse(scenario_schema_text()), schema);
}

}  // namespace
}  // namespace drsim::models::scenario::schema_test
