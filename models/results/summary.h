// Summary: per-tier, per-service and per-failover statistics of Results (DESIGN.md §4–5).
// Pure functions: the output depends only on the arguments.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/results/results.h"

namespace drsim::models::results {

// Which statistics of a sample are only lower bounds: those that depend on values that are
// themselves lower bounds (incidents still open at the horizon, DESIGN.md §4).
struct LowerBounds {
  bool mean = false, p50 = false, p95 = false, p99 = false, max = false;
  bool any() const { return mean || p50 || p95 || p99 || max; }
};

// Mean with its 95 % interval, quantiles (linear interpolation between order statistics, as
// numpy's default) and max. With no values, n == 0 and the other fields are 0 and meaningless.
struct SampleStats {
  size_t n = 0;
  double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;
  std::optional<Interval> mean_ci95;  // normal approximation; none when n < 2
  LowerBounds lower_bound;
};
// From streaming statistics of microseconds, in seconds: the mean and max exact, quantiles
// within LogHistogram::kRelativeError of the exact ones.
SampleStats summarize(const DurationStats& us);
// Only n, mean and mean_ci95, in seconds.
SampleStats summarize(const Moments& us);
// Exact statistics of a small sample kept whole (tests, one-off analyses).
SampleStats summarize(std::vector<double> values);
// The q-quantile of sorted values. REQUIRES: !sorted.empty(), 0 <= q <= 1.
double quantile_sorted(const std::vector<double>& sorted, double q);
// The same for counts, in their own unit.
SampleStats summarize_counts(const CountStats& values);
// Which statistics `all` of the RTOs (the ended incidents' `ended` with the censored ones' open
// durations `open`) are only lower bounds: the mean and the max whenever an incident is open, a
// quantile when it would change were every open incident to last for ever.
LowerBounds lower_bounds(const DurationStats& ended, const DurationStats& open,
                         const SampleStats& all);

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
  // RPO without total losses and without censored incidents whose loss is not known yet; RTO
  // of every incident, the censored ones at their open duration (rto_s.lower_bound says which
  // statistics are only lower bounds).
  SampleStats rpo_s, rto_s;
  SampleStats lost_writes;  // writes lost per incident, where known
  Proportion met_rpo, met_rto;
  size_t total_loss = 0, censored = 0, rpo_unknown = 0, lost_writes_unknown = 0;
  // Incidents of planned events (failover tests, switchovers), counted apart: not in the above.
  size_t planned_incidents = 0;
  Verdict verdict = Verdict::kMet;
};

struct ServiceSummary {
  std::string name;
  int tier = 0;
  std::string region;  // an object store's home region; empty for a service
  double availability = 1;
  std::optional<Interval> availability_ci95;  // from the per-trial downtime; none below 2 trials
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
  Proportion within, over;   // the same shares with their 95 % Wilson intervals
  size_t planned = 0;        // of `count`, started by planned failover tests
  std::optional<bool> holds;  // share <= hi at least failover_slo; none without failovers
};

// --precision P: the run may stop once, for every tier with incidents, the 95 % intervals of
// met_rpo and met_rto have half-width <= P and those of the mean RPO and mean RTO have
// half-width <= P times the mean. `achieved` is the largest of those half-widths (the fraction
// ones as they are, the mean ones divided by the mean); none while no tier has an incident or a
// mean rests on one value.
struct PrecisionStatus {
  std::optional<double> target;  // none when no precision was requested
  std::optional<double> achieved;
  std::optional<bool> reached;  // achieved <= target; none without a target
  // Trials estimated to reach the target, assuming half-widths shrink as 1/sqrt(trials), in
  // whole checkpoints; the trials run when reached; none without a target or an estimate.
  std::optional<uint64_t> trials_needed;
};
// The stopping rule is checked only when a multiple of this many trials has been merged, in
// trial order, so the stopping point does not depend on the number of threads. At the cap,
// `reached` says whether the trials run reach the target.
inline constexpr uint64_t kPrecisionCheckTrials = 1000;
PrecisionStatus precision_status(const Results& results);
// achieved <= target, computed from counts and sums only (cheap enough for every checkpoint).
bool precision_reached(const Results& results, double target);

struct Summary {
  std::string scenario;
  uint64_t seed = 0, trials = 0;
  uint64_t trials_requested = 0;
  bool partial = false;        // interrupted: the statistics cover the first `trials` only
  std::optional<Shard> shard;  // set for one shard of several
  TrialRange range;            // the trials summarized
  PrecisionStatus precision;
  double horizon_s = 0;
  double window_lo_s = 0, window_hi_s = 0;
  double tier_slo = 0.95;  // the share of incidents a verdict asks to meet each target
  std::vector<TierSummary> tiers;  // the tiers of the scenario's services, ascending
  std::vector<ServiceSummary> services;
  // Object stores against the tier of the services that use them (availability, their own
  // incidents, RPO = the uploads lost, verdict).
  std::vector<ServiceSummary> object_stores;
  std::vector<DatabaseSummary> databases;
  std::vector<FailoverSummary> failovers;
  EngineCounters engine;
};

Summary summarize(const Results& results);

}  // namespace drsim::models::results
