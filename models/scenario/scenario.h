// Scenario: the plain data a scenario file describes, as DESIGN.md §3 defines it. Built only by
// the loader (loader.h), which has checked every name and range; models read it and never
// change it. Defaults of optional keys are applied by the loader and documented in
// docs/scenario-format.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.h"
#include "sim/time.h"

namespace drsim::models::scenario {

using sim::Distribution;
using sim::Duration;

struct TierTarget {
  Duration rpo;
  Duration rto;
  friend bool operator==(const TierTarget&, const TierTarget&) = default;
};

struct Region {
  std::string name;
  std::vector<std::string> azs;
  friend bool operator==(const Region&, const Region&) = default;
};

struct Link {
  std::string a, b;  // region names
  Duration latency;
  double bandwidth_bytes_per_s = 0;
  friend bool operator==(const Link&, const Link&) = default;
};

enum class Deployment { kSingleAz, kMultiAz, kMultiAzCluster, kAurora, kAuroraGlobal };

// The three parts of an automatic failover; their sum is what `failover_window` judges.
struct FailoverSpec {
  Distribution detect;
  Distribution promote;
  Distribution dns;
  friend bool operator==(const FailoverSpec&, const FailoverSpec&) = default;
};

struct SnapshotSpec {
  Duration every;
  std::optional<Duration> at;  // time of day (UTC) of the first snapshot of each period
  Duration retention;
  std::optional<Distribution> duration;
  friend bool operator==(const SnapshotSpec&, const SnapshotSpec&) = default;
};

struct RestoreSpec {
  Distribution base;
  double rate_bytes_per_s = 0;
  // How many times faster than they were written the transaction logs replay after a PITR
  // base snapshot is restored: replaying a window W of logs takes W / replay_speed.
  double replay_speed = 10;
  friend bool operator==(const RestoreSpec&, const RestoreSpec&) = default;
};

struct BackupSpec {
  std::optional<SnapshotSpec> snapshot;
  std::optional<Duration> log_upload;
  std::vector<std::string> copy_to;  // region names
  std::optional<Distribution> copy_delay;
  bool copy_logs = false;
  std::optional<RestoreSpec> restore;
  std::optional<Duration> verify_every;
  double silent_corruption = 0;  // probability per snapshot
  friend bool operator==(const BackupSpec&, const BackupSpec&) = default;
};

struct ReplicaSpec {
  std::string region;
  Distribution lag;
  Distribution promote;
  // The replica's own backups, taken in its region from the replica (independent backups per
  // region): restorable there even when the home region and its backups are gone. They hold
  // the replica's data, `lag` behind the primary. Never copied to other regions.
  std::optional<BackupSpec> backup;
  friend bool operator==(const ReplicaSpec&, const ReplicaSpec&) = default;
};

struct DatabaseSpec {
  std::string name;
  Deployment deployment = Deployment::kSingleAz;
  std::optional<std::string> instance_class;  // `class`: a key of CostSpec::instance_hour
  std::string region;
  std::vector<std::string> azs;
  std::optional<double> size_bytes;
  std::optional<double> write_rate_per_s;
  Distribution replace = Distribution::constant(Duration::minutes(10));
  FailoverSpec failover{Distribution::constant(Duration()), Distribution::constant(Duration()),
                        Distribution::constant(Duration())};
  std::vector<ReplicaSpec> replicas;
  std::optional<BackupSpec> backup;
  // multi-az-cluster: how far the readers' apply lags behind the writer at a failover; the
  // promotion waits for it (capped at 120 s by semisynchronous flow control, aws-facts §1.2).
  std::optional<Distribution> apply_lag;
  friend bool operator==(const DatabaseSpec&, const DatabaseSpec&) = default;
};

struct ObjectStoreSpec {
  std::string name;
  std::string region;
  std::optional<double> size_bytes;  // only the cost model reads it
  std::optional<std::string> replicate_to;
  std::optional<Distribution> lag;
  friend bool operator==(const ObjectStoreSpec&, const ObjectStoreSpec&) = default;
};

struct ServiceSpec {
  std::string name;
  int tier = 0;
  std::vector<std::string> uses;        // databases and object stores
  std::vector<std::string> depends_on;  // services
  // Regions and AZs it needs beside its data stores (a platform, the core network): it cannot
  // serve while any of them is unavailable or destroyed.
  std::vector<std::string> runs_in;
  friend bool operator==(const ServiceSpec&, const ServiceSpec&) = default;
};

// Prices for the monthly cost of a strategy (`drsim sweep`, docs/sweep.md). The defaults are
// illustrative list-price-like figures in USD, meant to be overridden; nothing in the simulation
// reads them. Every price is per the unit its name gives.
struct CostSpec {
  std::string currency = "USD";
  // Price per instance-hour by instance class; "default" prices databases without a `class`.
  std::map<std::string, double> instance_hour = {{"default", 0.50}};
  double standby_multiplier = 1.0;          // a standby's price relative to its class price
  double replica_multiplier = 1.0;          // a cross-region replica's, likewise
  double storage_gib_month = 0.115;         // database storage, per copy that is billed
  double backup_gib_month = 0.095;          // snapshots and logs, in every region that keeps them
  double transfer_gib = 0.02;               // every byte that crosses regions
  double object_storage_gib_month = 0.023;  // object stores and their replicas
  double object_replication_gib = 0.015;    // replication fee on top of the transfer
  double change_per_day = 0.05;             // bytes written per day, as a fraction of the size
  friend bool operator==(const CostSpec&, const CostSpec&) = default;
};

struct RegionFailoverSpec {
  Duration decide_after;
  Distribution execute;
  friend bool operator==(const RegionFailoverSpec&, const RegionFailoverSpec&) = default;
};

struct ResponseSpec {
  Distribution detect;
  Distribution ack;
  std::optional<RegionFailoverSpec> region_failover;
  int restore_parallelism = 1;
  friend bool operator==(const ResponseSpec&, const ResponseSpec&) = default;
};

enum class FaultKind {
  kInstanceFailure,
  kStorageFailure,
  kAzOutage,
  kRegionOutage,
  kDisaster,
  kNetworkPartition,
  kDataCorruption,
  kDataDeletion,
  kBackupFailure,
  kControlPlane,
  // Planned (counted apart from faults in reports):
  kSwitchover,    // a writer moves to a cross-region replica's region, losing nothing (and back)
  kFailoverTest,  // a reboot with failover of a database with a standby
};

// Planned events of the practice's tests, not faults.
inline bool is_planned(FaultKind k) {
  return k == FaultKind::kSwitchover || k == FaultKind::kFailoverTest;
}

enum class InstanceRole { kPrimary, kStandby };

// How many databases a logical fault hits: all matching the target, a count, a fraction,
// or a list of names.
struct FaultScope {
  std::optional<int> count;
  std::optional<double> fraction;
  std::vector<std::string> databases;
  friend bool operator==(const FaultScope&, const FaultScope&) = default;
};

// One outage row of a trace CSV, as offsets from the scenario start.
struct TraceRow {
  Duration start;
  Duration end;
  double severity = 1;
  friend bool operator==(const TraceRow&, const TraceRow&) = default;
};

// Exactly one of `at`, `rate_per_s` or `trace` is set, or `every` (planned events), with or
// without `at`.
struct FaultSpec {
  FaultKind kind = FaultKind::kInstanceFailure;
  std::string target;                  // a name, or "*"
  std::optional<Distribution> at;      // offset from start (fixed: a constant distribution)
  std::optional<double> rate_per_s;    // a random process (`rate`, or 1/`mtbf`)
  std::optional<std::string> trace;    // the CSV file as written in the scenario
  std::vector<TraceRow> trace_rows;    // its rows, read by the loader
  std::optional<Distribution> duration;
  InstanceRole instance = InstanceRole::kPrimary;
  bool destroys_data = false;          // az_outage only
  std::optional<Distribution> detect_after;  // data_corruption, data_deletion
  FaultScope scope;
  std::optional<std::string> to;  // switchover: the region that takes the writer
  // Planned events: they recur every this long, the first at `at` (or at `every`).
  std::optional<Duration> every;
  friend bool operator==(const FaultSpec&, const FaultSpec&) = default;
};

struct Scenario {
  std::string file;  // where it was loaded from (for messages), not compared
  std::string name;
  std::string description;
  Duration horizon;
  int64_t start_epoch_s = 0;  // UTC
  uint64_t seed = 1;
  uint64_t trials = 1000;
  std::map<int, TierTarget> tiers;  // tier -> targets; the policy table unless overridden
  Duration failover_window_lo, failover_window_hi;
  double failover_slo = 0.99;
  double tier_slo = 0.95;
  int snapshot_copy_limit = 20;  // cross-region snapshot copies in flight per destination
  std::vector<Region> regions;
  std::vector<Link> links;
  std::vector<DatabaseSpec> databases;
  std::vector<ObjectStoreSpec> object_stores;
  std::vector<ServiceSpec> services;
  std::optional<ResponseSpec> response;
  std::vector<FaultSpec> faults;
  CostSpec costs;

