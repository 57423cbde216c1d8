// Results: every trial's observations merged, in trial order, into the samples reports need.
// Plain data; reports (summary.h) are pure functions of it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/report/observations.h"
#include "models/scenario/scenario.h"

namespace drsim::models::report {

struct IncidentSample {
  double rpo_s = 0;    // meaningless when total_loss
  double rto_s = 0;    // when censored: how long it had been open at the horizon
  bool total_loss = false;
  bool censored = false;
};

struct ServiceResults {
  std::string name;
  int tier = 0;
  std::vector<IncidentSample> incidents;
  double downtime_s = 0;  // summed over trials
};

// One database's time not accepting writes, summed over trials as integer microseconds (exact,
// so any merge order gives the same sum), with the sum of squares of each trial's downtime for
// the trial-to-trial variance; and the Markov chain's figure where it covers the database.
struct DatabaseResults {
  std::string name;
  int64_t downtime_us = 0;    // Σ over trials
  double downtime_sq_s2 = 0;  // Σ over trials of (the trial's downtime in seconds)²
  std::optional<double> analytic_availability;  // none where the chain leaves something out
  bool analytic_exact = false;                  // every duration the chain uses is exponential
};

struct FailoverResults {
  std::string database;
  std::vector<double> detect_s, promote_s, dns_s, total_s;
};

struct EngineCounters {
  uint64_t events = 0;
  uint64_t trace_hash = 0;  // order-dependent fold of every trial's hash, in trial order
  double wall_s = 0;
  int threads = 1;
  int ranks = 1;
};

struct Results {
  std::string scenario;
  uint64_t seed = 0;
  uint64_t trials = 0;
  double horizon_s = 0;
  std::map<int, scenario::TierTarget> tiers;
  double tier_slo = 0.95, failover_slo = 0.99;
  double window_lo_s = 60, window_hi_s = 120;
  std::vector<ServiceResults> services;
  std::vector<DatabaseResults> databases;  // by database index
  std::vector<FailoverResults> failovers;  // databases with automatic failover only
  std::vector<int> failover_index;         // by database index: index into failovers, or -1
  EngineCounters engine;

  // Merges one trial. Call in trial order for bit-identical results.
  void add(const TrialObservations& obs);
};

Results make_results(const scenario::Scenario& s, uint64_t seed);

}  // namespace drsim::models::report
