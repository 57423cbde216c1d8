// Statistics for reports.
#include "models/results/summary.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace drsim::models::results {

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
  if (s.n >= 2) {
    double ss = 0;
    for (double v : values) ss += (v - s.mean) * (v - s.mean);
    const double half =
        kZ95 * std::sqrt(ss / static_cast<double>(s.n - 1) / static_cast<double>(s.n));
    s.mean_ci95 = Interval{s.mean - half, s.mean + half};
  }
  s.p50 = quantile_sorted(values, 0.50);
  s.p95 = quantile_sorted(values, 0.95);
  s.p99 = quantile_sorted(values, 0.99);
  s.max = values.back();
  return s;
}

SampleStats summarize(const Moments& us) {
  SampleStats s;
  s.n = us.n;
  if (us.n == 0) return s;
  s.mean = us.mean() / 1e6;
  if (const std::optional<Interval> ci = us.mean_ci95()) {
    s.mean_ci95 = Interval{ci->lo / 1e6, ci->hi / 1e6};
  }
  s.max = static_cast<double>(us.max) / 1e6;
  return s;
}

SampleStats summarize(const DurationStats& us) {
  SampleStats s = summarize(us.moments);
  if (s.n == 0) return s;
  s.p50 = us.histogram.quantile(0.50) / 1e6;
  s.p95 = us.histogram.quantile(0.95) / 1e6;
  s.p99 = us.histogram.quantile(0.99) / 1e6;
  return s;
}

SampleStats summarize_counts(const CountStats& values) {
  SampleStats s;
  s.n = values.moments.n;
  if (s.n == 0) return s;
  s.mean = values.moments.mean();
  s.mean_ci95 = values.moments.mean_ci95();
  s.max = static_cast<double>(values.moments.max);
  s.p50 = values.histogram.quantile(0.50);
  s.p95 = values.histogram.quantile(0.95);
  s.p99 = values.histogram.quantile(0.99);
  return s;
}

