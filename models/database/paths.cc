// The ways back from an outage a database weighs (DESIGN.md §4, docs/recovery.md): what each
// path restores from, what it loses and how long it takes, how the story and the tabletop name
// it, and the names RDS gives snapshots and replicas. Acting on them is recovery.cc.
#include "models/database/database.h"

#include <algorithm>
#include <cmath>

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

using sim::Duration;

namespace {

Duration p95_of(const sim::Distribution& d) { return Duration::from_seconds(d.quantile_s(0.95)); }
Duration p50_of(const sim::Distribution& d) { return Duration::from_seconds(d.quantile_s(0.5)); }

}  // namespace

std::vector<Database::Path> Database::recovery_paths(sim::Context& ctx) {
  const sim::SimTime stopped = *stopped_at_;
  // After a logical fault only copies from before it are clean.
  const sim::SimTime target = corrupt_from_ ? std::min(*corrupt_from_, stopped) : stopped;
  const int home = plan_.region;
  const Duration execute_p95 = p95_of(plan_.response.execute);
  const Duration execute_p50 = p50_of(plan_.response.execute);
  // Queued behind the restores ahead of this tier, judged at their 95th percentiles.
  const Duration wait =
      catalog_ && restores_ ? restores_->wait_p95(plan_.tier, ctx.now()) : Duration();
  auto restore_path = [&](Path::Kind kind, int region, const backup::RecoveryPoint& rp,
                          const backup::BackupCatalog& catalog) {
    // A restore in another region than the database's is a region failover too.
    const bool elsewhere = kind != Path::Kind::kHomeRestore;
    Path p;
    p.kind = kind;
    p.region = region;
    p.loss = stopped - rp.point;
    p.replay = catalog.replay_duration(rp);
    p.restore_p95 = (elsewhere ? execute_p95 : Duration()) + catalog.restore_duration_p95() + p.replay;
    p.p95 = wait + p.restore_p95;
    p.p50 = wait + (elsewhere ? execute_p50 : Duration()) + catalog.restore_duration_quantile(0.5) +
            p.replay;
    p.corrupt_attempts = rp.corrupt_attempts;
    p.snapshot = rp.snapshot;
    p.blocked = !can_start_in(region);
    p.unreachable = !region_is_up(region);
    return p;
  };

  // The home region's backup storage: gone with a disaster, out of reach during an outage.
  std::optional<Path> home_path;
  if (catalog_ && !region_destroyed_at_[static_cast<size_t>(home)]) {
    if (auto rp = catalog_->home_point(target, stopped, ctx.now())) {
      home_path = restore_path(Path::Kind::kHomeRestore, home, *rp, *catalog_);
    }
  }
  // The replicas' own backups, in their regions: they hold the replica's data, which trails the
  // primary by its lag. At replica time u a replica has applied the writes committed before
  // u - lag, and nothing after the moment writes stopped reaches it; so the backups reach
  // `target` at replica time min(target + lag, stopped), and a point u there is u - lag here.
  // The logs replay in replica time, from its snapshot to u.
  std::vector<Path> replica_restore_paths;
  for (size_t k = 0; k < replica_catalogs_.size(); ++k) {
    const backup::BackupCatalog* catalog = replica_catalogs_[k].get();
    const int where = plan_.replicas[k].region;
    // Gone with its region; after a promotion or switchover the replica is elsewhere, and what
    // its backups hold no longer trails this writer (left out: docs/recovery.md).
    if (!catalog || region_destroyed_at_[static_cast<size_t>(where)] ||
        replica_regions_[k] != where) {
      continue;
    }
    const Duration lag = replica_lag(k, stopped);
    const sim::SimTime reaches = std::min(target + lag, stopped);
    if (auto rp = catalog->home_point(reaches, ctx.now(), ctx.now())) {
      Path p = restore_path(Path::Kind::kReplicaRestore, where, *rp, *catalog);
      p.loss = p.loss + lag;
      p.replica = static_cast<int>(k);
      replica_restore_paths.push_back(p);
    }
  }
  std::vector<Path> replica_paths;
  for (size_t k = 0; k < plan_.replicas.size() && !corrupt_from_; ++k) {
    const ReplicaPlan& replica = plan_.replicas[k];
    const int replica_region = replica_regions_[k];
    if (region_destroyed_at_[static_cast<size_t>(replica_region)]) continue;
    Path p;
    p.kind = Path::Kind::kReplica;
    p.region = replica_region;
    p.replica = static_cast<int>(k);
    p.loss = replica_lag(k, stopped);
    p.p95 = execute_p95 + p95_of(replica.promote);
    p.p50 = execute_p50 + p50_of(replica.promote);
    p.blocked = !can_start_in(replica_region);
    p.unreachable = !region_is_up(replica_region);
    replica_paths.push_back(p);
  }
  // When no copy that holds every write survives, a local copy that is behind can take the
  // writes, losing what it missed.
  std::vector<Path> local_paths;
  if (lost_ && !corrupt_from_) {
    for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
      const Instance& inst = instances_[static_cast<size_t>(i)];
      if (!inst.has_data || !inst.behind_since || has_shared_storage()) continue;
      Path p;
      p.kind = Path::Kind::kLocalCopy;
      p.region = region_;
      p.instance = i;
      p.loss = stopped - *inst.behind_since;
      p.p95 = p95_of(plan_.failover.promote) + p95_of(plan_.failover.dns);
      p.p50 = p50_of(plan_.failover.promote) + p50_of(plan_.failover.dns);
      p.blocked = !can_start_in(region_);
      p.unreachable = !inst.up;
      local_paths.push_back(p);
    }
  }

  // Copies in other regions. Finding the newest copy that arrived means working out the copy
  // queue, so skip it when no copy path can be chosen: a path that can start already meets the
  // RPO target sooner than any copy restore could (a copy restore takes at least wait +
  // execute + restore), and a copy path would lose at least back to the newest snapshot.
  std::optional<Duration> best_meeting;
  auto consider = [&](const Path& p) {
    if (p.usable() && p.loss <= plan_.target.rpo && (!best_meeting || p.p95 < *best_meeting)) {
      best_meeting = p.p95;
    }
  };
  if (home_path) consider(*home_path);
  for (const Path& p : replica_paths) consider(p);
  for (const Path& p : local_paths) consider(p);
  for (const Path& p : replica_restore_paths) consider(p);
  std::vector<Path> copy_paths;
  if (catalog_) {
    const Duration copy_p95_at_least = wait + execute_p95 + catalog_->restore_duration_p95();
    const std::optional<sim::SimTime> newest = catalog_->newest_snapshot_time(target);
    const bool copy_cannot_meet_rpo = !plan_.backup->copy_logs &&
                                      (!newest || stopped - *newest > plan_.target.rpo);
    // When nothing else can be taken now, the copies decide between a loss and a total loss.
    const bool needed = !best_meeting || (!copy_cannot_meet_rpo && copy_p95_at_least <= *best_meeting);
    const auto& copies = plan_.backup->copy_regions;
    for (size_t d = 0; d < copies.size() && needed; ++d) {
      const auto r = static_cast<size_t>(copies[d]);
      if (region_destroyed_at_[r]) continue;
      // Only what has arrived by now: copies stall while either region is cut off and never
      // arrive from a destroyed home (the copy queue and the catalog follow the Reachability).
      // Shipped logs reach the copy region only while the link is up.
      const sim::SimTime logs_by = reach_.last_up(home, copies[d], ctx.now());
      if (auto rp = catalog_->copy_point(d, target, stopped, ctx.now(), logs_by)) {
        copy_paths.push_back(restore_path(Path::Kind::kCopyRestore, copies[d], *rp, *catalog_));
        copy_paths.back().copy_dest = static_cast<int>(d);
      }
    }
  }
  // In this order, which breaks ties between equally soon paths.
  std::vector<Path> paths;
  if (home_path) paths.push_back(*home_path);
  paths.insert(paths.end(), copy_paths.begin(), copy_paths.end());
  paths.insert(paths.end(), replica_restore_paths.begin(), replica_restore_paths.end());
  paths.insert(paths.end(), replica_paths.begin(), replica_paths.end());
  paths.insert(paths.end(), local_paths.begin(), local_paths.end());
  return paths;
}

