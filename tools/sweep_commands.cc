// `drsim sweep`, `analyze` and `schema` (DESIGN.md §5).

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "models/analytic/analysis.h"
#include "models/plan/plan.h"
#include "models/report/analysis_writers.h"
#include "models/report/chain_figures.h"
#include "models/report/text.h"
#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/scenario/schema.h"
#include "models/simulation/simulation.h"
#include "models/sweep/sweep.h"
#include "models/sweep/sweep_state.h"
#include "models/sweep/sweep_writers.h"
#include "sim/units.h"
#include "tools/arguments.h"
#include "tools/atomic_file.h"
#include "tools/cluster.h"
#include "tools/progress.h"
#include "tools/run_setup.h"
#include "tools/version.h"
#include "tools/commands.h"

namespace drsim::tools {
namespace {

using drsim::models::Plan;
using drsim::models::report::terminal_safe;
using drsim::models::scenario::Scenario;
namespace observations = drsim::models::observations;
namespace report = drsim::models::report;
namespace results = drsim::models::results;

}  // namespace

// The sweep's table (with its warnings and notes), --json and --csv.
int report_sweep(const drsim::models::sweep::SweepResult& r, const std::string& json_path,
                 const std::string& csv_path, const std::string& html_path,
                 const std::string& scenario_file, bool quiet) {
  namespace sweep = drsim::models::sweep;
  if (!quiet) {
    for (const sweep::SweepPoint& p : r.points) {
      if (!p.valid()) {
        std::cerr << "warning: point " << p.index << " ("
                  << terminal_safe(sweep::describe_point(r, p))
                  << ") is not simulated: " << terminal_safe(sweep::first_error(p)) << "\n";
      }
    }
    for (const sweep::SweepPoint& p : r.points) {
      if (!p.valid()) continue;
      for (const std::string& n : p.cost.notes) {
        std::cerr << "note: cost: " << terminal_safe(n) << "\n";
      }
      break;
    }
    (takes_stdout({json_path, csv_path, html_path}) ? std::cerr : std::cout)
        << sweep::sweep_to_terminal(r);
  }
  if (!json_path.empty()) write_output(json_path, sweep::sweep_to_json(r).dump(2) + "\n");
  if (!csv_path.empty()) write_output(csv_path, sweep::sweep_to_csv(r));
  if (!html_path.empty()) {
    write_output(html_path,
                 sweep::sweep_to_html(r, scenario_file, drsim::tools::drsim_version()));
  }
  if (r.partial) {
    std::cerr << "interrupted: the sweep simulated " << sweep::partial_extent(r)
              << " and is marked partial\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

int command_sweep(const SweepOptions& o, const drsim::tools::Cluster& cluster) {
  namespace sweep = drsim::models::sweep;
  // As `run`: the first Ctrl-C (or SIGUSR1) stops the sweep, which reports what it has.
  InterruptHandler interrupt_handler;
  // Under MPI the ranks must agree on which points run (each point's trials are joined, a
  // collective): they stop together, after the point under way, once any rank saw the signal.
  std::atomic<bool> agreed{false};
  const sweep::SweepOptions options{o.trials, o.seed, o.threads,
                                    cluster.size() > 1 ? &agreed : &interrupted, o.allow_huge};
  sweep::SweepResult r;
  results::Shard shard;
  uint64_t scenario_hash = 0;
  cluster.together([&] {
    if (!o.shard.empty()) shard = parse_shard(o.shard);
    if (cluster.root()) {
      drsim::tools::check_outputs(
          {{"--json", o.json_path},
           {"--csv", o.csv_path},
           {"--state", o.state_path},
           {"--html", o.html_path}},
          {o.scenario});
    }
    std::vector<sweep::Setting> settings;
    for (const std::string& arg : o.sets) settings.push_back(sweep::parse_setting(arg));
    const sweep::SweepBase base = sweep::load_sweep_base(o.scenario, o.load);
    scenario_hash = results::scenario_hash(base.scenario);
    r = sweep::prepare_sweep(base, std::move(settings), options);
  });
  const bool quiet = o.quiet || !cluster.root();
  const bool show_progress = !quiet && ::isatty(STDERR_FILENO);
  // A shard runs its part of every point's trials; under MPI every rank runs its part of that,
  // and rank 0 joins the parts. So the points keep their common random numbers, and every
  // process has work however few points there are.
  sweep::SweepState state{o.scenario, scenario_hash, o.sets, r.seed, r.trials, shard, {}, {}};
  state.points.resize(r.points.size());
  sweep::Simulate simulate;
  if (cluster.size() > 1 || shard.count > 1 || !o.state_path.empty()) {
    simulate = [&](const sweep::SweepPoint& p) {
      drsim::models::MonteCarloOptions part;
      part.threads = o.threads;
      part.shard = shard;
      part.part = {static_cast<uint64_t>(cluster.rank()), static_cast<uint64_t>(cluster.size())};
      part.interrupt = &interrupted;
      results::Results mine = drsim::models::run_monte_carlo(*p.plan, p.seed, p.trials, part);
      report::add_chain_figures(*p.plan, mine);
      results::Results joined = join_ranks(cluster, std::move(mine));
      if (cluster.size() > 1) agreed.store(cluster.any(interrupted.load()));
      if (!o.state_path.empty() && cluster.root()) {
        (p.is_base ? state.base : state.points[p.index]) = joined;
      }
      return joined;
    };
  }
  sweep::simulate_sweep(
      r, options,
      [&](size_t done, size_t total) {
        if (show_progress) std::cerr << "\rpoint " << done << " of " << total << std::flush;
      },
      simulate);
  if (show_progress) std::cerr << "\r\033[K" << std::flush;
  if (!cluster.root()) return kExitOk;
  state.partial = r.partial;
  if (!o.state_path.empty()) write_output(o.state_path, sweep_state_to_json(state).dump() + "\n");
  return report_sweep(r, o.json_path, o.csv_path, o.html_path, o.scenario, quiet);
}
int command_analyze(const AnalyzeOptions& o) {
  drsim::tools::check_outputs({{"--json", o.json_path}}, {o.scenario});
  const Scenario s = drsim::models::scenario::load_scenario_file(o.scenario, o.load);
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

// `drsim schema`: the JSON Schema of scenario files (docs/scenario-format.md), to standard output
// or to `output_path` ("-" is standard output too).
int command_schema(const std::string& output_path) {
  const std::string path = output_path.empty() ? "-" : output_path;
  drsim::tools::check_outputs({{"--output", path}});
  write_output(path, drsim::models::scenario::scenario_schema_text());
  return kExitOk;
}

}  // namespace drsim::tools
