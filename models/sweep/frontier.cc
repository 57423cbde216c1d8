// Compliance, dominance and the choices of a sweep.
#include "models/sweep/frontier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "sim/check.h"

namespace drsim::models::sweep {
namespace {

double lower_bound(const results::Proportion& p) { return p.trials == 0 ? 1.0 : p.lo; }

const TierOutcome& tier_of(const Outcome& o, int tier) {
  static const TierOutcome kBest;  // a tier the point lacks: nothing missed
  const auto it = o.tiers.find(tier);
  return it == o.tiers.end() ? kBest : it->second;
}

double minimum(const Outcome& o) {
  double m = 1.0;
  for (const auto& [tier, t] : o.tiers) m = std::min(m, worst_compliance(t));
  return m;
}

// How `a` compares with `b` on every objective: whether it is at least as good on all of them,
// and whether it is better on one.
struct Comparison {
  bool no_worse = true, better = false;
  // A value to minimise. `a_bound`: a's value is only a lower bound, so a is never surely at
  // least as good (b's own bound only makes b worse, which a's exact value still beats).
  void minimised(double a, double b, bool a_bound = false) {
    if (a_bound || a > b) no_worse = false;
    if (!a_bound && a < b) better = true;
  }
  void maximised(double a, double b) { minimised(-a, -b); }
};

}  // namespace

double worst_compliance(const results::TierSummary& t) {
  return std::min(lower_bound(t.met_rpo), lower_bound(t.met_rto));
}

double worst_compliance(const TierOutcome& t) { return std::min(t.met_rpo_lo, t.met_rto_lo); }

bool is_compliant(const results::Summary& s) {
  return std::all_of(s.tiers.begin(), s.tiers.end(), [](const results::TierSummary& t) {
    return t.verdict == results::Verdict::kMet;
  });
}

double rpo_quantile_s(const results::DurationStats& known, uint64_t total_loss, double q) {
  DRSIM_CHECK(q >= 0 && q <= 1) << "quantile " << q;
  const uint64_t n = known.count(), all = n + total_loss;
  if (all == 0) return 0;
  // The known values hold the lowest ranks, the total losses every rank above them.
  const double pos = q * static_cast<double>(all - 1);
  const auto lo = static_cast<uint64_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  const double inf = std::numeric_limits<double>::infinity();
  if (lo >= n || (frac > 0 && lo + 1 >= n)) return inf;
  const double a = known.histogram.value_at_rank(lo);
  const double b = frac > 0 ? known.histogram.value_at_rank(lo + 1) : a;
  return (a + (b - a) * frac) / 1e6;
}

std::map<int, double> rpo_p95_by_tier(const results::Results& r) {
  std::map<int, double> out;
  for (const results::ServiceResults& svc : r.services) {
    if (out.count(svc.tier) != 0) continue;
    const results::IncidentStats& i = r.incidents_of_tier(svc.tier);
    out[svc.tier] = rpo_quantile_s(i.rpo, i.total_loss, 0.95);
  }
  return out;
}

Outcome outcome_of(const results::Summary& s, const std::map<int, double>& rpo_p95_s, double cost) {
  Outcome o;
  o.cost = cost;
  for (const results::TierSummary& t : s.tiers) {
    TierOutcome& x = o.tiers[t.tier];
    if (const auto it = rpo_p95_s.find(t.tier); it != rpo_p95_s.end()) {
      x.rpo_p95_s = it->second;
    } else {
      DRSIM_CHECK(t.total_loss == 0) << "tier " << t.tier << " has " << t.total_loss
                                     << " total losses but no RPO p95 that counts them";
      x.rpo_p95_s = t.rpo_s.n ? t.rpo_s.p95 : 0;
    }
    x.rto_p95_s = t.rto_s.n ? t.rto_s.p95 : 0;
    x.rto_p95_lower_bound = t.rto_s.n > 0 && t.rto_s.lower_bound.p95;
    x.met_rpo_lo = lower_bound(t.met_rpo);
    x.met_rto_lo = lower_bound(t.met_rto);
    x.met = t.verdict == results::Verdict::kMet;
  }
  o.compliant = is_compliant(s);
  return o;
}

std::vector<std::string> objective_names(const std::vector<int>& tiers) {
  std::vector<std::string> out = {"cost_per_month"};
  for (int tier : tiers) {
    const std::string t = "tiers[" + std::to_string(tier) + "].";
    for (const char* name : {"rpo_p95_s", "rto_p95_s", "met_rpo_lo", "met_rto_lo"}) {
      out.push_back(t + name);
    }
  }
  return out;
}

bool dominates(const Outcome& a, const Outcome& b) {
  Comparison c;
  c.minimised(a.cost, b.cost);
  std::set<int> tiers;
  for (const auto& entry : a.tiers) tiers.insert(entry.first);
  for (const auto& entry : b.tiers) tiers.insert(entry.first);
  for (int tier : tiers) {
    const TierOutcome &x = tier_of(a, tier), &y = tier_of(b, tier);
    c.minimised(x.rpo_p95_s, y.rpo_p95_s);  // +infinity equals +infinity: both total losses
    c.minimised(x.rto_p95_s, y.rto_p95_s, x.rto_p95_lower_bound);
    c.maximised(x.met_rpo_lo, y.met_rpo_lo);
    c.maximised(x.met_rto_lo, y.met_rto_lo);
  }
  return c.no_worse && c.better;
}

std::vector<size_t> pareto_front(const std::vector<Outcome>& points) {
  std::vector<size_t> front;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].valid) continue;
    bool dominated = false;
    for (size_t j = 0; j < points.size() && !dominated; ++j) {
      dominated = j != i && points[j].valid && dominates(points[j], points[i]);
    }
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::optional<size_t> cheapest_compliant(const std::vector<Outcome>& points) {
  std::optional<size_t> best;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].valid || !points[i].compliant) continue;
    if (!best || points[i].cost < points[*best].cost) best = i;
  }
  return best;
}

std::optional<size_t> nearest_miss(const std::vector<Outcome>& points) {
  std::optional<size_t> best;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].valid || points[i].compliant) continue;
    if (!best) {
      best = i;
      continue;
    }
    const double m = minimum(points[i]), b = minimum(points[*best]);
    if (m > b || (m == b && points[i].cost < points[*best].cost)) best = i;
  }
  return best;
}

std::vector<Miss> misses(const results::Summary& s, double slo) {
  std::vector<Miss> out;
  for (const results::TierSummary& t : s.tiers) {
    const std::pair<const char*, const results::Proportion*> targets[] = {{"rpo", &t.met_rpo},
                                                                          {"rto", &t.met_rto}};
    for (const auto& [name, met] : targets) {
      if (met->trials == 0 || met->lo >= slo) continue;
      Miss m;
      m.tier = t.tier;
      m.target = name;
      m.target_s = (m.target == "rpo" ? t.target.rpo : t.target.rto).in_seconds();
      m.met = *met;
      m.needed = slo;
      m.verdict = met->hi < slo ? results::Verdict::kMissed : results::Verdict::kUncertain;
      out.push_back(m);
    }
  }
  return out;
}

}  // namespace drsim::models::sweep
