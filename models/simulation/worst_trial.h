// The trial a tabletop tells by default: the one holding the worst incident (DESIGN.md §7).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/report/observations.h"
#include "models/simulation/plan.h"

namespace drsim::models {

struct WorstTrial {
  uint64_t trial = 0;
  report::Incident incident;  // the worst incident in it
  std::string why;            // "trial 17 holds the worst incident of tier 1: wiki (RTO 2 h 13 min, ...)"
};

// Runs trials [0, trials) of `plan` under `seed` on `threads` threads and returns the trial
// holding the worst incident of service `service` (an index), or, with none, of any service of
// the most demanding tier that has incidents: by RTO (an incident open at the horizon counts at
// its open duration), then RPO (a total loss or a loss not known counts as the worst), then
// the lowest trial index. None when no trial has such an incident.
std::optional<WorstTrial> find_worst_trial(const Plan& plan, uint64_t seed, uint64_t trials,
                                           int threads, std::optional<int> service);

}  // namespace drsim::models
