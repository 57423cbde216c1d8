// Compliance, the Pareto frontier, the cheapest compliant point and the nearest miss, on
// hand-built outcomes and summaries.
#include "models/sweep/frontier.h"

#include <gtest/gtest.h>

#include <limits>

namespace drsim::models::sweep::frontier_test {
namespace {

// A point whose tiers differ only in compliance: equal RPO and RTO p95 everywhere.
Outcome point(double cost, std::map<int, double> worst, bool compliant, bool valid = true) {
  Outcome o{valid, cost, {}, compliant};
  for (const auto& [tier, w] : worst) {
    o.tiers[tier] = {60, 3600, false, w, w, compliant};
  }
  return o;
}

// One tier (tier 1) with everything given.
Outcome tier1(double cost, double rpo_p95_s, double rto_p95_s, double met_rpo_lo = 0.99,
              double met_rto_lo = 0.99, bool rto_lower_bound = false) {
  Outcome o{true, cost, {}, met_rpo_lo >= 0.95 && met_rto_lo >= 0.95};
  o.tiers[1] = {rpo_p95_s, rto_p95_s, rto_lower_bound, met_rpo_lo, met_rto_lo, o.compliant};
  return o;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

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

results::TierSummary tier(int t, size_t rpo_met, size_t rto_met, size_t n) {
  results::TierSummary s;
  s.tier = t;
  s.target = {sim::Duration::hours(1), sim::Duration::hours(6)};
  s.incidents = n;
  s.met_rpo = results::wilson95(rpo_met, n);
  s.met_rto = results::wilson95(rto_met, n);
  s.verdict = results::verdict_for(s.met_rpo, s.met_rto, 0.95);
  return s;
}

TEST(SweepFrontier, CompliancePerTierFromTheSummary) {
  results::Summary s;
  s.tiers = {tier(0, 1000, 1000, 1000), tier(1, 600, 1000, 1000), tier(2, 0, 0, 0)};
  EXPECT_DOUBLE_EQ(worst_compliance(s.tiers[0]), results::wilson95(1000, 1000).lo);
  EXPECT_DOUBLE_EQ(worst_compliance(s.tiers[1]), results::wilson95(600, 1000).lo);
  EXPECT_DOUBLE_EQ(worst_compliance(s.tiers[2]), 1.0);  // no incidents: nothing missed
  EXPECT_FALSE(is_compliant(s));
  const Outcome o = outcome_of(s, {}, 12.5);
  EXPECT_EQ(o.cost, 12.5);
  EXPECT_FALSE(o.compliant);
  ASSERT_EQ(o.tiers.size(), 3u);
  EXPECT_DOUBLE_EQ(worst_compliance(o.tiers.at(1)), results::wilson95(600, 1000).lo);
  EXPECT_FALSE(o.tiers.at(1).met);
  // No incidents: the best outcome on every objective.
  EXPECT_EQ(o.tiers.at(2).rpo_p95_s, 0);
  EXPECT_EQ(o.tiers.at(2).rto_p95_s, 0);
  EXPECT_EQ(o.tiers.at(2).met_rpo_lo, 1);
  EXPECT_EQ(o.tiers.at(2).met_rto_lo, 1);

  const std::vector<Miss> m = misses(s, 0.95);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].tier, 1);
  EXPECT_EQ(m[0].target, "rpo");
  EXPECT_EQ(m[0].target_s, 3600);
  EXPECT_EQ(m[0].verdict, results::Verdict::kMissed);
  s.tiers[1] = tier(1, 1000, 1000, 1000);
  EXPECT_TRUE(is_compliant(s));
  EXPECT_TRUE(misses(s, 0.95).empty());
  // 96 of 100 met: the interval straddles 0.95, so that target is uncertain.
  s.tiers[1] = tier(1, 100, 96, 100);
  ASSERT_EQ(misses(s, 0.95).size(), 1u);
  EXPECT_EQ(misses(s, 0.95)[0].target, "rto");
  EXPECT_EQ(misses(s, 0.95)[0].verdict, results::Verdict::kUncertain);
}

// The acceptance case of the frontier over what a strategy buys: a cross-region replica that
// costs more but halves Tier 1's RTO p95 is worth showing, whatever its compliance.
TEST(SweepFrontier, DearerPointThatHalvesTheRtoIsOnTheFrontier) {
  const std::vector<Outcome> points = {
      tier1(1363.43, 585, 15800),  // 0: restores from the copy: RTO p95 4 h 23 min
      tier1(2808.78, 585, 7900),   // 1: a replica: RTO p95 half that, for more money
  };
  EXPECT_TRUE(points[0].compliant && points[1].compliant);  // compliance alone: 1 buys nothing
  EXPECT_EQ(pareto_front(points), (std::vector<size_t>{0, 1}));
}

TEST(SweepFrontier, DearerPointThatBuysNothingIsOffTheFrontier) {
  const std::vector<Outcome> points = {
      tier1(1363.43, 585, 15800),
      tier1(2808.78, 585, 15800),  // the same on every objective, dearer
      tier1(2900.00, 585, 15801),  // dearer and a second slower
  };
  EXPECT_EQ(pareto_front(points), (std::vector<size_t>{0}));
  // Each objective alone puts a dearer point back on it: RPO, either compliance.
  for (const Outcome& better : {tier1(3000, 584, 15800), tier1(3000, 585, 15800, 0.995, 0.99),
                                tier1(3000, 585, 15800, 0.99, 0.995)}) {
    EXPECT_EQ(pareto_front({points[0], better}), (std::vector<size_t>{0, 1}));
  }
  // Better on one objective and worse on another: a trade-off, kept.
  EXPECT_EQ(pareto_front({points[0], tier1(3000, 584, 15800, 0.98, 0.99)}),
            (std::vector<size_t>{0, 1}));
  EXPECT_TRUE(dominates(tier1(100, 60, 3600), tier1(100, 60, 3600, 0.98, 0.99)));
}

TEST(SweepFrontier, TotalLossIsWorseThanAnyRpo) {
  // A cheap point whose RPO p95 is a total loss against a dear one that loses a day.
  const Outcome lost = tier1(100, kInf, 3600), day = tier1(200, 86400, 3600);
  EXPECT_FALSE(dominates(lost, day));
  EXPECT_FALSE(dominates(day, lost));  // dearer: both on the frontier
  EXPECT_TRUE(dominates(tier1(100, 1e12, 3600), lost));  // any number beats a total loss
  EXPECT_FALSE(dominates(tier1(100, kInf, 3600), lost));  // two total losses are equal
  EXPECT_TRUE(dominates(tier1(90, kInf, 3600), lost));    // ... so the cheaper wins
}

TEST(SweepFrontier, AnRtoThatIsOnlyALowerBoundDominatesNothing) {
  // ≥ 1 h: the incidents still open at the horizon could make it any longer.
  const Outcome bound = tier1(100, 60, 3600, 0.99, 0.99, /*rto_lower_bound=*/true);
  EXPECT_FALSE(dominates(bound, tier1(200, 60, 7200)));
  EXPECT_FALSE(dominates(bound, bound));
  // An exact RTO no longer than the bound is surely at least as good, but better only where it
  // is surely better: here in cost alone.
  EXPECT_FALSE(dominates(tier1(100, 60, 3600), bound));
  EXPECT_TRUE(dominates(tier1(100, 60, 3599), bound));
  EXPECT_TRUE(dominates(tier1(90, 60, 3600), bound));
  EXPECT_FALSE(dominates(tier1(90, 60, 3601), bound));
}

TEST(SweepFrontier, ATierAPointLacksIsTheBestOutcome) {
  Outcome without = tier1(100, 60, 3600);
  without.tiers.clear();
  EXPECT_TRUE(dominates(without, tier1(100, 60, 3600)));
  EXPECT_FALSE(dominates(tier1(100, 0, 0, 1, 1), without));  // equal: neither
}

TEST(SweepFrontier, InvalidPointsAreNeverOnTheFrontier) {
  Outcome invalid = tier1(1, 0, 0, 1, 1);
  invalid.valid = false;
  EXPECT_EQ(pareto_front({invalid, tier1(100, 60, 3600)}), (std::vector<size_t>{1}));
}

results::DurationStats seconds(int from, int to) {
  results::DurationStats d;
  for (int s = from; s <= to; ++s) d.add(sim::Duration::seconds(s));
  return d;
}

TEST(SweepFrontier, RpoQuantileCountsTotalLossesAsInfinite) {
  // Whole seconds lie in histogram buckets of their own, so the quantiles are exact: the
  // position of quantile q among N values is q × (N − 1), interpolated.
  EXPECT_DOUBLE_EQ(rpo_quantile_s(seconds(1, 20), 0, 0.95), 19.05);  // 18.05: 19 + 0.05 × 1
  // 19 known and 1 loss: position 18.05 interpolates towards the loss.
  EXPECT_EQ(rpo_quantile_s(seconds(1, 19), 1, 0.95), kInf);
  // 39 known and 1 loss: position 37.05 lies between the 38th and 39th known values.
  EXPECT_DOUBLE_EQ(rpo_quantile_s(seconds(1, 39), 1, 0.95), 38.05);
  EXPECT_EQ(rpo_quantile_s({}, 0, 0.95), 0);    // no incidents: nothing lost
  EXPECT_EQ(rpo_quantile_s({}, 3, 0.95), kInf);  // only total losses
  EXPECT_EQ(rpo_quantile_s(seconds(1, 20), 0, 0.95),
            seconds(1, 20).histogram.quantile(0.95) / 1e6);  // as the summary's p95
}

TEST(SweepFrontier, ObjectiveNamesPerTier) {
  EXPECT_EQ(objective_names({1}),
            (std::vector<std::string>{"cost_per_month", "tiers[1].rpo_p95_s", "tiers[1].rto_p95_s",
                                      "tiers[1].met_rpo_lo", "tiers[1].met_rto_lo"}));
  EXPECT_EQ(objective_names({}).size(), 1u);
}

}  // namespace
}  // namespace drsim::models::sweep::frontier_test
