// Scenario loading, the data stores: databases with their deployments, failover, replicas,
// backups and restores, and object stores.
#include "models/scenario/loader_parts.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drsim::models::scenario::loading {

namespace {

const std::vector<std::pair<std::string, Deployment>>& deployments() {
  static const std::vector<std::pair<std::string, Deployment>> kAll = {
      {"single-az", Deployment::kSingleAz},
      {"multi-az", Deployment::kMultiAz},
      {"multi-az-cluster", Deployment::kMultiAzCluster},
      {"aurora", Deployment::kAurora},
      {"aurora-global", Deployment::kAuroraGlobal}};
  return kAll;
}

// How many AZs each deployment spans, and why, for the message when the count is wrong.
std::pair<size_t, std::string_view> azs_needed(Deployment d) {
  switch (d) {
    case Deployment::kSingleAz:
      return {1, "exactly 1 AZ"};
    case Deployment::kMultiAz:
      return {2, "exactly 2 AZs (a primary and its standby)"};
    case Deployment::kMultiAzCluster:
      return {3, "exactly 3 AZs (a writer and two readable standbys)"};
    case Deployment::kAurora:
      return {3, "exactly 3 AZs (six storage copies, two in each AZ)"};
    case Deployment::kAuroraGlobal:
      return {3, "exactly 3 AZs in its primary region"};
  }
  return {1, "exactly 1 AZ"};
}

sim::Distribution uniform(Duration lo, Duration hi) {
  return *sim::Distribution::uniform(lo, hi, nullptr);
}

// Failover defaults by deployment.
// - multi-az: ../shared/reference/aws-facts.md §1.1 gives "typically 60–120 seconds" and its
//   "Suggested defaults" row rds_multiaz_instance.failover_s = 90: the three uniform parts
//   below sum to 60–120 s with a mean of 90 s.
// - multi-az-cluster: §1.2 "typically under 35 seconds" (row rds_multiaz_cluster.failover_s =
//   30): 17–35 s, mean 26 s; promotion includes the readers applying outstanding transactions.
// - aurora, aurora-global: §1.3 "often less than 30 seconds", cluster-endpoint DNS "less than 30
//   seconds" (row aurora.failover_with_replica_s = 30): 20–40 s, mean 30 s.
FailoverSpec default_failover(Deployment deployment) {
  switch (deployment) {
    case Deployment::kMultiAzCluster:
      return {uniform(Duration::seconds(5), Duration::seconds(10)),
              uniform(Duration::seconds(10), Duration::seconds(20)),
              uniform(Duration::seconds(2), Duration::seconds(5))};
    case Deployment::kAurora:
    case Deployment::kAuroraGlobal:
      return {uniform(Duration::seconds(5), Duration::seconds(10)),
              uniform(Duration::seconds(10), Duration::seconds(20)),
              uniform(Duration::seconds(5), Duration::seconds(10))};
    default:
      return {uniform(Duration::seconds(15), Duration::seconds(30)),
              uniform(Duration::seconds(35), Duration::seconds(60)),
              uniform(Duration::seconds(10), Duration::seconds(30))};
  }
}

// aws-facts.md §1.5, "Suggested defaults" row read_replica.promote_s = 300.
constexpr Duration kReplicaPromote = Duration::minutes(5);

// aws-facts.md §1.3, "Suggested defaults" row aurora.recreate_primary_s = 600.
constexpr Duration kReplace = Duration::minutes(10);

}  // namespace

DatabaseSpec Loader::read_database(ObjectReader& r) {
  DatabaseSpec d;
  d.name = r.required_string("name");
  define_store(d.name, r.path_of("name"), /*is_database=*/true);
  const std::optional<Deployment> deployment =
      read_enum(r, "deployment", "deployment", deployments());
  if (deployment) d.deployment = *deployment;
  d.instance_class = read_instance_class(r);
  d.region = r.required_string("region");
  const bool region_ok = check_region(d.region, r.path_of("region"));
  d.azs = read_database_azs(r, region_ok ? d.region : "", deployment);
  d.size_bytes = r.optional_size("size");
  d.write_rate_per_s = r.optional_rate("write_rate");
  if (d.write_rate_per_s && *d.write_rate_per_s > kMaxWriteRatePerS) {
    r.error("write_rate",
            describe_json(*r.value("write_rate")) + " is more than the limit of 1000000000/s");
    d.write_rate_per_s.reset();
  }
  d.replace = r.optional_distribution("replace").value_or(sim::Distribution::constant(kReplace));
  d.failover = read_failover(r, d.deployment);
  d.replicas = read_replicas(r, d.region);
  if (std::optional<ObjectReader> b = r.object("backup")) d.backup = read_backup(*b, d.region);
  check_restore_transfer(r, d, d.backup, r.path_of("backup"));
  for (size_t k = 0; k < d.replicas.size(); ++k) {
    check_restore_transfer(r, d, d.replicas[k].backup,
                           index_path(r.path_of("replicas"), k) + ".backup");
  }
  d.apply_lag = r.optional_distribution("apply_lag");
  if (d.apply_lag && deployment && *deployment != Deployment::kMultiAzCluster) {
    r.error("apply_lag",
            "applies only to multi-az-cluster (its readers apply the writer's "
            "changes asynchronously), not to " +
                std::string(deployment_name(*deployment)));
  }
  r.finish();
  return d;
}

