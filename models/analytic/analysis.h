// The Markov-chain answers for every database of a plan (`drsim analyze`): availability,
// downtime per year, mean time to total loss (MTTDL) and to write loss, with what each chain
// leaves out and which figures that leaves uncovered.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/analytic/protection_group.h"
#include "models/plan/plan.h"

namespace drsim::models::analytic {

// The chains' answers for one database. A figure is *covered* when the chain represents everything
// in the scenario that affects it; otherwise analyze gives it as not covered (never as a number
// that could look fine), and keeps the chain's figure of the faults it does represent apart.
struct DatabaseAnalysis {
  std::string name;
  scenario::Deployment deployment = scenario::Deployment::kSingleAz;
  // The chains' answers for the faults they represent; nullopt when a chain is too large or
  // cannot be solved (a note says so).
  std::optional<GroupAnalysis> chain;
  // The chain's expected availability over the scenario's horizon, starting with everything up:
  // what `run` estimates. It differs from the long-run chain->availability when the chain relaxes
  // slowly against the horizon. nullopt with no chain.
  std::optional<double> modelled_horizon_availability;
  bool exact = false;                // ProtectionGroup::exact
  bool covers_availability = false;  // ProtectionGroup::covers_availability
  bool covers_write_loss = false;    // ProtectionGroup::covers_write_loss
  bool covers_total_loss = false;    // ProtectionGroup::covers_total_loss
  std::vector<std::string> notes;

  // The availability of the faults the chain represents: the long run, chain->availability,
  // except when the chain leaves its start for good (GroupAnalysis::leaves_start), where the long
  // run describes a placement the database reaches only by drifting, or a permanent loss; then
  // the horizon's figure, which is what the Monte Carlo model estimates. nullopt with no chain.
  std::optional<double> modelled_availability() const;

  // The figures analyze reports. Each is nullopt when it is not given: not covered, or no chain
  // (not_covered() lists it then); otherwise the value, where for the mean times an inner nullopt
  // means never (infinite).
  std::optional<double> availability() const;          // modelled_availability(), when covered
  std::optional<double> horizon_availability() const;  // modelled_horizon_availability, ditto
  std::optional<double> downtime_s_per_year() const;   // (1 − availability()) × 365 days
  std::optional<std::optional<double>> mttdl_s() const;
  std::optional<std::optional<double>> mean_time_to_write_loss_s() const;
  // The JSON names of the figures not given: "availability", "mttdl_s",
  // "mean_time_to_write_loss_s", in that order; empty when all are.
  std::vector<std::string> not_covered() const;
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