  friend bool operator==(const Scenario& x, const Scenario& y) {
    return x.name == y.name && x.description == y.description && x.horizon == y.horizon &&
           x.start_epoch_s == y.start_epoch_s && x.seed == y.seed && x.trials == y.trials &&
           x.tiers == y.tiers && x.failover_window_lo == y.failover_window_lo &&
           x.failover_window_hi == y.failover_window_hi && x.failover_slo == y.failover_slo &&
           x.tier_slo == y.tier_slo &&
           x.snapshot_copy_limit == y.snapshot_copy_limit && x.regions == y.regions && x.links == y.links &&
           x.databases == y.databases && x.object_stores == y.object_stores &&
           x.services == y.services && x.response == y.response && x.faults == y.faults &&
           x.costs == y.costs;
  }
};

// By data-store index (databases, then object stores): the most demanding tier of the services
// that use it, directly or through their dependencies; a store no service uses gets the least
// demanding tier. REQUIRES: a scenario the loader accepted.
std::vector<int> data_store_tiers(const Scenario& s);

std::string_view deployment_name(Deployment d);
// How many AZs a deployment's `azs` lists: 1 single-az, 2 multi-az, 3 for the others.
int az_count(Deployment d);
std::string_view fault_kind_name(FaultKind k);

}  // namespace drsim::models::scenario
