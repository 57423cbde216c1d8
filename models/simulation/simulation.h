// One trial of a plan, and many: the Monte Carlo driver over sim::run_trials.
#pragma once

#include <cstdint>
#include <functional>

#include "models/report/observations.h"
#include "models/report/results.h"
#include "models/simulation/plan.h"

namespace drsim::models {

// Runs trial `trial` of `plan` under `seed`. With `tracing`, the observations carry a
// readable timeline. Depends only on (plan, seed, trial).
report::TrialObservations run_trial(const Plan& plan, uint64_t seed, uint64_t trial,
                                    bool tracing = false);

// Runs trials [0, trials) on `threads` threads and merges them in trial order. `each`, when
// set, sees every trial's observations in trial order (for the incident CSV).
report::Results run_monte_carlo(
    const Plan& plan, uint64_t seed, uint64_t trials, int threads,
    const std::function<void(const report::TrialObservations&)>& each = nullptr);

}  // namespace drsim::models
