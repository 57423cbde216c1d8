// drsim: the command line (DESIGN.md §5). Parses flags, loads scenarios, runs or analyzes them
// and prints reports. The only code that prints or exits. Exit status: 0 done, 1 targets missed
// under --check, 2 bad input or usage, 130 interrupted by Ctrl-C (partial results written).
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "models/analytic/analysis.h"
#include "models/report/analysis_writers.h"
#include "models/report/state.h"
#include "models/report/summary.h"
#include "models/report/writers.h"
#include "models/scenario/loader.h"
#include "models/simulation/plan.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "models/sweep/sweep.h"
#include "models/sweep/sweep_state.h"
#include "models/sweep/sweep_writers.h"
#include "sim/units.h"
#include "tools/cluster.h"
#include "tools/progress.h"

namespace {

using drsim::models::Plan;
using drsim::models::scenario::Scenario;
using drsim::models::scenario::ScenarioError;
namespace report = drsim::models::report;

constexpr int kExitOk = 0;
constexpr int kExitMissed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report Ctrl-C

// A file written atomically: a temporary file beside `path`, renamed over it by commit(), so
// readers never see a truncated file; dropped uncommitted, the temporary file is removed. "-"
// means standard output. What is not a regular file (a device such as /dev/null or /dev/stdout,
// a FIFO) is written directly: renaming over it would replace it. A symbolic link to a file
// stays a link: its target is replaced.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_ == "-") return;
    std::error_code ec;
    const std::filesystem::file_status st = std::filesystem::status(path_, ec);
    if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
      file_.open(path_, std::ios::binary);
      if (!file_) throw ScenarioError({path_ + ": cannot write output file"});
      direct_ = true;
      return;
    }
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(path_, ec))) {
      target_ = std::filesystem::weakly_canonical(path_, ec).string();
    }
    if (target_.empty()) target_ = path_;
    temp_ = target_ + ".tmp" + std::to_string(::getpid());
    file_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!file_) throw ScenarioError({path_ + ": cannot write output file"});
  }
  ~AtomicFile() {
    if (path_ == "-" || direct_ || committed_) return;
    file_.close();
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return path_ == "-" ? std::cout : file_; }

  void commit() {
    stream().flush();
    if (path_ == "-") return;
    file_.close();
    if (!file_) throw ScenarioError({path_ + ": cannot write output file"});
    if (direct_) return;
    std::error_code ec;
    std::filesystem::rename(temp_, target_, ec);
    if (ec) throw ScenarioError({path_ + ": cannot write output file: " + ec.message()});
    committed_ = true;
  }

 private:
  std::string path_, target_, temp_;
  std::ofstream file_;
  bool direct_ = false;
  bool committed_ = false;
};

void write_output(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

void print_problems(const ScenarioError& e) {
  for (const std::string& p : e.problems()) std::cerr << "error: " << p << "\n";
}

// Ctrl-C: the first SIGINT asks the run to stop and write what it has (marked partial); the
// handler then resets itself, so a second one ends the program at once. SIGUSR1 does the same:
// mpirun forwards it to every rank (Ctrl-C ends an MPI job outright), and Slurm sends it before a
// time limit when asked (`--signal=USR1@120`).
std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
extern "C" void on_interrupt(int) { interrupted.store(true); }

class InterruptHandler {
 public:
  InterruptHandler() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGUSR1, &action, &previous_usr1_);
  }
  ~InterruptHandler() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGUSR1, &previous_usr1_, nullptr);
  }
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_usr1_ {};
};

struct OutputOptions {
  std::string json_path, state_path;
  bool check = false;
  bool quiet = false;
};

struct RunOptions {
  std::string scenario;
  drsim::models::scenario::LoadOptions load;
  std::optional<uint64_t> trials, seed;
  int threads = 0;
  std::string csv_path;
  std::optional<double> precision;
  std::string shard;  // "K/N" or "auto/N"
  bool allow_huge = false;  // run even what the work estimate refuses
  OutputOptions out;
};

