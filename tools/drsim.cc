// drsim: the command line (DESIGN.md §5). Parses flags, loads scenarios, runs or analyzes them
// and prints reports. The only code that prints or exits. Exit status: 0 done, 1 targets missed
// under --check or a resource ran out (memory, threads, disk space, a full standard output), 2 bad
// input or usage, 130 interrupted by Ctrl-C (partial results written). Never an abort.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
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
#include "models/report/state.h"
#include "models/report/text.h"
#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/scenario/schema.h"
#include "models/simulation/simulation.h"
#include "models/simulation/work_estimate.h"
#include "models/sweep/sweep.h"
#include "models/sweep/sweep_state.h"
#include "models/sweep/sweep_writers.h"
#include "sim/units.h"
#include "tools/arguments.h"
#include "tools/atomic_file.h"
#include "tools/cluster.h"
#include "tools/progress.h"
#include "tools/run_setup.h"
#include "tools/story_commands.h"
#include "tools/version.h"

namespace {

using drsim::models::Plan;
using drsim::models::report::terminal_safe;
using drsim::models::scenario::Scenario;
using drsim::models::scenario::ScenarioError;
using drsim::tools::AtomicFile;
using drsim::tools::OutputError;
namespace report = drsim::models::report;

constexpr int kExitOk = 0;
constexpr int kExitMissed = 1;
constexpr int kExitFailed = 1;  // a resource ran out: memory, threads, disk space
constexpr int kExitBadInput = 2;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report Ctrl-C

constexpr uint64_t kMaxTrials = 1'000'000'000;
constexpr uint64_t kMaxThreads = 1024;

void write_output(const std::string& path, const std::string& text) {
  AtomicFile file(path);
  file.stream() << text;
  file.commit();
}

void print_problems(const ScenarioError& e) {
  for (const std::string& p : e.problems()) std::cerr << "error: " << terminal_safe(p) << "\n";
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
  bool terminal_to_stderr = false;  // an output takes standard output ("-")
};

// True when any of `paths` is "-" (standard output): the terminal report then goes to stderr.
bool takes_stdout(const std::vector<std::string>& paths) {
  return std::find(paths.begin(), paths.end(), "-") != paths.end();
}

struct RunOptions {
  std::string scenario;
  drsim::models::scenario::LoadOptions load;
  std::optional<uint64_t> trials, seed;
  int threads = 0;
  std::string csv_path;
  std::optional<double> precision;
  std::string shard;  // "K/N" or "auto/N"
  bool allow_huge = false;  // run even what the work estimate refuses
  std::string html_path;
  std::optional<uint64_t> html_trial;  // the trial the report tells; none: the worst
  std::string html_worst;              // ... of this service; empty: of the most demanding tier
  OutputOptions out;
};

// Reports `results` as DESIGN.md §5 says, writes the state file when asked, and returns the exit
// status: partial results exit 130 (the shell's Ctrl-C status) whatever --check says.
int report_results(const report::Results& results, const OutputOptions& o) {
  report::Summary summary = report::summarize(results);
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
    options.each = [&](const report::TrialObservations& obs) {
      report::append_incident_csv(obs, setup.labels, rows);
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

int report_sweep(const drsim::models::sweep::SweepResult& r, const std::string& json_path,
                 const std::string& csv_path, const std::string& html_path,
                 const std::string& scenario_file, bool quiet);

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
  std::vector<report::Results> parts;
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

struct SweepOptions {
  std::string scenario;
  drsim::models::scenario::LoadOptions load;
  std::vector<std::string> sets;
  std::optional<uint64_t> trials, seed;
  int threads = 0;
  std::string json_path, csv_path, state_path, html_path;
  std::string shard;  // "K/N" or "auto/N"
  bool quiet = false;
  bool allow_huge = false;
};

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
  report::Shard shard;
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
    scenario_hash = report::scenario_hash(base.scenario);
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
      report::Results mine = drsim::models::run_monte_carlo(*p.plan, p.seed, p.trials, part);
      report::add_chain_figures(*p.plan, mine);
      report::Results joined = join_ranks(cluster, std::move(mine));
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

struct AnalyzeOptions {
  std::string scenario;
  drsim::models::scenario::LoadOptions load;
  std::string json_path;
  bool quiet = false;
};

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

// What ends a command by an exception, said in words, and its exit status: bad input 2, a resource
// that ran out 1 (memory, threads, an output that cannot be written).
struct Failure {
  std::vector<std::string> lines;
  int status;
};

Failure describe_failure(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const ScenarioError& e) {
    return {e.problems(), kExitBadInput};
  } catch (const OutputError& e) {
    return {{e.what()}, kExitFailed};
  } catch (const std::bad_alloc&) {
    return {{"out of memory"}, kExitFailed};
  } catch (const std::filesystem::filesystem_error& e) {
    return {{e.what()}, kExitBadInput};  // a path given on the command line
  } catch (const std::system_error& e) {
    std::string line = e.what();
    if (line.rfind("cannot start worker thread", 0) == 0) line += " (try fewer --threads)";
    return {{line}, kExitFailed};
  } catch (const nlohmann::json::exception& e) {
    return {{e.what()}, kExitBadInput};  // text from the input that JSON cannot carry
  } catch (const std::exception& e) {
    return {{std::string("unexpected failure: ") + e.what()}, kExitFailed};
  } catch (...) {
    return {{"unexpected failure"}, kExitFailed};
  }
}

// Every value of every option (and argument) of the commands given: UTF-8, since names and
// settings go into JSON documents, which hold nothing else.
void check_utf8(const CLI::App& app) {
  std::vector<std::string> problems;
  for (const CLI::App* command : app.get_subcommands()) {
    for (const CLI::Option* option : command->get_options()) {
      for (const std::string& value : option->results()) {
        try {
          drsim::tools::require_utf8(option->get_name(), value);
        } catch (const ScenarioError& e) {
          problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        }
      }
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
}

// Numbers are read as text and checked here: CLI11 would wrap "-1" or 2^64 into a uint64_t.
std::optional<uint64_t> whole_number(const char* option, const std::optional<std::string>& text,
                                     uint64_t min, uint64_t max) {
  if (!text) return std::nullopt;
  return drsim::tools::parse_whole_number(option, *text, min, max);
}

int thread_count(const char* option, const std::optional<std::string>& text) {
  return static_cast<int>(whole_number(option, text, 0, kMaxThreads).value_or(0));
}

int drsim_main(int argc, char** argv, std::optional<drsim::tools::Cluster>& cluster) {
  try {
    cluster.emplace(argc, argv);
  } catch (const ScenarioError& e) {
    print_problems(e);
    return kExitBadInput;
  }
  CLI::App app{"drsim: discrete-event simulation of database failover and disaster recovery"};
  app.require_subcommand(1);
  app.set_version_flag("--version", drsim::tools::drsim_version());

  // Every command that loads a scenario may allow it to read trace files from more directories.
  constexpr const char* kAllowPaths =
      "a directory a scenario's trace files may be read from, besides the scenario's own folder "
      "(repeatable)";

  constexpr const char* kSeedHelp = "random seed, 0 to 2^64-1 (default: the scenario's)";
  RunOptions run;
  struct {
    std::optional<std::string> trials, seed, threads;
  } run_numbers;
  CLI::App* run_cmd =
      app.add_subcommand("run", "Monte Carlo trials of a scenario; RPO/RTO per tier");
  run_cmd->add_option("scenario", run.scenario, "scenario file (JSON)")->required();
  run_cmd->add_option("--allow-paths", run.load.allowed_paths, kAllowPaths);
  run_cmd->add_option("--trials", run_numbers.trials,
                      "number of trials, 1 to 10^9 (default: the scenario's); the cap under "
                      "--precision");
  run_cmd->add_option("--precision", run.precision,
                      "stop once every tier's 95 % intervals are this tight (docs/results.md)");
  run_cmd->add_option("--shard", run.shard,
                      "run shard K of N (K/N, 0-based, or auto/N from SLURM_ARRAY_TASK_ID or "
                      "JOB_COMPLETION_INDEX); merge the --state files with drsim merge");
  run_cmd->add_option("--state", run.out.state_path,
                      "write the mergeable state of this run or shard to this file");
  run_cmd->add_option("--seed", run_numbers.seed, kSeedHelp);
  run_cmd->add_option("--threads", run_numbers.threads,
                      "worker threads, 0 to 1024; 0 = one per core");
  run_cmd->add_option("--json", run.out.json_path,
                      "write the JSON result to this file (- for stdout)");
  run_cmd->add_option("--csv", run.csv_path, "write one CSV row per incident to this file");
  run_cmd->add_option("--html", run.html_path,
                      "write the shareable report (one self-contained HTML file) with the story "
                      "of the worst trial");
  std::optional<std::string> run_html_trial;
  run_cmd->add_option("--trial", run_html_trial, "the trial --html tells (default: the worst)");
  run_cmd->add_option("--worst", run.html_worst,
                      "--html tells the trial with the worst incident of this service (default: of "
                      "the most demanding tier with incidents)");
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
  std::string merge_html;
  merge_cmd->add_option("--html", merge_html,
                        "write the sweep's HTML report to this file (a sweep's shards)");
  merge_cmd->add_flag("--check", merge_out.check, "exit 1 when any tier misses a target");
  merge_cmd->add_flag("--quiet,-q", merge_out.quiet, "no report on the terminal");

  std::vector<std::string> validate_files;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check scenario files; exit 2 on errors");
  validate_cmd->add_option("scenarios", validate_files, "scenario files")->required();
  drsim::models::scenario::LoadOptions validate_load;
  validate_cmd->add_option("--allow-paths", validate_load.allowed_paths, kAllowPaths);

  drsim::tools::TimelineOptions timeline;
  std::optional<std::string> timeline_trial, timeline_seed, timeline_trials, timeline_threads;
  CLI::App* timeline_cmd = app.add_subcommand("timeline", "one trial told as a story");
  timeline_cmd->add_option("scenario", timeline.scenario, "scenario file (JSON)")->required();
  timeline_cmd->add_option("--trial", timeline_trial, "which trial, 0 to 2^64-1 (default 0)");
  timeline_cmd
      ->add_option("--worst", timeline.worst,
                   "tell the trial with the worst incident (of SERVICE, or of the most demanding "
                   "tier with incidents)")
      ->expected(0, 1)
      ->default_str("");
  timeline_cmd->add_option("--trials", timeline_trials,
                           "trials --worst looks through (default: the scenario's)");
  timeline_cmd->add_option("--threads", timeline_threads, "threads for --worst (default: all cores)");
  timeline_cmd->add_option("--seed", timeline_seed, kSeedHelp);
  timeline_cmd->add_option("--json", timeline.json_path, "write the story as JSON (- for stdout)");
  timeline_cmd->add_option("--html", timeline.html_path, "write the story as a shareable HTML report");
  timeline_cmd->add_option("--allow-paths", timeline.load.allowed_paths, kAllowPaths);
  timeline_cmd->add_flag("--allow-huge", timeline.allow_huge,
                         "run even when the work estimate says the trial cannot finish or fit");

  drsim::tools::TabletopCommandOptions tabletop;
  std::optional<std::string> tabletop_trial, tabletop_seed, tabletop_preview;
  CLI::App* tabletop_cmd = app.add_subcommand(
      "tabletop", "play one trial, pausing at every decision of the response");
  tabletop_cmd->add_option("scenario", tabletop.scenario, "scenario file (JSON)")->required();
  tabletop_cmd->add_option("--trial", tabletop_trial, "which trial, 0 to 2^64-1 (default 0)");
  tabletop_cmd->add_option("--seed", tabletop_seed, kSeedHelp);
  tabletop_cmd->add_option("--choose", tabletop.choose,
                           "answer decision N in advance: N=ID (repeatable), e.g. 1=wait");
  tabletop_cmd->add_option("--preview", tabletop_preview,
                           "replays per option for its duration p50/p95 (default 100)");
  tabletop_cmd->add_flag("--no-input", tabletop.no_input,
                         "never ask: unanswered decisions take the automatic rule's choice");
  tabletop_cmd->add_option("--json", tabletop.json_path, "write decisions and branches as JSON (- for stdout)");
  tabletop_cmd->add_option("--html", tabletop.html_path, "write the after-action report (HTML)");
  tabletop_cmd->add_option("--allow-paths", tabletop.load.allowed_paths, kAllowPaths);
  tabletop_cmd->add_flag("--allow-huge", tabletop.allow_huge,
                         "run even when the work estimate says the trial cannot finish or fit");

  SweepOptions sweep;
  struct {
    std::optional<std::string> trials, seed, threads;
  } sweep_numbers;
  CLI::App* sweep_cmd = app.add_subcommand(
      "sweep", "simulate every combination of settings; cost, compliance, the cheapest compliant");
  sweep_cmd->add_option("scenario", sweep.scenario, "scenario file (JSON)")->required();
  sweep_cmd->add_option("--allow-paths", sweep.load.allowed_paths, kAllowPaths);
  sweep_cmd
      ->add_option("--set", sweep.sets,
                   "PATH=V1,V2,... into the scenario's JSON (repeatable; see docs/sweep.md)")
      ->required()
      ->allow_extra_args(false);
  sweep_cmd->add_option("--trials", sweep_numbers.trials,
                        "trials per point, 1 to 10^9 (default: the scenario's)");
  sweep_cmd->add_option("--seed", sweep_numbers.seed,
                        "random seed of every point, 0 to 2^64-1 (default: the scenario's)");
  sweep_cmd->add_option("--threads", sweep_numbers.threads,
                        "worker threads, 0 to 1024; 0 = one per core");
  sweep_cmd->add_option("--json", sweep.json_path,
                        "write the JSON result to this file (- for stdout)");
  sweep_cmd->add_option("--csv", sweep.csv_path,
                        "write one CSV row per point and tier to this file");
  sweep_cmd->add_option("--html", sweep.html_path,
                        "write the sweep as a shareable HTML report: what to buy, the frontier "
                        "charts, the points");
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

  std::string schema_output;
  CLI::App* schema_cmd = app.add_subcommand(
      "schema", "print the JSON Schema of scenario files, for editors (docs/scenario-format.md)");
  schema_cmd->add_option("--output", schema_output,
                         "write it to this file instead of standard output (- for stdout)");

  // A word where the command goes that names no command: CLI11 would only say that a command
  // is required. (The options before a command take no values.)
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') continue;
    std::vector<std::string> commands;
    const CLI::App& defined = app;  // every command, not the parsed ones
    for (const CLI::App* command : defined.get_subcommands({})) {
      commands.push_back(command->get_name());
    }
    if (std::find(commands.begin(), commands.end(), word) != commands.end()) break;
    if (cluster->root()) {
      std::cerr << "error: " << drsim::tools::unknown_command_message(word, commands) << "\n";
    }
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
    check_utf8(app);
    run.trials = whole_number("--trials", run_numbers.trials, 1, kMaxTrials);
    run.seed = whole_number("--seed", run_numbers.seed, 0, UINT64_MAX);
    run.threads = thread_count("--threads", run_numbers.threads);
    run.html_trial = whole_number("--trial", run_html_trial, 0, UINT64_MAX);
    sweep.trials = whole_number("--trials", sweep_numbers.trials, 1, kMaxTrials);
    sweep.seed = whole_number("--seed", sweep_numbers.seed, 0, UINT64_MAX);
    sweep.threads = thread_count("--threads", sweep_numbers.threads);
    timeline.trial = whole_number("--trial", timeline_trial, 0, UINT64_MAX);
    timeline.seed = whole_number("--seed", timeline_seed, 0, UINT64_MAX);
    timeline.trials = whole_number("--trials", timeline_trials, 1, kMaxTrials);
    timeline.threads = thread_count("--threads", timeline_threads);
    tabletop.trial = whole_number("--trial", tabletop_trial, 0, UINT64_MAX).value_or(0);
    tabletop.seed = whole_number("--seed", tabletop_seed, 0, UINT64_MAX);
    tabletop.preview_samples =
        static_cast<int>(whole_number("--preview", tabletop_preview, 1, 100'000).value_or(100));
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same arguments: rank 0 alone says what is wrong. --help and
    // --version exit 0; anything else is a usage error, in CLI11's words (which may quote an
    // argument, so each line is escaped for the terminal).
    if (e.get_exit_code() == 0) return cluster->root() ? app.exit(e) : kExitOk;
    if (cluster->root()) {
      std::istringstream lines(e.what());
      for (std::string line; std::getline(lines, line);) std::cerr << terminal_safe(line) << "\n";
      std::cerr << "Run with --help for more information.\n";
    }
    return kExitBadInput;
  } catch (const ScenarioError& e) {
    if (cluster->root()) print_problems(e);
    return kExitBadInput;
  }
  try {
    if (*run_cmd) return command_run(run, *cluster);
    if (*sweep_cmd) return command_sweep(sweep, *cluster);
    // The other commands are quick: rank 0 alone runs them.
    if (!cluster->root()) return kExitOk;
    if (*merge_cmd) return command_merge(merge_files, merge_out, merge_csv, merge_html);
    if (*validate_cmd) return command_validate(validate_files, validate_load);
    if (*timeline_cmd) return drsim::tools::command_timeline(timeline);
    if (*tabletop_cmd) return drsim::tools::command_tabletop(tabletop);
    if (*analyze_cmd) return command_analyze(analyze);
    if (*schema_cmd) return command_schema(schema_output);
  } catch (const drsim::tools::Cluster::Agreed& e) {
    // Every rank failed together: rank 0 says why, once.
    if (cluster->root()) print_problems(e);
    return kExitBadInput;
  }
  return kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<drsim::tools::Cluster> cluster;
  int status;
  try {
    status = drsim_main(argc, argv, cluster);
  } catch (...) {
    // Whatever failed, the outputs' temporary files are gone (their destructors ran while the
    // exception left drsim_main) and one clear message says why.
    const Failure failure = describe_failure(std::current_exception());
    const bool alone = !cluster || cluster->size() == 1;
    for (const std::string& line : failure.lines) {
      std::cerr << "error: "
                << (alone ? std::string() : "rank " + std::to_string(cluster->rank()) + ": ")
                << terminal_safe(line) << "\n";
    }
    // One rank alone failed: the others cannot learn it and could wait for it forever.
    if (!alone) cluster->abort(failure.status);
    return failure.status;
  }
  // What went to standard output must have arrived (a full disk, a closed pipe's reader).
  if (const std::string error = drsim::tools::standard_output_error(); !error.empty()) {
    std::cerr << "error: standard output: cannot write: " << error << "\n";
    if (status != kExitBadInput) status = kExitFailed;
  }
  return status;
}
