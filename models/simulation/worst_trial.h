// The trial a tabletop tells by default, the one holding the worst incident (DESIGN.md §7), and
// the telling of a trial as a story.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "models/observations/observations.h"
#include "models/plan/plan.h"
#include "models/results/story.h"

namespace drsim::models {

struct WorstTrial {
  uint64_t trial = 0;
  observations::Incident incident;  // the worst incident in it
  std::string why;            // "trial 17 holds the worst incident of tier 1: wiki (RTO 2 h 13 min, ...)"
};

// Runs trials [0, trials) of `plan` under `seed` on `threads` threads and returns the trial
// holding the worst incident of service `service` (an index), or, with none, of any service of
// the most demanding tier that has incidents: by RTO (an incident open at the horizon counts at
// its open duration), then RPO (a total loss or a loss not known counts as the worst), then
// the lowest trial index. None when no trial has such an incident.
std::optional<WorstTrial> find_worst_trial(const Plan& plan, uint64_t seed, uint64_t trials,
                                           int threads, std::optional<int> service);

// Trial `trial` of `plan` under `seed`, traced and told as a story (DESIGN.md §7), with `why` as
// the reason the trial was chosen (empty when it was asked for by number). What `drsim timeline`,
// `run --html` and the Python module's timeline tell. When `*interrupt` becomes true the trial
// stops early and the story ends there: the caller that set it knows.
results::Story tell_trial(const Plan& plan, uint64_t seed, uint64_t trial, std::string why,
                          const std::atomic<bool>* interrupt = nullptr);

}  // namespace drsim::models
