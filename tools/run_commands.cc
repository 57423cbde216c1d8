// `drsim run`, `merge` and `validate` (DESIGN.md §5), and the outputs every command shares.

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

#include "models/plan/plan.h"
#include "models/report/chain_figures.h"
#include "models/report/state.h"
#include "models/report/text.h"
#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "models/sweep/sweep_state.h"
#include "sim/units.h"
#include "tools/arguments.h"
#include "tools/atomic_file.h"
#include "tools/cluster.h"
#include "tools/progress.h"
#include "tools/run_setup.h"
#include "tools/story_commands.h"
#include "tools/version.h"
#include "tools/commands.h"

namespace drsim::tools {
namespace {

using drsim::models::Plan;
using drsim::models::report::terminal_safe;
using drsim::models::scenario::Scenario;
using drsim::models::scenario::ScenarioError;
using drsim::tools::AtomicFile;
namespace observations = drsim::models::observations;
namespace report = drsim::models::report;
namespace results = drsim::models::results;

}  // namespace

void write_output(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

void print_problems(const ScenarioError& e) {
  for (const std::string& p : e.problems()) std::cerr << "error: " << terminal_safe(p) << "\n";
}

// Reports `results` as DESIGN.md §5 says, writes the state file when asked, and returns the exit
// status: partial results exit 130 (the shell's Ctrl-C status) whatever --check says.
int report_results(const results::Results& results, const OutputOptions& o) {
  results::Summary summary = results::summarize(results);
  drsim::tools::stamp_build(summary.engine);
  if (!o.quiet) (o.terminal_to_stderr ? std::cerr : std::cout) << report::to_terminal(summary);
  if (!o.json_path.empty()) write_output(o.json_path, report::to_json(summary).dump(2) + "\n");
  if (!o.state_path.empty()) {
    write_output(o.state_path, report::results_to_state(results).dump() + "\n");
  }
  if (results.partial) {
    std::cerr << "interrupted: the results cover " << results.trials << " of "
              << results.range.size() << " trials and are marked partial\n";
    return kExitInterrupted;
  }
  if (o.check) {
    for (const results::TierSummary& t : summary.tiers) {
      if (t.verdict != results::Verdict::kMet) {
        std::cerr << "check: tier " << t.tier << " is " << results::verdict_name(t.verdict) << "\n";
        return kExitMissed;
      }
    }
  }
  return kExitOk;
}

// "K/N" (0 <= K < N) or "auto/N", where auto reads SLURM_ARRAY_TASK_ID (Slurm job arrays) or
// JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs).
results::Shard parse_shard(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return ScenarioError({"--shard " + text + ": " + why});
  };
  const size_t slash = text.find('/');
  if (slash == std::string::npos) throw bad("expected K/N, such as 0/4");
  std::string k = text.substr(0, slash);
  const std::string n = text.substr(slash + 1);
  if (k == "auto") {
    const char* slurm = std::getenv("SLURM_ARRAY_TASK_ID");
    const char* kube = std::getenv("JOB_COMPLETION_INDEX");
    if (slurm != nullptr && *slurm != '\0') {
      k = slurm;
    } else if (kube != nullptr && *kube != '\0') {
      k = kube;
    } else {
      throw bad("auto needs SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment");
    }
  }
  const auto number = [&](const std::string& digits) -> std::optional<uint64_t> {
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return std::stoull(digits);
  };
  const std::optional<uint64_t> index = number(k), count = number(n);
  if (!index || !count || *count == 0) {
    throw bad("expected K/N with whole numbers K < N, such as 0/4");
  }
  if (*index >= *count) {
    throw bad("shard index " + std::to_string(*index) + " must be below the shard count " +
              std::to_string(*count) + " (shards count from 0)");
  }
  return {*index, *count};
}

// Under MPI: every rank's part joined on rank 0 (each part travels as its state document, which
// is exact); `mine` elsewhere, which is never reported. Alone: `mine`.
results::Results join_ranks(const drsim::tools::Cluster& cluster, results::Results mine) {
  if (cluster.size() == 1) return mine;
  const std::vector<std::string> parts = cluster.gather(report::results_to_state(mine).dump());
  if (!cluster.root()) return mine;
  std::vector<results::Results> ranks;
  for (size_t k = 0; k < parts.size(); ++k) {
    ranks.push_back(
        report::results_from_state(nlohmann::json::parse(parts[k]), "rank " + std::to_string(k)));
  }
  return report::join_parts(ranks);
}

int command_run(const RunOptions& o, const drsim::tools::Cluster& cluster) {
  // From the start: a Ctrl-C while the scenario loads gives a partial result of no trials.
  InterruptHandler interrupt_handler;
  results::Shard shard;
  std::optional<Plan> plan;
  // The incident CSV streams to a file as trials merge, so it never sits in memory: rank 0's rows
  // to the output's temporary file, other ranks' to a temporary file of their own that rank 0
  // appends in rank order (their trials follow rank 0's).
  std::optional<AtomicFile> csv;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> rank_csv(nullptr, std::fclose);
  cluster.together([&] {
    if (!o.shard.empty()) shard = parse_shard(o.shard);
    // Rank 0 writes every output: its paths are checked before anything runs.
    if (cluster.root()) {
      drsim::tools::check_outputs(
          {{"--json", o.out.json_path}, {"--csv", o.csv_path}, {"--state", o.out.state_path},
           {"--html", o.html_path}},
          {o.scenario});
    }
    if (o.precision && !(*o.precision > 0 && *o.precision <= 1)) {
      std::ostringstream text;
      text << "--precision " << *o.precision << ": expected a number in (0, 1], such as 0.01";
      throw ScenarioError({text.str()});
    }
    if (o.precision && shard.count > 1) {
      throw ScenarioError(
          {"--precision cannot be combined with --shard: the stopping rule needs "
           "every trial in one process"});
    }
    if (o.precision && cluster.size() > 1) {
      throw ScenarioError({"--precision cannot be used with " + std::to_string(cluster.size()) +
                           " MPI ranks: the stopping rule needs every trial in one process"});
    }
    plan.emplace(
        drsim::models::make_plan(drsim::models::scenario::load_scenario_file(o.scenario, o.load)));
    if (!o.allow_huge) drsim::models::check_work(*plan, o.threads, "--allow-huge");
    drsim::tools::service_index(plan->scenario, o.html_worst, "--worst", o.scenario);
    if (!o.csv_path.empty()) {
      if (cluster.root()) {
        csv.emplace(o.csv_path);
        csv->stream() << report::incident_csv_header();
      } else {
        rank_csv.reset(std::tmpfile());
        if (!rank_csv) throw ScenarioError({o.csv_path + ": cannot create a temporary file"});
      }
    }
  });
  const Scenario& s = plan->scenario;
  const bool quiet = o.out.quiet || !cluster.root();
  if (!quiet) {
    for (const std::string& w : drsim::models::scenario::scenario_warnings(s))
      std::cerr << "warning: " << terminal_safe(w) << "\n";
    for (const std::string& n : plan->notes) std::cerr << "note: " << terminal_safe(n) << "\n";
  }
  const drsim::tools::RunSetup setup = drsim::tools::run_setup(s, o.trials, o.seed);
  const uint64_t seed = setup.seed;
  const uint64_t trials = setup.trials;
  std::string rows;
  const auto flush_rows = [&] {
    if (csv) csv->stream() << rows;
    if (rank_csv) std::fwrite(rows.data(), 1, rows.size(), rank_csv.get());
    rows.clear();
  };
  drsim::models::MonteCarloOptions options;
  options.threads = o.threads;
  options.shard = shard;
  options.part = {static_cast<uint64_t>(cluster.rank()), static_cast<uint64_t>(cluster.size())};
  options.precision = o.precision;
  options.interrupt = &interrupted;
  std::atomic<uint64_t> merged{0};
  options.merged = &merged;
  if (!o.csv_path.empty()) {
    options.each = [&](const observations::TrialObservations& obs) {
      report::append_incident_csv(obs, setup.labels, rows);
      if (rows.size() >= (1u << 16)) flush_rows();
    };
  }
  results::Results results;
  {
    // Rank 0 shows its own part's progress: the ranks run side by side.
    const results::TrialRange mine =
        results::split_range(results::shard_range(trials, shard), options.part);
    drsim::tools::ProgressReporter progress(merged, mine.size(),
                                            !quiet && drsim::tools::progress_allowed());
    results = drsim::models::run_monte_carlo(*plan, seed, trials, options);
    report::add_chain_figures(*plan, results);
  }
  flush_rows();
  results = join_ranks(cluster, std::move(results));
  if (!o.csv_path.empty()) cluster.concatenate(rank_csv.get(), csv ? &csv->stream() : nullptr);
  if (!cluster.root()) return kExitOk;
  if (csv) {
    // Rows cannot say that trials are missing: a last line does (docs/results.md).
    if (results.partial) {
      csv->stream() << "# partial: interrupted after " << results.trials << " of "
                    << results.range.size() << " trials\n";
    }
    csv->commit();
  }
  OutputOptions out = o.out;
  out.terminal_to_stderr = takes_stdout({o.out.json_path, o.csv_path, o.out.state_path, o.html_path});
  const int status = report_results(results, out);
  if (!o.html_path.empty() && !results.partial) {
    drsim::tools::write_run_html(o.html_path, o.scenario, *plan, results, seed, o.html_trial,
                                 o.html_worst, o.threads);
  }
  return status;
}
// Reads the state files of a run's shards and reports what the one-process run reports; or those
// of a sweep's shards (drsim sweep --shard --state), and reports the one-process sweep.
int command_merge(const std::vector<std::string>& files, const OutputOptions& o,
                  const std::string& csv_path, const std::string& html_path) {
  namespace sweep = drsim::models::sweep;
  drsim::tools::check_outputs({{"--json", o.json_path},
                               {"--csv", csv_path},
                               {"--state", o.state_path},
                               {"--html", html_path}},
                              files);
  std::vector<nlohmann::json> docs;
  std::vector<std::string> problems;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      problems.push_back(f + ": cannot read file: " + std::strerror(errno));
      continue;
    }
    try {
      docs.push_back(nlohmann::json::parse(in));
    } catch (const nlohmann::json::parse_error& e) {
      problems.push_back(f + ": not a drsim state file (invalid JSON at byte " +
                         std::to_string(e.byte) + ")");
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  const auto sweeps = std::count_if(docs.begin(), docs.end(), sweep::is_sweep_state);
  if (sweeps > 0) {
    if (static_cast<size_t>(sweeps) != docs.size()) {
      throw ScenarioError(
          {"merge: some files are sweep state files and some run state files; "
           "merge the shards of one sweep or of one run"});
    }
    if (o.check || !o.state_path.empty()) {
      throw ScenarioError({"merge: --check and --state apply to a run's shards, not a sweep's"});
    }
    std::vector<sweep::SweepState> parts;
    for (size_t i = 0; i < docs.size(); ++i) {
      try {
        parts.push_back(sweep::sweep_state_from_json(docs[i], files[i]));
      } catch (const ScenarioError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
    if (!problems.empty()) throw ScenarioError(problems);
    return report_sweep(sweep::merge_sweep_shards(parts, files), o.json_path, csv_path, html_path,
                        parts[0].scenario, o.quiet);
  }
  if (!html_path.empty()) {
    throw ScenarioError({"merge: --html applies to a sweep's shards; a run's report needs its "
                         "trials: run it with --html (a run's shards have no HTML report)"});
  }
  if (!csv_path.empty()) {
    throw ScenarioError(
        {"merge: --csv applies to a sweep's shards; a run's incident CSV is not in its state "
         "files: concatenate the shards' CSVs (docs/scaling.md)"});
  }
  std::vector<results::Results> parts;
  for (size_t i = 0; i < docs.size(); ++i) {
    try {
      parts.push_back(report::results_from_state(docs[i], files[i]));
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  OutputOptions out = o;
  out.terminal_to_stderr = takes_stdout({o.json_path, o.state_path});
  return report_results(report::merge_shards(parts, files), out);
}

int command_validate(const std::vector<std::string>& files,
                     const drsim::models::scenario::LoadOptions& load) {
  int status = kExitOk;
  for (const std::string& f : files) {
    Scenario s;
    try {
      s = drsim::models::scenario::load_scenario_file(f, load);
    } catch (const ScenarioError& e) {
      print_problems(e);
      status = kExitBadInput;
      continue;
    }
    std::cout << terminal_safe(f) << ": ok: \"" << terminal_safe(s.name) << "\", "
              << s.regions.size() << " regions, " << s.databases.size() << " databases, "
              << s.services.size() << " services, " << s.faults.size() << " faults" << std::endl;
    for (const std::string& w : drsim::models::scenario::scenario_warnings(s)) {
      std::cerr << "warning: " << terminal_safe(f) << ": " << terminal_safe(w) << "\n";
    }
    // The file is valid; say so, and say what `run` could not simulate yet.
    try {
      for (const std::string& n : drsim::models::make_plan(s).notes) {
        std::cerr << "note: " << terminal_safe(f) << ": " << terminal_safe(n) << "\n";
      }
    } catch (const ScenarioError& e) {
      for (const std::string& p : e.problems()) {
        std::cerr << "warning: " << terminal_safe(p) << "\n";
      }
    }
  }
  return status;
}

}  // namespace drsim::tools
