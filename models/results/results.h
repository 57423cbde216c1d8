// Results: every trial's observations folded into integer counts, sums and histograms that
// reports need. The memory does not grow with the number of trials, and merging two Results is
// exact: threads, shards and (later) MPI ranks merge in any order and give identical objects.
// Plain data; reports (summary.h) are pure functions of it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/observations/observations.h"
#include "models/results/duration_stats.h"
#include "models/scenario/scenario.h"

namespace drsim::models::results {

// A service's (or a tier's) incidents against its tier's targets. A target is met when the
// achieved value is within it (<=).
//
// Invariant: rpo.count() + total_loss + rpo_unknown == incidents; rto.count() + censored ==
// incidents; rto_open.count() == censored; lost_writes.count() + lost_writes_unknown +
// total_loss == incidents.
struct IncidentStats {
  IncidentStats() = default;
  // Histograms at resolution r (LogHistogram).
  explicit IncidentStats(LogHistogram::Resolution r)
      : rpo(r), rto(r), rto_open(r), lost_writes(r) {}

  uint64_t incidents = 0;
  uint64_t total_loss = 0;  // no surviving copy: a miss of the RPO target, never a number
  uint64_t censored = 0;    // still open at the horizon
  // Censored while a data store it uses is still down: the loss is not known yet. Left out of
  // the RPO statistics and of the RPO fraction.
  uint64_t rpo_unknown = 0;
  DurationStats rpo;  // incidents with a known recovery point
  DurationStats rto;  // incidents that ended before the horizon
  // The censored incidents at the time they have been open, a lower bound of their RTO. The RTO
  // statistics are over rto and rto_open together, so a service that never comes back never
  // shows a short RTO; rto_open says which of them are only lower bounds.
  DurationStats rto_open;
  uint64_t rpo_met = 0;     // rpo <= target
  uint64_t rto_met = 0;     // ended within the target
  // Censored incidents already open longer than the target: known misses. Censored incidents
  // open for less are unknown and left out of the RTO fraction.
  uint64_t rto_missed_open = 0;
  CountStats lost_writes;            // incidents whose lost writes are known
  uint64_t lost_writes_unknown = 0;  // not a total loss, but the lost writes are not known

  void add(const observations::Incident& i, SimTime horizon, const scenario::TierTarget& target);
  // A hint that add(i, horizon, ...) comes soon (LogHistogram::prefetch). Changes nothing.
  void prefetch(const observations::Incident& i, SimTime horizon) const;
  void merge(const IncidentStats& other);
  // The incidents each fraction is judged on.
  uint64_t rpo_judged() const { return incidents - rpo_unknown; }
  uint64_t rto_judged() const { return rto.count() + rto_missed_open; }

  friend bool operator==(const IncidentStats&, const IncidentStats&) = default;
};

struct ServiceResults {
  std::string name;
  int tier = 0;
  std::string region;  // an object store's home region in the scenario; empty for a service
  // The faults' incidents. Adaptive histograms: fine (quantiles within 2^-8) while each holds at
  // most LogHistogram::kAdaptiveFineBuckets buckets, coarse (within 2^-5) beyond, since a fleet
  // has thousands of services and their memory must not grow with the number of trials. The
  // tiers' figures come from Results::tier_incidents, always fine.
  IncidentStats incidents{LogHistogram::Resolution::kAdaptive};
  // Incidents caused only by planned events (failover tests, switchovers): counted apart and
  // kept out of `incidents` (so a quarter's tests never dilute a disaster's verdict); their
  // downtime is in downtime_us.
  uint64_t planned_incidents = 0;
  Moments downtime_us;  // one value per trial: the service's downtime in it, clipped to the horizon

  friend bool operator==(const ServiceResults&, const ServiceResults&) = default;
};

// One database's time not accepting writes: one value per trial, in microseconds, clipped to the
// horizon (exact integer sums, so any merge order gives the same object; the sum of squares gives
// the trial-to-trial variance). Beside it the Markov chain's expected availability over the
// horizon where the chain covers the database: a constant of the plan, not a statistic, set by
// run_monte_carlo and carried through state files so that `drsim merge` reports it too.
struct DatabaseResults {
  std::string name;
  Moments downtime_us;
  std::optional<double> analytic_availability;  // none where the chain leaves something out
  bool analytic_exact = false;                  // every duration the chain uses is exponential

