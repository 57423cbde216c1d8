// Compliance, dominance and the choices of a sweep.
#include "models/sweep/frontier.h"

#include <algorithm>
#include <set>

namespace drsim::models::sweep {
namespace {

double lower_bound(const report::Proportion& p) { return p.trials == 0 ? 1.0 : p.lo; }

double tier_value(const Outcome& o, int tier) {
  const auto it = o.worst_compliance.find(tier);
  return it == o.worst_compliance.end() ? 1.0 : it->second;
}

double minimum(const Outcome& o) {
  double m = 1.0;
  for (const auto& [tier, value] : o.worst_compliance) m = std::min(m, value);
  return m;
}

}  // namespace

double worst_compliance(const report::TierSummary& t) {
  return std::min(lower_bound(t.met_rpo), lower_bound(t.met_rto));
}

bool is_compliant(const report::Summary& s) {
  return std::all_of(s.tiers.begin(), s.tiers.end(), [](const report::TierSummary& t) {
    return t.verdict == report::Verdict::kMet;
  });
}

Outcome outcome_of(const report::Summary& s, double cost) {
  Outcome o;
  o.cost = cost;
  for (const report::TierSummary& t : s.tiers) o.worst_compliance[t.tier] = worst_compliance(t);
  o.compliant = is_compliant(s);
  return o;
}

bool dominates(const Outcome& a, const Outcome& b) {
  if (a.cost > b.cost) return false;
  bool better = a.cost < b.cost;
  std::set<int> tiers;
  for (const auto& entry : a.worst_compliance) tiers.insert(entry.first);
  for (const auto& entry : b.worst_compliance) tiers.insert(entry.first);
  for (int tier : tiers) {
    const double x = tier_value(a, tier), y = tier_value(b, tier);
    if (x < y) return false;
    if (x > y) better = true;
  }
  return better;
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

std::vector<Miss> misses(const report::Summary& s, double slo) {
  std::vector<Miss> out;
  for (const report::TierSummary& t : s.tiers) {
    const std::pair<const char*, const report::Proportion*> targets[] = {{"rpo", &t.met_rpo},
                                                                         {"rto", &t.met_rto}};
    for (const auto& [name, met] : targets) {
      if (met->trials == 0 || met->lo >= slo) continue;
      Miss m;
      m.tier = t.tier;
      m.target = name;
      m.target_s = (m.target == "rpo" ? t.target.rpo : t.target.rto).in_seconds();
      m.met = *met;
      m.needed = slo;
      m.verdict = met->hi < slo ? report::Verdict::kMissed : report::Verdict::kUncertain;
      out.push_back(m);
    }
  }
  return out;
}

}  // namespace drsim::models::sweep
