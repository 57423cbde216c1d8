// The key tables of the scenario format (DESIGN.md §3, docs/scenario-format.md). Adding a key
// is one line in its table; a table used in two places (a backup) is referenced, not copied.
// Leaf tables come first: a table can refer only to tables defined above it.
#include "models/scenario/keys.h"

#include <cmath>
#include <limits>

#include "models/scenario/limits.h"
#include "sim/check.h"

namespace drsim::models::scenario {
namespace {

using enum ValueKind;
constexpr Presence kRequired = Presence::kRequired;
constexpr Presence kOptional = Presence::kOptional;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// ---- Value forms ----

constexpr Value plain(ValueKind kind) { return Value{kind}; }
constexpr Value positive(ValueKind kind) {
  Value v{kind};
  v.positive = true;
  return v;
}
constexpr Value object(const KeyTable& table) {
  Value v{kObject};
  v.table = &table;
  return v;
}
constexpr Value objects(const KeyTable& table, size_t min_items = 0) {
  Value v{kObjectArray};
  v.table = &table;
  v.min_items = min_items;
  return v;
}
constexpr Value names(size_t min_items = 0) {
  Value v{kNameArray};
  v.min_items = min_items;
  return v;
}
constexpr Value one_of(std::span<const std::string_view> values) {
  Value v{kEnum};
  v.enum_values = values;
  return v;
}
constexpr Value integer(int64_t lo, int64_t hi) {
  Value v{kInt};
  v.int_lo = lo;
  v.int_hi = hi;
  return v;
}
constexpr Value number(NumberRange range) {
  Value v{kNumber};
  v.range = range;
  return v;
}

constexpr Value kStringValue = plain(kString);
constexpr Value kNameValue = plain(kName);
constexpr Value kDurationValue = plain(kDuration);
constexpr Value kPositiveDuration = positive(kDuration);
constexpr Value kDistributionValue = plain(kDistribution);
constexpr Value kBoolValue = plain(kBool);

// The same bounds as the loader's (ObjectReader checks that they agree).
constexpr NumberRange kPrice{0, kInf, false, false, "a price >= 0"};
constexpr NumberRange kMultiplier{0, kInf, false, false, "a multiplier >= 0"};
constexpr NumberRange kChange{0, kInf, false, false, "a fraction of the size >= 0"};
constexpr NumberRange kShape{0, kInf, true, false, "a number greater than 0"};
constexpr NumberRange kReplaySpeed{kMinReplaySpeed, kMaxReplaySpeed, false, false,
                                   "a number from 0.01 to 1000000"};

// ---- Distributions ----

constexpr Key kExponentialKeys[] = {
    {"mean", kDurationValue, kRequired, "", "The mean duration."},
};
constexpr KeyTable kExponential{"exponential", "An exponential distribution.", kExponentialKeys};

constexpr Key kNormalKeys[] = {
    {"mean", kDurationValue, kRequired, "", "The mean duration before truncation."},
    {"sd", kDurationValue, kRequired, "", "The standard deviation."},
    {"min", kDurationValue, kOptional, "",
     "The lower truncation bound (without it, 0: durations are never negative)."},
    {"max", kDurationValue, kOptional, "", "The upper truncation bound."},
};
constexpr KeyTable kNormal{"normal", "A normal distribution truncated to [min, max].", kNormalKeys};

constexpr Key kLognormalKeys[] = {
    {"median", kDurationValue, kRequired, "", "The median duration."},
    {"p95", kDurationValue, kRequired, "", "The 95th percentile, above the median."},
};
constexpr KeyTable kLognormal{"lognormal", "A lognormal distribution given by two quantiles.",
                              kLognormalKeys};

constexpr Key kWeibullKeys[] = {
    {"shape", number(kShape), kRequired, "", "The shape parameter, greater than 0."},
    {"scale", kDurationValue, kRequired, "", "The scale parameter."},
};
constexpr KeyTable kWeibull{"weibull", "A Weibull distribution.", kWeibullKeys};

constexpr Value kDurationArrayValue = [] {
  Value v{kDurationArray};
  v.min_items = 1;
  return v;
}();

constexpr Key kDistributionKeys[] = {
    {"constant", kDurationValue, kOptional, "", "Always this duration."},
    {"uniform", plain(kDurationPair), kOptional, "", "Uniform between two durations [lo, hi]."},
    {"exponential", object(kExponential), kOptional, "", "Exponential with this mean."},
    {"normal", object(kNormal), kOptional, "", "Normal, truncated to [min, max]."},
    {"lognormal", object(kLognormal), kOptional, "", "Lognormal with this median and p95."},
    {"weibull", object(kWeibull), kOptional, "", "Weibull with this shape and scale."},
    {"empirical", kDurationArrayValue, kOptional, "",
     "One of these durations, each equally likely."},
};
constexpr std::string_view kDistributionKinds[] = {"constant",  "uniform", "exponential", "normal",
                                                   "lognormal", "weibull", "empirical"};
constexpr KeyTable kDistributionObject{
    "distribution_object",
    "A distribution of durations: an object with exactly one key, "
    "naming the distribution.",
    kDistributionKeys,
    nullptr,
    {},
    kDistributionKinds};

// ---- Top-level settings ----

constexpr Key kTierTargetKeys[] = {
    {"rpo", kDurationValue, kRequired, "",
     "The tier's RPO target: the most committed writes an incident may lose, as a time window."},
    {"rto", kPositiveDuration, kRequired, "",
     "The tier's RTO target: the longest an incident may last, greater than zero."},
};
constexpr KeyTable kTierTarget{"tier", "The RPO and RTO targets of one tier.", kTierTargetKeys};
constexpr Value kTierTargetValue = object(kTierTarget);
constexpr KeyTable kTiers{"tiers",
                          "Tier targets by tier \"0\" to \"3\"; each tier given replaces the "
                          "policy's targets for that tier.",
                          {},
                          &kTierTargetValue,
                          "^[0-3]$"};

constexpr Value kPriceValue = number(kPrice);
constexpr KeyTable kInstanceHour{"instance_hour",
                                 "Price per instance-hour by instance class, merged over the "
                                 "default table; \"default\" prices databases without a class.",
                                 {},
                                 &kPriceValue};

constexpr Key kCostKeys[] = {
    {"currency", kNameValue, kOptional, R"("USD")", "A label for the prices in reports."},
    {"instance_hour", object(kInstanceHour), kOptional, R"({"default": 0.5})",
     "Price per instance-hour by instance class."},
    {"standby_multiplier", number(kMultiplier), kOptional, "1.0",
     "A standby's (or Aurora reader's) price relative to its class price."},
    {"replica_multiplier", number(kMultiplier), kOptional, "1.0",
     "A cross-region replica's (or Aurora Global secondary's) price relative to its class "
     "price."},
    {"storage_gib_month", number(kPrice), kOptional, "0.115",
     "Database storage per GiB-month and billed copy."},
    {"backup_gib_month", number(kPrice), kOptional, "0.095",
     "Snapshot and log storage per GiB-month, in every region that keeps them."},
    {"transfer_gib", number(kPrice), kOptional, "0.02", "Every GiB that crosses regions."},
    {"object_storage_gib_month", number(kPrice), kOptional, "0.023",
     "Object storage per GiB-month, replicas included."},
    {"object_replication_gib", number(kPrice), kOptional, "0.015",
     "Object replication fee per GiB replicated, on top of transfer_gib."},
    {"change_per_day", number(kChange), kOptional, "0.05",
     "Bytes written per day as a fraction of the size (0.05: 5 % a day)."},
};
constexpr KeyTable kCosts{"costs",
                          "Prices of drsim sweep's cost model, plain numbers per the unit each "
                          "key names; the defaults are illustrative.",
                          kCostKeys};

// ---- Regions and links ----

constexpr Key kRegionKeys[] = {
    {"name", kNameValue, kRequired, "", "The region's name, unique among regions."},
    {"azs", names(1), kRequired, "",
     "The region's availability zones, names unique across all regions."},
};
constexpr KeyTable kRegion{"region", "A region and its availability zones.", kRegionKeys};

constexpr Key kLinkKeys[] = {
    {"between", plain(kNamePair), kRequired, "", "The two regions the link joins."},
    {"latency", kDurationValue, kRequired, "", "The link's one-way latency."},
    {"bandwidth", positive(kThroughput), kRequired, "", "The link's bandwidth, greater than zero."},
};
constexpr KeyTable kLink{"link", "A network link between two regions.", kLinkKeys};

// ---- Databases ----

constexpr std::string_view kDeployments[] = {"single-az", "multi-az", "multi-az-cluster", "aurora",
                                             "aurora-global"};

constexpr Key kFailoverKeys[] = {
    {"detect", kDistributionValue, kOptional, "",
     "Time to detect the primary's failure (default by deployment; multi-az: uniform 15s-30s)."},
    {"promote", kDistributionValue, kOptional, "",
     "Time to promote the standby (default by deployment; multi-az: uniform 35s-60s)."},
    {"dns", kDistributionValue, kOptional, "",
     "Time for DNS and client caches to follow (default by deployment; multi-az: uniform "
     "10s-30s)."},
};
constexpr KeyTable kFailover{"failover",
                             "The parts of an automatic failover; each part left out keeps the "
                             "deployment's default.",
                             kFailoverKeys};

constexpr Key kSnapshotKeys[] = {
    {"every", kPositiveDuration, kRequired, "", "How often an automated snapshot is taken."},
    {"at", plain(kTimeOfDay), kOptional, "", "The time of day (UTC) snapshots are taken."},
    {"retention", kPositiveDuration, kRequired, "", "How long each snapshot is kept."},
    {"duration", kDistributionValue, kOptional, "",
     "How long taking a snapshot takes before it is usable."},
};
constexpr KeyTable kSnapshot{"snapshot", "The automated snapshot into the region's backup storage.",
                             kSnapshotKeys};

constexpr Key kRestoreKeys[] = {
    {"base", kDistributionValue, kRequired, "", "The fixed part of a restore, whatever the size."},
    {"rate", positive(kThroughput), kOptional, "",
     "Restore throughput: a restore also takes size / rate (without it, only base)."},
    {"replay_speed", number(kReplaySpeed), kOptional, "10",
     "How many times faster than real time logs replay after a point-in-time restore's "
     "snapshot."},
};
constexpr KeyTable kRestore{"restore", "How long a restore takes.", kRestoreKeys};

constexpr Key kBackupKeys[] = {
    {"snapshot", object(kSnapshot), kOptional, "",
     "The automated snapshot (without it there is no backup to restore from)."},
    {"log_upload", kPositiveDuration, kOptional, "",
     "How often transaction logs reach backup storage: the point-in-time recovery granularity."},
    {"copy_to", names(), kOptional, "[]", "Other regions each snapshot is copied to."},
    {"copy_delay", kDistributionValue, kOptional, "",
     "How long after its point in time a snapshot copy is usable in the other region."},
    {"copy_logs", kBoolValue, kOptional, "false",
     "Whether transaction logs are replicated to the copy_to regions too (cross-region PITR)."},
    {"restore", object(kRestore), kOptional, "", "How long a restore takes."},
    {"verify_every", kPositiveDuration, kOptional, "",
     "How often a restore test checks the newest snapshot."},
    {"silent_corruption", number(kProbability), kOptional, "0",
     "The chance that a snapshot is unusable, found only by a restore or a restore test."},
};
constexpr KeyTable kBackup{"backup", "A database's backups: snapshots, logs, copies, restores.",
                           kBackupKeys};

constexpr Key kReplicaKeys[] = {
    {"region", kNameValue, kRequired, "", "The replica's region, another than its database's."},
    {"lag", kDistributionValue, kRequired, "", "How far the replica trails the primary."},
    {"promote", kDistributionValue, kOptional, R"("5m")",
     "How long promoting the replica to a standalone writer takes."},
    {"backup", object(kBackup), kOptional, "",
     "The replica's own backups, taken in its region from the replica (copy_to, copy_delay and "
     "copy_logs are errors here)."},
};
constexpr KeyTable kReplica{"replica", "A cross-region read replica.", kReplicaKeys};

constexpr Key kDatabaseKeys[] = {
    {"name", kNameValue, kRequired, "",
     "The database's name, unique among databases and object stores."},
    {"deployment", one_of(kDeployments), kRequired, "",
     "How the database is deployed: single-az, multi-az (one synchronous standby), "
     "multi-az-cluster, aurora or aurora-global."},
    {"class", kNameValue, kOptional, "",
     "The instance class, a key of costs.instance_hour (without it, priced as \"default\")."},
    {"region", kNameValue, kRequired, "", "The database's region."},
    {"azs", names(), kRequired, "",
     "The AZs of its instances, in the region: 1 for single-az, 2 for multi-az (primary, then "
     "standby), 3 for the others."},
    {"size", plain(kSize), kOptional, "",
     "The data size: restore times and storage, backup and transfer costs."},
    {"write_rate", plain(kRate), kOptional, "",
     "Committed writes per unit of time: lost writes = RPO window x write rate."},
    {"replace", kDistributionValue, kOptional, R"("10m")",
     "How long bringing up a replacement for a failed instance takes (the repair time)."},
    {"failover", object(kFailover), kOptional, "",
     "The parts of an automatic failover (defaults by deployment)."},
    {"replicas", objects(kReplica), kOptional, "[]", "Cross-region read replicas."},
    {"backup", object(kBackup), kOptional, "",
     "The database's backups (without it, the database has no backups at all)."},
    {"apply_lag", kDistributionValue, kOptional, "",
     "multi-az-cluster only: how far the readers' apply lags behind the writer at a failover."},
};
constexpr KeyTable kDatabase{"database", "A relational database and its protection.",
                             kDatabaseKeys};

// ---- Object stores and services ----

constexpr Key kObjectStoreKeys[] = {
    {"name", kNameValue, kRequired, "",
     "The store's name, unique among databases and object stores."},
    {"region", kNameValue, kRequired, "", "The store's region."},
    {"size", plain(kSize), kOptional, "", "The stored size, read only by the cost model."},
    {"replicate_to", kNameValue, kOptional, "",
     "Another region the store replicates to (needs lag)."},
    {"lag", kDistributionValue, kOptional, "",
     "How far replication trails the store (needs replicate_to)."},
};
constexpr KeyTable kObjectStore{"object_store", "A regional, S3-like object store.",
                                kObjectStoreKeys};

constexpr Key kServiceKeys[] = {
    {"name", kNameValue, kRequired, "", "The service's name, unique among services."},
    {"tier", integer(0, 3), kRequired, "", "The service's tier, 0 to 3."},
    {"uses", names(), kOptional, "[]", "The databases and object stores the service uses."},
    {"depends_on", names(), kOptional, "[]",
     "The services it depends on: their outages are its outages."},
    {"runs_in", names(), kOptional, "[]",
     "Regions and AZs the service needs beside its data stores: it cannot serve while any of "
     "them is unavailable."},
};
constexpr KeyTable kService{"service", "A service with a tier, its data and its dependencies.",
                            kServiceKeys};

// ---- Response ----

constexpr Key kRegionFailoverKeys[] = {
    {"decide_after", kDurationValue, kRequired, "",
     "How long the response waits, from the acknowledgement, for the AZ or region to return "
     "before it takes a recovery path."},
    {"execute", kDistributionValue, kRequired, "",
     "The region-failover steps (runbook, DNS, traffic) before a cross-region path starts."},
};
constexpr KeyTable kRegionFailover{"region_failover",
                                   "When and how the response fails over to another region.",
                                   kRegionFailoverKeys};

constexpr Key kResponseKeys[] = {
    {"detect", kDistributionValue, kOptional, R"("5m")",
     "From the moment a database stops taking writes to the page."},
    {"ack", kDistributionValue, kOptional, R"({"lognormal": {"median": "5m", "p95": "20m"}})",
     "From the page to an engineer acknowledging it."},
    {"region_failover", object(kRegionFailover), kOptional, "",
     "Without it, an outage whose data is intact is waited out; only known losses are "
     "recovered."},
    {"restore_parallelism", integer(1, std::numeric_limits<int>::max()), kOptional, "1",
     "How many restores the responders run at once across the scenario."},
};
constexpr KeyTable kResponse{
    "response", "How on-call responds to what automatic failover cannot handle.", kResponseKeys};

// ---- Faults ----

constexpr std::string_view kFaultKinds[] = {
    "instance_failure", "storage_failure",   "az_outage",       "region_outage",
    "disaster",         "network_partition", "data_corruption", "data_deletion",
    "backup_failure",   "control_plane",     "switchover",      "failover_test"};
constexpr std::string_view kInstances[] = {"primary", "standby"};
constexpr std::string_view kFaultTiming[] = {"at", "rate", "mtbf", "trace", "every"};
constexpr std::pair<std::string_view, std::string_view> kFaultTimingPairs[] = {{"every", "at"}};

constexpr Key kFaultKeys[] = {
    {"kind", one_of(kFaultKinds), kRequired, "",
     "What fails, or (switchover, failover_test) what is planned."},
    {"target", kNameValue, kRequired, "",
     "The database, AZ or region the kind needs, or \"*\" for every one."},
    {"destroys_data", kBoolValue, kOptional, "false",
     "az_outage only: the AZ's instances and storage are lost (a fire)."},
    {"at", kDistributionValue, kOptional, "",
     "When the fault happens, from start: a fixed offset or a distribution drawn once per "
     "trial."},
    {"rate", plain(kRate), kOptional, "", "A Poisson process of this rate, per target."},
    {"mtbf", kPositiveDuration, kOptional, "",
     "A Poisson process with this mean time between failures, per target."},
    {"trace", kNameValue, kOptional, "",
     "A trace CSV in the scenario's folder whose rows are the occurrences."},
    {"every", kPositiveDuration, kOptional, "",
     "switchover and failover_test only: they recur every this long, the first at at when "
     "given, else at every."},
    {"duration", kDistributionValue, kOptional, "",
     "How long the fault lasts, where it ends by itself."},
    {"instance", one_of(kInstances), kOptional, R"("primary")",
     "instance_failure and storage_failure: which instance fails."},
    {"detect_after", kDistributionValue, kOptional, R"("0s")",
     "data_corruption and data_deletion: when the logical fault is noticed."},
    {"scope", plain(kScope), kOptional, "",
     "data_corruption and data_deletion: a count or a fraction of the matching databases, or a "
     "list of names (default: all)."},
    {"to", kNameValue, kOptional, "",
     "switchover only: the replica's region that takes the writer (default: the first)."},
};
constexpr KeyTable kFault{"fault",
                          "A fault to inject, or a planned event; exactly one of at, rate, mtbf, "
                          "trace or every says when (a planned event's every may have an at).",
                          kFaultKeys,
                          nullptr,
                          {},
                          kFaultTiming,
                          kFaultTimingPairs};

// ---- The top level ----

constexpr Key kScenarioKeys[] = {
    {"$schema", kStringValue, kOptional, "",
     "The JSON Schema editors check the file against; drsim ignores it."},
    {"name", kNameValue, kRequired, "", "The scenario's name, shown in reports."},
    {"description", kStringValue, kOptional, R"("")", "Free text shown in reports."},
    {"horizon", kPositiveDuration, kRequired, "", "How long each trial lasts."},
    {"start", plain(kUtcInstant), kOptional, R"("2026-01-05T00:00:00Z")",
     "The simulated clock at the start of every trial (a Monday, midnight UTC by default)."},
    {"seed", plain(kWholeNumber), kOptional, "1", "The random seed (--seed overrides it)."},
    {"trials", integer(1, kInt64Max), kOptional, "1000",
     "How many trials a run simulates (--trials overrides it)."},
    {"tiers", object(kTiers), kOptional,
     R"({"0": {"rpo": "1h", "rto": "4h"}, "1": {"rpo": "1h", "rto": "6h"}, )"
     R"("2": {"rpo": "8h", "rto": "24h"}, "3": {"rpo": "24h", "rto": "72h"}})",
     "RPO and RTO targets by tier, merged over the reference policy."},
    {"failover_window", plain(kDurationPair), kOptional, R"(["60s", "120s"])",
     "The expected span of an automatic Multi-AZ failover."},
    {"failover_slo", number(kPositiveFraction), kOptional, "0.99",
     "The share of failovers that must end within the window's upper bound."},
    {"tier_slo", number(kPositiveFraction), kOptional, "0.95",
     "The share of incidents that must meet each target, with 95 % confidence."},
    {"snapshot_copy_limit", integer(1, 1'000'000), kOptional, "20",
     "Cross-region snapshot copies in flight per destination region; more queue."},
    {"costs", object(kCosts), kOptional, "", "Prices of drsim sweep's cost model."},
    {"regions", objects(kRegion, 1), kRequired, "", "The regions and their AZs."},
    {"links", objects(kLink), kOptional, "[]", "Network links between regions."},
    {"databases", objects(kDatabase), kOptional, "[]", "The databases."},
    {"object_stores", objects(kObjectStore), kOptional, "[]", "The object stores."},
    {"services", objects(kService), kOptional, "[]", "The services and their tiers."},
    {"response", object(kResponse), kOptional, "",
     "How on-call responds (without it, the defaults of each of its keys)."},
    {"faults", objects(kFault), kOptional, "[]", "The faults to inject and planned events."},
};
constexpr KeyTable kScenario{"scenario", "A drsim scenario (DESIGN.md §3).", kScenarioKeys};

void add_tables(const KeyTable& table, std::vector<const KeyTable*>& out) {
  for (const KeyTable* seen : out) {
    if (seen == &table) return;
  }
  out.push_back(&table);
  for (const Key& key : table.keys) {
    if (key.value.table) add_tables(*key.value.table, out);
  }
  if (table.entries && table.entries->table) add_tables(*table.entries->table, out);
}

}  // namespace

bool NumberRange::contains(double x) const {
  if (!std::isfinite(x)) return false;
  const bool above_lo = lo_open ? x > lo : x >= lo;
  const bool below_hi = hi_open ? x < hi : x <= hi;
  return above_lo && below_hi;
}

std::string_view value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kString:
      return "string";
    case ValueKind::kName:
      return "name";
    case ValueKind::kEnum:
      return "enum";
    case ValueKind::kDuration:
      return "duration";
    case ValueKind::kDistribution:
      return "distribution";
    case ValueKind::kDurationPair:
      return "duration pair";
    case ValueKind::kDurationArray:
      return "duration array";
    case ValueKind::kRate:
      return "rate";
    case ValueKind::kSize:
      return "size";
    case ValueKind::kThroughput:
      return "throughput";
    case ValueKind::kTimeOfDay:
      return "time of day";
    case ValueKind::kUtcInstant:
      return "UTC instant";
    case ValueKind::kInt:
      return "integer";
    case ValueKind::kWholeNumber:
      return "whole number";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kNameArray:
      return "name array";
    case ValueKind::kNamePair:
      return "name pair";
    case ValueKind::kObject:
      return "object";
    case ValueKind::kObjectArray:
      return "object array";
    case ValueKind::kScope:
      return "scope";
  }
  return "?";
}

const KeyTable& scenario_keys() { return kScenario; }

const KeyTable& distribution_keys() { return kDistributionObject; }

const KeyTable& distribution_parameter_keys(std::string_view kind) {
  const Key* key = find_key(kDistributionObject, kind);
  DRSIM_CHECK(key && key->value.table) << "distribution " << kind << " has no parameter table";
  return *key->value.table;
}

const Key* find_key(const KeyTable& table, std::string_view name) {
  for (const Key& key : table.keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::vector<const KeyTable*> all_key_tables() {
  std::vector<const KeyTable*> out;
  add_tables(kScenario, out);
  add_tables(kDistributionObject, out);
  return out;
}

}  // namespace drsim::models::scenario
