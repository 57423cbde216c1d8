// Parsing and printing of the unit-carrying strings of scenario files: durations ("1h30m"),
// rates ("500/s", "1/5y"), sizes ("800GiB"), throughputs ("150MiB/s", "5Gbps"), times of day
// ("03:00") and UTC instants ("2026-03-03T00:00:00Z"). Every parser returns nullopt on anything
// it does not fully understand; callers turn that into an error naming the JSON path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/time.h"

namespace drsim::sim {

// Units us, ms, s, m, h, d, w, y (365 d); numbers may have decimals; parts may be combined
// ("1h30m", "3d13h37m"). Negative durations and a bare number without a unit are rejected.
std::optional<Duration> parse_duration(std::string_view text);

// "COUNT/DURATION" or "COUNT/UNIT": "500/s", "2/h", "1/5y". Events per second, >= 0.
std::optional<double> parse_rate_per_s(std::string_view text);

// Bytes: B, KB, MB, GB, TB, PB (powers of 1000) and KiB, MiB, GiB, TiB, PiB (powers of 1024).
std::optional<double> parse_size_bytes(std::string_view text);

// Bytes per second: a size per second ("150MiB/s", "1GB/s") or bits per second
// ("5Gbps", "100Mbps", "10kbps", "1bps").
std::optional<double> parse_throughput_bytes_per_s(std::string_view text);

// "HH:MM" or "HH:MM:SS", UTC, 00:00 <= t < 24:00. The offset from midnight.
std::optional<Duration> parse_time_of_day(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (midnight UTC). Seconds since the Unix epoch.
std::optional<int64_t> parse_utc_instant(std::string_view text);

// "Tue 13:37:12" for the UTC instant `epoch_s`; a "+Nw " prefix is not used: the weekday and
// clock are what a tabletop reads aloud, and the date is given by format_utc_date.
std::string format_clock(int64_t epoch_s);
// "2026-03-03".
std::string format_utc_date(int64_t epoch_s);
// Compact human form: "87.2s", "4m 12s", "4h", "1d 2h". Sub-second spans print in ms.
std::string format_duration(Duration d);
// A duration for reading aloud, without false precision: "0 s", "under 1 ms", "884 ms", "10.7 s",
// "42 s", "3 min 5 s", "56 min", "10 h 46 min", "4 d 21 h". Negative durations get a "-".
std::string spoken_duration(Duration d);
// A count for reading aloud, in groups of three: "31,290,000".
std::string grouped_count(uint64_t n);

}  // namespace drsim::sim
