// Scenario loading, the top-level settings: name, horizon, start, seed, trials, tiers, the
// failover window, SLOs and costs.
#include "models/scenario/loader_parts.h"

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>

#include "sim/units.h"

namespace drsim::models::scenario::loading {

namespace {

std::map<int, TierTarget> default_tiers() {
  return {{0, {Duration::hours(1), Duration::hours(4)}},
          {1, {Duration::hours(1), Duration::hours(6)}},
          {2, {Duration::hours(8), Duration::hours(24)}},
          {3, {Duration::hours(24), Duration::hours(72)}}};
}

}  // namespace

void Loader::read_settings(ObjectReader& r) {
  s_.name = r.required_string("name");
  s_.description = r.optional_string("description").value_or("");
  r.optional_string("$schema");  // editors' schema hint; means nothing to drsim
  s_.horizon = r.required_duration("horizon", DurationMin::kPositive);
  if (s_.horizon > kMaxHorizon) {
    r.error("horizon", describe_json(*r.value("horizon")) + " is longer than the limit of " +
                           describe_years(kMaxHorizon.in_seconds()));
    s_.horizon = Duration();  // nothing below compares against it
  }
  s_.start_epoch_s =
      r.optional_utc_instant("start").value_or(*sim::parse_utc_instant(kDefaultStart));
  s_.seed = read_seed(r).value_or(1);
  s_.trials = static_cast<uint64_t>(
      r.optional_int("trials", 1, std::numeric_limits<int64_t>::max()).value_or(1000));
  if (s_.trials > kMaxTrials) {
    r.error("trials", describe_json(*r.value("trials")) + " is more than the limit of " +
                          std::to_string(kMaxTrials) + " (as for --trials)");
    s_.trials = kMaxTrials;
  }
  read_tiers(r);
  read_failover_window(r);
  s_.failover_slo = r.optional_number("failover_slo", kPositiveFraction).value_or(0.99);
  s_.tier_slo = r.optional_number("tier_slo", kPositiveFraction).value_or(0.95);
  // At most 20 cross-region snapshot copies in flight per destination (aws-facts §1.5).
  s_.snapshot_copy_limit = static_cast<int>(
      r.optional_int("snapshot_copy_limit", 1, 1'000'000, "an integer >= 1").value_or(20));
  if (std::optional<ObjectReader> costs = r.object("costs")) read_costs(*costs);
}

// Any whole number in [0, 2^64 - 1]: the seed is a uint64 however it is written (1e19 too), but
// a negative, fractional or larger number is an error rather than a wrapped or rounded seed.
std::optional<uint64_t> Loader::read_seed(ObjectReader& r) {
  const json* v = r.value("seed");
  if (!v) return std::nullopt;
  if (v->is_number_unsigned()) return v->get<uint64_t>();
  if (v->is_number_integer() && v->get<int64_t>() >= 0) {
    return static_cast<uint64_t>(v->get<int64_t>());
  }
  constexpr double kTwoTo64 = 18446744073709551616.0;
  if (v->is_number_float()) {
    const double f = v->get<double>();
    if (f >= 0 && f < kTwoTo64 && f == std::floor(f)) return static_cast<uint64_t>(f);
  }
  r.error("seed", "expected a whole number from 0 to " +
                      std::to_string(std::numeric_limits<uint64_t>::max()) + ", got " +
                      describe_json(*v));
  return std::nullopt;
}

// Prices are plain numbers (money per the unit in the key's name); the defaults are CostSpec's.
void Loader::read_costs(ObjectReader& r) {
  constexpr NumberRange kPrice{0, std::numeric_limits<double>::infinity(), false, false,
                               "a price >= 0"};
  constexpr NumberRange kMultiplier{0, std::numeric_limits<double>::infinity(), false, false,
                                    "a multiplier >= 0"};
  constexpr NumberRange kChange{0, std::numeric_limits<double>::infinity(), false, false,
                                "a fraction of the size >= 0 (0.05: 5 % written per day)"};
  CostSpec& c = s_.costs;
  if (std::optional<std::string> currency = optional_name(r, "currency")) c.currency = *currency;
  if (std::optional<ObjectReader> prices = r.object("instance_hour")) {
    for (const auto& [cls, element] : prices->entries()) {
      if (cls.empty()) {
        diag_.error(element.path, "an instance class needs a name");
      } else if (element.value->is_number() && kPrice.contains(element.value->get<double>())) {
        c.instance_hour[cls] = element.value->get<double>();
      } else {
        diag_.error(element.path, "expected a price >= 0 per instance-hour, got " +
                                      describe_json(*element.value));
      }
    }
  }
  c.standby_multiplier =
      r.optional_number("standby_multiplier", kMultiplier).value_or(c.standby_multiplier);
  c.replica_multiplier =
      r.optional_number("replica_multiplier", kMultiplier).value_or(c.replica_multiplier);
  c.storage_gib_month =
      r.optional_number("storage_gib_month", kPrice).value_or(c.storage_gib_month);
  c.backup_gib_month = r.optional_number("backup_gib_month", kPrice).value_or(c.backup_gib_month);
  c.transfer_gib = r.optional_number("transfer_gib", kPrice).value_or(c.transfer_gib);
  c.object_storage_gib_month =
      r.optional_number("object_storage_gib_month", kPrice).value_or(c.object_storage_gib_month);
  c.object_replication_gib =
      r.optional_number("object_replication_gib", kPrice).value_or(c.object_replication_gib);
  c.change_per_day = r.optional_number("change_per_day", kChange).value_or(c.change_per_day);
  r.finish();
}

void Loader::read_tiers(ObjectReader& r) {
  s_.tiers = default_tiers();
  std::optional<ObjectReader> tiers = r.object("tiers");
  if (!tiers) return;
  for (const auto& [key, element] : tiers->entries()) {
    if (key.size() != 1 || key[0] < '0' || key[0] > '3') {
      tiers->error_here("unknown tier " + in_quotes(key) +
                        " (tiers are \"0\", \"1\", \"2\" and \"3\")");
      continue;
    }
    ObjectReader t = tiers->entry_object(element);
    TierTarget target;
    target.rpo = t.required_duration("rpo");
    target.rto = t.required_duration("rto", DurationMin::kPositive);
    t.finish();
    s_.tiers[key[0] - '0'] = target;
  }
}

void Loader::read_failover_window(ObjectReader& r) {
  s_.failover_window_lo = Duration::seconds(60);
  s_.failover_window_hi = Duration::seconds(120);
  const json* v = r.value("failover_window");
  if (!v) return;
  const std::string path = r.path_of("failover_window");
  if (!v->is_array() || v->size() != 2) {
    diag_.error(path, "expected two durations [lo, hi] such as [\"60s\", \"120s\"], got " +
                          describe_json(*v));
    return;
  }
  const std::optional<Duration> lo = read_duration((*v)[0], index_path(path, 0), diag_);
  const std::optional<Duration> hi = read_duration((*v)[1], index_path(path, 1), diag_);
  if (!lo || !hi) return;
  if (*lo > *hi) {
    diag_.error(path, "the lower bound " + fmt(*lo) + " is above the upper bound " + fmt(*hi));
  }
  s_.failover_window_lo = *lo;
  s_.failover_window_hi = *hi;
}

}  // namespace drsim::models::scenario::loading
