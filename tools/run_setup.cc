// The seed, trial count and incident labels of a run.
#include "tools/run_setup.h"

namespace drsim::tools {

RunSetup run_setup(const models::scenario::Scenario& s, std::optional<uint64_t> trials,
                   std::optional<uint64_t> seed) {
  RunSetup r;
  r.seed = seed.value_or(s.seed);
  r.trials = trials.value_or(s.trials);
  r.labels = models::results::incident_labels(s);
  return r;
}

}  // namespace drsim::tools
