// `drsim timeline` (choose the trial, trace it, tell it), `drsim tabletop` (play it at a
// terminal) and the HTML report of `run --html`.
#include "tools/story_commands.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>

#include "models/plan/plan.h"
#include "models/report/html.h"
#include "models/report/story_writers.h"
#include "models/report/text.h"
#include "models/results/summary.h"
#include "models/simulation/simulation.h"
#include "models/simulation/tabletop.h"
#include "models/simulation/work_estimate.h"
#include "models/simulation/worst_trial.h"
#include "sim/units.h"
#include "tools/arguments.h"
#include "tools/atomic_file.h"
#include "tools/version.h"

namespace drsim::tools {
namespace {

namespace observations = models::observations;
namespace report = models::report;
namespace results = models::results;
using models::scenario::ScenarioError;

void write_file(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

void write_html(const std::string& path, const std::string& scenario_file,
                const results::Story* story, const results::Results* results,
                std::vector<results::BranchOutcome> branches = {}) {
  report::HtmlReport r;
  r.title = story ? story->scenario : results->scenario;
  r.scenario_file = scenario_file;
  r.drsim_version = drsim_version();
  std::optional<results::Summary> summary;
  if (results) {
    summary = results::summarize(*results);
    r.results = results;
    r.summary = &*summary;
  }
  r.story = story;
  r.branches = std::move(branches);
  write_file(path, report::render_html(r));
}

}  // namespace

// The index of service `name` of `s`; none for an empty name. Throws ScenarioError naming
// `option` when there is no such service.
std::optional<int> service_index(const models::scenario::Scenario& s, const std::string& name,
                                 const std::string& option, const std::string& file) {
  if (name.empty()) return std::nullopt;
  for (size_t k = 0; k < s.services.size(); ++k) {
    if (s.services[k].name == name) return static_cast<int>(k);
  }
  std::string names;
  for (const auto& svc : s.services) names += (names.empty() ? "" : ", ") + svc.name;
  throw ScenarioError({option + ": no service \"" + name + "\" in " + file + " (it has " + names + ")"});
}

void write_run_html(const std::string& path, const std::string& scenario_file,
                    const models::Plan& plan, const results::Results& results, uint64_t seed,
                    std::optional<uint64_t> trial, const std::string& worst_of, int threads) {
  const models::scenario::Scenario& s = plan.scenario;
  std::string why;
  if (!trial) {
    const std::optional<models::WorstTrial> worst = models::find_worst_trial(
        plan, seed, results.range.end, threads, service_index(s, worst_of, "--worst", scenario_file));
    trial = worst ? worst->trial : results.range.first;
    why = worst ? worst->why : "no incident in any trial: trial " + std::to_string(*trial) + " is told";
  }
  const results::Story story = models::tell_trial(plan, seed, *trial, why);
  write_html(path, scenario_file, &story, &results);
}

int command_timeline(const TimelineOptions& o) {
  check_outputs({{"--json", o.json_path}, {"--html", o.html_path}}, {o.scenario});
  const models::scenario::Scenario s = models::scenario::load_scenario_file(o.scenario, o.load);
  const models::Plan plan = models::make_plan(s);
  const uint64_t seed = o.seed.value_or(s.seed);
  if (o.worst && o.trial) throw ScenarioError({"--worst and --trial: choose one"});
  uint64_t trial = o.trial.value_or(0);
  std::string why;
  if (o.worst) {
    const std::optional<int> service = service_index(s, *o.worst, "--worst", o.scenario);
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
  const results::Story story = models::tell_trial(plan, seed, trial, why);
  if (o.json_path != "-") std::cout << report::format_story(story);
  if (!o.json_path.empty()) write_file(o.json_path, report::story_json(story).dump(2) + "\n");
  if (!o.html_path.empty()) write_html(o.html_path, o.scenario, &story, nullptr);
  return 0;
}

namespace {

std::string clock(int64_t start_epoch_s, sim::SimTime at) {
  return sim::format_clock(start_epoch_s + at.count_us() / 1'000'000) + " UTC";
}

std::string or_unknown(const std::optional<double>& s) {
  return s ? sim::spoken_duration(sim::Duration::from_seconds(*s)) : std::string("not known");
}

std::string mark(const std::optional<bool>& b) { return b ? (*b ? "yes" : "NO") : "?"; }

// The facilitator at a terminal: the situation, the options, a prompt.
class TerminalFacilitator : public models::Facilitator {
 public:
  std::string choose(const models::Pause& p) override {
    const results::DecisionRecord& d = p.decision;
    const int64_t epoch = p.start_epoch_s;
    std::ostringstream out;
    out << "\n══ Decision " << d.n << " — " << clock(epoch, d.at);
    if (!p.story.empty()) {
      out << ", " << sim::spoken_duration(d.at - p.story.front().at) << " since the first fault";
    }
    out << " ══\n";
    out << report::terminal_safe(d.database) << " (tier " << d.tier << ") has taken no writes since "
        << clock(epoch, d.outage_since) << " (" << sim::spoken_duration(d.at - d.outage_since)
        << ").\n\nWhat on-call has seen:\n";
    const size_t from = p.story.size() > 12 ? p.story.size() - 12 : 0;
    if (from > 0) out << "  … " << from << " earlier steps\n";
    for (size_t i = from; i < p.story.size(); ++i) {
      out << "  " << clock(epoch, p.story[i].at) << "  " << report::terminal_safe(p.story[i].text) << "\n";
    }
    out << "\nDown now, against the RTO targets:\n";
    for (const results::StoryInterval& bar : p.down) {
      out << "  " << report::terminal_safe(bar.subject) << " since " << clock(epoch, bar.from) << " ("
          << sim::spoken_duration(d.at - bar.from);
      for (const results::ServiceOutcome& svc : p.services) {
        if (svc.service != bar.subject) continue;
        const sim::Duration left = svc.target.rto - (d.at - bar.from);
        out << " of tier " << svc.tier << "'s " << sim::spoken_duration(svc.target.rto) << " RTO target; "
            << (left > sim::Duration() ? sim::spoken_duration(left) + " left" : "already MISSED");
      }
      out << ")\n";
    }
    out << "\nOptions (loss, duration p50 / p95 with the restore queue, from "
        << "a Monte Carlo preview of the rest of the trial):\n";
    for (size_t k = 0; k < d.options.size(); ++k) {
      const results::DecisionOption& o = d.options[k];
      out << "  [" << k + 1 << "] " << report::terminal_safe(o.id) << " — "
          << report::terminal_safe(o.description) << "\n      loses "
          << (o.rpo_s ? (*o.rpo_s > 0 ? or_unknown(o.rpo_s) + " of writes" : std::string("nothing"))
                      : std::string("not known"))
          << "; takes " << (o.duration_p50_s ? or_unknown(o.duration_p50_s) + " (p95 " +
                                                   or_unknown(o.duration_p95_s) + ")"
                                             : std::string("not known"))
          << "; meets RPO " << mark(o.meets_rpo) << ", RTO " << mark(o.meets_rto) << "; "
          << (o.undoable ? "can be undone" : "cannot be undone") << "\n";
    }
    out << "\nThe automatic rule would take: " << report::terminal_safe(d.automatic) << " ("
        << d.why << ")\n";
    std::cout << out.str();
    for (;;) {
      std::cout << "Choose 1-" << d.options.size() << " or an option id (Enter: the automatic rule's): "
                << std::flush;
      std::string line;
      if (!std::getline(std::cin, line)) {
        std::cout << "\n(no more input: the automatic rule decides)\n";
        return "";
      }
      line.erase(0, line.find_first_not_of(" \t"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (line.empty()) return "";
      for (size_t k = 0; k < d.options.size(); ++k) {
        if (line == std::to_string(k + 1) || line == d.options[k].id) return d.options[k].id;
      }
      std::cout << "No option \"" << report::terminal_safe(line) << "\".\n";
    }
  }
};

}  // namespace

int command_tabletop(const TabletopCommandOptions& o) {
  check_outputs({{"--json", o.json_path}, {"--html", o.html_path}}, {o.scenario});
  const models::scenario::Scenario s = models::scenario::load_scenario_file(o.scenario, o.load);
  const models::Plan plan = models::make_plan(s);
  if (!o.allow_huge) models::check_work(plan, 1, "--allow-huge");
  models::TabletopOptions t;
  t.seed = o.seed.value_or(s.seed);
  t.trial = o.trial;
  t.preview_samples = o.preview_samples;
  std::vector<std::string> problems;
  for (const std::string& answer : o.choose) {
    const size_t eq = answer.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == answer.size()) {
      problems.push_back("--choose " + answer + ": expected N=ID, such as 1=wait or 2=restore-copy:us-west-2");
      continue;
    }
    try {
      const auto n = parse_whole_number("--choose", answer.substr(0, eq), 1, 1'000'000);
      if (!t.choices.emplace(static_cast<int>(n), answer.substr(eq + 1)).second) {
        problems.push_back("--choose " + answer + ": decision " + std::to_string(n) + " is answered twice");
      }
    } catch (const ScenarioError& e) {
      for (const std::string& p : e.problems()) problems.push_back(p);
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  TerminalFacilitator terminal;
  // Asks only on a terminal, and never when standard output carries the JSON.
  const bool interactive =
      !o.no_input && o.json_path != "-" && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  if (interactive) t.facilitator = &terminal;
  const models::Tabletop played = models::play_tabletop(s, plan, t);
  if (!played.problems.empty()) throw ScenarioError(played.problems);
  if (o.json_path != "-") {
    std::cout << report::format_story(played.story);
    std::cout << "\nDecisions:\n";
    for (const results::DecisionRecord& d : played.story.decisions) {
      std::cout << "  " << d.n << ". " << clock(s.start_epoch_s, d.at) << "  "
                << report::terminal_safe(d.database) << ": " << report::terminal_safe(d.chosen)
                << (d.chosen == d.automatic ? " (the automatic rule's choice)"
                                            : " (the automatic rule: " + report::terminal_safe(d.automatic) + ")")
                << "\n";
    }
    if (played.story.decisions.empty()) std::cout << "  none: no decision came up in this trial\n";
    std::cout << "\nThe branches side by side (the same random numbers up to each decision):\n"
              << report::format_branches(played.branches);
  }
  if (!o.json_path.empty()) {
    write_file(o.json_path, report::tabletop_json(played.story, played.branches).dump(2) + "\n");
  }
  if (!o.html_path.empty()) write_html(o.html_path, o.scenario, &played.story, nullptr, played.branches);
  return 0;
}

}  // namespace drsim::tools
