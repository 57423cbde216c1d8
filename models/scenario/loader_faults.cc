// Scenario loading, the faults and planned events: kinds, targets, timing, durations and scopes.
#include "models/scenario/loader_parts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim::models::scenario::loading {

namespace {

const std::vector<std::pair<std::string, FaultKind>>& fault_kinds() {
  static const std::vector<std::pair<std::string, FaultKind>> kAll = {
      {"instance_failure", FaultKind::kInstanceFailure},
      {"storage_failure", FaultKind::kStorageFailure},
      {"az_outage", FaultKind::kAzOutage},
      {"region_outage", FaultKind::kRegionOutage},
      {"disaster", FaultKind::kDisaster},
      {"network_partition", FaultKind::kNetworkPartition},
      {"data_corruption", FaultKind::kDataCorruption},
      {"data_deletion", FaultKind::kDataDeletion},
      {"backup_failure", FaultKind::kBackupFailure},
      {"control_plane", FaultKind::kControlPlane},
      {"switchover", FaultKind::kSwitchover},
      {"failover_test", FaultKind::kFailoverTest}};
  return kAll;
}

enum class TargetSort { kDatabase, kAz, kRegion };

TargetSort target_sort(FaultKind k) {
  switch (k) {
    case FaultKind::kAzOutage:
      return TargetSort::kAz;
    case FaultKind::kRegionOutage:
    case FaultKind::kDisaster:
    case FaultKind::kNetworkPartition:
    case FaultKind::kControlPlane:
      return TargetSort::kRegion;
    default:
      return TargetSort::kDatabase;
  }
}

bool is_logical(FaultKind k) {
  return k == FaultKind::kDataCorruption || k == FaultKind::kDataDeletion;
}

bool hits_one_instance(FaultKind k) {
  return k == FaultKind::kInstanceFailure || k == FaultKind::kStorageFailure;
}

// Why a fault of kind `k` takes no "duration", or nullopt when it may have one.
std::optional<std::string_view> why_no_duration(FaultKind k) {
  switch (k) {
    case FaultKind::kInstanceFailure:
    case FaultKind::kStorageFailure:
      return "the database's \"replace\" time repairs a failed instance";
    case FaultKind::kDisaster:
      return "a disaster destroys the region and nothing comes back by itself (use region_outage "
             "for an outage that ends)";
    case FaultKind::kDataCorruption:
    case FaultKind::kDataDeletion:
      return "a logical fault lasts until a restore repairs it (\"detect_after\" says when it is "
             "noticed)";
    case FaultKind::kFailoverTest:
      return "a failover test lasts as long as the failover it starts";
    default:
      return std::nullopt;
  }
}

// What a fault of kind `k` that ends by itself must say with "duration".
std::string_view what_duration_says(FaultKind k) {
  switch (k) {
    case FaultKind::kAzOutage:
      return "how long the AZ is down (or set \"destroys_data\": true)";
    case FaultKind::kRegionOutage:
      return "how long the region is down";
    case FaultKind::kNetworkPartition:
      return "how long the region's links stay cut";
    case FaultKind::kControlPlane:
      return "how long the control plane is down";
    case FaultKind::kBackupFailure:
      return "how long backups keep failing";
    default:
      return "how long it lasts";
  }
}

}  // namespace

FaultSpec Loader::read_fault(ObjectReader& r) {
  FaultSpec f;
  const std::optional<FaultKind> kind = read_enum(r, "kind", "fault kind", fault_kinds());
  if (kind) f.kind = *kind;
  f.target = r.required_string("target");
  if (kind) check_fault_target(r, *kind, f.target);
  const std::optional<bool> destroys = r.optional_bool("destroys_data");
  if (destroys && kind && *kind != FaultKind::kAzOutage) {
    not_for_kind(r, "destroys_data", "az_outage (a disaster always destroys its region)", *kind);
  }
  f.destroys_data = destroys.value_or(false);
  read_fault_timing(r, f, kind);
  read_fault_duration(r, f, kind);
  read_fault_instance(r, f, kind);
  read_fault_logical(r, f, kind);
  read_fault_switchover(r, f, kind);
  r.finish();
  return f;
}

