// `drsim timeline` and `drsim tabletop` (DESIGN.md §7): one trial told as a story, and played.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  std::string version;  // for the report
};

// Prints the story; writes --json and --html. Throws ScenarioError on bad input (exit 2).
int command_timeline(const TimelineOptions& o);

}  // namespace drsim::tools
