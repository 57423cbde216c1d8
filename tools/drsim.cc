// drsim: the command line (DESIGN.md §5). Parses flags, loads scenarios, runs or analyzes them
// and prints reports. The only code that prints or exits. Exit status: 0 done, 1 targets missed
// under
// --check, 2 bad input or usage.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "models/analytic/analysis.h"
#include "models/report/analysis_writers.h"
#include "models/report/summary.h"
#include "models/report/writers.h"
#include "models/scenario/loader.h"
#include "models/simulation/plan.h"
#include "models/simulation/simulation.h"
#include "sim/units.h"

namespace {

using drsim::models::Plan;
using drsim::models::scenario::Scenario;
using drsim::models::scenario::ScenarioError;
namespace report = drsim::models::report;

constexpr int kExitOk = 0;
constexpr int kExitMissed = 1;
constexpr int kExitBadInput = 2;

// Writes `text` to `path` atomically: a temporary file beside it, then a rename, so readers
// never see a truncated file. "-" means standard output.
void write_output(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  const std::filesystem::path target(path);
  const std::filesystem::path temp = target.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw ScenarioError({path + ": cannot write output file"});
    out << text;
    out.flush();
    if (!out) throw ScenarioError({path + ": cannot write output file"});
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw ScenarioError({path + ": cannot write output file: " + ec.message()});
  }
}

void print_problems(const ScenarioError& e) {
  for (const std::string& p : e.problems()) std::cerr << "error: " << p << "\n";
}

struct RunOptions {
  std::string scenario;
  std::optional<uint64_t> trials, seed;
  int threads = 0;
  std::string json_path, csv_path;
  bool check = false;
  bool quiet = false;
};

int command_run(const RunOptions& o) {
  const Scenario s = drsim::models::scenario::load_scenario_file(o.scenario);
  const Plan plan = drsim::models::make_plan(s);
  if (!o.quiet) {
    for (const std::string& w : drsim::models::scenario::scenario_warnings(s)) std::cerr << "warning: " << w << "\n";
    for (const std::string& n : plan.notes) std::cerr << "note: " << n << "\n";
  }
  const uint64_t seed = o.seed.value_or(s.seed);
  const uint64_t trials = o.trials.value_or(s.trials);
  std::string csv;
  std::vector<std::string> names;
  std::vector<int> tiers;
  for (const auto& svc : s.services) {
    names.push_back(svc.name);
    tiers.push_back(svc.tier);
  }
  if (!o.csv_path.empty()) csv = report::incident_csv_header();
  const report::Results results = drsim::models::run_monte_carlo(
      plan, seed, trials, o.threads, [&](const report::TrialObservations& obs) {
        if (!o.csv_path.empty()) report::append_incident_csv(obs, names, tiers, csv);
      });
  const report::Summary summary = report::summarize(results);
  const bool json_to_stdout = o.json_path == "-";
  if (!o.quiet) {
    (json_to_stdout ? std::cerr : std::cout) << report::to_terminal(summary);
  }
  if (!o.json_path.empty()) write_output(o.json_path, report::to_json(summary).dump(2) + "\n");
  if (!o.csv_path.empty()) write_output(o.csv_path, csv);
  if (o.check) {
    for (const report::TierSummary& t : summary.tiers) {
      if (t.verdict != report::Verdict::kMet) {
        std::cerr << "check: tier " << t.tier << " is " << report::verdict_name(t.verdict) << "\n";
        return kExitMissed;
      }
    }
  }
  return kExitOk;
}

int command_validate(const std::vector<std::string>& files) {
  int status = kExitOk;
  for (const std::string& f : files) {
    Scenario s;
    try {
      s = drsim::models::scenario::load_scenario_file(f);
    } catch (const ScenarioError& e) {
      print_problems(e);
      status = kExitBadInput;
      continue;
    }
    std::cout << f << ": ok: \"" << s.name << "\", " << s.regions.size() << " regions, "
              << s.databases.size() << " databases, " << s.services.size() << " services, "
              << s.faults.size() << " faults" << std::endl;
    for (const std::string& w : drsim::models::scenario::scenario_warnings(s)) {
      std::cerr << "warning: " << f << ": " << w << "\n";
    }
    // The file is valid; say so, and say what `run` could not simulate yet.
    try {
      for (const std::string& n : drsim::models::make_plan(s).notes) {
        std::cerr << "note: " << f << ": " << n << "\n";
      }
    } catch (const ScenarioError& e) {
      for (const std::string& p : e.problems()) std::cerr << "warning: " << p << "\n";
    }
  }
  return status;
}