LowerBounds lower_bounds(const DurationStats& ended, const DurationStats& open,
                         const SampleStats& all) {
  LowerBounds b;
  if (open.count() == 0) return b;
  b.mean = true;  // the open values could be any larger
  b.max = true;
  // Were every open incident to last for ever, the ended values would fill the lowest ranks and
  // the open ones sit above them all: a quantile that would change then is only a lower bound.
  const uint64_t ended_n = ended.count();
  const uint64_t n = ended_n + open.count();
  // nullopt: infinite.
  const auto raised = [&](double q) -> std::optional<double> {
    const double pos = q * static_cast<double>(n - 1);
    const auto lo = static_cast<uint64_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    if (lo >= ended_n) return std::nullopt;
    const double a = ended.histogram.value_at_rank(lo);
    if (frac == 0) return a / 1e6;
    if (lo + 1 >= ended_n) return std::nullopt;
    const double c = ended.histogram.value_at_rank(lo + 1);
    return (a + (c - a) * frac) / 1e6;
  };
  const auto changes = [&](double q, double value) {
    const std::optional<double> r = raised(q);
    return !r || *r > value * (1 + 1e-12) + 1e-9;
  };
  b.p50 = changes(0.50, all.p50);
  b.p95 = changes(0.95, all.p95);
  b.p99 = changes(0.99, all.p99);
  return b;
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
  // At k == 0 or k == n the bound is exactly 0 or 1; rounding would leave 1e-19 or 1 - 1e-16.
  p.lo = k == 0 ? 0.0 : std::max(0.0, centre - half);
  p.hi = k == n ? 1.0 : std::min(1.0, centre + half);
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

// A censored incident has missed its RTO target once it has been open longer than the target;
// before that it is unknown and left out of the fraction (IncidentStats).
TierSummary summarize_tier(int tier, const scenario::TierTarget& target, const IncidentStats& i,
                           double slo) {
  TierSummary t;
  t.tier = tier;
  t.target = target;
  t.incidents = i.incidents;
  t.total_loss = i.total_loss;
  t.censored = i.censored;
  t.rpo_unknown = i.rpo_unknown;
  t.lost_writes_unknown = i.lost_writes_unknown;
  t.rpo_s = summarize(i.rpo);
  DurationStats every = i.rto;
  every.merge(i.rto_open);
  t.rto_s = summarize(every);
  t.rto_s.lower_bound = lower_bounds(i.rto, i.rto_open, t.rto_s);
  t.lost_writes = summarize_counts(i.lost_writes);
  t.met_rpo = wilson95(i.rpo_met, i.rpo_judged());
  t.met_rto = wilson95(i.rto_met, i.rto_judged());
  t.verdict = verdict_for(t.met_rpo, t.met_rto, slo);
  return t;
}

std::set<int> service_tiers(const Results& r) {
  std::set<int> tiers;
  for (const ServiceResults& svc : r.services) tiers.insert(svc.tier);
  return tiers;
}

// What the precision rule looks at, per tier: counts and moments (no histograms).
struct TierTotals {
  uint64_t incidents = 0, rpo_met = 0, rpo_judged = 0, rto_met = 0, rto_judged = 0;
  Moments rpo_us, rto_us;
};

TierTotals tier_totals(const Results& r, int tier) {
  TierTotals t;
  const IncidentStats& i = r.incidents_of_tier(tier);
  t.incidents = i.incidents;
  t.rpo_met = i.rpo_met;
  t.rpo_judged = i.rpo_judged();
  t.rto_met = i.rto_met;
  t.rto_judged = i.rto_judged();
  t.rpo_us.merge(i.rpo.moments);
  t.rto_us.merge(i.rto.moments);
  t.rto_us.merge(i.rto_open.moments);
  return t;
}

// The largest half-width of the precision rule (PrecisionStatus); none when nothing is measured
// yet or a mean rests on one value.
std::optional<double> achieved_precision(const Results& r) {
  std::optional<double> worst;
  const auto fraction = [&](uint64_t k, uint64_t n) {
    if (n == 0) return;
    const Proportion p = wilson95(k, n);
    worst = std::max(worst.value_or(0), (p.hi - p.lo) / 2);
  };
  bool unknown = false;
  const auto mean = [&](const Moments& m) {
    if (m.n == 0) return;  // nothing to estimate (every incident a total loss, or censored)
    if (m.n < 2) {
      unknown = true;
      return;
    }
    const Interval ci = *m.mean_ci95();
    const double mu = m.mean();
    worst = std::max(worst.value_or(0), mu > 0 ? (ci.hi - ci.lo) / 2 / mu : 0.0);
  };
  for (int tier : service_tiers(r)) {
    const TierTotals t = tier_totals(r, tier);
    if (t.incidents == 0) continue;
    fraction(t.rpo_met, t.rpo_judged);
    fraction(t.rto_met, t.rto_judged);
    mean(t.rpo_us);
    mean(t.rto_us);
  }
  if (unknown) return std::nullopt;
  return worst;
}

}  // namespace

bool precision_reached(const Results& r, double target) {
  const std::optional<double> achieved = achieved_precision(r);
  return achieved && *achieved <= target;
}

PrecisionStatus precision_status(const Results& r) {
  PrecisionStatus p;
  p.target = r.precision;
  p.achieved = achieved_precision(r);
  if (!p.target) return p;
  p.reached = p.achieved && *p.achieved <= *p.target;
  if (*p.reached) {
    p.trials_needed = r.trials;
  } else if (p.achieved && r.trials > 0) {
    const double ratio = *p.achieved / *p.target;
    const double needed = std::ceil(static_cast<double>(r.trials) * ratio * ratio);
    const double checkpoints = std::ceil(needed / static_cast<double>(kPrecisionCheckTrials));
    if (checkpoints < 1e15) {
      p.trials_needed = static_cast<uint64_t>(checkpoints) * kPrecisionCheckTrials;
    }
  }
  return p;
}

