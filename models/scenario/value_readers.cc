// The single-value readers: strings, durations and distributions (a duration string, or an object
// such as {"uniform": ["15s", "35s"]}), with messages that name the JSON path, what was expected
// and what was found, and the limit on how long a distribution's durations may be.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "models/scenario/limits.h"
#include "models/scenario/object_reader.h"
#include "models/scenario/writer.h"
#include "sim/units.h"

namespace drsim::models::scenario {
namespace {

using nlohmann::json;
using sim::Distribution;
using sim::Duration;

constexpr std::string_view kDurationUnits = "us, ms, s, m, h, d, w or y";
constexpr std::string_view kDistributionKinds =
    "constant, uniform, exponential, normal, lognormal, weibull or empirical";

std::optional<std::string> number_as_duration(const json& v) {
  if (!v.is_number()) return std::nullopt;
  const double s = v.get<double>();
  if (!(s >= 0 && s <= 9e12)) return std::nullopt;
  const double us = s * 1e6;
  if (us != std::floor(us)) return std::nullopt;
  return format_duration_exact(Duration::micros(static_cast<int64_t>(us)));
}

bool is_bare_number(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos &&
         text.find_first_of("0123456789") != std::string_view::npos;
}

bool is_duration_unit(std::string_view unit) {
  static constexpr std::array<std::string_view, 8> kUnits = {"us", "ms", "s", "m",
                                                             "h",  "d",  "w", "y"};
  return std::find(kUnits.begin(), kUnits.end(), unit) != kUnits.end();
}

// Why `text` is not a duration, for the end of "expected a duration ..., got "x": why".
std::string why_not_a_duration(std::string_view text) {
  if (text.empty()) return "";
  if (text.front() == '-') return ": durations cannot be negative";
  if (text.find_first_of(" \t") != std::string_view::npos) return ": remove the spaces";
  size_t i = 0;
  while (i < text.size()) {
    const size_t number_start = i;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (i == number_start) return "";
    const size_t unit_start = i;
    while (i < text.size() &&
           ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
      ++i;
    }
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) {
      return std::string(": a number needs a unit (") + std::string(kDurationUnits) + ")";
    }
    if (!is_duration_unit(unit)) {
      return ": unknown unit " + in_quotes(unit) + " (units are " + std::string(kDurationUnits) +
             ")";
    }
  }
  return ": too long (the limit is about 290,000 years)";
}

std::string duration_expected(const json& v) {
  std::string example = "90s";
  if (const std::optional<std::string> as_seconds = number_as_duration(v)) example = *as_seconds;
  if (v.is_string() && is_bare_number(v.get_ref<const std::string&>())) {
    example = v.get_ref<const std::string&>() + "s";
  }
  return "expected a duration such as " + in_quotes(example);
}

// `d`, or nullopt after a problem when its 99.99th percentile or its mean is beyond
// kMaxDistributionSeconds: parameters that absurd (a lognormal whose p95 is 10^11 times its
// median, a weibull of shape 0.001) are a mistake, and most of their samples would lie beyond
// the simulated clock's range.
std::optional<Distribution> within_span_limit(const Distribution& d, const json& v,
                                              std::string_view path, Diagnostics& diag) {
  const double limit_s = kMaxDistributionSeconds;
  const std::string limit = "the limit of " + describe_years(limit_s);
  if (d.is_constant()) {
    if (d.mean_s() <= limit_s) return d;
    diag.error(path, describe_json(v) + " is longer than " + limit);
    return std::nullopt;
  }
  const double p9999_s = d.quantile_s(0.9999);
  const double mean_s = d.mean_s();
  if (!(p9999_s <= limit_s)) {
    diag.error(path, "the distribution's 99.99th percentile is " + describe_years(p9999_s) +
                         ", more than " + limit);
    return std::nullopt;
  }
  if (!(mean_s <= limit_s)) {
    diag.error(path,
               "the distribution's mean is " + describe_years(mean_s) + ", more than " + limit);
    return std::nullopt;
  }
  return d;
}

// Turns a factory's result into the reader's: its error string becomes the problem.
std::optional<Distribution> made(std::optional<Distribution> d, const std::string& error,
                                 const std::string& path, Diagnostics& diag) {
  if (!d) diag.error(path, error);
  return d;
}

std::optional<Distribution> read_uniform(const json& v, const std::string& path,
                                         Diagnostics& diag) {
  if (!v.is_array() || v.size() != 2) {
    diag.error(path, "expected two durations [lo, hi] such as [\"15s\", \"35s\"], got " +
                         describe_json(v));
    return std::nullopt;
  }
  const std::optional<Duration> lo = read_duration(v[0], index_path(path, 0), diag);
  const std::optional<Duration> hi = read_duration(v[1], index_path(path, 1), diag);
  if (!lo || !hi) return std::nullopt;
  std::string error;
  return made(Distribution::uniform(*lo, *hi, &error), error, path, diag);
}

// Finishes the parameter reader `r` and tells whether no problem was recorded since `before`
// (then the factory may run without repeating a complaint about a placeholder).
bool finished_cleanly(ObjectReader& r, size_t before) {
  r.finish();
  return r.diagnostics().count() == before;
}

std::optional<Distribution> read_exponential(const json& v, const std::string& path,
                                             Diagnostics& diag) {
  const size_t before = diag.count();
  ObjectReader r(v, path, diag, distribution_parameter_keys("exponential"));
  const Duration mean = r.required_duration("mean");
  if (!finished_cleanly(r, before)) return std::nullopt;
  std::string error;
  return made(Distribution::exponential(mean, &error), error, path, diag);
}

std::optional<Distribution> read_normal(const json& v, const std::string& path, Diagnostics& diag) {
  const size_t before = diag.count();
  ObjectReader r(v, path, diag, distribution_parameter_keys("normal"));
  const Duration mean = r.required_duration("mean");
  const Duration sd = r.required_duration("sd");
  const std::optional<Duration> min = r.optional_duration("min");
  const std::optional<Duration> max = r.optional_duration("max");
  if (!finished_cleanly(r, before)) return std::nullopt;
  std::string error;
  return made(Distribution::normal(mean, sd, min, max, &error), error, path, diag);
}

std::optional<Distribution> read_lognormal(const json& v, const std::string& path,
                                           Diagnostics& diag) {
  const size_t before = diag.count();
  ObjectReader r(v, path, diag, distribution_parameter_keys("lognormal"));
  const Duration median = r.required_duration("median");
  const Duration p95 = r.required_duration("p95");
  if (!finished_cleanly(r, before)) return std::nullopt;
  std::string error;
  return made(Distribution::lognormal(median, p95, &error), error, path, diag);
}

std::optional<Distribution> read_weibull(const json& v, const std::string& path,
                                         Diagnostics& diag) {
  static constexpr NumberRange kShape{0, std::numeric_limits<double>::infinity(), true, false,
                                      "a number greater than 0"};
  const size_t before = diag.count();
  ObjectReader r(v, path, diag, distribution_parameter_keys("weibull"));
  const double shape = r.required_number("shape", kShape);
  const Duration scale = r.required_duration("scale");
  if (!finished_cleanly(r, before)) return std::nullopt;
  std::string error;
  return made(Distribution::weibull(shape, scale, &error), error, path, diag);
}

std::optional<Distribution> read_empirical(const json& v, const std::string& path,
                                           Diagnostics& diag) {
  if (!v.is_array() || v.empty()) {
    diag.error(path, "expected a non-empty array of durations such as [\"62s\", \"75s\"], got " +
                         describe_json(v));
    return std::nullopt;
  }
  std::vector<Duration> values;
  bool ok = true;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::optional<Duration> d = read_duration(v[i], index_path(path, i), diag);
    ok = ok && d.has_value();
    if (d) values.push_back(*d);
  }
  if (!ok) return std::nullopt;
  std::string error;
  return made(Distribution::empirical(std::move(values), &error), error, path, diag);
}

