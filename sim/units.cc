// Parsers of unit-carrying strings; see units.h for the grammar.
#include "sim/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace drsim::sim {
namespace {

// Reads a non-negative decimal number at the front of `text`; advances it.
std::optional<double> take_number(std::string_view& text) {
  size_t n = 0;
  bool digits = false, dot = false;
  while (n < text.size()) {
    const char c = text[n];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
    ++n;
  }
  if (!digits) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + n, value);
  if (ec != std::errc() || ptr != text.data() + n) return std::nullopt;
  text.remove_prefix(n);
  return value;
}

std::string_view take_letters(std::string_view& text) {
  size_t n = 0;
  while (n < text.size() && ((text[n] >= 'a' && text[n] <= 'z') || (text[n] >= 'A' && text[n] <= 'Z'))) ++n;
  std::string_view letters = text.substr(0, n);
  text.remove_prefix(n);
  return letters;
}

std::optional<double> duration_unit_seconds(std::string_view unit) {
  if (unit == "us") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1.0;
  if (unit == "m") return 60.0;
  if (unit == "h") return 3600.0;
  if (unit == "d") return 86400.0;
  if (unit == "w") return 7 * 86400.0;
  if (unit == "y") return 365 * 86400.0;
  return std::nullopt;
}

std::optional<double> size_unit_bytes(std::string_view unit) {
  static constexpr std::array<std::string_view, 5> kDecimal = {"KB", "MB", "GB", "TB", "PB"};
  static constexpr std::array<std::string_view, 5> kBinary = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (unit == "B") return 1.0;
  for (size_t i = 0; i < kDecimal.size(); ++i) {
    if (unit == kDecimal[i]) return std::pow(1000.0, static_cast<double>(i + 1));
    if (unit == kBinary[i]) return std::pow(1024.0, static_cast<double>(i + 1));
  }
  return std::nullopt;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm: days since 1970-01-01 in the proleptic Gregorian calendar.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

std::optional<int> take_fixed_digits(std::string_view& text, size_t n) {
  if (text.size() < n) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  text.remove_prefix(n);
  return value;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total_s = 0;
  while (!text.empty()) {
    const std::optional<double> number = take_number(text);
    if (!number) return std::nullopt;
    const std::optional<double> unit_s = duration_unit_seconds(take_letters(text));
    if (!unit_s) return std::nullopt;
    total_s += *number * *unit_s;
  }
  if (!std::isfinite(total_s) || total_s > 9.2e12) return std::nullopt;  // ~290,000 years
  return Duration::from_seconds(total_s);
}

std::optional<double> parse_rate_per_s(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view count_text = text.substr(0, slash);
  const std::optional<double> count = take_number(count_text);
  if (!count || !count_text.empty()) return std::nullopt;
  std::string_view per = text.substr(slash + 1);
  // "1/5y" has a duration after the slash; "500/s" a bare unit, read as one of it.
  std::optional<Duration> period;
  if (!per.empty() && (per.front() < '0' || per.front() > '9')) {
    period = parse_duration(std::string("1") + std::string(per));
  } else {
    period = parse_duration(per);
  }
  if (!period || period->count_us() <= 0) return std::nullopt;
  return *count / period->in_seconds();
}

std::optional<double> parse_size_bytes(std::string_view text) {
  const std::optional<double> number = take_number(text);
  if (!number) return std::nullopt;
  const std::optional<double> unit = size_unit_bytes(text);
  if (!unit) return std::nullopt;
  return *number * *unit;
}

std::optional<double> parse_throughput_bytes_per_s(std::string_view text) {
  std::string_view rest = text;
  const std::optional<double> number = take_number(rest);
  if (!number) return std::nullopt;
  if (rest.size() > 2 && rest.substr(rest.size() - 2) == "/s") {
    const std::optional<double> unit = size_unit_bytes(rest.substr(0, rest.size() - 2));
    if (!unit) return std::nullopt;
    return *number * *unit;
  }
  static constexpr std::array<std::pair<std::string_view, double>, 5> kBits = {
      {{"bps", 1.0}, {"kbps", 1e3}, {"Mbps", 1e6}, {"Gbps", 1e9}, {"Tbps", 1e12}}};
  for (const auto& [unit, bits] : kBits) {
    if (rest == unit) return *number * bits / 8.0;
  }
  return std::nullopt;
}

std::optional<Duration> parse_time_of_day(std::string_view text) {
  const std::optional<int> h = take_fixed_digits(text, 2);
  if (!h || !take_char(text, ':')) return std::nullopt;
  const std::optional<int> m = take_fixed_digits(text, 2);
  if (!m) return std::nullopt;
  int s = 0;
  if (take_char(text, ':')) {
    const std::optional<int> sec = take_fixed_digits(text, 2);
    if (!sec) return std::nullopt;
    s = *sec;
  }
  if (!text.empty() || *h > 23 || *m > 59 || s > 59) return std::nullopt;
  return Duration::seconds(*h * 3600 + *m * 60 + s);
}

std::optional<int64_t> parse_utc_instant(std::string_view text) {
  const std::optional<int> y = take_fixed_digits(text, 4);
  if (!y || !take_char(text, '-')) return std::nullopt;
  const std::optional<int> mo = take_fixed_digits(text, 2);
  if (!mo || !take_char(text, '-')) return std::nullopt;
  const std::optional<int> d = take_fixed_digits(text, 2);
  if (!d || *mo < 1 || *mo > 12 || *d < 1 || *d > 31) return std::nullopt;
  int64_t seconds_of_day = 0;
  if (!text.empty()) {
    if (!take_char(text, 'T')) return std::nullopt;
    std::string_view clock = text;
    if (clock.empty() || clock.back() != 'Z') return std::nullopt;
    clock.remove_suffix(1);
    const std::optional<Duration> tod = parse_time_of_day(clock);
    if (!tod) return std::nullopt;
    seconds_of_day = tod->count_us() / 1'000'000;
  }
  const int64_t days = days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d));
  // Reject 2026-02-31 and friends: the date must survive a round trip.
  int64_t ry;
  unsigned rm, rd;
  civil_from_days(days, ry, rm, rd);
  if (ry != *y || static_cast<int>(rm) != *mo || static_cast<int>(rd) != *d) return std::nullopt;
  return days * 86400 + seconds_of_day;
}

