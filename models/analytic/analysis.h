// The Markov-chain answers for every database of a plan (`drsim analyze`): availability,
// downtime per year and mean time to data loss, with what each chain leaves out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/analytic/protection_group.h"
#include "models/simulation/plan.h"

namespace drsim::models::analytic {

struct DatabaseAnalysis {
  std::string name;
  scenario::Deployment deployment = scenario::Deployment::kSingleAz;
  // The chains' answers; nullopt when a chain is too large or cannot be solved (a note says so).
  std::optional<GroupAnalysis> chain;
  // The chain's expected availability over the scenario's horizon, starting with everything up:
  // what `run` estimates. It differs from the long-run chain->availability when the chain relaxes
  // slowly against the horizon. nullopt with no chain.
  std::optional<double> horizon_availability;
  bool exact = false;              // ProtectionGroup::exact
  bool covers_all_faults = false;  // ProtectionGroup::covers_availability
  std::vector<std::string> notes;

  // The availability `analyze` reports: the long run, chain->availability, except when the
  // chain leaves its start for good (GroupAnalysis::leaves_start), where the long run describes
  // a placement the database reaches only by drifting; then the horizon's figure, which is what
  // the Monte Carlo model estimates. nullopt with no chain.
  std::optional<double> availability() const;
  // (1 − availability()) × 365 days.
  std::optional<double> downtime_s_per_year() const;
};

// One entry per database of `plan`, in the scenario's order. Databases whose chains have the
// same shape (a fleet has a handful) share one solve.
std::vector<DatabaseAnalysis> analyze(const Plan& plan);

// What `run` sets beside its Monte Carlo availability, per database of `plan`: the chain's
// expected availability over the plan's horizon from everything up, and whether the chain is
// exact; only where the chain covers everything that affects the database (nullopt elsewhere).
struct HorizonAvailability {
  double availability = 1;
  bool exact = false;
};
std::vector<std::optional<HorizonAvailability>> horizon_availabilities(const Plan& plan);

}  // namespace drsim::models::analytic
