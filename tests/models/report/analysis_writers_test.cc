// The `drsim analyze` document: DESIGN.md §5's fields per database, null for "never" and for
// "no answer", and a table with a row per database and each note once.
#include "models/report/analysis_writers.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing::analysis_writers_test {
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
  const auto& b = json["databases"][1];
  EXPECT_NEAR(b["mttdl_s"].get<double>(), 100 * 365 * 86400.0, 1e-3);
  EXPECT_TRUE(b["not_covered"].empty());
  // Without backups the disaster is the end of it: gone for good in the long run, and over the
  // horizon the share of it before the disaster, what `run` estimates.
  EXPECT_EQ(b["long_run_availability"].get<double>(), 0.0);
  EXPECT_EQ(b["availability"], b["horizon_availability"]);
  EXPECT_LT(b["availability"].get<double>(), 1.0);
  EXPECT_GT(b["availability"].get<double>(), 0.999);
}

TEST(AnalysisWriters, ADriftingDatabaseReportsItsAvailabilityOverTheHorizon) {
  // Outages of a1 only: a Multi-AZ database whose instance in a1 is replaced during an outage
  // gets it back in a3 (built from the primary in a2), out of the outages' reach for good. Its
  // long run (never down) is not where it starts; over the year the failovers count.
  const auto analysis = models::analytic::analyze(plan_of(region_scenario(
      R"([{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
           "replace": {"exponential": {"mean": "2h"}},
           "failover": {"detect": {"exponential": {"mean": "30m"}}, "promote": "0s", "dns": "0s"}}])",
      R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])",
      R"([{"kind": "az_outage", "target": "a1", "rate": "1/30d",
           "duration": {"exponential": {"mean": "3h"}}}])",
      R"(["a1", "a2", "a3"])", "365d")));
  const auto json = models::report::analysis_json("t", analysis);
  const auto& db = json["databases"][0];
  EXPECT_EQ(db["long_run_availability"].get<double>(), 1.0);
  EXPECT_EQ(db["availability"], db["horizon_availability"]);
  EXPECT_LT(db["availability"].get<double>(), 1.0);
  EXPECT_NEAR(db["downtime_s_per_year"].get<double>(),
              (1 - db["availability"].get<double>()) * 365 * 86400, 1e-6);
  const std::string table = models::report::analysis_terminal("t", analysis);
  EXPECT_NE(table.find("the long run is 100.00000 %"), std::string::npos) << table;
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
}  // namespace drsim::testing::analysis_writers_test