std::optional<Distribution> read_distribution_object(const json& v, std::string_view path,
                                                     Diagnostics& diag) {
  static const std::vector<std::string> kKinds = [] {
    std::vector<std::string> kinds;
    for (const Key& key : distribution_keys().keys) kinds.emplace_back(key.name);
    return kinds;
  }();
  if (v.size() != 1) {
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end() && keys.size() < kListedNames; ++it) {
      keys.push_back(in_quotes(it.key()));
    }
    diag.error(path, "expected a distribution object with exactly one key (" +
                         std::string(kDistributionKinds) + "), got " +
                         (keys.empty() ? std::string("{}") : joined(keys, ", ")));
    return std::nullopt;
  }
  const std::string& kind = v.begin().key();
  const json& params = v.begin().value();
  const std::string params_path = key_path(path, kind);
  if (kind == "constant") {
    const std::optional<Duration> d = read_duration(params, params_path, diag);
    if (!d) return std::nullopt;
    return Distribution::constant(*d);
  }
  if (kind == "uniform") return read_uniform(params, params_path, diag);
  if (kind == "exponential") return read_exponential(params, params_path, diag);
  if (kind == "normal") return read_normal(params, params_path, diag);
  if (kind == "lognormal") return read_lognormal(params, params_path, diag);
  if (kind == "weibull") return read_weibull(params, params_path, diag);
  if (kind == "empirical") return read_empirical(params, params_path, diag);
  diag.error(path, "unknown distribution " + in_quotes(kind) + suggestion_suffix(kind, kKinds));
  return std::nullopt;
}

}  // namespace

// ---- Single values ----

std::optional<std::string> read_string(const json& v, std::string_view path, Diagnostics& diag) {
  if (v.is_string()) return v.get<std::string>();
  diag.error(path, "expected a string, got " + describe_json(v));
  return std::nullopt;
}

std::optional<Duration> read_duration(const json& v, std::string_view path, Diagnostics& diag) {
  if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    if (std::optional<Duration> d = sim::parse_duration(text)) return d;
    diag.error(path, duration_expected(v) + ", got " + describe_json(v) + why_not_a_duration(text));
    return std::nullopt;
  }
  diag.error(path, duration_expected(v) + ", got " + describe_json(v));
  return std::nullopt;
}

std::optional<Distribution> read_distribution(const json& v, std::string_view path,
                                              Diagnostics& diag) {
  if (v.is_string()) {
    const std::optional<Duration> d = read_duration(v, path, diag);
    if (!d) return std::nullopt;
    return within_span_limit(Distribution::constant(*d), v, path, diag);
  }
  if (v.is_object()) {
    const std::optional<Distribution> d = read_distribution_object(v, path, diag);
    if (!d) return std::nullopt;
    return within_span_limit(*d, v, path, diag);
  }
  diag.error(path, duration_expected(v) +
                       " or a distribution such as {\"uniform\": [\"15s\", \"35s\"]}, got " +
                       describe_json(v));
  return std::nullopt;
}

}  // namespace drsim::models::scenario
