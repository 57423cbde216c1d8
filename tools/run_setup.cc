// The seed, trial count and incident labels of a run.
#include "tools/run_setup.h"

namespace drsim::tools {

RunSetup run_setup(const models::scenario::Scenario& s, std::optional<uint64_t> trials,
                   std::optional<uint64_t> seed) {
  RunSetup r;
  r.seed = seed.value_or(s.seed);
  r.trials = trials.value_or(s.trials);
  for (const auto& svc : s.services) {
    r.service_names.push_back(svc.name);
    r.service_tiers.push_back(svc.tier);
  }
  return r;
}

}  // namespace drsim::tools