// A `class` must have a price in costs.instance_hour (read before the databases), so that a
// misspelt class never falls back to the default price.
std::optional<std::string> Loader::read_instance_class(ObjectReader& r) {
  std::optional<std::string> cls = optional_name(r, "class");
  if (!cls || s_.costs.instance_hour.count(*cls)) return cls;
  std::vector<std::string> known;
  for (const auto& entry : s_.costs.instance_hour) known.push_back(entry.first);
  r.error("class", "no price for instance class " + in_quotes(*cls) + " in costs.instance_hour" +
                       suggest(*cls, known));
  return cls;
}

// Records `name` as defined at `path`; false (with an error) when it is empty or taken.
bool Loader::claim_name(const std::string& name, const std::string& path) {
  if (name.empty()) return false;
  if (const auto it = name_paths_.find(name); it != name_paths_.end()) {
    diag_.error(path,
                "duplicate name " + in_quotes(name) + " (first defined at " + it->second + ")");
    return false;
  }
  name_paths_.emplace(name, path);
  return true;
}

// Databases and object stores share one namespace: services "use" either by name.
void Loader::define_store(const std::string& name, const std::string& path, bool is_database) {
  if (!claim_name(name, path)) return;
  store_names_.push_back(name);
  if (is_database) {
    database_index_.emplace(name, s_.databases.size());  // read_database's, pushed next
    database_names_.push_back(name);
  } else {
    object_store_set_.insert(name);
    object_store_names_.push_back(name);
  }
}

// The AZs of a database in `region` ("" when the region is unknown: only the count and
// duplicates are checked then).
std::vector<std::string> Loader::read_database_azs(ObjectReader& r, const std::string& region,
                                           std::optional<Deployment> deployment) {
  r.require("azs");
  const std::optional<std::vector<std::string>> azs = r.optional_string_array("azs");
  if (!azs) return {};
  const std::string path = r.path_of("azs");
  std::set<std::string> seen;
  for (size_t i = 0; i < azs->size(); ++i) {
    const std::string& az = (*azs)[i];
    if (az.empty()) continue;
    if (!seen.insert(az).second) {
      diag_.error(
          index_path(path, i),
          "AZ " + in_quotes(az) + " is listed twice, but each instance needs an AZ of its own");
    } else if (!region.empty()) {
      check_az_in_region(az, region, index_path(path, i));
    }
  }
  if (deployment) {
    const auto [count, needs] = azs_needed(*deployment);
    if (azs->size() != count) {
      diag_.error(path, with_article(deployment_name(*deployment)) + " deployment needs " +
                            std::string(needs) + ", got " + std::to_string(azs->size()));
    }
  }
  return *azs;
}

void Loader::check_az_in_region(const std::string& az, const std::string& region,
                        const std::string& path) {
  const auto it = az_region_.find(az);
  if (it != az_region_.end() && it->second == region) return;
  const std::string has = "region " + region + " has " + join_comma(region_azs_[region]);
  if (it != az_region_.end()) {
    diag_.error(path, "AZ " + in_quotes(az) + " is in region " + it->second +
                          ", not in the database's region (" + has + ")");
  } else {
    diag_.error(path, "unknown AZ " + in_quotes(az) + " (" + has + ")");
  }
}

FailoverSpec Loader::read_failover(ObjectReader& r, Deployment deployment) {
  FailoverSpec f = default_failover(deployment);
  std::optional<ObjectReader> fr = r.object("failover");
  if (!fr) return f;
  if (auto d = fr->optional_distribution("detect")) f.detect = *d;
  if (auto d = fr->optional_distribution("promote")) f.promote = *d;
  if (auto d = fr->optional_distribution("dns")) f.dns = *d;
  fr->finish();
  return f;
}

std::vector<ReplicaSpec> Loader::read_replicas(ObjectReader& r, const std::string& db_region) {
  std::vector<ReplicaSpec> replicas;
  for (ObjectReader& rr : r.object_array("replicas")) {
    ReplicaSpec rep{rr.required_string("region"), sim::Distribution::constant(Duration()),
                    sim::Distribution::constant(kReplicaPromote), std::nullopt};
    if (check_region(rep.region, rr.path_of("region")) && rep.region == db_region) {
      rr.error("region",
               "a cross-region replica must be in another region than its "
               "database (" +
                   db_region + ")");
    }
    rep.lag = rr.required_distribution("lag");
    if (auto promote = rr.optional_distribution("promote")) rep.promote = *promote;
    if (std::optional<ObjectReader> b = rr.object("backup")) {
      rep.backup = read_backup(*b, rep.region);
      // Its own backups stay in its region: copies of the database's backups are the
      // database's `copy_to`.
      for (const char* key : {"copy_to", "copy_delay", "copy_logs"}) {
        if (b->value(key)) {
          diag_.error(key_path(b->path(), key),
                      "a replica's own backups stay in its region (" + rep.region +
                          "); copy the database's backups with its backup.copy_to instead");
        }
      }
    }
    rr.finish();
    replicas.push_back(std::move(rep));
  }
  return replicas;
}

