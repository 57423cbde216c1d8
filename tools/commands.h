// Internal to the drsim program (tools/drsim.cc, run_commands.cc, sweep_commands.cc): the options
// of the commands drsim.cc dispatches to, the commands themselves, and what they share.
#pragma once

#include <signal.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/results/results.h"
#include "models/scenario/loader.h"
#include "models/sweep/sweep.h"
#include "tools/cluster.h"

namespace drsim::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitMissed = 1;
inline constexpr int kExitFailed = 1;  // a resource ran out: memory, threads, disk space
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report Ctrl-C

// Set by SIGINT or SIGUSR1 (drsim.cc): runs stop and write what they have, marked partial.
extern std::atomic<bool> interrupted;

}  // namespace drsim::tools

// Sets drsim::tools::interrupted (drsim.cc).
extern "C" void drsim_on_interrupt(int);

namespace drsim::tools {

// Ctrl-C: the first SIGINT asks the run to stop and write what it has (marked partial); the
// handler then resets itself, so a second one ends the program at once. SIGUSR1 does the same:
// mpirun forwards it to every rank (Ctrl-C ends an MPI job outright), and Slurm sends it before a
// time limit when asked (`--signal=USR1@120`). In force while one lives.
class InterruptHandler {
 public:
  InterruptHandler() {
    struct sigaction action {};
    action.sa_handler = drsim_on_interrupt;
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


// Writes `text` to `path` ("-": standard output) through an AtomicFile.
void write_output(const std::string& path, const std::string& text);
// Prints each problem of `e` as "error: ..." on standard error.
void print_problems(const models::scenario::ScenarioError& e);

struct OutputOptions {
  std::string json_path, state_path;
  bool check = false;
  bool quiet = false;
  bool terminal_to_stderr = false;  // an output takes standard output ("-")
};

// True when any of `paths` is "-" (standard output): the terminal report then goes to stderr.
inline bool takes_stdout(const std::vector<std::string>& paths) {
  return std::find(paths.begin(), paths.end(), "-") != paths.end();
}

struct RunOptions {
  std::string scenario;
  models::scenario::LoadOptions load;
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


struct SweepOptions {
  std::string scenario;
  models::scenario::LoadOptions load;
  std::vector<std::string> sets;
  std::optional<uint64_t> trials, seed;
  int threads = 0;
  std::string json_path, csv_path, state_path, html_path;
  std::string shard;  // "K/N" or "auto/N"
  bool quiet = false;
  bool allow_huge = false;
};

struct AnalyzeOptions {
  std::string scenario;
  models::scenario::LoadOptions load;
  std::string json_path;
  bool quiet = false;
};

// Reports `results` as DESIGN.md §5 says, writes the state file when asked, and returns the exit
// status: partial results exit 130 (the shell's Ctrl-C status) whatever --check says.
int report_results(const models::results::Results& results, const OutputOptions& o);
// "K/N" as a shard of a run. Throws ScenarioError on anything else.
models::results::Shard parse_shard(const std::string& text);
// The results of every rank of `cluster` merged on the root (`mine` elsewhere).
models::results::Results join_ranks(const Cluster& cluster, models::results::Results mine);
// The sweep's table (with its warnings and notes), --json, --csv and --html.
int report_sweep(const models::sweep::SweepResult& r, const std::string& json_path,
                 const std::string& csv_path, const std::string& html_path,
                 const std::string& scenario_file, bool quiet);

// The commands (DESIGN.md §5); each returns the exit status and throws ScenarioError on bad input.
int command_run(const RunOptions& o, const Cluster& cluster);
int command_merge(const std::vector<std::string>& files, const OutputOptions& o,
                  const std::string& csv_path, const std::string& html_path);
int command_validate(const std::vector<std::string>& files,
                     const models::scenario::LoadOptions& load);
int command_sweep(const SweepOptions& o, const Cluster& cluster);
int command_analyze(const AnalyzeOptions& o);
int command_schema(const std::string& output_path);

}  // namespace drsim::tools
