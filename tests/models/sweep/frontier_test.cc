// Compliance, the Pareto frontier, the cheapest compliant point and the nearest miss, on
// hand-built outcomes and summaries.
#include "models/sweep/frontier.h"

#include <gtest/gtest.h>

namespace drsim::models::sweep {
namespace {

Outcome point(double cost, std::map<int, double> worst, bool compliant, bool valid = true) {
  return Outcome{valid, cost, std::move(worst), compliant};
}

TEST(SweepFrontier, DominanceNeedsNoWorseEverywhereAndBetterSomewhere) {
  const Outcome a = point(100, {{1, 0.9}}, false);
  EXPECT_TRUE(dominates(point(90, {{1, 0.9}}, false), a));    // cheaper, as good
  EXPECT_TRUE(dominates(point(100, {{1, 0.95}}, false), a));  // as cheap, better
  EXPECT_FALSE(dominates(a, a));                              // equal: neither
  EXPECT_FALSE(dominates(point(90, {{1, 0.8}}, false), a));   // cheaper but worse
  // Tiers are compared one by one; a tier a point lacks counts as fully compliant.
  EXPECT_FALSE(
      dominates(point(90, {{0, 0.99}, {1, 0.5}}, false), point(100, {{0, 0.5}, {1, 0.99}}, false)));
  EXPECT_TRUE(dominates(point(90, {}, true), point(100, {{1, 0.99}}, true)));
}

TEST(SweepFrontier, ParetoKeepsTheUndominatedAndTies) {
  const std::vector<Outcome> points = {
      point(100, {{1, 0.50}}, false),                  // 0: cheapest
      point(200, {{1, 0.97}}, true),                   // 1
      point(300, {{1, 0.97}}, true),                   // 2: dominated by 1
      point(200, {{1, 0.97}}, true),                   // 3: equal to 1, kept with it
      point(150, {{1, 0.40}}, false),                  // 4: dominated by 0
      point(50, {{1, 0.99}}, false, /*valid=*/false),  // 5: invalid, never chosen
      point(400, {{1, 0.99}}, true),                   // 6: most compliant
  };
  EXPECT_EQ(pareto_front(points), (std::vector<size_t>{0, 1, 3, 6}));
  EXPECT_EQ(cheapest_compliant(points), 1u);  // ties: the lowest index
  EXPECT_EQ(nearest_miss(points), 0u);
}

TEST(SweepFrontier, MultiTierFrontier) {
  const std::vector<Outcome> points = {
      point(100, {{0, 0.99}, {1, 0.60}}, false),
      point(100, {{0, 0.60}, {1, 0.99}}, false),
      point(120, {{0, 0.60}, {1, 0.60}}, false),
  };
  EXPECT_EQ(pareto_front(points), (std::vector<size_t>{0, 1}));
}

TEST(SweepFrontier, NoCompliantPointNamesTheNearestMiss) {
  const std::vector<Outcome> points = {
      point(100, {{0, 0.99}, {1, 0.60}}, false),  // worst tier 0.60
      point(300, {{0, 0.93}, {1, 0.94}}, false),  // worst tier 0.93: nearest
      point(200, {{0, 0.93}, {1, 0.99}}, false),  // worst tier 0.93 too, and cheaper: nearest
  };
  EXPECT_EQ(cheapest_compliant(points), std::nullopt);
  EXPECT_EQ(nearest_miss(points), 2u);
  EXPECT_EQ(nearest_miss({point(1, {}, false, false)}), std::nullopt);
  EXPECT_EQ(cheapest_compliant({}), std::nullopt);
  EXPECT_TRUE(pareto_front({}).empty());
}

report::TierSummary tier(int t, size_t rpo_met, size_t rto_met, size_t n) {
  report::TierSummary s;
  s.tier = t;
  s.target = {sim::Duration::hours(1), sim::Duration::hours(6)};
  s.incidents = n;
  s.met_rpo = report::wilson95(rpo_met, n);
  s.met_rto = report::wilson95(rto_met, n);
  s.verdict = report::verdict_for(s.met_rpo, s.met_rto, 0.95);
  return s;
}

TEST(SweepFrontier, CompliancePerTierFromTheSummary) {
  report::Summary s;
  s.tiers = {tier(0, 1000, 1000, 1000), tier(1, 600, 1000, 1000), tier(2, 0, 0, 0)};
  EXPECT_DOUBLE_EQ(worst_compliance(s.tiers[0]), report::wilson95(1000, 1000).lo);
  EXPECT_DOUBLE_EQ(worst_compliance(s.tiers[1]), report::wilson95(600, 1000).lo);
  EXPECT_DOUBLE_EQ(worst_compliance(s.tiers[2]), 1.0);  // no incidents: nothing missed
  EXPECT_FALSE(is_compliant(s));
  const Outcome o = outcome_of(s, 12.5);
  EXPECT_EQ(o.cost, 12.5);
  EXPECT_FALSE(o.compliant);
  EXPECT_EQ(o.worst_compliance.size(), 3u);

  const std::vector<Miss> m = misses(s, 0.95);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].tier, 1);
  EXPECT_EQ(m[0].target, "rpo");
  EXPECT_EQ(m[0].target_s, 3600);
  EXPECT_EQ(m[0].verdict, report::Verdict::kMissed);
  s.tiers[1] = tier(1, 1000, 1000, 1000);
  EXPECT_TRUE(is_compliant(s));
  EXPECT_TRUE(misses(s, 0.95).empty());
  // 96 of 100 met: the interval straddles 0.95, so that target is uncertain.
  s.tiers[1] = tier(1, 100, 96, 100);
  ASSERT_EQ(misses(s, 0.95).size(), 1u);
  EXPECT_EQ(misses(s, 0.95)[0].target, "rto");
  EXPECT_EQ(misses(s, 0.95)[0].verdict, report::Verdict::kUncertain);
}

}  // namespace
}  // namespace drsim::models::sweep
