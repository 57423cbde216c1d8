// Report statistics: quantiles, Wilson intervals, verdicts, censoring and total losses.
#include "models/report/summary.h"

#include <gtest/gtest.h>

#include <cmath>

namespace drsim::models::report {
namespace {

TEST(Summary, QuantilesInterpolateBetweenOrderStatistics) {
  const SampleStats s = summarize(std::vector<double>{4, 1, 3, 2, 5});
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_DOUBLE_EQ(s.p50, 3);
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
  EXPECT_DOUBLE_EQ(s.p99, 4.96);
  EXPECT_DOUBLE_EQ(s.max, 5);
  EXPECT_EQ(summarize(std::vector<double>{}).n, 0u);
}

TEST(Summary, WilsonIntervalMatchesReferenceValues) {
  // Reference: 95 % Wilson interval for 8/10 is [0.4902, 0.9433]; for 0/20, [0, 0.1611].
  const Proportion p = wilson95(8, 10);
  EXPECT_NEAR(p.lo, 0.4902, 1e-4);
  EXPECT_NEAR(p.hi, 0.9433, 1e-4);
  const Proportion z = wilson95(0, 20);
  EXPECT_DOUBLE_EQ(z.lo, 0);
  EXPECT_NEAR(z.hi, 0.1611, 1e-4);
  const Proportion all = wilson95(1000, 1000);
  EXPECT_DOUBLE_EQ(all.hi, 1);
  EXPECT_NEAR(all.lo, 0.99617, 1e-5);
}

TEST(Summary, VerdictIsMetMissedOrUncertainByTheIntervals) {
  EXPECT_EQ(verdict_for(wilson95(1000, 1000), wilson95(1000, 1000), 0.95), Verdict::kMet);
  EXPECT_EQ(verdict_for(wilson95(1000, 1000), wilson95(500, 1000), 0.95), Verdict::kMissed);
  EXPECT_EQ(verdict_for(wilson95(19, 20), wilson95(20, 20), 0.95), Verdict::kUncertain);
  EXPECT_EQ(verdict_for(wilson95(0, 0), wilson95(0, 0), 0.95), Verdict::kMet);
}

Results one_tier_results(std::vector<IncidentSample> incidents) {
  Results r;
  r.scenario = "x";
  r.trials = 10;
  r.horizon_s = 1000;
  r.tiers[1] = {sim::Duration::seconds(100), sim::Duration::seconds(200)};
  r.services.push_back({"svc", 1, std::move(incidents), 50});
  return r;
}

TEST(Summary, TotalLossIsCountedAndNeverFoldedIntoTheRpo) {
  const Summary s = summarize(one_tier_results({{10, 20, false, false}, {0, 30, true, false}}));
  ASSERT_EQ(s.tiers.size(), 1u);
  const TierSummary& t = s.tiers[0];
  EXPECT_EQ(t.total_loss, 1u);
  EXPECT_EQ(t.rpo_s.n, 1u);
  EXPECT_DOUBLE_EQ(t.rpo_s.max, 10);
  EXPECT_EQ(t.met_rpo.successes, 1u);
  EXPECT_EQ(t.met_rpo.trials, 2u);  // the total loss is a miss
}

TEST(Summary, CensoredIncidentsMissTheRtoOnlyOnceOpenLongerThanTheTarget) {
  const Summary s = summarize(one_tier_results(
      {{0, 50, false, false}, {0, 150, false, true}, {0, 250, false, true}}));
  const TierSummary& t = s.tiers[0];
  EXPECT_EQ(t.censored, 2u);
  EXPECT_EQ(t.rto_s.n, 1u);
  EXPECT_EQ(t.met_rto.trials, 2u);  // 50 s met; open 250 s missed; open 150 s unknown
  EXPECT_EQ(t.met_rto.successes, 1u);
}

TEST(Summary, AvailabilityAndNinesComeFromDowntime) {
  const Summary s = summarize(one_tier_results({}));
  ASSERT_EQ(s.services.size(), 1u);
  EXPECT_DOUBLE_EQ(s.services[0].availability, 1 - 50.0 / 10000);
  EXPECT_EQ(s.services[0].incidents.verdict, Verdict::kMet);
  EXPECT_NEAR(*s.services[0].nines, 2.30103, 1e-5);
}

TEST(Summary, DatabaseAvailabilityIntervalComesFromTheTrialToTrialVariance) {
  // Four trials of 1000 s with 0, 10, 20 and 30 s of downtime: per-trial availabilities
  // 1, 0.99, 0.98, 0.97 (mean 0.985, sample sd 0.0129), standard error 0.00645.
  Results r = one_tier_results({});
  r.trials = 4;
  r.databases.push_back({"db", 60'000'000, 0 + 100 + 400 + 900, 0.99, true});
  const Summary s = summarize(r);
  ASSERT_EQ(s.databases.size(), 1u);
  const DatabaseSummary& db = s.databases[0];
  EXPECT_DOUBLE_EQ(db.availability, 0.985);
  const double se = std::sqrt(0.0005 / 3 / 4);
  EXPECT_NEAR(db.availability_se, se, 1e-15);
  EXPECT_NEAR(db.ci95_lo, 0.985 - 1.959963984540054 * se, 1e-12);
  EXPECT_NEAR(db.ci95_hi, 0.985 + 1.959963984540054 * se, 1e-12);
  EXPECT_EQ(db.analytic_availability, 0.99);
  EXPECT_TRUE(db.analytic_exact);
}

TEST(Summary, DatabaseAvailabilityWithOneTrialHasNoInterval) {
  Results r = one_tier_results({});
  r.trials = 1;
  r.databases.push_back({"db", 5'000'000, 25, std::nullopt, false});
  const DatabaseSummary db = summarize(r).databases[0];
  EXPECT_DOUBLE_EQ(db.availability, 0.995);
  EXPECT_EQ(db.ci95_lo, 0);
  EXPECT_EQ(db.ci95_hi, 1);
  EXPECT_FALSE(db.analytic_availability);
}

}  // namespace
}  // namespace drsim::models::report
