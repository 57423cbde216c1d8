// drsim_html_sample: writes the HTML report of a scenario as `drsim run --html` will, for the
// Chromium check of tests/html_report.cmake until the command line has that option. Runs the
// Monte Carlo, traces the trial holding the longest outage, and renders both.
//
// Usage: drsim_html_sample SCENARIO --html OUT.html [--trials N] [--threads T]
// Exit status: 0 written, 2 bad input or usage.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "models/report/html.h"
#include "models/report/results.h"
#include "models/report/story.h"
#include "models/report/summary.h"
#include "models/scenario/loader.h"
#include "models/simulation/plan.h"
#include "models/simulation/simulation.h"
#include "sim/units.h"

#ifndef DRSIM_VERSION
#define DRSIM_VERSION "unknown"
#endif

namespace {

namespace report = drsim::models::report;
using drsim::models::scenario::Scenario;
using drsim::sim::Duration;
using drsim::sim::SimTime;

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;

// How long an incident kept its service from taking writes; an open one counts until the horizon.
Duration outage_of(const report::Incident& i, Duration horizon) {
  return i.serving_again_at ? *i.serving_again_at - i.started_at
                            : (SimTime::zero() + horizon) - i.started_at;
}

// The trial to tell: the one holding the longest outage (then the largest RPO, a total loss
// counting as the largest), the lowest trial index among equals.
struct WorstTrial {
  std::optional<uint64_t> trial;
  Duration outage, rpo;
  std::string service;

  void consider(const report::TrialObservations& obs, const Scenario& s) {
    for (const report::Incident& i : obs.incidents) {
      const Duration outage_d = outage_of(i, s.horizon);
      const Duration rpo_d = i.total_loss ? Duration::max() : i.rpo.value_or(Duration());
      if (trial && (outage_d < outage || (outage_d == outage && rpo_d <= rpo))) continue;
      trial = obs.trial;
      outage = outage_d;
      rpo = rpo_d;
      service = s.services[static_cast<size_t>(i.service)].name;
    }
  }
};

// TODO(html-report): remove stand_in_story once make_story (models/report/story.cc) is in this
// tree, and call report::make_story(s, obs) instead. A minimal Story from the observations: the
// timeline as it is (kinds guessed from the words of the older `say` steps), each service's worst
// incident, and one bar per service incident; no data-store bars, no decisions.
report::Story stand_in_story(const Scenario& s, const report::TrialObservations& obs,
                             uint64_t seed) {
  report::Story st;
  st.scenario = s.name;
  st.description = s.description;
  st.seed = seed;
  st.trial = obs.trial;
  st.start_epoch_s = s.start_epoch_s;
  st.horizon = s.horizon;
  for (report::StoryEvent e : obs.timeline) {
    if (e.kind == "note") {
      const size_t colon = e.text.find(": ");
      const size_t serves = e.text.find(" serves again");
      if (e.text.rfind("fault: ", 0) == 0) {
        e.kind = "fault";
      } else if (serves != std::string::npos) {
        e.kind = "service_restored";
        e.subject = e.text.substr(0, serves);
      } else if (colon != std::string::npos && e.text.find(": decision: ") == colon) {
        e.kind = "decision";
        e.subject = e.text.substr(0, colon);
      } else if (colon != std::string::npos && e.text.find("writes resume") != std::string::npos) {
        e.kind = "writes_resumed";
        e.subject = e.text.substr(0, colon);
      }
    }
    st.events.push_back(std::move(e));
  }
  for (const auto& db : s.databases) st.databases.push_back(db.name);
  for (const auto& os : s.object_stores) st.object_stores.push_back(os.name);
  for (size_t k = 0; k < s.services.size(); ++k) {
    const auto& svc = s.services[k];
    report::ServiceOutcome o;
    o.service = svc.name;
    o.tier = svc.tier;
    o.target = s.tiers.at(svc.tier);
    if (k < obs.service_downtime.size()) o.downtime_s = obs.service_downtime[k].in_seconds();
    std::optional<uint64_t> lost = 0;
    const report::Incident* worst = nullptr;
    for (const report::Incident& i : obs.incidents) {
      if (static_cast<size_t>(i.service) != k) continue;
      ++o.incidents;
      st.intervals.push_back({svc.name, "service", i.started_at, i.serving_again_at, i.total_loss});
      lost = lost && i.lost_writes ? std::optional<uint64_t>(*lost + *i.lost_writes) : std::nullopt;
      if (!worst || outage_of(i, s.horizon) > outage_of(*worst, s.horizon)) worst = &i;
    }
    if (worst) {
      const Duration rto = outage_of(*worst, s.horizon);
      o.rto_s = rto.in_seconds();
      o.censored = !worst->serving_again_at;
      o.total_loss = worst->total_loss;
      o.rpo_s = worst->rpo ? std::optional<double>(worst->rpo->in_seconds()) : std::nullopt;
      o.lost_writes = lost;
      o.met_rto = rto <= o.target.rto;
      o.met_rpo = worst->rpo && *worst->rpo <= o.target.rpo;
    }
    st.summary.push_back(std::move(o));
  }
  return st;
}

void usage() {
  std::cerr << "usage: drsim_html_sample SCENARIO --html OUT.html [--trials N] [--threads T]\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario_path, html_path;
  std::optional<uint64_t> trials;
  int threads = 2;
  for (int k = 1; k < argc; ++k) {
    const std::string arg = argv[k];
    const bool has_value = k + 1 < argc;
    if (arg == "--html" && has_value) {
      html_path = argv[++k];
    } else if (arg == "--trials" && has_value) {
      trials = std::strtoull(argv[++k], nullptr, 10);
    } else if (arg == "--threads" && has_value) {
      threads = static_cast<int>(std::strtol(argv[++k], nullptr, 10));
    } else if (!arg.empty() && arg[0] != '-' && scenario_path.empty()) {
      scenario_path = arg;
    } else {
      usage();
      return kExitBadInput;
    }
  }
  if (scenario_path.empty() || html_path.empty()) {
    usage();
    return kExitBadInput;
  }
  try {
    const Scenario s = drsim::models::scenario::load_scenario_file(scenario_path);
    const drsim::models::Plan plan = drsim::models::make_plan(s);
    const uint64_t seed = s.seed;
    WorstTrial worst;
    const report::Results results = drsim::models::run_monte_carlo(
        plan, seed, trials.value_or(s.trials), threads,
        [&](const report::TrialObservations& obs) { worst.consider(obs, s); });
    const report::Summary summary = report::summarize(results);
    const uint64_t told = worst.trial.value_or(0);
    const report::TrialObservations traced = drsim::models::run_trial(plan, seed, told, true);
    report::Story story = stand_in_story(s, traced, seed);
    if (worst.trial) {
      story.why_this_trial = "It holds the longest outage of the run: " + worst.service +
                             " was not taking writes for " +
                             drsim::sim::format_duration(worst.outage) + ".";
    }
    report::HtmlReport page;
    page.title = s.name;
    page.scenario_file = scenario_path;
    page.drsim_version = DRSIM_VERSION;
    page.results = &results;
    page.summary = &summary;
    page.story = &story;
    std::ofstream out(html_path, std::ios::binary);
    out << report::render_html(page);
    out.close();
    if (!out) {
      std::cerr << "error: " << html_path << ": cannot write\n";
      return kExitBadInput;
    }
  } catch (const drsim::models::scenario::ScenarioError& e) {
    for (const std::string& p : e.problems()) std::cerr << "error: " << p << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}
