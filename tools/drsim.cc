// drsim: the command line (DESIGN.md §5). Parses flags and dispatches to the commands
// (run_commands.cc, sweep_commands.cc, story_commands.cc), which load scenarios, run or analyze
// them and print reports: the only code that prints or exits. Exit status: 0 done, 1 targets
// missed under --check or a resource ran out (memory, threads, disk space, a full standard
// output), 2 bad input or usage, 130 interrupted by Ctrl-C (partial results written). Never an
// abort.
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

#include "models/report/text.h"
#include "models/scenario/loader.h"
#include "sim/units.h"
#include "tools/arguments.h"
#include "tools/atomic_file.h"
#include "tools/cluster.h"
#include "tools/story_commands.h"
#include "tools/version.h"
#include "tools/commands.h"

std::atomic<bool> drsim::tools::interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
extern "C" void drsim_on_interrupt(int) { drsim::tools::interrupted.store(true); }

namespace {

using drsim::models::report::terminal_safe;
using drsim::models::scenario::ScenarioError;
using drsim::tools::OutputError;
using namespace drsim::tools;  // the commands and exit statuses of tools/commands.h

constexpr uint64_t kMaxTrials = 1'000'000'000;
constexpr uint64_t kMaxThreads = 1024;

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