Duration Database::replica_lag(size_t k, sim::SimTime stopped) {
  if (!replica_lag_[k]) {
    // The lag at the failure: its usual lag, plus however long the replica stream had been
    // stalled (its region unreachable, or either end cut off by a partition).
    const int replica_region = replica_regions_[k];
    const std::optional<sim::SimTime> cut = reach_.cut_since(region_, replica_region, stopped);
    replica_lag_[k] =
        plan_.replicas[k].lag.sample(response_rng_) + (cut ? stopped - *cut : Duration());
  }
  return *replica_lag_[k];
}

const backup::BackupCatalog& Database::catalog_of(const Path& p) const {
  return p.kind == Path::Kind::kReplicaRestore
             ? *replica_catalogs_[static_cast<size_t>(p.replica)]
             : *catalog_;
}

std::string Database::what_it_is(const Path& p) const {
  switch (p.kind) {
    case Path::Kind::kHomeRestore:
      return std::string(p.replay > Duration() ? "restore to a point in time from backups in "
                                               : "restore the snapshot in ") +
             topology_.region_name(p.region);
    case Path::Kind::kCopyRestore:
      return "restore from the copy in " + topology_.region_name(p.region);
    case Path::Kind::kReplica: return "promote the replica in " + topology_.region_name(p.region);
    case Path::Kind::kLocalCopy:
      return "promote the copy that is behind in " +
             az_name(instances_[static_cast<size_t>(p.instance)].az);
    case Path::Kind::kSwitchover: return "planned switchover to " + topology_.region_name(p.region);
    case Path::Kind::kReplicaRestore:
      return std::string(p.replay > Duration()
                             ? "restore to a point in time from the replica's own backups in "
                             : "restore the replica's own snapshot in ") +
             topology_.region_name(p.region);
  }
  return {};
}

