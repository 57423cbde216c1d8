// Statistics for reports.
#include "models/report/summary.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace drsim::models::report {

double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

SampleStats summarize(std::vector<double> values) {
  SampleStats s;
  s.n = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;  // in sorted order: the same sum for any merge order
  s.mean = sum / static_cast<double>(values.size());
  s.p50 = quantile_sorted(values, 0.50);
  s.p95 = quantile_sorted(values, 0.95);
  s.p99 = quantile_sorted(values, 0.99);
  s.max = values.back();
  return s;
}

Proportion wilson95(size_t k, size_t n) {
  Proportion p;
  p.successes = k;
  p.trials = n;
  if (n == 0) return p;
  constexpr double z = 1.959963984540054;
  const double nn = static_cast<double>(n), phat = static_cast<double>(k) / nn;
  const double denom = 1 + z * z / nn;
  const double centre = (phat + z * z / (2 * nn)) / denom;
  const double half = z * std::sqrt(phat * (1 - phat) / nn + z * z / (4 * nn * nn)) / denom;
  p.fraction = phat;
  p.lo = std::max(0.0, centre - half);
  p.hi = std::min(1.0, centre + half);
  return p;
}

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kMet: return "met";
    case Verdict::kMissed: return "missed";
    case Verdict::kUncertain: return "uncertain";
  }
  return "?";
}

Verdict verdict_for(const Proportion& met_rpo, const Proportion& met_rto, double slo) {
  if (met_rpo.trials == 0 && met_rto.trials == 0) return Verdict::kMet;
  const bool rpo_ok = met_rpo.trials == 0 || met_rpo.lo >= slo;
  const bool rto_ok = met_rto.trials == 0 || met_rto.lo >= slo;
  if (rpo_ok && rto_ok) return Verdict::kMet;
  if ((met_rpo.trials > 0 && met_rpo.hi < slo) || (met_rto.trials > 0 && met_rto.hi < slo)) {
    return Verdict::kMissed;
  }
  return Verdict::kUncertain;
}

namespace {

// A target is met when the achieved value is within it (<=). A censored incident has missed
// its RTO target once it has been open longer than the target; before that it is unknown and
// left out of the fraction.
TierSummary summarize_tier(int tier, const scenario::TierTarget& target,
                           const std::vector<const ServiceResults*>& services, double slo) {
  TierSummary t;
  t.tier = tier;
  t.target = target;
  std::vector<double> rpo, rto;
  size_t rpo_met = 0, rpo_n = 0, rto_met = 0, rto_n = 0;
  const double rpo_target = target.rpo.in_seconds(), rto_target = target.rto.in_seconds();
  for (const ServiceResults* s : services) {
    for (const IncidentSample& i : s->incidents) {
      ++t.incidents;
      ++rpo_n;
      if (i.total_loss) {
        ++t.total_loss;  // no surviving copy: a miss, never a number
      } else {
        rpo.push_back(i.rpo_s);
        if (i.rpo_s <= rpo_target) ++rpo_met;
      }
      if (i.censored) {
        ++t.censored;
        if (i.rto_s > rto_target) ++rto_n;
      } else {
        rto.push_back(i.rto_s);
        ++rto_n;
        if (i.rto_s <= rto_target) ++rto_met;
      }
    }
  }
  t.rpo_s = summarize(std::move(rpo));
  t.rto_s = summarize(std::move(rto));
  t.met_rpo = wilson95(rpo_met, rpo_n);
  t.met_rto = wilson95(rto_met, rto_n);
  t.verdict = verdict_for(t.met_rpo, t.met_rto, slo);
  return t;
}

}  // namespace

Summary summarize(const Results& r) {
  Summary s;
  s.scenario = r.scenario;
  s.seed = r.seed;
  s.trials = r.trials;
  s.horizon_s = r.horizon_s;
  s.window_lo_s = r.window_lo_s;
  s.window_hi_s = r.window_hi_s;
  s.engine = r.engine;

  std::set<int> tiers;
  for (const ServiceResults& svc : r.services) tiers.insert(svc.tier);
  for (int tier : tiers) {
    std::vector<const ServiceResults*> members;
    for (const ServiceResults& svc : r.services) {
      if (svc.tier == tier) members.push_back(&svc);
    }
    s.tiers.push_back(summarize_tier(tier, r.tiers.at(tier), members, r.tier_slo));
  }

  const double exposure_s = r.horizon_s * static_cast<double>(r.trials);
  for (const ServiceResults& svc : r.services) {
    ServiceSummary out;
    out.name = svc.name;
    out.tier = svc.tier;
    out.availability = exposure_s > 0 ? 1 - svc.downtime_s / exposure_s : 1;
    if (out.availability < 1) out.nines = -std::log10(1 - out.availability);
    out.incidents = summarize_tier(svc.tier, r.tiers.at(svc.tier), {&svc}, r.tier_slo);
    s.services.push_back(std::move(out));
  }

  const auto n = static_cast<double>(r.trials);
  for (const DatabaseResults& db : r.databases) {
    DatabaseSummary out;
    out.name = db.name;
    out.analytic_availability = db.analytic_availability;
    out.analytic_exact = db.analytic_exact;
    const double downtime_s = static_cast<double>(db.downtime_us) / 1e6;
    if (exposure_s > 0) out.availability = 1 - downtime_s / exposure_s;
    if (r.trials >= 2 && r.horizon_s > 0) {
      // Per-trial availability 1 − d/H: its variance is Var(d)/H².
      const double var_s2 =
          std::max(0.0, (db.downtime_sq_s2 - downtime_s * downtime_s / n) / (n - 1));
      out.availability_se = std::sqrt(var_s2 / n) / r.horizon_s;
      constexpr double z = 1.959963984540054;
      out.ci95_lo = std::max(0.0, out.availability - z * out.availability_se);
      out.ci95_hi = std::min(1.0, out.availability + z * out.availability_se);
    }
    s.databases.push_back(std::move(out));
  }

  for (const FailoverResults& f : r.failovers) {
    FailoverSummary out;
    out.database = f.database;
    out.count = f.total_s.size();
    out.detect_s = summarize(f.detect_s);
    out.promote_s = summarize(f.promote_s);
    out.dns_s = summarize(f.dns_s);
    out.duration_s = summarize(f.total_s);
    if (out.count > 0) {
      size_t inside = 0, over = 0;
      for (double d : f.total_s) {
        if (d > r.window_hi_s) {
          ++over;
        } else if (d >= r.window_lo_s) {
          ++inside;
        }
      }
      const auto n = static_cast<double>(out.count);
      out.within_window = static_cast<double>(inside) / n;
      out.over_window = static_cast<double>(over) / n;
      out.holds = 1 - out.over_window >= r.failover_slo;
    }
    s.failovers.push_back(std::move(out));
  }
  return s;
}

}  // namespace drsim::models::report