int command_timeline(const std::string& file, uint64_t trial, std::optional<uint64_t> seed) {
  const Scenario s = drsim::models::scenario::load_scenario_file(file);
  const Plan plan = drsim::models::make_plan(s);
  const report::TrialObservations obs = drsim::models::run_trial(plan, seed.value_or(s.seed), trial, true);
  std::cout << s.name << " — trial " << trial << ", seed " << seed.value_or(s.seed) << "\n";
  if (!s.description.empty()) std::cout << s.description << "\n";
  std::cout << "\n" << report::format_timeline(obs, s.start_epoch_s);
  if (obs.timeline.empty()) std::cout << "(nothing happens in this trial)\n";
  // The trial's incidents, as the report would count them.
  std::cout << "\n";
  for (const report::Incident& i : obs.incidents) {
    const auto& svc = s.services[static_cast<size_t>(i.service)];
    std::cout << svc.name << " (tier " << svc.tier << "): ";
    if (i.serving_again_at) {
      std::cout << "RTO " << drsim::sim::format_duration(*i.serving_again_at - i.started_at);
    } else {
      std::cout << "still down at the horizon (RTO >= "
                << drsim::sim::format_duration(s.horizon - i.started_at.since_start()) << ")";
    }
    std::cout << ", " << (i.rpo ? "RPO " + drsim::sim::format_duration(*i.rpo) : std::string("total data loss"))
              << "\n";
  }
  return kExitOk;
}

struct AnalyzeOptions {
  std::string scenario;
  std::string json_path;
  bool quiet = false;
};

int command_analyze(const AnalyzeOptions& o) {
  const Scenario s = drsim::models::scenario::load_scenario_file(o.scenario);
  const Plan plan = drsim::models::make_plan(s);
  const std::vector<drsim::models::analytic::DatabaseAnalysis> databases =
      drsim::models::analytic::analyze(plan);
  if (!o.quiet) {
    (o.json_path == "-" ? std::cerr : std::cout) << report::analysis_terminal(s.name, databases);
  }
  if (!o.json_path.empty()) {
    write_output(o.json_path, report::analysis_json(s.name, databases).dump(2) + "\n");
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"drsim: discrete-event simulation of database failover and disaster recovery"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "drsim 0.1");

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Monte Carlo trials of a scenario; RPO/RTO per tier");
  run_cmd->add_option("scenario", run.scenario, "scenario file (JSON)")->required();
  run_cmd->add_option("--trials", run.trials, "number of trials (default: the scenario's)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}));
  run_cmd->add_option("--seed", run.seed, "random seed (default: the scenario's)");
  run_cmd->add_option("--threads", run.threads, "worker threads, 0 = one per core")
      ->check(CLI::Range(0, 1024));
  run_cmd->add_option("--json", run.json_path, "write the JSON result to this file (- for stdout)");
  run_cmd->add_option("--csv", run.csv_path, "write one CSV row per incident to this file");
  run_cmd->add_flag("--check", run.check, "exit 1 when any tier misses a target");
  run_cmd->add_flag("--quiet,-q", run.quiet, "no report or notes on the terminal");

  std::vector<std::string> validate_files;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check scenario files; exit 2 on errors");
  validate_cmd->add_option("scenarios", validate_files, "scenario files")->required();

  std::string timeline_file;
  uint64_t timeline_trial = 0;
  std::optional<uint64_t> timeline_seed;
  CLI::App* timeline_cmd = app.add_subcommand("timeline", "one trial's events in words");
  timeline_cmd->add_option("scenario", timeline_file, "scenario file (JSON)")->required();
  timeline_cmd->add_option("--trial", timeline_trial, "which trial (default 0)");
  timeline_cmd->add_option("--seed", timeline_seed, "random seed (default: the scenario's)");

  AnalyzeOptions analyze;
  CLI::App* analyze_cmd = app.add_subcommand(
      "analyze", "Markov-chain availability, downtime per year and MTTDL of each database");
  analyze_cmd->add_option("scenario", analyze.scenario, "scenario file (JSON)")->required();
  analyze_cmd->add_option("--json", analyze.json_path,
                          "write the JSON result to this file (- for stdout)");
  analyze_cmd->add_flag("--quiet,-q", analyze.quiet, "no table on the terminal");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  try {
    if (*run_cmd) return command_run(run);
    if (*validate_cmd) return command_validate(validate_files);
    if (*timeline_cmd) return command_timeline(timeline_file, timeline_trial, timeline_seed);
    if (*analyze_cmd) return command_analyze(analyze);
  } catch (const ScenarioError& e) {
    print_problems(e);
    return kExitBadInput;
  }
  return kExitBadInput;
}