// A planned switchover: the target must be one database with a cross-region replica, and `to`
// one of its replicas' regions (default: the first). A failover test: databases with a
// standby.
void Loader::read_fault_switchover(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
  f.to = r.optional_string("to");
  if (!kind) return;
  if (*kind == FaultKind::kFailoverTest) {
    if (f.to) not_for_kind(r, "to", "switchover", *kind);
    f.to.reset();
    const DatabaseSpec* db = f.target == "*" ? nullptr : database_named(f.target);
    if (db && db->deployment == Deployment::kSingleAz) {
      r.error("target", "a failover test reboots a database with failover to its standby, but " +
                            in_quotes(f.target) + " is single-az and has none");
    }
    return;
  }
  if (*kind != FaultKind::kSwitchover) {
    if (f.to) not_for_kind(r, "to", "switchover", *kind);
    f.to.reset();
    return;
  }
  if (f.target == "*") {
    r.error("target", "a switchover names one database with a cross-region replica, not \"*\"");
    return;
  }
  const DatabaseSpec* db = database_named(f.target);
  if (!db) return;  // check_fault_target reported it
  std::vector<std::string> secondaries;
  for (const ReplicaSpec& rep : db->replicas) secondaries.push_back(rep.region);
  if (secondaries.empty()) {
    r.error("target", in_quotes(f.target) +
                          " has no cross-region replica (or aurora-global secondary) to switch "
                          "over to");
  } else if (!f.to) {
    f.to = secondaries.front();
  } else if (std::find(secondaries.begin(), secondaries.end(), *f.to) == secondaries.end()) {
    r.error("to", in_quotes(*f.to) + " is not a secondary region of " + in_quotes(f.target) +
                      " (it has " + join_comma(secondaries) + ")");
  }
}

void Loader::not_for_kind(ObjectReader& r, std::string_view key, std::string_view kinds, FaultKind k) {
  r.error(key, "applies only to " + std::string(kinds) + ", not to " +
                   std::string(fault_kind_name(k)));
}

void Loader::check_fault_target(ObjectReader& r, FaultKind kind, const std::string& target) {
  if (target.empty() || target == "*") return;
  const std::string path = r.path_of("target");
  switch (target_sort(kind)) {
    case TargetSort::kRegion:
      check_region(target, path);
      return;
    case TargetSort::kAz:
      if (!az_paths_.count(target)) {
        diag_.error(path, "unknown AZ " + in_quotes(target) + suggest(target, az_names_));
      }
      return;
    case TargetSort::kDatabase:
      if (is_database(target)) return;
      if (object_store_set_.count(target)) {
        diag_.error(path, in_quotes(target) + " is an object store, but " +
                              with_article(fault_kind_name(kind)) + " targets a database");
        return;
      }
      diag_.error(path,
                  "unknown database " + in_quotes(target) + suggest(target, database_names_));
      return;
  }
}

void Loader::read_fault_timing(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
  f.every = r.optional_duration("every", DurationMin::kPositive);
  if (f.every && kind && !is_planned(*kind)) {
    not_for_kind(r, "every", "the planned events switchover and failover_test (a fault that "
                             "recurs at random has a \"rate\" or \"mtbf\")", *kind);
  }
  if (f.every && kind && is_planned(*kind)) {
    // `at` (optional) is the first occurrence; nothing random.
    for (const char* key : {"rate", "mtbf", "trace"}) {
      if (r.has(key)) r.error(key, "not allowed with \"every\": a planned event recurs on schedule");
    }
    if (s_.horizon.count_us() > 0 && *f.every > s_.horizon && !r.has("at")) {
      r.error("every", fmt(*f.every) + " is longer than the horizon (" + fmt(s_.horizon) +
                           "), so the event never happens");
    }
    f.at = r.optional_distribution("at");
    f.rate_per_s = r.optional_rate("rate");
    r.ignore("mtbf");
    r.ignore("trace");
    return;
  }
  std::vector<std::string> given;
  for (const char* key : {"at", "rate", "mtbf", "trace"}) {
    if (r.has(key)) given.push_back(in_quotes(key));
  }
  if (given.empty() && kind && is_planned(*kind)) {
    r.error_here("needs \"at\" or \"every\" (a planned " +
                 std::string(fault_kind_name(*kind)) + " happens on schedule)");
  } else if (given.empty()) {
    r.error_here("needs one of \"at\", \"rate\", \"mtbf\" or \"trace\"");
  } else if (given.size() > 1) {
    r.error_here(
        join_and(given) + (given.size() == 2 ? " are both" : " are all") +
        " given, but a fault has exactly one of \"at\", \"rate\", \"mtbf\" or \"trace\"");
  }
  f.at = r.optional_distribution("at");
  if (f.at && f.at->is_constant() && s_.horizon.count_us() > 0 &&
      f.at->spec().spans.front() >= s_.horizon) {
    r.error("at", fmt(f.at->spec().spans.front()) + " is not before the horizon (" +
                      fmt(s_.horizon) + "), so the fault never happens");
  }
  f.rate_per_s = r.optional_rate("rate");
  if (f.rate_per_s) check_fault_rate(r, "rate", *f.rate_per_s);
  if (const std::optional<Duration> mtbf = r.optional_duration("mtbf", DurationMin::kPositive)) {
    f.rate_per_s = 1.0 / mtbf->in_seconds();
    check_fault_rate(r, "mtbf", *f.rate_per_s);
  }
  f.trace = optional_name(r, "trace");
  if (f.trace) f.trace_rows = read_trace(*f.trace, r.path_of("trace"));
}

