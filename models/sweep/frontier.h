// Choosing among sweep points (docs/sweep.md): compliance, the Pareto frontier of cost against
// what each strategy buys (every tier's RPO p95, RTO p95 and compliance), the cheapest compliant
// point and the nearest miss. Pure functions of the points' outcomes.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/results/results.h"
#include "models/results/summary.h"

namespace drsim::models::sweep {

// What a strategy buys in one tier: the frontier's objectives besides cost.
struct TierOutcome {
  // The 95th percentile of the RPO with every total loss counted as an infinite RPO, in
  // seconds: +infinity when it falls on (or between) total losses, so a total loss is worse
  // than any number. Incidents whose loss is not known yet are left out, as from met_rpo.
  double rpo_p95_s = 0;
  double rto_p95_s = 0;              // over every incident, the open ones at their open time
  bool rto_p95_lower_bound = false;  // the open incidents decide it: the RTO p95 is at least this
  double met_rpo_lo = 1, met_rto_lo = 1;  // 95 % lower bounds; 1 with no incident judged
  bool met = true;                        // the tier's verdict is met
};

// What the choice needs to know about one point. A tier without incidents is the best outcome
// (0 and 0, 1 and 1), and so is a tier the point lacks.
struct Outcome {
  bool valid = true;  // false: the point's scenario was invalid (or not simulated) and never ran
  double cost = 0;    // per month, rounded to cents
  std::map<int, TierOutcome> tiers;
  bool compliant = false;
};

// A tier's worst compliance: the lower of the 95 % lower bounds of the fractions meeting the RPO
// and the RTO target (a fraction over no incidents counts as 1: nothing missed).
double worst_compliance(const results::TierSummary& t);
double worst_compliance(const TierOutcome& t);

// A point is compliant when every tier's verdict is met: both lower bounds reach tier_slo
// (a tier without incidents is met).
bool is_compliant(const results::Summary& s);

// The q-quantile (0 <= q <= 1), in seconds, of the RPOs `known` (microseconds) together with
// `total_loss` infinite ones, at the positions quantile_sorted uses: +infinity when the position
// is a total loss or interpolates towards one, 0 with no values at all.
double rpo_quantile_s(const results::DurationStats& known, uint64_t total_loss, double q);

// By tier, rpo_quantile_s(0.95) of the incidents of the tier's services.
std::map<int, double> rpo_p95_by_tier(const results::Results& r);

// The outcome of a simulated point. `rpo_p95_s` gives each tier's RPO p95 with total losses
// (rpo_p95_by_tier); a tier missing from it takes the summary's when it has no total loss.
// REQUIRES: every tier with a total loss is in rpo_p95_s.
Outcome outcome_of(const results::Summary& s, const std::map<int, double>& rpo_p95_s, double cost);

// The frontier's objective names, as the JSON's `pareto_objectives` and every point's
// `objectives` name them: "cost_per_month", then per tier N "tiers[N].rpo_p95_s",
// "tiers[N].rto_p95_s" (minimised), "tiers[N].met_rpo_lo", "tiers[N].met_rto_lo" (maximised).
// `tiers[N]` is the tier numbered N, not the N-th element.
std::vector<std::string> objective_names(const std::vector<int>& tiers);

// Whether `a` dominates `b`: at least as good in cost and in every objective of every tier, and
// better in at least one. A tier a point lacks counts as the best outcome. An RTO p95 that is
// only a lower bound could be any worse, so it is never at least as good as another value: such
// a point dominates no point (and is dominated only by points surely at least as good).
// REQUIRES: both valid.
bool dominates(const Outcome& a, const Outcome& b);

// The indices of the valid points no valid point dominates, ascending. Points with equal
// outcomes are all kept.
std::vector<size_t> pareto_front(const std::vector<Outcome>& points);

// The cheapest compliant point (the lowest index among equal costs), or none.
std::optional<size_t> cheapest_compliant(const std::vector<Outcome>& points);

// The valid non-compliant point whose worst tier comes closest: the highest minimum of the
// tiers' worst compliance, then the cheapest, then the lowest index. None without valid points.
std::optional<size_t> nearest_miss(const std::vector<Outcome>& points);

// One target of one tier that is not met with 95 % confidence.
struct Miss {
  int tier = 0;
  std::string target;  // "rpo" or "rto"
  double target_s = 0;
  results::Proportion met;
  double needed = 0.95;                                // tier_slo
  results::Verdict verdict = results::Verdict::kMissed;  // of the target alone
};
// Every target whose lower bound is below `slo`, by tier, RPO before RTO.
std::vector<Miss> misses(const results::Summary& s, double slo);

}  // namespace drsim::models::sweep