std::string format_clock(int64_t epoch_s) {
  static constexpr std::array<const char*, 7> kWeekdays = {"Thu", "Fri", "Sat", "Sun",
                                                           "Mon", "Tue", "Wed"};
  const int64_t days = epoch_s >= 0 ? epoch_s / 86400 : (epoch_s - 86399) / 86400;
  const int64_t sod = epoch_s - days * 86400;
  const int64_t weekday = ((days % 7) + 7) % 7;  // 1970-01-01 was a Thursday
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d", kWeekdays[static_cast<size_t>(weekday)],
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60));
  return buf;
}

std::string format_utc_date(int64_t epoch_s) {
  const int64_t days = epoch_s >= 0 ? epoch_s / 86400 : (epoch_s - 86399) / 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string format_duration(Duration d) {
  const int64_t us = d.count_us();
  char buf[64];
  if (us == 0) return "0s";
  if (us < 1'000'000) {
    std::snprintf(buf, sizeof buf, "%gms", static_cast<double>(us) / 1000.0);
    return buf;
  }
  if (us < 60'000'000) {
    std::snprintf(buf, sizeof buf, "%.1fs", d.in_seconds());
    return buf;
  }
  const int64_t s = us / 1'000'000;
  const int64_t days = s / 86400, hours = s / 3600 % 24, minutes = s / 60 % 60, secs = s % 60;
  std::string out;
  auto part = [&out](int64_t value, const char* unit) {
    if (value == 0) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(value) + unit;
  };
  part(days, "d");
  part(hours, "h");
  part(minutes, "m");
  if (days == 0) part(secs, "s");
  return out;
}

std::string spoken_duration(Duration d) {
  int64_t us = d.count_us();
  if (us < 0) return "-" + spoken_duration(Duration::micros(us == INT64_MIN ? INT64_MAX : -us));
  char buf[64];
  if (us == 0) return "0 s";
  if (us < 1'000) return "under 1 ms";
  if (us < 999'500) {
    std::snprintf(buf, sizeof buf, "%lld ms", static_cast<long long>((us + 500) / 1000));
    return buf;
  }
  if (us < 9'950'000) {
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(us) / 1e6);
    return buf;
  }
  const int64_t s = (us + 500'000) / 1'000'000;  // whole seconds, rounded
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(s));
  } else if (s < 600) {
    std::snprintf(buf, sizeof buf, s % 60 ? "%lld min %lld s" : "%lld min", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  } else if (s < 3600 - 30) {
    std::snprintf(buf, sizeof buf, "%lld min", static_cast<long long>((s + 30) / 60));
  } else if (s < 86400 - 30) {
    const int64_t m = (s + 30) / 60;
    std::snprintf(buf, sizeof buf, m % 60 ? "%lld h %lld min" : "%lld h", static_cast<long long>(m / 60),
                  static_cast<long long>(m % 60));
  } else {
    const int64_t h = (s + 1800) / 3600;
    std::snprintf(buf, sizeof buf, h % 24 ? "%lld d %lld h" : "%lld d", static_cast<long long>(h / 24),
                  static_cast<long long>(h % 24));
  }
  return buf;
}

std::string grouped_count(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace drsim::sim
