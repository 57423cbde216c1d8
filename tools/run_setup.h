// What `drsim run` and the Python module's run (tools/python) share: the seed and trial count a
// run uses, and the labels of its incidents, so that both run the very same trials.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace drsim::tools {

struct RunSetup {
  uint64_t seed = 0;
  uint64_t trials = 0;
  // By service index, as incidents name their service: what the incident CSV's rows say.
  std::vector<std::string> service_names;
  std::vector<int> service_tiers;
};

// The overrides `trials` and `seed` where given, else the scenario's own, and the services'
// names and tiers. Checks nothing: the caller has checked the overrides' ranges.
RunSetup run_setup(const models::scenario::Scenario& s, std::optional<uint64_t> trials,
                   std::optional<uint64_t> seed);

}  // namespace drsim::tools
