// Helpers for model unit tests: build a plan from a scenario written in the test and run
// one trial of it.
#pragma once

#include <string>

#include "models/plan/plan.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"

namespace drsim::testing {

inline models::Plan plan_of(const std::string& json) {
  return models::make_plan(models::scenario::load_scenario_text(json, "test.json", "."));
}

inline sim::SimTime at(sim::Duration offset) { return sim::SimTime::zero() + offset; }

// A one-region, three-AZ scenario with `databases`, `services` and `faults` spliced in.
inline std::string region_scenario(const std::string& databases, const std::string& services,
                                   const std::string& faults, const std::string& azs = R"(["a1", "a2", "a3"])",
                                   const std::string& horizon = "2d") {
  return R"({"name": "t", "horizon": ")" + horizon + R"(", "trials": 1,
    "regions": [{"name": "r", "azs": )" + azs + R"(}],
    "databases": )" + databases + R"(, "services": )" + services + R"(, "faults": )" + faults + "}";
}

}  // namespace drsim::testing
