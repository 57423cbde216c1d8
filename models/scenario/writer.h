// Writing a Scenario back in the scenario file format (DESIGN.md §3), and the exact text forms of
// its unit-carrying values. Loading what scenario_to_json writes gives an equal Scenario.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "models/scenario/scenario.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace drsim::models::scenario {

// The scenario as a JSON object in the file format: every default written out explicitly,
// durations as exact strings, distributions in object form, the trace file as written (its
// rows are read again from that file on load). REQUIRES: a scenario the loader accepted.
nlohmann::json scenario_to_json(const Scenario& s);

// A constant as a duration string, any other distribution as a one-key object:
// {"uniform": ["15s", "35s"]}.
nlohmann::json distribution_to_json(const sim::Distribution& d);

// Exact duration text that sim::parse_duration reads back to the same value: whole days from 2d
// up ("30d"), else whole hours ("24h", "26h"), else whole seconds below 3 minutes ("90s",
// "120s"), else whole seconds in parts ("10m", "1h30m", "3d13h37m"); a span with a fraction of a
// second is written in milliseconds or microseconds ("1500ms", "1234567us"). REQUIRES: d >= 0.
std::string format_duration_exact(sim::Duration d);
// "03:00" or "03:00:30". REQUIRES: 0 <= d < 24h, whole seconds.
std::string format_time_of_day(sim::Duration d);
// "2026-03-03T00:00:00Z".
std::string format_utc_instant(int64_t epoch_s);
// The shortest "COUNT/UNIT" or "1/DURATION" text that parses back to exactly `per_s`
// ("400/s", "1/5y"). REQUIRES: per_s >= 0 and finite.
std::string format_rate_exact(double per_s);
// The shortest size text that parses back to exactly `bytes` ("800GiB").
std::string format_size_exact(double bytes);
// The shortest throughput text that parses back to exactly `bytes_per_s` ("150MiB/s", "5Gbps").
std::string format_throughput_exact(double bytes_per_s);

}  // namespace drsim::models::scenario
