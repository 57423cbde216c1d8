// Finding the trial with the worst incident: one pass over the trials, in trial order.
#include "models/simulation/worst_trial.h"

#include <limits>
#include <map>
#include <utility>

#include "models/simulation/simulation.h"
#include "sim/units.h"

namespace drsim::models {
namespace {

struct Candidate {
  uint64_t trial = 0;
  observations::Incident incident;
  sim::Duration rto;
  sim::Duration rpo;  // max for a total loss or a loss not known
};

// Strictly worse: a later trial never displaces an equal earlier one.
bool worse(const Candidate& a, const Candidate& b) {
  if (a.rto != b.rto) return a.rto > b.rto;
  return a.rpo > b.rpo;
}

}  // namespace

std::optional<WorstTrial> find_worst_trial(const Plan& plan, uint64_t seed, uint64_t trials,
                                           int threads, std::optional<int> service) {
  const sim::SimTime horizon = sim::SimTime::zero() + plan.scenario.horizon;
  std::map<int, Candidate> best;  // by tier (or the one service's tier)
  run_monte_carlo(plan, seed, trials, threads, [&](const observations::TrialObservations& obs) {
    for (const observations::Incident& i : obs.incidents) {
      if (service && i.service != *service) continue;
      Candidate c{obs.trial, i,
                  (i.serving_again_at ? *i.serving_again_at : horizon) - i.started_at,
                  i.total_loss || !i.rpo ? sim::Duration::micros(std::numeric_limits<int64_t>::max())
                                         : *i.rpo};
      const int tier = plan.services.services[static_cast<size_t>(i.service)].tier;
      auto it = best.find(tier);
      if (it == best.end()) {
        best.emplace(tier, c);
      } else if (worse(c, it->second) || (!worse(it->second, c) && c.trial < it->second.trial)) {
        it->second = c;
      }
    }
  });
  if (best.empty()) return std::nullopt;
  const auto& [tier, c] = *best.begin();  // the most demanding tier with incidents
  WorstTrial w;
  w.trial = c.trial;
  w.incident = c.incident;
  const std::string& name = plan.services.services[static_cast<size_t>(c.incident.service)].name;
  w.why = "trial " + std::to_string(c.trial) + " of " + std::to_string(trials) +
          " holds the worst incident " + (service ? "of " + name : "of tier " + std::to_string(tier)) +
          ": " + name + (c.incident.serving_again_at ? ", RTO " : ", still down at the horizon, RTO ≥ ") +
          sim::spoken_duration(c.rto) +
          (c.incident.total_loss ? ", total loss"
           : !c.incident.rpo     ? ", RPO not known"
                                 : ", RPO " + sim::spoken_duration(*c.incident.rpo)) +
          " (worst by RTO, then RPO, then the lowest trial)";
  return w;
}

results::Story tell_trial(const Plan& plan, uint64_t seed, uint64_t trial, std::string why,
                          const std::atomic<bool>* interrupt) {
  results::Story story =
      results::make_story(plan.scenario, run_trial(plan, seed, trial, /*tracing=*/true, interrupt));
  story.seed = seed;
  story.why_this_trial = std::move(why);
  return story;
}

}  // namespace drsim::models
