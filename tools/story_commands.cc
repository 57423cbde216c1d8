// `drsim timeline`: choose the trial, trace it, tell it.
#include "tools/story_commands.h"

#include <algorithm>
#include <iostream>

#include "models/report/story.h"
#include "models/report/text.h"
#include "models/simulation/plan.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "models/simulation/worst_trial.h"
#include "tools/atomic_file.h"

namespace drsim::tools {
namespace {

namespace report = models::report;
using models::scenario::ScenarioError;

void write_file(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

}  // namespace

int command_timeline(const TimelineOptions& o) {
  const models::scenario::Scenario s = models::scenario::load_scenario_file(o.scenario, o.load);
  const models::Plan plan = models::make_plan(s);
  const uint64_t seed = o.seed.value_or(s.seed);
  if (o.worst && o.trial) throw ScenarioError({"--worst and --trial: choose one"});
  uint64_t trial = o.trial.value_or(0);
  std::string why;
  if (o.worst) {
    std::optional<int> service;
    if (!o.worst->empty()) {
      for (size_t k = 0; k < s.services.size(); ++k) {
        if (s.services[k].name == *o.worst) service = static_cast<int>(k);
      }
      if (!service) {
        std::string names;
        for (const auto& svc : s.services) names += (names.empty() ? "" : ", ") + svc.name;
        throw ScenarioError({"--worst: no service \"" + *o.worst + "\" in " + o.scenario +
                             " (it has " + names + ")"});
      }
    }
    const uint64_t trials = o.trials.value_or(s.trials);
    if (!o.allow_huge) models::check_work(plan, o.threads, "--allow-huge");
    const std::optional<models::WorstTrial> worst =
        models::find_worst_trial(plan, seed, trials, o.threads, service);
    if (!worst) {
      why = "no incident " + (service ? "of " + *o.worst + " " : std::string()) + "in " +
            std::to_string(trials) + " trials: trial 0 is told";
    } else {
      trial = worst->trial;
      why = worst->why;
    }
  } else if (!o.allow_huge) {
    models::check_work(plan, 1, "--allow-huge");
  }
  const report::TrialObservations obs = models::run_trial(plan, seed, trial, true);
  report::Story story = report::make_story(s, obs);
  story.seed = seed;
  story.why_this_trial = why;
  if (o.json_path != "-") std::cout << report::format_story(story);
  if (!o.json_path.empty()) write_file(o.json_path, report::story_json(story).dump(2) + "\n");
  return 0;
}

}  // namespace drsim::tools
