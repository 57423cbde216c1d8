// `drsim analyze` never looks safe by omission (issue 9): a fault the chains leave out makes the
// figures it affects "not covered" instead of a number; backups, replicas and snapshot copies in
// another region change the mean time to total loss; storage failures are in the chains. Each
// figure against its closed form.
#include "models/analytic/analysis.h"

#include <gtest/gtest.h>

#include <cmath>

#include "../model_test_support.h"
#include "models/report/analysis_writers.h"

namespace drsim::testing::analysis_test {
namespace {

using models::analytic::DatabaseAnalysis;

constexpr double kYear = 365 * 86400.0;

// One database "db" of region r (AZs a1..a3) with region s (s1, s2) beside it.
DatabaseAnalysis analysis_of(const std::string& database, const std::string& faults) {
  const models::Plan plan = plan_of(R"({"name": "t", "horizon": "1y", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}, {"name": "s", "azs": ["s1", "s2"]}],
    "databases": [)" + database + R"(],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
    "faults": )" + faults + "}");
  auto all = models::analytic::analyze(plan);
  EXPECT_EQ(all.size(), 1u);
  return all.front();
}

const std::string kSingleAz =
    R"({"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"])";
const std::string kDailySnapshots = R"("backup": {"snapshot": {"every": "24h", "retention": "7d"})";
const std::string kDisasters = R"([{"kind": "disaster", "target": "r", "rate": "1/100y"},
                                   {"kind": "disaster", "target": "s", "rate": "1/100y"}])";

TEST(Analysis, AFixedTimeOutageMakesTheAvailabilityNotCovered) {
  const DatabaseAnalysis a = analysis_of(
      kSingleAz + "}", R"([{"kind": "az_outage", "target": "a1", "at": "10d", "duration": "2h"}])");
  EXPECT_FALSE(a.availability());
  EXPECT_FALSE(a.downtime_s_per_year());
  ASSERT_EQ(a.not_covered(), std::vector<std::string>{"availability"});
  // Nothing destroys data: the mean times are covered, and never.
  ASSERT_TRUE(a.mttdl_s());
  EXPECT_FALSE(*a.mttdl_s());

  const auto json = models::report::analysis_json("t", {a});
  const auto& db = json["databases"][0];
  EXPECT_TRUE(db["availability"].is_null());
  EXPECT_TRUE(db["downtime_s_per_year"].is_null());
  EXPECT_EQ(db["not_covered"], nlohmann::json::array({"availability"}));
  EXPECT_FALSE(db["covers_all_faults"].get<bool>());
  const std::string table = models::report::analysis_terminal("t", {a});
  EXPECT_NE(table.find("not covered"), std::string::npos) << table;
  EXPECT_EQ(table.find("100.00000"), std::string::npos) << table;
}

TEST(Analysis, ADisasterOfTheHomeRegionWithBackupsLeavesTheAvailabilityNotCovered) {
  // The chain does not model the restore that follows; MTTDL is the disaster's (it takes the
  // backups with the copies).
  const DatabaseAnalysis a = analysis_of(kSingleAz + ", " + kDailySnapshots + "}}",
                                         R"([{"kind": "disaster", "target": "r", "rate": "1/100y"}])");
  EXPECT_FALSE(a.availability());
  ASSERT_TRUE(a.mttdl_s() && *a.mttdl_s());
  EXPECT_NEAR(**a.mttdl_s() / (100 * kYear), 1.0, 1e-9);
}

TEST(Analysis, ADisasterWithNothingToRestoreFromIsTheEnd) {
  // No backups, no replicas: the first disaster is for good. Over a year from everything up the
  // expected availability is (1 − e^−λT) / λT with λT = 0.01; in the long run it is 0.
  const DatabaseAnalysis a = analysis_of(kSingleAz + "}", kDisasters);
  ASSERT_TRUE(a.availability());
  const double lt = 0.01;
  EXPECT_NEAR(*a.availability(), -std::expm1(-lt) / lt, 1e-7);
  EXPECT_TRUE(a.chain->lost_for_good);
  EXPECT_DOUBLE_EQ(a.chain->availability, 0.0);
  EXPECT_NEAR(**a.mttdl_s() / (100 * kYear), 1.0, 1e-9);
}

