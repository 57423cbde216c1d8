// Thread-count resolution for run_trials.
#include "sim/trial_runner.h"

namespace drsim::sim {

int resolve_threads(int requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace drsim::sim
