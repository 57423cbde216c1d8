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
  bool exact = false;              // ProtectionGroup::exact
  bool covers_all_faults = false;  // ProtectionGroup::covers_availability
  std::vector<std::string> notes;
};

// One entry per database of `plan`, in the scenario's order.
std::vector<DatabaseAnalysis> analyze(const Plan& plan);

}  // namespace drsim::models::analytic
