// Scenarios and helpers shared by the loader's tests (loader_test.cc and the per-section tests
// beside it): a minimal and a full scenario, loading them, and their problems.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/loader.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace drsim::models::scenario::loader_testing {

using nlohmann::json;
using sim::Distribution;
using sim::Duration;

// A test name for a file parameter: every character that is not a letter or a digit becomes '_'
// (gtest allows no other).
inline std::string file_param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// A small valid scenario; most tests change one thing in it.
inline json minimal() {
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
inline json full() {
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

inline Scenario load(const json& j) { return load_scenario_text(j.dump(), "s.json", ""); }

inline std::vector<std::string> problems_of_text(std::string_view text) {
  try {
    load_scenario_text(text, "s.json", "");
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

inline std::vector<std::string> problems(const json& j) { return problems_of_text(j.dump()); }

// The only problem of `j`; fails the test when there is not exactly one.
inline std::string problem(const json& j) {
  const std::vector<std::string> p = problems(j);
  EXPECT_EQ(p.size(), 1u) << testing::PrintToString(p);
  return p.empty() ? "" : p.front();
}

// `base` with the value at JSON pointer `pointer` set to `value` (parsed from JSON text).
inline json with(json base, const std::string& pointer, std::string_view value) {
  base[json::json_pointer(pointer)] = json::parse(value);
  return base;
}

inline json without(json base, const std::string& pointer) {
  const json::json_pointer p(pointer);
  base[p.parent_pointer()].erase(p.back());
  return base;
}

inline Distribution uniform(Duration lo, Duration hi) {
  return *Distribution::uniform(lo, hi, nullptr);
}
inline Distribution constant(Duration d) { return Distribution::constant(d); }

// A full scenario whose faults are just `f` (a JSON object text).
inline json fault(std::string_view f) {
  return with(full(), "/faults", "[" + std::string(f) + "]");
}
inline std::string fault_problem(std::string_view f) { return problem(fault(f)); }

}  // namespace drsim::models::scenario::loader_testing