Summary summarize(const Results& r) {
  Summary s;
  s.scenario = r.scenario;
  s.seed = r.seed;
  s.trials = r.trials;
  s.trials_requested = r.trials_requested;
  s.partial = r.partial;
  if (r.shard.count > 1) s.shard = r.shard;
  s.range = r.range;
  s.precision = precision_status(r);
  s.horizon_s = r.horizon.in_seconds();
  s.window_lo_s = r.window_lo.in_seconds();
  s.window_hi_s = r.window_hi.in_seconds();
  s.tier_slo = r.tier_slo;
  s.engine = r.engine;

  for (int tier : service_tiers(r)) {
    size_t planned = 0;
    for (const ServiceResults& svc : r.services) {
      if (svc.tier == tier) planned += svc.planned_incidents;
    }
    s.tiers.push_back(summarize_tier(tier, r.tiers.at(tier), r.incidents_of_tier(tier), r.tier_slo));
    s.tiers.back().planned_incidents = planned;
  }

  const double horizon_us = static_cast<double>(r.horizon.count_us());
  const auto service_like = [&](const ServiceResults& svc) {
    ServiceSummary out;
    out.name = svc.name;
    out.tier = svc.tier;
    out.region = svc.region;
    // Availability = 1 - mean downtime per trial / horizon, from the exact downtime sum.
    if (svc.downtime_us.n > 0 && horizon_us > 0) {
      out.availability = 1 - svc.downtime_us.mean() / horizon_us;
      if (const std::optional<Interval> ci = svc.downtime_us.mean_ci95()) {
        out.availability_ci95 = Interval{std::max(0.0, 1 - ci->hi / horizon_us),
                                         std::min(1.0, 1 - ci->lo / horizon_us)};
      }
    }
    if (out.availability < 1) out.nines = -std::log10(1 - out.availability);
    out.incidents = summarize_tier(svc.tier, r.tiers.at(svc.tier), svc.incidents, r.tier_slo);
    out.incidents.planned_incidents = svc.planned_incidents;
    return out;
  };
  for (const ServiceResults& svc : r.services) s.services.push_back(service_like(svc));
  for (const ServiceResults& store : r.object_stores) s.object_stores.push_back(service_like(store));

  for (const DatabaseResults& db : r.databases) {
    DatabaseSummary out;
    out.name = db.name;
    out.analytic_availability = db.analytic_availability;
    out.analytic_exact = db.analytic_exact;
    // Availability = 1 - mean downtime per trial / horizon, from the exact downtime sum; the
    // per-trial availability 1 - d/H has standard error sqrt(Var(d) / n) / H.
    if (db.downtime_us.n > 0 && horizon_us > 0) {
      out.availability = 1 - db.downtime_us.mean() / horizon_us;
      if (db.downtime_us.n >= 2) {
        out.availability_se =
            std::sqrt(db.downtime_us.variance() / static_cast<double>(db.downtime_us.n)) /
            horizon_us;
        out.ci95_lo = std::max(0.0, out.availability - kZ95 * out.availability_se);
        out.ci95_hi = std::min(1.0, out.availability + kZ95 * out.availability_se);
      }
    }
    s.databases.push_back(std::move(out));
  }

  for (const FailoverResults& f : r.failovers) {
    FailoverSummary out;
    out.database = f.database;
    out.count = f.total.count();
    out.detect_s = summarize(f.detect_us);
    out.promote_s = summarize(f.promote_us);
    out.dns_s = summarize(f.dns_us);
    out.duration_s = summarize(f.total);
    out.within = wilson95(f.within_window, out.count);
    out.over = wilson95(f.over_window, out.count);
    out.planned = f.planned;
    if (out.count > 0) {
      const auto n = static_cast<double>(out.count);
      out.within_window = static_cast<double>(f.within_window) / n;
      out.over_window = static_cast<double>(f.over_window) / n;
      out.holds = 1 - out.over_window >= r.failover_slo;
    }
    s.failovers.push_back(std::move(out));
  }
  return s;
}

}  // namespace drsim::models::results
