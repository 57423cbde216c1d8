// `drsim timeline` and `drsim tabletop` (DESIGN.md §7): one trial told as a story, and played.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/plan/plan.h"
#include "models/results/results.h"
#include "models/scenario/loader.h"

namespace drsim::tools {

struct TimelineOptions {
  std::string scenario;
  std::optional<uint64_t> trial;   // --trial K
  std::optional<std::string> worst;  // --worst [SERVICE]: "" for any service of the top tier
  std::optional<uint64_t> trials;  // how many trials --worst looks through (default: scenario's)
  std::optional<uint64_t> seed;
  int threads = 0;
  std::string json_path, html_path;
  models::scenario::LoadOptions load;
  bool allow_huge = false;
};

// Prints the story; writes --json and --html. Throws ScenarioError on bad input (exit 2).
int command_timeline(const TimelineOptions& o);

// The index of service `name` of `s`; none for an empty name. Throws ScenarioError naming
// `option` and `file` when there is no such service.
std::optional<int> service_index(const models::scenario::Scenario& s, const std::string& name,
                                 const std::string& option, const std::string& file);

// `run --html`: the run's statistics beside the story of trial `trial` or, without it, of the
// trial holding the worst incident (of service `worst_of` when not empty), found by replaying the
// run's trials on `threads` threads.
void write_run_html(const std::string& path, const std::string& scenario_file,
                    const models::Plan& plan, const models::results::Results& results,
                    uint64_t seed, std::optional<uint64_t> trial, const std::string& worst_of,
                    int threads);

struct TabletopCommandOptions {
  std::string scenario;
  uint64_t trial = 0;
  std::optional<uint64_t> seed;
  std::vector<std::string> choose;  // "N=ID"
  int preview_samples = 100;
  bool no_input = false;  // never ask, even on a terminal
  std::string json_path, html_path;
  models::scenario::LoadOptions load;
  bool allow_huge = false;
};

// Plays the trial, asking at each decision on a terminal (unless answered by --choose or
// --no-input), then prints the story and the branches side by side. Exit 2 when an answer
// matches no decision or option.
int command_tabletop(const TabletopCommandOptions& o);

}  // namespace drsim::tools