int64_t Database::recovery_code_of(const Path& p) const {
  const bool replay = p.replay > Duration();
  switch (p.kind) {
    case Path::Kind::kHomeRestore:
      return recovery_code(replay ? RecoveryKind::kPitr : RecoveryKind::kRestoreSnapshot);
    case Path::Kind::kCopyRestore: return recovery_code(RecoveryKind::kRestoreCopy, p.region);
    case Path::Kind::kReplica: return recovery_code(RecoveryKind::kPromote, p.region);
    case Path::Kind::kLocalCopy:
      return recovery_code(RecoveryKind::kPromoteCopy, instances_[static_cast<size_t>(p.instance)].az);
    case Path::Kind::kSwitchover: return recovery_code(RecoveryKind::kSwitchover, p.region);
    case Path::Kind::kReplicaRestore:
      return recovery_code(replay ? RecoveryKind::kReplicaPitr : RecoveryKind::kReplicaSnapshot,
                           p.region);
  }
  return recovery_code(RecoveryKind::kNone);
}

std::string Database::option_id(const Path& p) const {
  const int64_t code = recovery_code_of(p);
  const RecoveryKind kind = recovery_kind(code);
  const int where = recovery_where(code);
  if (where < 0) return recovery_path_id(kind, {});
  return recovery_path_id(kind, recovery_where_is_az(kind) ? az_name(where) : topology_.region_name(where));
}

std::string Database::describe(sim::Context& ctx, const Path& p) const {
  // Plainly: what it loses, how long it takes, and which targets it meets.
  const Duration rto_at_p95 = ctx.now() - *stopped_at_ + p.p95;
  return what_it_is(p) + " (loses " +
         (p.loss > Duration() ? sim::spoken_duration(p.loss) + " of writes" : std::string("nothing")) +
         ", takes " + sim::spoken_duration(p.p50) + ", p95 " + sim::spoken_duration(p.p95) + "; " +
         (p.loss <= plan_.target.rpo ? "meets" : "misses") + " the " +
         sim::spoken_duration(plan_.target.rpo) + " RPO target, " +
         (rto_at_p95 <= plan_.target.rto ? "meets" : "misses") + " the " +
         sim::spoken_duration(plan_.target.rto) + " RTO target)";
}

std::vector<response::Option> Database::options(const response::Situation& situation) const {
  std::vector<response::Option> out;
  out.push_back({"wait", situation.known_loss ? "wait (nothing that holds every write will return)"
                                              : "wait for the original to return",
                 -1});
  for (int i = 0; i < static_cast<int>(situation.paths.size()); ++i) {
    const Path& p = situation.paths[static_cast<size_t>(i)];
    if (!p.usable()) continue;
    std::string id = option_id(p);
    // Two paths with one id (two copies that are behind in one AZ cannot happen; two replicas
    // in one region can): number the later ones.
    int same = 0;
    for (const response::Option& o : out) same += o.id == id || o.id.rfind(id + "#", 0) == 0 ? 1 : 0;
    if (same > 0) id += "#" + std::to_string(same + 1);
    out.push_back({id, what_it_is(p), i});
  }
  return out;
}

std::string Database::snapshot_name(std::optional<int64_t> k) const {
  if (!catalog_) return plan_.name + " (a point in time)";
  return snapshot_name(k, *catalog_, plan_.name);
}

std::string Database::snapshot_name(std::optional<int64_t> k, const backup::BackupCatalog& catalog,
                                    const std::string& instance) const {
  if (!k) return instance + " (a point in time)";
  // RDS names automated snapshots rds:INSTANCE-YYYY-MM-DD-HH-MM.
  const int64_t epoch = plan_.start_epoch_s + catalog.snapshot_time(*k).count_us() / 1'000'000;
  const std::string clock = sim::format_clock(epoch);  // "Wed 03:00:00"
  return "rds:" + instance + "-" + sim::format_utc_date(epoch) + "-" + clock.substr(4, 2) + "-" +
         clock.substr(7, 2);
}

std::string Database::replica_instance_name(int k) const {
  return plan_.name + "-replica-" + topology_.region_name(plan_.replicas[static_cast<size_t>(k)].region);
}

}  // namespace drsim::models::database