BackupSpec Loader::read_backup(ObjectReader& r, const std::string& db_region) {
  BackupSpec b;
  if (std::optional<ObjectReader> snapshot = r.object("snapshot")) {
    b.snapshot = read_snapshot(*snapshot);
  }
  b.log_upload = r.optional_duration("log_upload", DurationMin::kPositive);
  b.copy_to = read_copy_to(r, db_region);
  b.copy_delay = r.optional_distribution("copy_delay");
  b.copy_logs = r.optional_bool("copy_logs").value_or(false);
  if (std::optional<ObjectReader> restore = r.object("restore")) {
    b.restore = read_restore(*restore);
  }
  b.verify_every = r.optional_duration("verify_every", DurationMin::kPositive);
  b.silent_corruption = r.optional_number("silent_corruption", kProbability).value_or(0);
  r.finish();
  return b;
}

SnapshotSpec Loader::read_snapshot(ObjectReader& r) {
  SnapshotSpec s;
  s.every = r.required_duration("every", DurationMin::kPositive);
  s.at = r.optional_time_of_day("at");
  s.retention = r.required_duration("retention", DurationMin::kPositive);
  s.duration = r.optional_distribution("duration");
  r.finish();
  return s;
}

std::vector<std::string> Loader::read_copy_to(ObjectReader& r, const std::string& db_region) {
  const std::vector<std::string> regions =
      r.optional_string_array("copy_to").value_or(std::vector<std::string>{});
  std::set<std::string> seen;
  for (size_t i = 0; i < regions.size(); ++i) {
    const std::string path = index_path(r.path_of("copy_to"), i);
    if (!check_region(regions[i], path)) continue;
    if (regions[i] == db_region) {
      diag_.error(path, "copy_to lists the database's own region " + db_region +
                            ", but snapshots are copied to other regions");
    } else if (!seen.insert(regions[i]).second) {
      diag_.error(path, "region " + in_quotes(regions[i]) + " is listed twice");
    }
  }
  return regions;
}

// A restore takes base + size / rate: refuse a size / rate beyond kMaxRestoreTransfer (a 1 PiB
// database at 1 B/s would take 36 million years), at the path of `rate`.
void Loader::check_restore_transfer(ObjectReader& r, const DatabaseSpec& d,
                            const std::optional<BackupSpec>& backup,
                            const std::string& backup_path) {
  if (!d.size_bytes || !backup || !backup->restore) return;
  const double rate = backup->restore->rate_bytes_per_s;
  if (rate <= 0) return;
  const double transfer_s = *d.size_bytes / rate;
  if (transfer_s <= kMaxRestoreTransfer.in_seconds()) return;
  diag_.error(key_path(backup_path, "restore") + ".rate",
              "restoring " + describe_json(*r.value("size")) + " at this rate takes " +
                  describe_years(transfer_s) + " (size / rate), more than the limit of " +
                  describe_years(kMaxRestoreTransfer.in_seconds()));
}

RestoreSpec Loader::read_restore(ObjectReader& r) {
  // `rate` is optional: without it a restore takes `base` whatever the size.
  RestoreSpec restore{r.required_distribution("base"), 0};
  restore.rate_bytes_per_s = positive_throughput(r, "rate").value_or(0);
  restore.replay_speed =
      r.optional_number("replay_speed", {kMinReplaySpeed, kMaxReplaySpeed, false, false,
                                         "a number from 0.01 to 1000000 (times real time)"})
          .value_or(restore.replay_speed);
  r.finish();
  return restore;
}

ObjectStoreSpec Loader::read_object_store(ObjectReader& r) {
  ObjectStoreSpec o;
  o.name = r.required_string("name");
  define_store(o.name, r.path_of("name"), /*is_database=*/false);
  o.region = r.required_string("region");
  check_region(o.region, r.path_of("region"));
  o.size_bytes = r.optional_size("size");
  o.replicate_to = optional_name(r, "replicate_to");
  if (o.replicate_to && check_region(*o.replicate_to, r.path_of("replicate_to")) &&
      *o.replicate_to == o.region) {
    r.error("replicate_to", "must be another region than the store's own (" + o.region + ")");
  }
  o.lag = r.optional_distribution("lag");
  if (r.has("replicate_to") && !r.has("lag")) {
    r.error("lag", "missing required key: a store that replicates needs a replication lag");
  } else if (!r.has("replicate_to") && r.has("lag")) {
    r.error("lag", "has no effect without \"replicate_to\" (the region the store replicates to)");
  }
  r.finish();
  return o;
}

// An optional non-empty string.
std::optional<std::string> Loader::optional_name(ObjectReader& r, std::string_view key) {
  std::optional<std::string> name = r.optional_string(key);
  if (name && name->empty()) {
    r.error(key, "expected a non-empty string, got \"\"");
    return std::nullopt;
  }
  return name;
}

}  // namespace drsim::models::scenario::loading
