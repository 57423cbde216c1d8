// Choosing among sweep points (docs/sweep.md): compliance, the Pareto frontier of cost against
// each tier's worst compliance, the cheapest compliant point and the nearest miss. Pure
// functions of the points' outcomes.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/report/summary.h"

namespace drsim::models::sweep {

// What the choice needs to know about one point.
struct Outcome {
  bool valid = true;                       // false: the point's scenario was invalid and never ran
  double cost = 0;                         // per month, rounded to cents
  std::map<int, double> worst_compliance;  // by tier; a tier a point lacks counts as 1
  bool compliant = false;
};

// A tier's worst compliance: the lower of the 95 % lower bounds of the fractions meeting the RPO
// and the RTO target (a fraction over no incidents counts as 1: nothing missed).
double worst_compliance(const report::TierSummary& t);

// A point is compliant when every tier's verdict is met: both lower bounds reach tier_slo
// (a tier without incidents is met).
bool is_compliant(const report::Summary& s);

Outcome outcome_of(const report::Summary& s, double cost);

// Whether `a` dominates `b`: no dearer, no worse in any tier's worst compliance, and better in
// at least one of them. REQUIRES: both valid.
bool dominates(const Outcome& a, const Outcome& b);

// The indices of the valid points no valid point dominates, ascending. Points with equal cost
// and compliance are all kept.
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
  report::Proportion met;
  double needed = 0.95;                                // tier_slo
  report::Verdict verdict = report::Verdict::kMissed;  // of the target alone
};
// Every target whose lower bound is below `slo`, by tier, RPO before RTO.
std::vector<Miss> misses(const report::Summary& s, double slo);

}  // namespace drsim::models::sweep