TEST(Analysis, ACopyInAnotherRegionLengthensTheMttdl) {
  // Two independent exponential lifetimes of mean 100 y (the home region's disaster, s's): the
  // data is gone when both are, E[max] = 100 + 100 − 50 = 150 y. The write loss stays at the
  // home region's 100 y.
  for (const std::string& database :
       {kSingleAz + ", " + kDailySnapshots + R"(, "copy_to": ["s"]}})",
        kSingleAz + R"(, "replicas": [{"region": "s", "lag": "1s"}]})"}) {
    const DatabaseAnalysis a = analysis_of(database, kDisasters);
    ASSERT_TRUE(a.mttdl_s() && *a.mttdl_s()) << database;
    EXPECT_NEAR(**a.mttdl_s() / (150 * kYear), 1.0, 1e-9) << database;
    ASSERT_TRUE(a.mean_time_to_write_loss_s() && *a.mean_time_to_write_loss_s()) << database;
    EXPECT_NEAR(**a.mean_time_to_write_loss_s() / (100 * kYear), 1.0, 1e-9) << database;
  }
  // Without the copy the MTTDL is the home region's.
  const DatabaseAnalysis home = analysis_of(kSingleAz + ", " + kDailySnapshots + "}}", kDisasters);
  EXPECT_NEAR(**home.mttdl_s() / (100 * kYear), 1.0, 1e-9);
}

TEST(Analysis, StorageFailuresAreInTheChains) {
  // A single-AZ database without backups loses everything at its storage's first failure.
  const DatabaseAnalysis single =
      analysis_of(kSingleAz + "}", R"([{"kind": "storage_failure", "target": "db", "mtbf": "10y"}])");
  EXPECT_TRUE(single.not_covered().empty());
  EXPECT_NEAR(**single.mttdl_s() / (10 * kYear), 1.0, 1e-9);
  // Multi-AZ: two units failing at λ each, the failed one rebuilt from the survivor in mean 1/μ:
  // MTTF = (3λ + μ) / (2λ²).
  const DatabaseAnalysis multi = analysis_of(
      R"({"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"],
          "replace": {"exponential": {"mean": "1d"}}})",
      R"([{"kind": "storage_failure", "target": "db", "mtbf": "1y"}])");
  const double l = 1 / kYear, mu = 1 / 86400.0;
  ASSERT_TRUE(multi.mttdl_s() && *multi.mttdl_s());
  EXPECT_NEAR(**multi.mttdl_s() / ((3 * l + mu) / (2 * l * l)), 1.0, 1e-6);
  // A storage failure of the primary is a failover: it costs availability.
  ASSERT_TRUE(multi.availability());
  EXPECT_LT(*multi.availability(), 1.0);
}

TEST(Analysis, AnAvailabilityIsNeverAboveOne) {
  // Fires of every AZ with nothing to restore from: the horizon's figure, extrapolated, could
  // overshoot 1 by rounding (it showed 100.00004 % and a negative downtime).
  const DatabaseAnalysis a = analysis_of(
      R"({"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]})",
      R"([{"kind": "az_outage", "target": "*", "rate": "1/10y", "destroys_data": true,
           "duration": "2h"}])");
  ASSERT_TRUE(a.availability());
  EXPECT_LE(*a.availability(), 1.0);
  EXPECT_GE(*a.downtime_s_per_year(), 0.0);
}

TEST(Analysis, ASolveThatFailsIsNoAnswerNeverNever) {
  // Aurora's copies fail rarely and are re-created in minutes: the data-loss chain is singular in
  // double precision. Its write loss must be a number or no answer, never "never".
  const DatabaseAnalysis a = analysis_of(
      R"({"name": "db", "deployment": "aurora", "region": "r", "azs": ["a1", "a2", "a3"],
          "replace": {"exponential": {"mean": "10m"}},
          "backup": {"snapshot": {"every": "24h", "retention": "7d"}}})",
      R"([{"kind": "storage_failure", "target": "db", "mtbf": "5y"}])");
  const auto write_loss = a.mean_time_to_write_loss_s();
  EXPECT_FALSE(write_loss && !*write_loss) << "write loss 'never' with storage failures";
}

}  // namespace
}  // namespace drsim::testing::analysis_test