// A random process the simulator can play out: per target, at most kMaxFaultRatePerS, and at
// most kMaxExpectedOccurrences over the horizon.
void Loader::check_fault_rate(ObjectReader& r, std::string_view key, double per_s) {
  const std::string given = describe_json(*r.value(key));
  if (per_s > kMaxFaultRatePerS) {
    r.error(key, given + " is more than the limit of one occurrence per second per target");
    return;
  }
  const double expected = per_s * s_.horizon.in_seconds();
  if (expected > kMaxExpectedOccurrences) {
    char count[32];
    std::snprintf(count, sizeof count, "%.0f", expected);
    r.error(key, given + " over the horizon (" + fmt(s_.horizon) + ") expects " + count +
                     " occurrences per target, more than the limit of 10000000");
  }
}

void Loader::read_fault_duration(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
  f.duration = r.optional_distribution("duration");
  if (!kind) return;
  const bool given = r.has("duration");
  if (const std::optional<std::string_view> why = why_no_duration(*kind)) {
    if (given) {
      r.error("duration", "not allowed for " + std::string(fault_kind_name(*kind)) + ": " +
                              std::string(*why));
    }
    return;
  }
  if (r.has("trace")) {
    if (given) {
      r.error("duration",
              "not allowed with \"trace\": each row of the trace ends its outage at end_time");
    }
    return;
  }
  const bool process = r.has("rate") || r.has("mtbf");
  // A switchover's duration is optional: how long until the writer switches back (none: it
  // stays).
  const bool needed = *kind == FaultKind::kBackupFailure ? process
                      : *kind == FaultKind::kSwitchover
                          ? false
                          : !(*kind == FaultKind::kAzOutage && f.destroys_data);
  if (needed && !given) {
    r.error("duration", "missing required key: " + with_article(fault_kind_name(*kind)) +
                            " ends by itself, so say " + std::string(what_duration_says(*kind)));
  }
}

void Loader::read_fault_instance(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
  const std::optional<std::string> instance = r.optional_string("instance");
  if (!instance) return;
  if (*instance == "standby") {
    f.instance = InstanceRole::kStandby;
  } else if (*instance != "primary") {
    r.error("instance", "unknown instance " + in_quotes(*instance) +
                            suggestion_suffix(*instance, {"primary", "standby"}));
    return;
  }
  if (kind && !hits_one_instance(*kind)) {
    not_for_kind(r, "instance", "instance_failure and storage_failure", *kind);
    return;
  }
  if (f.instance == InstanceRole::kStandby) check_has_standby(r, f.target);
}

void Loader::check_has_standby(ObjectReader& r, const std::string& target) {
  const DatabaseSpec* d = database_named(target);
  if (d && d->deployment == Deployment::kSingleAz) {
    r.error("instance", "database " + in_quotes(target) + " is single-az and has no standby");
  }
}

void Loader::read_fault_logical(ObjectReader& r, FaultSpec& f, std::optional<FaultKind> kind) {
  f.detect_after = r.optional_distribution("detect_after");
  const json* scope = r.value("scope");
  if (!kind) return;
  if (!is_logical(*kind)) {
    if (f.detect_after) {
      not_for_kind(r, "detect_after", "data_corruption and data_deletion", *kind);
    }
    if (scope) not_for_kind(r, "scope", "data_corruption and data_deletion", *kind);
    f.detect_after.reset();
    return;
  }
  if (!f.detect_after) f.detect_after = sim::Distribution::constant(Duration());
  if (scope) f.scope = read_scope(*scope, r.path_of("scope"));
}

FaultScope Loader::read_scope(const json& v, const std::string& path) {
  FaultScope scope;
  const std::string expected =
      "expected a count (an integer >= 1), a fraction in (0, 1) or a list of database names, "
      "got " +
      describe_json(v);
  if (v.is_array()) {
    if (v.empty()) diag_.error(path, expected);
    for (size_t i = 0; i < v.size(); ++i) {
      const std::optional<std::string> name = read_string(v[i], index_path(path, i), diag_);
      if (!name) continue;
      if (!is_database(*name)) {
        diag_.error(index_path(path, i),
                    "unknown database " + in_quotes(*name) + suggest(*name, database_names_));
      }
      scope.databases.push_back(*name);
    }
    return scope;
  }
  const double x = v.is_number() ? v.get<double>() : -1;
  if (x > 0 && x < 1) {
    scope.fraction = x;
  } else if (x >= 1 && x == std::floor(x) && x <= std::numeric_limits<int>::max()) {
    scope.count = static_cast<int>(x);
    if (static_cast<size_t>(x) > s_.databases.size()) {
      diag_.error(path, "asks for " + std::to_string(*scope.count) +
                            " databases, but the scenario has " +
                            std::to_string(s_.databases.size()));
    }
  } else {
    diag_.error(path, expected);
  }
  return scope;
}

}  // namespace drsim::models::scenario::loading
