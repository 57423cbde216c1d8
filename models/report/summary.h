// Summary: per-tier, per-service and per-failover statistics of Results (DESIGN.md §4–5).
// Pure functions: the output depends only on the arguments.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/report/results.h"

namespace drsim::models::report {

// Mean and quantiles (linear interpolation between order statistics, as numpy's default).
// With no values, n == 0 and the other fields are 0 and meaningless.
struct SampleStats {
  size_t n = 0;
  double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;
};
SampleStats summarize(std::vector<double> values);
// The q-quantile of sorted values. REQUIRES: !sorted.empty(), 0 <= q <= 1.
double quantile_sorted(const std::vector<double>& sorted, double q);

// k successes out of n with the 95 % Wilson score interval. n == 0 gives fraction 1 and the
// uninformative interval [0, 1]; callers report "no incidents" themselves.
struct Proportion {
  size_t successes = 0, trials = 0;
  double fraction = 1, lo = 0, hi = 1;
};
Proportion wilson95(size_t k, size_t n);

enum class Verdict { kMet, kMissed, kUncertain };
std::string_view verdict_name(Verdict v);
// met when both lower bounds reach `slo`, missed when either upper bound is below it,
// uncertain otherwise. A tier with no incidents is met.
Verdict verdict_for(const Proportion& met_rpo, const Proportion& met_rto, double slo);

struct TierSummary {
  int tier = 0;
  scenario::TierTarget target;
  size_t incidents = 0;
  SampleStats rpo_s, rto_s;  // RPO without total losses; RTO without censored incidents
  Proportion met_rpo, met_rto;
  size_t total_loss = 0, censored = 0;
  Verdict verdict = Verdict::kMet;
};

struct ServiceSummary {
  std::string name;
  int tier = 0;
  double availability = 1;
  std::optional<double> nines;  // -log10(1 - availability); none without downtime
  TierSummary incidents;        // the service's incidents against its tier's targets
};

// A database's availability: the share of trials × horizon it accepted writes. The interval is
// the normal approximation over trials, mean ± 1.96 standard errors of the per-trial
// availability (trials are independent, each a draw of the same distribution); [0, 1] with
// fewer than two trials.
struct DatabaseSummary {
  std::string name;
  double availability = 1;
  double availability_se = 0;  // the standard error of `availability`
  double ci95_lo = 0, ci95_hi = 1;
  std::optional<double> analytic_availability;  // the Markov chain's, where it covers the database
  bool analytic_exact = false;
};

struct FailoverSummary {
  std::string database;
  size_t count = 0;
  SampleStats detect_s, promote_s, dns_s, duration_s;
  double within_window = 0;  // share inside [lo, hi]
  double over_window = 0;    // share above hi
  std::optional<bool> holds;  // share <= hi at least failover_slo; none without failovers
};

struct Summary {
  std::string scenario;
  uint64_t seed = 0, trials = 0;
  double horizon_s = 0;
  double window_lo_s = 0, window_hi_s = 0;
  std::vector<TierSummary> tiers;  // the tiers of the scenario's services, ascending
  std::vector<ServiceSummary> services;
  std::vector<DatabaseSummary> databases;
  std::vector<FailoverSummary> failovers;
  EngineCounters engine;
};

Summary summarize(const Results& results);

}  // namespace drsim::models::report
