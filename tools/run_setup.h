// What `drsim run` and the Python module's run (tools/python) share: the seed and trial count a
// run uses, and the labels of its incidents, so that both run the very same trials.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/report/writers.h"
#include "models/scenario/scenario.h"

namespace drsim::tools {

struct RunSetup {
  uint64_t seed = 0;
  uint64_t trials = 0;
  // What the incident CSV's rows name: services, data stores, regions and AZs by index.
  models::results::IncidentLabels labels;
};

// The overrides `trials` and `seed` where given, else the scenario's own, and the services'
// names and tiers. Checks nothing: the caller has checked the overrides' ranges.
RunSetup run_setup(const models::scenario::Scenario& s, std::optional<uint64_t> trials,
                   std::optional<uint64_t> seed);

}  // namespace drsim::tools
