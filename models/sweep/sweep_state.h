// The mergeable state of one shard of a sweep (`drsim sweep --shard K/N --state F`, `drsim
// merge`): what the sweep was (its scenario file, a hash of that scenario, the --set arguments,
// seed and trials) and each point's Results for the shard's trials, as run state documents.
// Merging re-prepares the points from the scenario file (cheap, and it prices them as the
// one-process sweep does), checks the file has not changed, and joins each point's shards.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/results/results.h"
#include "models/sweep/sweep.h"

namespace drsim::models::sweep {

// 2: the base scenario's Results ("base") when no point is the base.
inline constexpr int kSweepStateVersion = 2;

struct SweepState {
  std::string scenario;           // the scenario file, as given to `drsim sweep`
  uint64_t scenario_hash = 0;     // results::scenario_hash of its scenario
  std::vector<std::string> sets;  // the --set arguments, in order
  uint64_t seed = 0, trials = 0;  // every point's
  results::Shard shard;
  // One per point of the sweep, in order: the shard's Results, or nullopt for an invalid point
  // (and, in a partial state, for a point not simulated).
  std::vector<std::optional<results::Results>> points;
  // The separate base's Results (SweepResult::base), for a sweep none of whose points is the
  // base; nullopt otherwise (and in a partial state whose base was not simulated).
  std::optional<results::Results> base;
  // Interrupted (Ctrl-C): some points are missing or partial, and merge refuses the file.
  bool partial = false;
};

// {"format": "drsim-sweep-state", "version": 1, ...}.
nlohmann::json sweep_state_to_json(const SweepState& s);

// True when `doc` claims to be a sweep state (its "format"), whatever its contents.
bool is_sweep_state(const nlohmann::json& doc);

// The SweepState written by sweep_state_to_json. Throws scenario::ScenarioError naming `source`
// and the JSON path of the first problem.
SweepState sweep_state_from_json(const nlohmann::json& doc, const std::string& source);

// The shards of one sweep, 0..N-1 of N in any order, merged into the sweep a one-process run
// gives: the points re-prepared from the scenario file, each valid point's shards joined
// (report::merge_shards). Throws scenario::ScenarioError listing every problem: parts of
// different sweeps, a missing or repeated shard, a scenario file that changed since the shards
// ran, a partial part (an interrupted shard: run it again). No trial runs here. REQUIRES: as many
// sources as parts.
SweepResult merge_sweep_shards(const std::vector<SweepState>& parts,
                               const std::vector<std::string>& sources);

}  // namespace drsim::models::sweep
