// The work a trial of a plan will do, estimated from the plan before anything runs, so that a
// scenario that cannot finish or fit (a thousand years of hourly failures, a fault every
// microsecond) is refused with the numbers instead of running out of memory or for days.
#pragma once

#include <cstdint>
#include <string>

#include "models/plan/plan.h"

namespace drsim::models {

// Expected counts per trial, from the fault rates, the horizon and how many databases and
// services each fault reaches. An estimate within a small factor, not a bound.
struct WorkEstimate {
  double fault_occurrences = 0;  // faults fired, instance and storage failures included
  double events = 0;             // engine events
  double incidents = 0;          // service incidents recorded
  double failovers = 0;          // failover records
  double bytes = 0;              // the trial's observations held in memory until merged
};
WorkEstimate estimate_work(const Plan& plan);

// Limits beyond which a run is refused unless overridden (docs/scaling.md).
inline constexpr double kMaxEventsPerTrial = 1e9;            // about 15 minutes of one core
inline constexpr double kMaxBytesInFlight = 4.0 * (1 << 30);  // observations held at once

// Trials the trial runner holds in memory at once with `threads` threads, for trials of this
// weight (heavy trials run in blocks of one).
uint64_t trials_in_flight(const WorkEstimate& w, int threads);
// The trial runner's block size for trials of this weight.
uint64_t block_size_for(const WorkEstimate& w);

// Throws scenario::ScenarioError naming the scenario file, the estimate and the limit when a
// run of `plan` with `threads` threads would exceed a limit. `command` names the override flag
// in the message.
void check_work(const Plan& plan, int threads, const std::string& override_flag);

}  // namespace drsim::models
