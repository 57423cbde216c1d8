// One trial of a plan, and many: the Monte Carlo driver over sim::run_trials.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

#include "models/observations/observations.h"
#include "models/plan/plan.h"
#include "models/response/decision.h"
#include "models/results/results.h"

namespace drsim::models {

// Runs trial `trial` of `plan` under `seed`. With `tracing`, the observations carry a
// readable timeline. Depends only on (plan, seed, trial). When `*interrupt` becomes true the
// trial stops early and its observations say so (TrialObservations::interrupted). `policy`, when
// set, makes every recovery decision of the trial's databases (a tabletop); null: the automatic
// rule.
observations::TrialObservations run_trial(const Plan& plan, uint64_t seed, uint64_t trial,
                                          bool tracing = false,
                                          const std::atomic<bool>* interrupt = nullptr,
                                          response::DecisionPolicy* policy = nullptr);

// How run_monte_carlo runs. The defaults run every trial on one thread per core.
struct MonteCarloOptions {
  int threads = 0;  // 0: one per hardware core
  // Runs only this shard's trials, results::shard_range(trials, shard), with their global trial
  // indices, so the shards' Results merge into the one-process Results.
  results::Shard shard;
  // Runs only this part of the shard's trials, results::split_range(shard's range, part): the
  // share of one process (an MPI rank) of the shard. report::join_parts merges the parts.
  results::Shard part;
  // Stops at the first multiple of results::kPrecisionCheckTrials merged trials at which
  // results::precision_reached(results, *precision); `trials` is then the cap.
  // REQUIRES: shard.count == 1 and part.count == 1 when set (the rule needs every trial so far).
  std::optional<double> precision;
  // When it becomes true (a signal handler may set it), no more trials start; the trials merged
  // so far are returned, marked partial when their range is not done.
  const std::atomic<bool>* interrupt = nullptr;
  // Set to the number of trials merged so far, as they merge (for a progress display).
  std::atomic<uint64_t>* merged = nullptr;
  // Sees every merged trial's observations in trial order (for the incident CSV).
  std::function<void(const observations::TrialObservations&)> each;
};

// Runs `trials` trials (or the shard's part of them) of `plan` under `seed` and merges them in
// trial order.
results::Results run_monte_carlo(const Plan& plan, uint64_t seed, uint64_t trials,
                                 const MonteCarloOptions& options);

// Runs trials [0, trials) on `threads` threads. `each`, when set, sees every trial's
// observations in trial order.
results::Results run_monte_carlo(
    const Plan& plan, uint64_t seed, uint64_t trials, int threads,
    const std::function<void(const observations::TrialObservations&)>& each = nullptr);

}  // namespace drsim::models
