// The mergeable state of a run or one shard of it (`drsim run --state`, `drsim merge`): Results
// written as JSON exactly (integers as integers, 128-bit sums as decimal strings), read back to an
// equal Results, and the checked merge of a run's shards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/results/results.h"

namespace drsim::models::report {

// A 64-bit hash as 16 lowercase hex digits, as state files and `--json` write it.
std::string hex64(uint64_t v);

// Version 2 added the databases' downtime and Markov-chain figures; 4 the planned incidents and
// failovers, and the object stores' own incidents; 5 the object stores' regions; 6 the tiers'
// own incidents (fine histograms) beside coarse per-service and per-object-store histograms.
inline constexpr int kStateVersion = 6;

// {"format": "drsim-state", "version": 2, ...}: everything Results holds.
nlohmann::json results_to_state(const results::Results& r);

// The Results written by results_to_state. Throws scenario::ScenarioError naming `source` and the
// JSON path of the first problem when `state` is not a state document of this version or is
// inconsistent (counts that do not add up, buckets outside their bounds).
results::Results results_from_state(const nlohmann::json& state, const std::string& source);

// The parts of one run, shard 0..N-1 of N, merged into the Results a one-process run with the
// same scenario, seed and trial count gives (engine wall time, threads and ranks aside), in any
// order of `parts`. Throws scenario::ScenarioError listing every problem when the parts are of
// different scenarios, seeds, trial counts or shard counts, when a shard is missing or given twice,
// or when a part is partial. `sources` names the parts in messages. REQUIRES: as many sources as
// parts.
results::Results merge_shards(const std::vector<results::Results>& parts,
                              const std::vector<std::string>& sources);

// The parts of one shard (or of the whole run) that processes ran side by side, in any order,
// merged into the Results one process running the shard gives (engine wall time, threads and
// ranks aside): part K of N ran results::split_range(shard range, {K, N}). The wall time is the
// longest part's; the result is partial when a part is. Throws scenario::ScenarioError when the
// parts are not of one run and shard or do not cover the shard's range exactly once.
results::Results join_parts(const std::vector<results::Results>& parts);

}  // namespace drsim::models::report
