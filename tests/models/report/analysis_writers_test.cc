// The `drsim analyze` document: DESIGN.md §5's fields per database, null for "never" and for
// "no answer", and a table with a row per database and each note once.
#include "models/report/analysis_writers.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing {
namespace {

std::vector<models::analytic::DatabaseAnalysis> analysis_of(const std::string& faults) {
  return models::analytic::analyze(plan_of(region_scenario(
      R"([{"name": "a-db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]},
          {"name": "b-db", "deployment": "single-az", "region": "r", "azs": ["a3"]}])",
      R"([{"name": "svc", "tier": 1, "uses": ["a-db", "b-db"], "depends_on": []}])", faults)));
}

TEST(AnalysisWriters, JsonHasTheContractFieldsWithNullForNever) {
  const auto json = models::report::analysis_json(
      "t", analysis_of(R"([{"kind": "instance_failure", "target": "*", "mtbf": "30d"}])"));
  ASSERT_EQ(json["databases"].size(), 2u);
  const auto& a = json["databases"][0];
  EXPECT_EQ(a["name"], "a-db");
  EXPECT_EQ(a["deployment"], "multi-az");
  EXPECT_TRUE(a["availability"].is_number());
  EXPECT_LT(a["availability"].get<double>(), 1.0);
  EXPECT_NEAR(a["downtime_s_per_year"].get<double>(),
              (1 - a["availability"].get<double>()) * 365 * 86400, 1e-6);
  EXPECT_TRUE(a["mttdl_s"].is_null());  // nothing destroys data
  EXPECT_TRUE(a["nines"].is_number());
  EXPECT_TRUE(a["horizon_availability"].is_number());
  EXPECT_EQ(a["availability"], a["long_run_availability"]);  // it does not drift
  EXPECT_FALSE(a["exact"].get<bool>());  // the default failover and replace are not exponential
  EXPECT_TRUE(a["covers_all_faults"].get<bool>());
  EXPECT_TRUE(a["notes"].is_array());
}

TEST(AnalysisWriters, MttdlIsANumberWhenSomethingDestroysData) {
  const auto json = models::report::analysis_json(
      "t", analysis_of(R"([{"kind": "disaster", "target": "r", "rate": "1/100y"}])"));
  EXPECT_NEAR(json["databases"][1]["mttdl_s"].get<double>(), 100 * 365 * 86400.0, 1e-3);
  EXPECT_EQ(json["databases"][1]["availability"].get<double>(), 1.0);
  EXPECT_TRUE(json["databases"][1]["nines"].is_null());  // never down
}

TEST(AnalysisWriters, ADriftingDatabaseReportsItsAvailabilityOverTheHorizon) {
  // Outages of a1 only, and instance failures: a single-AZ database replaced during an outage
  // lands in a2, out of the outages' reach for good. Its long run is not where it starts.
  const auto analysis = models::analytic::analyze(plan_of(region_scenario(
      R"([{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"],
           "replace": {"exponential": {"mean": "2h"}}}])",
      R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])",
      R"([{"kind": "instance_failure", "target": "*", "mtbf": "60d"},
          {"kind": "az_outage", "target": "a1", "rate": "1/90d",
           "duration": {"exponential": {"mean": "3h"}}}])",
      R"(["a1", "a2", "a3"])", "365d")));
  const auto json = models::report::analysis_json("t", analysis);
  const auto& db = json["databases"][0];
  EXPECT_EQ(db["availability"], db["horizon_availability"]);
  EXPECT_GT(db["long_run_availability"].get<double>() - db["availability"].get<double>(), 1e-3);
  EXPECT_NEAR(db["downtime_s_per_year"].get<double>(),
              (1 - db["availability"].get<double>()) * 365 * 86400, 1e-6);
  const std::string table = models::report::analysis_terminal("t", analysis);
  EXPECT_NE(table.find("the long run is 99.86130 %"), std::string::npos) << table;
}

TEST(AnalysisWriters, TableHasARowPerDatabaseAndEachNoteOnce) {
  const std::string table = models::report::analysis_terminal(
      "t", analysis_of(R"([{"kind": "az_outage", "target": "a1", "at": "1h", "duration": "1h"}])"));
  EXPECT_NE(table.find("a-db"), std::string::npos);
  EXPECT_NE(table.find("b-db"), std::string::npos);
  const std::string note = "az_outage of a1 at a fixed time";
  const size_t first = table.find(note);
  ASSERT_NE(first, std::string::npos) << table;
  EXPECT_EQ(table.find(note, first + 1), std::string::npos) << table;
  EXPECT_NE(table.find("(all databases)"), std::string::npos) << table;
}

}  // namespace
}  // namespace drsim::testing
