// The documented limits of scenario files (docs/scenario-format.md, "Limits"): what the loader
// refuses up front so that hostile or mistaken input costs bounded time and memory.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/time.h"

namespace drsim::models::scenario {

// ---- The file and its JSON, checked before or while it is parsed ----

// A scenario file larger than this is refused before it is read.
inline constexpr uint64_t kMaxScenarioFileBytes = uint64_t{64} << 20;  // 64 MiB
// Arrays and objects nest at most this deep (a scenario needs about 7 levels).
inline constexpr size_t kMaxNestingDepth = 64;
// The whole document holds at most this many JSON values (each key's value, each element, and
// the containers themselves): about 40 per database in a typical fleet.
inline constexpr size_t kMaxJsonValues = 2'000'000;
// Any array not limited below holds at most this many elements.
inline constexpr size_t kMaxArrayElements = 100'000;
// The named lists of the top level, and the AZs of one region.
inline constexpr size_t kMaxRegions = 1'000;
inline constexpr size_t kMaxAzsPerRegion = 100;
inline constexpr size_t kMaxLinks = 10'000;
inline constexpr size_t kMaxDatabases = 25'000;
inline constexpr size_t kMaxObjectStores = 25'000;
inline constexpr size_t kMaxServices = 25'000;
inline constexpr size_t kMaxFaults = 10'000;

// ---- Values ----

// `trials` in the file, as the --trials flag.
inline constexpr uint64_t kMaxTrials = 1'000'000'000;
// The horizon.
inline constexpr sim::Duration kMaxHorizon = sim::Duration::days(365 * 1000);  // 1000 years
// The 99.99th percentile and the mean of every distribution, in seconds: a million years. It lets
// "practically never" through (an exponential with a mean of 100,000 years); the rare samples
// beyond the clock's range (int64 microseconds, about 292,000 years) are cut at its end.
inline constexpr double kMaxDistributionSeconds = 1e6 * 365 * 86400;
// A restore's size ÷ rate.
inline constexpr sim::Duration kMaxRestoreTransfer = sim::Duration::days(365 * 100);  // 100 years
// restore.replay_speed, in times real time.
inline constexpr double kMinReplaySpeed = 0.01;
inline constexpr double kMaxReplaySpeed = 1e6;
// Every size, in bytes: 1 EiB.
inline constexpr double kMaxSizeBytes = 1152921504606846976.0;
// Every throughput, in bytes per second: 1 PB/s.
inline constexpr double kMaxThroughputBytesPerS = 1e15;
// A database's write_rate, in writes per second.
inline constexpr double kMaxWriteRatePerS = 1e9;
// A fault's rate (or 1 / mtbf) per target: at most one occurrence per second on average, and at
// most this many expected over the horizon.
inline constexpr double kMaxFaultRatePerS = 1.0;
inline constexpr double kMaxExpectedOccurrences = 1e7;

// ---- Trace CSV files ----

inline constexpr uint64_t kMaxTraceFileBytes = uint64_t{16} << 20;  // 16 MiB
inline constexpr size_t kMaxTraceRows = 100'000;

}  // namespace drsim::models::scenario