// Reports `results` as DESIGN.md §5 says, writes the state file when asked, and returns the exit
// status: partial results exit 130 (the shell's Ctrl-C status) whatever --check says.
int report_results(const report::Results& results, const OutputOptions& o) {
  const report::Summary summary = report::summarize(results);
  const bool json_to_stdout = o.json_path == "-";
  if (!o.quiet) (json_to_stdout ? std::cerr : std::cout) << report::to_terminal(summary);
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
    for (const report::TierSummary& t : summary.tiers) {
      if (t.verdict != report::Verdict::kMet) {
        std::cerr << "check: tier " << t.tier << " is " << report::verdict_name(t.verdict) << "\n";
        return kExitMissed;
      }
    }
  }
  return kExitOk;
}

// "K/N" (0 <= K < N) or "auto/N", where auto reads SLURM_ARRAY_TASK_ID (Slurm job arrays) or
// JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs).
report::Shard parse_shard(const std::string& text) {
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
report::Results join_ranks(const drsim::tools::Cluster& cluster, report::Results mine) {
  if (cluster.size() == 1) return mine;
  const std::vector<std::string> parts = cluster.gather(report::results_to_state(mine).dump());
  if (!cluster.root()) return mine;
  std::vector<report::Results> ranks;
  for (size_t k = 0; k < parts.size(); ++k) {
    ranks.push_back(
        report::results_from_state(nlohmann::json::parse(parts[k]), "rank " + std::to_string(k)));
  }
  return report::join_parts(ranks);
}

int command_run(const RunOptions& o, const drsim::tools::Cluster& cluster) {
  // From the start: a Ctrl-C while the scenario loads gives a partial result of no trials.
  InterruptHandler interrupt_handler;
  report::Shard shard;
  std::optional<Plan> plan;
  // The incident CSV streams to a file as trials merge, so it never sits in memory: rank 0's rows
  // to the output's temporary file, other ranks' to a temporary file of their own that rank 0
  // appends in rank order (their trials follow rank 0's).
  std::optional<AtomicFile> csv;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> rank_csv(nullptr, std::fclose);
  cluster.together([&] {
    if (!o.shard.empty()) shard = parse_shard(o.shard);
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
      std::cerr << "warning: " << w << "\n";
    for (const std::string& n : plan->notes) std::cerr << "note: " << n << "\n";
  }
  const uint64_t seed = o.seed.value_or(s.seed);
  const uint64_t trials = o.trials.value_or(s.trials);
  std::vector<std::string> names;
  std::vector<int> tiers;
  for (const auto& svc : s.services) {
    names.push_back(svc.name);
    tiers.push_back(svc.tier);
  }
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
    options.each = [&](const report::TrialObservations& obs) {
      report::append_incident_csv(obs, names, tiers, rows);
      if (rows.size() >= (1u << 16)) flush_rows();
    };
  }
  report::Results results;
  {
    // Rank 0 shows its own part's progress: the ranks run side by side.
    const report::TrialRange mine =
        report::split_range(report::shard_range(trials, shard), options.part);
    drsim::tools::ProgressReporter progress(merged, mine.size(),
                                            !quiet && drsim::tools::progress_allowed());
    results = drsim::models::run_monte_carlo(*plan, seed, trials, options);
  }
  flush_rows();
  results = join_ranks(cluster, std::move(results));
  if (!o.csv_path.empty()) cluster.concatenate(rank_csv.get(), csv ? &csv->stream() : nullptr);
  if (!cluster.root()) return kExitOk;
  if (csv) csv->commit();
  return report_results(results, o.out);
}

int report_sweep(const drsim::models::sweep::SweepResult& r, const std::string& json_path,
                 const std::string& csv_path, bool quiet);

// Reads the state files of a run's shards and reports what the one-process run reports; or those
// of a sweep's shards (drsim sweep --shard --state), and reports the one-process sweep.
int command_merge(const std::vector<std::string>& files, const OutputOptions& o,
                  const std::string& csv_path) {
  namespace sweep = drsim::models::sweep;
  std::vector<nlohmann::json> docs;
  std::vector<std::string> problems;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      problems.push_back(f + ": cannot read file");
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
    return report_sweep(sweep::merge_sweep_shards(parts, files), o.json_path, csv_path, o.quiet);
  }
  if (!csv_path.empty()) {
    throw ScenarioError(
        {"merge: --csv applies to a sweep's shards; a run's incident CSV is not in its state "
         "files: concatenate the shards' CSVs (docs/scaling.md)"});
  }
  std::vector<report::Results> parts;
  for (size_t i = 0; i < docs.size(); ++i) {
    try {
      parts.push_back(report::results_from_state(docs[i], files[i]));
    } catch (const ScenarioError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  return report_results(report::merge_shards(parts, files), o);
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

int command_timeline(const std::string& file, uint64_t trial, std::optional<uint64_t> seed,
                     const drsim::models::scenario::LoadOptions& load, bool allow_huge) {
  const Scenario s = drsim::models::scenario::load_scenario_file(file, load);
  const Plan plan = drsim::models::make_plan(s);
  if (!allow_huge) drsim::models::check_work(plan, 1, "--allow-huge");
  const report::TrialObservations obs =
      drsim::models::run_trial(plan, seed.value_or(s.seed), trial, true);
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
    std::cout << ", "
              << (i.rpo ? "RPO " + drsim::sim::format_duration(*i.rpo)
                        : std::string("total data loss"))
              << "\n";
  }
  return kExitOk;
}

struct SweepOptions {
  std::string scenario;
  drsim::models::scenario::LoadOptions load;
  std::vector<std::string> sets;
  std::optional<uint64_t> trials, seed;
  int threads = 0;
  std::string json_path, csv_path, state_path;
  std::string shard;  // "K/N" or "auto/N"
  bool quiet = false;
  bool allow_huge = false;
};

// The sweep's table (with its warnings and notes), --json and --csv.
int report_sweep(const drsim::models::sweep::SweepResult& r, const std::string& json_path,
                 const std::string& csv_path, bool quiet) {
  namespace sweep = drsim::models::sweep;
  if (!quiet) {
    for (const sweep::SweepPoint& p : r.points) {
      if (!p.valid()) {
        std::cerr << "warning: point " << p.index << " (" << sweep::describe_point(r, p)
                  << ") is not simulated: " << sweep::first_error(p) << "\n";
      }
    }
    for (const sweep::SweepPoint& p : r.points) {
      if (!p.valid()) continue;
      for (const std::string& n : p.cost.notes) std::cerr << "note: cost: " << n << "\n";
      break;
    }
    (json_path == "-" ? std::cerr : std::cout) << sweep::sweep_to_terminal(r);
  }
  if (!json_path.empty()) write_output(json_path, sweep::sweep_to_json(r).dump(2) + "\n");
  if (!csv_path.empty()) write_output(csv_path, sweep::sweep_to_csv(r));
  return kExitOk;
}

int command_sweep(const SweepOptions& o, const drsim::tools::Cluster& cluster) {
  namespace sweep = drsim::models::sweep;
  const sweep::SweepOptions options{o.trials, o.seed, o.threads, o.allow_huge};
  sweep::SweepResult r;
  report::Shard shard;
  uint64_t scenario_hash = 0;
  cluster.together([&] {
    if (!o.shard.empty()) shard = parse_shard(o.shard);
    std::vector<sweep::Setting> settings;
    for (const std::string& arg : o.sets) settings.push_back(sweep::parse_setting(arg));
    const sweep::SweepBase base = sweep::load_sweep_base(o.scenario, o.load);
    scenario_hash = report::scenario_hash(base.scenario);
    r = sweep::prepare_sweep(base, std::move(settings), options);
  });
  const bool quiet = o.quiet || !cluster.root();
  const bool show_progress = !quiet && ::isatty(STDERR_FILENO);
  // A shard runs its part of every point's trials; under MPI every rank runs its part of that,
  // and rank 0 joins the parts. So the points keep their common random numbers, and every
  // process has work however few points there are.
  sweep::SweepState state{o.scenario, scenario_hash, o.sets, r.seed, r.trials, shard, {}};
  state.points.resize(r.points.size());
  sweep::Simulate simulate;
  if (cluster.size() > 1 || shard.count > 1 || !o.state_path.empty()) {
    simulate = [&](const sweep::SweepPoint& p) {
      drsim::models::MonteCarloOptions part;
      part.threads = o.threads;
      part.shard = shard;
      part.part = {static_cast<uint64_t>(cluster.rank()), static_cast<uint64_t>(cluster.size())};
      report::Results joined =
          join_ranks(cluster, drsim::models::run_monte_carlo(*p.plan, p.seed, p.trials, part));
      if (!o.state_path.empty() && cluster.root()) state.points[p.index] = joined;
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
  if (!o.state_path.empty()) write_output(o.state_path, sweep_state_to_json(state).dump() + "\n");
  return report_sweep(r, o.json_path, o.csv_path, quiet);
}

struct AnalyzeOptions {
  std::string scenario;
  drsim::models::scenario::LoadOptions load;
  std::string json_path;
  bool quiet = false;
};

int command_analyze(const AnalyzeOptions& o) {
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

}  // namespace

int main(int argc, char** argv) {
  std::optional<drsim::tools::Cluster> cluster;
  try {
    cluster.emplace(argc, argv);
  } catch (const ScenarioError& e) {
    print_problems(e);
    return kExitBadInput;
  }
  CLI::App app{"drsim: discrete-event simulation of database failover and disaster recovery"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "drsim 0.1");

  // Every command that loads a scenario may allow it to read trace files from more directories.
  constexpr const char* kAllowPaths =
      "a directory a scenario's trace files may be read from, besides the scenario's own folder "
      "(repeatable)";

  RunOptions run;
  CLI::App* run_cmd =
      app.add_subcommand("run", "Monte Carlo trials of a scenario; RPO/RTO per tier");
  run_cmd->add_option("scenario", run.scenario, "scenario file (JSON)")->required();
  run_cmd->add_option("--allow-paths", run.load.allowed_paths, kAllowPaths);
  run_cmd
      ->add_option("--trials", run.trials,
                   "number of trials (default: the scenario's); the cap under --precision")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}));
  run_cmd->add_option("--precision", run.precision,
                      "stop once every tier's 95 % intervals are this tight (docs/results.md)");
  run_cmd->add_option("--shard", run.shard,
                      "run shard K of N (K/N, 0-based, or auto/N from SLURM_ARRAY_TASK_ID or "
                      "JOB_COMPLETION_INDEX); merge the --state files with drsim merge");
  run_cmd->add_option("--state", run.out.state_path,
                      "write the mergeable state of this run or shard to this file");
  run_cmd->add_option("--seed", run.seed, "random seed (default: the scenario's)");
  run_cmd->add_option("--threads", run.threads, "worker threads, 0 = one per core")
      ->check(CLI::Range(0, 1024));
  run_cmd->add_option("--json", run.out.json_path,
                      "write the JSON result to this file (- for stdout)");
  run_cmd->add_option("--csv", run.csv_path, "write one CSV row per incident to this file");
  run_cmd->add_flag("--check", run.out.check, "exit 1 when any tier misses a target");
  run_cmd->add_flag("--allow-huge", run.allow_huge,
                    "run even when the work estimate says a trial cannot finish or fit in memory");
  run_cmd->add_flag("--quiet,-q", run.out.quiet, "no report, notes or progress on the terminal");

  std::vector<std::string> merge_files;
  OutputOptions merge_out;
  CLI::App* merge_cmd = app.add_subcommand(
      "merge", "merge the --state files of every shard of a run (or a sweep) into its result");
  merge_cmd->add_option("parts", merge_files, "state files, one per shard")->required();
  merge_cmd->add_option("--json", merge_out.json_path,
                        "write the JSON result to this file (- for stdout)");
  std::string merge_csv;
  merge_cmd->add_option("--state", merge_out.state_path,
                        "write the merged state to this file (a run's shards)");
  merge_cmd->add_option("--csv", merge_csv,
                        "write one CSV row per point and tier to this file (a sweep's shards)");
  merge_cmd->add_flag("--check", merge_out.check, "exit 1 when any tier misses a target");
  merge_cmd->add_flag("--quiet,-q", merge_out.quiet, "no report on the terminal");

  std::vector<std::string> validate_files;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check scenario files; exit 2 on errors");
  validate_cmd->add_option("scenarios", validate_files, "scenario files")->required();
  drsim::models::scenario::LoadOptions validate_load;
  validate_cmd->add_option("--allow-paths", validate_load.allowed_paths, kAllowPaths);

  std::string timeline_file;
  uint64_t timeline_trial = 0;
  std::optional<uint64_t> timeline_seed;
  CLI::App* timeline_cmd = app.add_subcommand("timeline", "one trial's events in words");
  timeline_cmd->add_option("scenario", timeline_file, "scenario file (JSON)")->required();
  timeline_cmd->add_option("--trial", timeline_trial, "which trial (default 0)");
  timeline_cmd->add_option("--seed", timeline_seed, "random seed (default: the scenario's)");
  drsim::models::scenario::LoadOptions timeline_load;
  timeline_cmd->add_option("--allow-paths", timeline_load.allowed_paths, kAllowPaths);
  bool timeline_allow_huge = false;
  timeline_cmd->add_flag("--allow-huge", timeline_allow_huge,
                         "run even when the work estimate says the trial cannot finish or fit");

  SweepOptions sweep;
  CLI::App* sweep_cmd = app.add_subcommand(
      "sweep", "simulate every combination of settings; cost, compliance, the cheapest compliant");
  sweep_cmd->add_option("scenario", sweep.scenario, "scenario file (JSON)")->required();
  sweep_cmd->add_option("--allow-paths", sweep.load.allowed_paths, kAllowPaths);
  sweep_cmd
      ->add_option("--set", sweep.sets,
                   "PATH=V1,V2,... into the scenario's JSON (repeatable; see docs/sweep.md)")
      ->required()
      ->allow_extra_args(false);
  sweep_cmd->add_option("--trials", sweep.trials, "trials per point (default: the scenario's)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}));
  sweep_cmd->add_option("--seed", sweep.seed,
                        "random seed of every point (default: the scenario's)");
  sweep_cmd->add_option("--threads", sweep.threads, "worker threads, 0 = one per core")
      ->check(CLI::Range(0, 1024));
  sweep_cmd->add_option("--json", sweep.json_path,
                        "write the JSON result to this file (- for stdout)");
  sweep_cmd->add_option("--csv", sweep.csv_path,
                        "write one CSV row per point and tier to this file");
  sweep_cmd->add_option("--shard", sweep.shard,
                        "run shard K of N of every point's trials (K/N, 0-based, or auto/N); "
                        "merge the --state files with drsim merge");
  sweep_cmd->add_option("--state", sweep.state_path,
                        "write the mergeable state of this sweep or shard to this file");
  sweep_cmd->add_flag("--quiet,-q", sweep.quiet, "no report or notes on the terminal");
  sweep_cmd->add_flag("--allow-huge", sweep.allow_huge,
                      "simulate points even when the work estimate says a trial cannot finish "
                      "or fit");

  AnalyzeOptions analyze;
  CLI::App* analyze_cmd = app.add_subcommand(
      "analyze", "Markov-chain availability, downtime per year and MTTDL of each database");
  analyze_cmd->add_option("scenario", analyze.scenario, "scenario file (JSON)")->required();
  analyze_cmd->add_option("--allow-paths", analyze.load.allowed_paths, kAllowPaths);
  analyze_cmd->add_option("--json", analyze.json_path,
                          "write the JSON result to this file (- for stdout)");
  analyze_cmd->add_flag("--quiet,-q", analyze.quiet, "no table on the terminal");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same arguments: rank 0 alone says what is wrong.
    const int rc = cluster->root() ? app.exit(e) : e.get_exit_code();
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  try {
    if (*run_cmd) return command_run(run, *cluster);
    if (*sweep_cmd) return command_sweep(sweep, *cluster);
    // The other commands are quick: rank 0 alone runs them.
    if (!cluster->root()) return kExitOk;
    if (*merge_cmd) return command_merge(merge_files, merge_out, merge_csv);
    if (*validate_cmd) return command_validate(validate_files, validate_load);
    if (*timeline_cmd) {
      return command_timeline(timeline_file, timeline_trial, timeline_seed, timeline_load,
                              timeline_allow_huge);
    }
    if (*analyze_cmd) return command_analyze(analyze);
  } catch (const drsim::tools::Cluster::Agreed& e) {
    // Every rank failed together: rank 0 says why, once.
    if (cluster->root()) print_problems(e);
    return kExitBadInput;
  } catch (const ScenarioError& e) {
    if (cluster->size() == 1) {
      print_problems(e);
      return kExitBadInput;
    }
    // One rank alone failed: the others cannot learn it and could wait for it forever.
    for (const std::string& p : e.problems()) {
      std::cerr << "error: rank " << cluster->rank() << ": " << p << "\n";
    }
    cluster->abort(kExitBadInput);
  }
  return kExitBadInput;
}