  friend bool operator==(const DatabaseResults&, const DatabaseResults&) = default;
};

struct FailoverResults {
  std::string database;
  Moments detect_us, promote_us, dns_us;
  DurationStats total;         // detect + promote + dns
  uint64_t within_window = 0;  // total inside [window_lo, window_hi]
  uint64_t over_window = 0;    // total above window_hi
  uint64_t planned = 0;        // started by a planned failover test (counted in the above too)

  friend bool operator==(const FailoverResults&, const FailoverResults&) = default;
};

struct EngineCounters {
  uint64_t events = 0;
  // Sum mod 2^64 of every trial's trace hash mixed with its trial index: the same for any merge
  // order, and it changes when any trial's events change.
  uint64_t trace_hash = 0;
  // Machine-dependent; the only fields allowed to differ between runs.
  double wall_s = 0;
  int threads = 1;
  int ranks = 1;  // processes whose trials were merged
  // The drsim that ran it ("0.2") and its build type ("Release"), stamped by the program that
  // reports it (tools/version.h); empty: not known (then left out of the JSON).
  std::string drsim_version, build_type;
};

// Shard K of N (0-based) runs the contiguous trials shard_range(trials, K, N).
struct Shard {
  uint64_t index = 0, count = 1;
  friend bool operator==(const Shard&, const Shard&) = default;
};
struct TrialRange {
  uint64_t first = 0, end = 0;  // [first, end)
  uint64_t size() const { return end - first; }
  friend bool operator==(const TrialRange&, const TrialRange&) = default;
};
// [floor(K T / N), floor((K + 1) T / N)): the shards of a run cover [0, T) exactly once.
// REQUIRES: shard.index < shard.count.
TrialRange shard_range(uint64_t trials, Shard shard);
// Part K of N of `whole`, split the same way: [first + floor(K S / N), first + floor((K + 1) S / N))
// where S = whole.size(). The parts are contiguous and cover `whole` exactly once.
// REQUIRES: part.index < part.count.
TrialRange split_range(TrialRange whole, Shard part);

struct Results {
  std::string scenario;
  uint64_t scenario_hash = 0;  // FNV-1a of the canonical scenario JSON: shards must agree
  uint64_t seed = 0;
  uint64_t trials = 0;            // trials merged: range.first, range.first + 1, ...
  uint64_t trials_requested = 0;  // of the whole run (all shards); the cap under --precision
  Shard shard;
  TrialRange range;                 // this part's trials
  bool partial = false;             // interrupted before its range (or the precision) was done
  std::optional<double> precision;  // the --precision target, when one was set
  Duration horizon;
  std::map<int, scenario::TierTarget> tiers;
  double tier_slo = 0.95, failover_slo = 0.99;
  Duration window_lo = Duration::seconds(60), window_hi = Duration::seconds(120);
  std::vector<ServiceResults> services;
  // Per tier that some service has: the incidents of its services together, with fine histograms
  // (the tier's quantiles; the counts equal the sums over the tier's services).
  std::map<int, IncidentStats> tier_incidents;
  // Object stores' own incidents against the tier of the services that use them (their tier as
  // a data store, scenario::data_store_tiers); planned_incidents stays 0.
  std::vector<ServiceResults> object_stores;
  std::vector<DatabaseResults> databases;  // by database index
  std::vector<FailoverResults> failovers;  // databases with automatic failover only
  std::vector<int> failover_index;         // by database index: index into failovers, or -1
  EngineCounters engine;

  // tier_incidents' entry for `tier`; empty (no incidents) when there is none.
  const IncidentStats& incidents_of_tier(int tier) const;
  // Folds one trial in. Any order gives the same Results.
  void add(const observations::TrialObservations& obs);
  // Folds another part of the same run in (counts, sums, histograms, engine counters; not the
  // shard, range or flags, which the caller sets, nor the databases' analytic figures, constants
  // of the plan that both parts hold). REQUIRES: the same services and databases.
  void merge(const Results& other);
};

// Empty Results for `trials` trials of `s` under `seed`, the whole run (shard 0 of 1).
Results make_results(const scenario::Scenario& s, uint64_t seed, uint64_t trials);
// The same with the scenario's hash already known (Plan::scenario_hash).
Results make_results(const scenario::Scenario& s, uint64_t scenario_hash, uint64_t seed,
                     uint64_t trials);

// The hash stored in Results::scenario_hash.
uint64_t scenario_hash(const scenario::Scenario& s);

// The order-independent fold of one trial's hash into EngineCounters::trace_hash.
uint64_t mix_trial_hash(uint64_t trial, uint64_t trace_hash);

}  // namespace drsim::models::results
