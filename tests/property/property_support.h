// Helpers for property tests: load a scenario written in the test, run it, and check the
// invariants every trial must keep (RPO >= 0, RTO >= 0, failovers add up).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/plan/plan.h"
#include "models/results/results.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"

namespace drsim::testing {

inline models::Plan plan_from_json(const std::string& json) {
  return models::make_plan(models::scenario::load_scenario_text(json, "test.json", "."));
}

// Mean and standard error of a sample.
struct MeanSe {
  double mean = 0, se = 0;
};
inline MeanSe mean_se(const std::vector<double>& xs) {
  MeanSe m;
  if (xs.empty()) return m;
  double sum = 0;
  for (double x : xs) sum += x;
  m.mean = sum / static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - m.mean) * (x - m.mean);
  m.se = std::sqrt(ss / static_cast<double>(xs.size() - 1) / static_cast<double>(xs.size()));
  return m;
}

// Runs every trial and checks the per-trial invariants; returns the observations.
inline std::vector<models::observations::TrialObservations> run_checked(const models::Plan& plan,
                                                                        uint64_t seed,
                                                                        uint64_t trials) {
  std::vector<models::observations::TrialObservations> all;
  for (uint64_t t = 0; t < trials; ++t) {
    models::observations::TrialObservations obs = models::run_trial(plan, seed, t);
    for (const auto& i : obs.incidents) {
      if (i.rpo) {
        EXPECT_GE(i.rpo->count_us(), 0) << "trial " << t;
      }
      if (i.serving_again_at) {
        EXPECT_GE(*i.serving_again_at, i.started_at) << "trial " << t;
      }
      EXPECT_LE(i.stopped_committing_at, i.serving_again_at.value_or(sim::SimTime::never()));
    }
    for (const auto& f : obs.failovers) {
      EXPECT_GE(f.detect.count_us(), 0);
      EXPECT_GE(f.promote.count_us(), 0);
      EXPECT_GE(f.dns.count_us(), 0);
    }
    all.push_back(std::move(obs));
  }
  return all;
}

}  // namespace drsim::testing
