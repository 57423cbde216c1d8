// The database state machines: failover, replacement and which copies hold every write.
// Recovery after a loss (the ways back, the response's decision, restores and promotions) is in
// recovery.cc.
#include "models/database/database.h"

#include <algorithm>
#include <cmath>

#include "models/simulation/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

using sim::Duration;

namespace {

// The wait until the next arrival of a Poisson process of `rate_per_s`; nullopt when the rate is
// zero or the arrival lies beyond the horizon.
std::optional<Duration> next_arrival(sim::Context& ctx, sim::Rng& rng, double rate_per_s) {
  if (rate_per_s <= 0) return std::nullopt;
  const double wait_s = -std::log(rng.uniform01()) / rate_per_s;
  if (wait_s > (ctx.horizon() - ctx.now()).in_seconds()) return std::nullopt;
  return Duration::from_seconds(wait_s);
}

}  // namespace

Database::Database(const DatabasePlan& plan, const topology::Topology& topology,
                   const topology::Reachability& reach, report::Recorder& recorder,
                   backup::CopyQueue* copies, const response::RestoreQueue* restores,
                   response::DecisionPolicy* policy)
    : plan_(plan), topology_(topology), reach_(reach), recorder_(recorder), copies_queue_(copies),
      restores_(restores), policy_(policy),
      az_up_(static_cast<size_t>(topology.az_count()), true),
      region_up_(static_cast<size_t>(topology.region_count()), true),
      region_destroyed_at_(static_cast<size_t>(topology.region_count())),
      control_plane_impaired_(static_cast<size_t>(topology.region_count()), 0),
      region_(plan.region), replica_lag_(plan.replicas.size()) {
  replica_regions_.reserve(plan.replicas.size());
  for (const ReplicaPlan& r : plan.replicas) replica_regions_.push_back(r.region);
  instances_.reserve(plan.azs.size());
  for (int az : plan.azs) {
    Instance instance;
    instance.az = az;
    instances_.push_back(instance);
  }
  copies_.reserve(2 * plan.storage_azs.size());
  for (int az : plan.storage_azs) {
    for (int k = 0; k < 2; ++k) {
      StorageCopy copy;
      copy.az = az;
      copies_.push_back(copy);
    }
  }
}

bool Database::is_current(const Instance& inst) const {
  return has_shared_storage() || (inst.has_data && !inst.behind_since);
}

bool Database::has_write_quorum() const {
  if (copies_.empty()) return true;
  int available = 0;
  bool current = false;
  for (const StorageCopy& c : copies_) {
    if (!c.available) continue;
    ++available;
    current = current || !c.behind_since;
  }
  return available >= kWriteQuorum && current;
}

bool Database::any_copy_of_data() const {
  if (has_shared_storage()) {
    int surviving = 0;
    for (const StorageCopy& c : copies_) surviving += c.destroyed ? 0 : 1;
    return surviving >= kReadQuorum;
  }
  for (const Instance& inst : instances_) {
    if (inst.has_data) return true;
  }
  return false;
}

bool Database::current_copy_survives() const {
  if (has_shared_storage()) {
    if (!any_copy_of_data()) return false;  // below the read quorum: the volume is gone
    return std::any_of(copies_.begin(), copies_.end(),
                       [](const StorageCopy& c) { return !c.destroyed && !c.behind_since; });
  }
  return std::any_of(instances_.begin(), instances_.end(),
                     [this](const Instance& inst) { return is_current(inst); });
}

void Database::mark_down_copies_behind(sim::SimTime now) {
  if (!writable_) return;
  if (!has_shared_storage()) {
    for (Instance& inst : instances_) {
      if (!inst.up && inst.has_data && !inst.behind_since) inst.behind_since = now;
    }
  }
  for (StorageCopy& c : copies_) {
    if (!c.available && !c.destroyed && !c.behind_since) c.behind_since = now;
  }
}

void Database::catch_up(sim::Context& ctx) {
  if (!has_shared_storage()) {
    const bool source = std::any_of(instances_.begin(), instances_.end(), [this](const Instance& x) {
      return x.up && is_current(x);
    });
    if (!source) return;
    for (Instance& inst : instances_) {
      if (!inst.up || !inst.has_data || !inst.behind_since) continue;
      if (ctx.tracing() && *inst.behind_since < ctx.now()) {
        say(ctx, "caught_up", "the copy in " + az_name(inst.az) + " catches up on the writes it missed");
      }
      inst.behind_since.reset();
    }
    return;
  }
  const bool source = std::any_of(copies_.begin(), copies_.end(), [](const StorageCopy& c) {
    return c.available && !c.behind_since;
  });
  if (!source) return;
  for (StorageCopy& c : copies_) {
    if (c.available) c.behind_since.reset();
  }
}

void Database::quorum_changed(sim::Context& ctx) {
  catch_up(ctx);
  if (writable_ && !has_write_quorum()) {
    stop_writes(ctx, "the storage lost its write quorum (fewer than 4 of 6 copies available)");
    after_outage_change(ctx);
  } else if (!writable_ && primary_ && !promoting_ && !lost_ && has_write_quorum() &&
             instances_[static_cast<size_t>(*primary_)].up) {
    if (recovering_) {
      if (recovering_->kind != Path::Kind::kSwitchover && !corrupt_from_ && !recovering_->preview) {
        abandon_recovery(ctx, *primary_);
      }
      return;
    }
    std::string how;
    if (ctx.tracing()) how = "storage write quorum is back: writes resume, no data lost";
    become_writable(ctx, *primary_, Duration(), how);
  }
  mark_down_copies_behind(ctx.now());
}

void Database::destroy_copy(sim::Context& ctx, size_t copy) {
  StorageCopy& c = copies_[copy];
  if (c.destroyed) return;
  c.destroyed = true;
  c.available = false;
  c.behind_since.reset();
  ctx.cancel(c.failure);
  // Surviving copies re-create it (in `replace`), as long as a read quorum survives.
  if (any_copy_of_data()) {
    c.repair = ctx.schedule_in(plan_.replace.sample(replace_rng_), *this, kCopyRepaired,
                               static_cast<uint32_t>(copy));
  }
}

void Database::start(sim::Context& ctx) {
  // Only the regions the database can ever run or restore in matter to it: its home, its
  // replicas' and its copies' regions (and their AZs).
  std::vector<int> regions{plan_.region};
  for (const ReplicaPlan& r : plan_.replicas) regions.push_back(r.region);
  if (plan_.backup) {
    for (int r : plan_.backup->copy_regions) regions.push_back(r);
  }
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  for (int r : regions) {
    const auto region = static_cast<uint32_t>(r);
    for (Topic t : {kRegionDown, kRegionUp, kRegionDestroyed, kControlPlaneBegin, kControlPlaneEnd}) {
      ctx.subscribe(t, region, *this);
    }
    for (int az : topology_.azs_of_region(r)) {
      for (Topic t : {kAzDown, kAzUp, kAzDestroyed}) ctx.subscribe(t, static_cast<uint32_t>(az), *this);
    }
  }
  // Notifications addressed to one database by its index.
  for (Topic t : {kInstanceFault, kRestoreDone, kLogicalFault, kBackupFailure, kSwitchover,
                  kFailoverTest}) {
    ctx.subscribe(t, static_cast<uint32_t>(plan_.index), *this);
  }
  const sim::StreamName stream = sim::StreamName("db/").then(plan_.name);
  failure_rng_ = ctx.rng(stream.then("/failure"));
  failover_rng_ = ctx.rng(stream.then("/failover"));
  replace_rng_ = ctx.rng(stream.then("/replace"));
  response_rng_ = ctx.rng(stream.then("/response"));
  storage_rng_ = ctx.rng(stream.then("/storage-failure"));
  if (plan_.backup) {
    catalog_.emplace(*plan_.backup, ctx.seed(), ctx.trial(), stream);
    if (copies_queue_) catalog_->attach(*copies_queue_, plan_.index);
  }
  replica_catalogs_.clear();
  for (const ReplicaPlan& replica : plan_.replicas) {
    replica_catalogs_.push_back(
        replica.backup ? std::make_unique<backup::BackupCatalog>(
                             *replica.backup, ctx.seed(), ctx.trial(),
                             stream.then("/replica/").then(topology_.region_name(replica.region)))
                       : nullptr);
  }
  primary_ = 0;
  writable_ = true;
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) schedule_random_failure(ctx, i);
  for (size_t k = 0; k < copies_.size(); ++k) schedule_copy_failure(ctx, k);
}

void Database::schedule_random_failure(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (const auto wait = next_arrival(ctx, failure_rng_, plan_.instance_failure_rate_per_s)) {
    inst.failure = ctx.schedule_in(*wait, *this, kRandomFailure, static_cast<uint32_t>(i));
  }
  // Over Aurora's shared storage the copies fail, not the instances' storage.
  if (has_shared_storage()) return;
  if (const auto wait = next_arrival(ctx, storage_rng_, plan_.storage_failure_rate_per_s)) {
    inst.storage_failure =
        ctx.schedule_in(*wait, *this, kRandomStorageFailure, static_cast<uint32_t>(i));
  }
}

void Database::schedule_copy_failure(sim::Context& ctx, size_t copy) {
  if (const auto wait = next_arrival(ctx, storage_rng_, plan_.storage_failure_rate_per_s)) {
    copies_[copy].failure =
        ctx.schedule_in(*wait, *this, kRandomCopyFailure, static_cast<uint32_t>(copy));
  }
}

std::optional<int> Database::standby() const {
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
    const Instance& inst = instances_[static_cast<size_t>(i)];
    if (inst.up && primary_ != i && is_current(inst)) return i;
  }
  return std::nullopt;
}

void Database::on_event(sim::Context& ctx, const sim::Event& event) {
  const int i = static_cast<int>(event.subject);
  switch (event.kind) {
    case kRandomFailure:
      instances_[static_cast<size_t>(i)].failure = {};
      instance_down(ctx, i, Cause::kInstanceFailure);
      break;
    case kRandomStorageFailure:
      instances_[static_cast<size_t>(i)].storage_failure = {};
      instance_down(ctx, i, Cause::kStorageFailure);
      break;
    case kRandomCopyFailure:
      copies_[event.subject].failure = {};
      if (ctx.tracing()) {
        say(ctx, "storage_copy_lost", "a storage copy in " + az_name(copies_[event.subject].az) + " is destroyed");
      }
      destroy_copy(ctx, event.subject);
      quorum_changed(ctx);
      after_outage_change(ctx);
      break;
    case kFailoverDone:
      failover_done_ = {};
      finish_failover(ctx, i);
      break;
    case kReplacementUp:
      instances_[static_cast<size_t>(i)].replacement = {};
      place_replacement(ctx, i);
      break;
    case kDecide:
      decide_ = {};
      decide(ctx, false);
      break;
    case kDeadline:
      deadline_ = {};
      decide(ctx, true);
      break;
    case kPromoted:
      promotion_ = {};
      finish_recovery(ctx);
      break;
    case kSwitchBack:
      if (ctx.tracing()) say(ctx, "planned_switchover", "planned: switch back to " + topology_.region_name(i));
      switchover(ctx, i, std::nullopt);
      break;
    case kCopyRepaired: {
      StorageCopy& copy = copies_[event.subject];
      copy.repair = {};
      if (!any_copy_of_data()) break;
      // Back in its own AZ if that is up, else in another AZ of the region that is, rebuilt from
      // an available copy (one that holds every write, if any is available).
      std::vector<int> candidates{copy.az};
      for (int az : topology_.azs_of_region(region_)) candidates.push_back(az);
      const bool source = std::any_of(copies_.begin(), copies_.end(),
                                      [](const StorageCopy& c) { return c.available; });
      for (int az : candidates) {
        if (source && az_up_[static_cast<size_t>(az)]) {
          copy.az = az;
          copy.destroyed = false;
          copy.available = true;
          // Until catch_up finds a copy that holds every write, it holds no more than the
          // freshest available copy.
          copy.behind_since = ctx.now();
          for (const StorageCopy& c : copies_) {
            if (&c != &copy && c.available) {
              if (!c.behind_since) {
                copy.behind_since.reset();
                break;
              }
              copy.behind_since = std::min(*copy.behind_since, *c.behind_since);
            }
          }
          schedule_copy_failure(ctx, event.subject);
          break;
        }
      }
      if (copy.destroyed) {
        copy.repair = ctx.schedule_in(plan_.replace.sample(replace_rng_), *this, kCopyRepaired,
                                      event.subject);
      }
      quorum_changed(ctx);
      break;
    }
    case kCorruptionNoticed:
      if (writable_) {
        primary_.reset();
        stop_writes(ctx, "the corruption is noticed, and every copy holds it");
      }
      declare_loss(ctx, plan_.response.ack.sample(response_rng_),
                   "every copy holds the corruption: a known loss", true);
      break;
  }
}

void Database::stop_writes(sim::Context& ctx, std::string_view why) {
  if (!writable_) return;
  writable_ = false;
  stopped_at_ = ctx.now();
  acked_at_.reset();
  const int told =
      ctx.tracing() ? say(ctx, "writes_stopped", std::string("stops taking writes because ").append(why))
                    : -1;
  const report::Recorder::Because because(recorder_, told);
  ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), planned_outage_ ? 1 : 0, 0});
}

void Database::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int subject = static_cast<int>(n.subject);
  switch (n.topic) {
    case kAzDown:
      az_up_[n.subject] = false;
      for (StorageCopy& copy : copies_) {
        if (copy.az == subject) copy.available = false;
      }
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        if (instances_[static_cast<size_t>(i)].az == subject) instance_down(ctx, i, Cause::kAzOutage);
      }
      quorum_changed(ctx);
      break;
    case kAzDestroyed:
      for (size_t k = 0; k < copies_.size(); ++k) {
        if (copies_[k].az == subject) destroy_copy(ctx, k);
      }
    {
      std::vector<int> replace;
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        Instance& inst = instances_[static_cast<size_t>(i)];
        if (inst.az != subject || !inst.has_data || has_shared_storage()) continue;
        inst.has_data = false;
        inst.behind_since.reset();
        if (inst.az_dark) {  // it will not come back with its AZ: replace it instead
          inst.az_dark = false;
          replace.push_back(i);
        }
      }
      // Without a copy that holds every write the loss is declared at once and these orders
      // are cancelled: the story does not tell them.
      const bool told = current_copy_survives();
      for (int i : replace) order_replacement(ctx, i, told);
      after_outage_change(ctx);
    }
      break;
    case kAzUp:
      az_up_[n.subject] = true;
      for (StorageCopy& copy : copies_) {
        if (copy.az == subject && !copy.destroyed) copy.available = true;
      }
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        Instance& inst = instances_[static_cast<size_t>(i)];
        if (!inst.up && inst.az_dark && inst.az == subject) {
          ctx.cancel(inst.replacement);  // the instance itself survived: no replacement needed
          instance_up(ctx, i);
        }
      }
      // Then a replacement that waited for an AZ (or for a copy up to build from) may go; a
      // replacement ordered again meanwhile (a fire in its old AZ) is void.
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        Instance& inst = instances_[static_cast<size_t>(i)];
        if (!inst.up && inst.awaiting_placement &&
            (az_is_free_for(subject, i) || az_is_free_for(inst.az, i))) {
          ctx.cancel(inst.replacement);
          place_replacement(ctx, i);
        }
      }
      quorum_changed(ctx);
      break;
    case kRegionDown:
      region_up_[n.subject] = false;
      if (subject == region_) region_lost(ctx, false);
      break;
    case kRegionUp:
      region_up_[n.subject] = true;
      if (subject == region_) {
        // Instances lost while it was down (an AZ fire during a region outage) are replaced
        // now; the dark ones come back with their AZs.
        for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
          const Instance& inst = instances_[static_cast<size_t>(i)];
          if (!inst.up && !inst.az_dark && !inst.awaiting_placement) order_replacement(ctx, i);
        }
      }
      // A way back may have appeared (a replica or copy there, or the home's backups).
      after_outage_change(ctx);
      break;
    case kRegionDestroyed:
      region_destroyed_at_[n.subject] = ctx.now();
      if (subject == region_) region_lost(ctx, true);
      break;
    case kInstanceFault: {
      if (subject != plan_.index) break;
      const bool hits_standby = n.a == 1;
      std::optional<int> target = primary_;
      if (hits_standby) {
        target.reset();
        for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
          if (instances_[static_cast<size_t>(i)].up && primary_ != i) {
            target = i;
            break;
          }
        }
      }
      if (!target) {
        if (ctx.tracing()) {
          say(ctx, "fault_missed",
              std::string("the fault finds no ") + (hits_standby ? "standby" : "primary") + " to fail");
        }
        break;
      }
      if (n.b == 1 && has_shared_storage()) {
        // A storage node of the shared volume fails: one copy in the instance's AZ.
        const int az = instances_[static_cast<size_t>(*target)].az;
        for (size_t k = 0; k < copies_.size(); ++k) {
          if (copies_[k].az == az && !copies_[k].destroyed) {
            if (ctx.tracing()) say(ctx, "storage_copy_lost", "a storage copy in " + az_name(az) + " is destroyed");
            destroy_copy(ctx, k);
            break;
          }
        }
        quorum_changed(ctx);
        after_outage_change(ctx);
        break;
      }
      instance_down(ctx, *target, n.b == 1 ? Cause::kStorageFailure : Cause::kInstanceFailure);
      break;
    }
    case kRestoreDone:
      if (subject == plan_.index) finish_recovery(ctx);
      break;
    case kControlPlaneBegin:
      ++control_plane_impaired_[n.subject];
      break;
    case kControlPlaneEnd:
      if (--control_plane_impaired_[n.subject] == 0) {
        // Work that waited for the control plane can start now.
        for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
          Instance& inst = instances_[static_cast<size_t>(i)];
          if (inst.awaiting_placement && !inst.up) place_replacement(ctx, i);
        }
        after_outage_change(ctx);
      }
      break;
    case kBackupFailure:
      if (subject == plan_.index && catalog_) {
        catalog_->add_failure_window(ctx.now(), n.a < 0 ? std::nullopt
                                                        : std::optional(sim::SimTime::from_micros(n.a)));
      }
      break;
    case kLogicalFault:
      if (subject == plan_.index) logical_fault(ctx, Duration::micros(n.a), n.b == 1);
      break;
    case kSwitchover:
      if (subject == plan_.index) {
        switchover(ctx, static_cast<int>(n.a),
                   n.b < 0 ? std::nullopt : std::optional(Duration::micros(n.b)));
      }
      break;
    case kFailoverTest:
      if (subject == plan_.index) failover_test(ctx);
      break;
    default:
      break;
  }
}

void Database::fault_joins(sim::Context& ctx) {
  if (!planned_outage_) return;
  planned_outage_ = false;
  if (!writable_) ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
}

void Database::region_lost(sim::Context& ctx, bool destroyed) {
  fault_joins(ctx);
  // Every instance (and storage copy) of the database is in its region: all of them go at once,
  // so no failover starts towards a standby that is about to go dark too.
  std::string dark;
  for (Instance& inst : instances_) {
    if (destroyed && inst.has_data) {
      inst.has_data = false;
      inst.behind_since.reset();
    }
    if (destroyed) {
      inst.az_dark = false;
      inst.awaiting_placement = false;
      ctx.cancel(inst.replacement);
    }
    if (!inst.up) continue;
    inst.up = false;
    inst.az_dark = !destroyed;
    ctx.cancel(inst.failure);
    ctx.cancel(inst.storage_failure);
    if (ctx.tracing()) dark += (dark.empty() ? "" : ", ") + az_name(inst.az);
  }
  for (size_t k = 0; k < copies_.size(); ++k) {
    copies_[k].available = false;
    if (destroyed && !copies_[k].destroyed) {
      copies_[k].destroyed = true;
      copies_[k].behind_since.reset();
      ctx.cancel(copies_[k].repair);
      ctx.cancel(copies_[k].failure);
    }
  }
  if (promoting_) {
    ctx.cancel(failover_done_);
    promoting_.reset();
  }
  const bool was_writable = writable_;
  if (primary_ && !instances_[static_cast<size_t>(*primary_)].up) primary_.reset();
  std::string why;
  if (ctx.tracing() && (was_writable || !dark.empty())) {
    const std::string& region = topology_.region_name(region_);
    why = region + (destroyed ? " is destroyed" : " is unreachable") +
          (dark.empty() ? std::string() : " (instances in " + dark + ")") +
          (is_multi_az() ? "; no failover inside the region" : "");
    if (!was_writable) say(ctx, "instances_lost", why);
  }
  stop_writes(ctx, why);
  after_outage_change(ctx);
}

void Database::instance_down(sim::Context& ctx, int i, Cause cause) {
  if (cause != Cause::kPlannedReboot) fault_joins(ctx);
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (!inst.up) {
    if (cause == Cause::kStorageFailure) {
      inst.has_data = false;
      inst.behind_since.reset();
      after_outage_change(ctx);
    }
    return;
  }
  inst.up = false;
  inst.az_dark = cause == Cause::kAzOutage;
  if (cause == Cause::kStorageFailure) {
    inst.has_data = false;
    inst.behind_since.reset();
  }
  ctx.cancel(inst.failure);
  ctx.cancel(inst.storage_failure);
  const bool was_primary = primary_ == i;
  const bool was_promoting = promoting_ == i;
  std::string lost;
  if (ctx.tracing()) {
    const char* why = cause == Cause::kAzOutage         ? "its AZ is dark"
                      : cause == Cause::kStorageFailure ? "its storage failed"
                                                        : "its host failed";
    const char* role = was_primary ? "the primary" : was_promoting ? "the instance being promoted" : "the standby";
    lost = cause == Cause::kPlannedReboot
               ? std::string(role) + " in " + az_name(inst.az) +
                     " reboots with failover (a planned failover test)"
               : std::string(role) + " in " + az_name(inst.az) + " is lost (" + why + ")";
    // RDS reports a storage failure with no standby to take over as 0031.
    const bool storage_alone = cause == Cause::kStorageFailure && (!is_multi_az() || !standby());
    if (!was_primary || storage_alone) {
      say(ctx, storage_alone ? "storage_failed" : "instance_lost",
          storage_alone ? "DB instance put into storage-failure state. RDS recommends that you initiate "
                          "a point-in-time-restore. (" + lost + ")"
                        : lost,
          storage_alone ? "RDS-EVENT-0031" : "");
    }
  }
  if (was_primary) {
    primary_.reset();
    stop_writes(ctx, lost);
    start_failover(ctx);
  } else if (was_promoting) {
    ctx.cancel(failover_done_);
    promoting_.reset();
    say(ctx, "failover_abandoned", "the failover is abandoned: its target is gone");
    start_failover(ctx);  // to another standby, if one is up
  }
  // A standby lost while writes go on misses them from now.
  mark_down_copies_behind(ctx.now());
  // A single-AZ instance in a dark AZ waits for the AZ; anything else is replaced.
  if (!(cause == Cause::kAzOutage && !is_multi_az())) {
    order_replacement(ctx, i);
  } else if (ctx.tracing()) {
    say(ctx, "waiting", "single-AZ: down until " + az_name(inst.az) + " returns");
  }
  after_outage_change(ctx);
}

void Database::order_replacement(sim::Context& ctx, int i, bool told) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (inst.replacement.is_valid() || lost_ || recovering_) return;
  // Nothing can be started in a region that is down or gone: the instances there come back
  // with it, or the response recovers the database elsewhere.
  if (!region_is_up(region_)) return;
  const Duration replace = plan_.replace.sample(replace_rng_);
  inst.replacement = ctx.schedule_in(replace, *this, kReplacementUp, static_cast<uint32_t>(i));
  if (ctx.tracing() && told) {
    if (is_multi_az()) {
      say(ctx, "replacement_ordered",
          "Recovery of standby DB instance has started. (a replacement instance, ready in " +
              sim::spoken_duration(replace) + ")",
          "RDS-EVENT-0361");
    } else {
      say(ctx, "replacement_ordered",
          "Recovery of the DB instance has started. Recovery time will vary with the amount of "
          "data to be recovered. (a replacement instance, ready in " + sim::spoken_duration(replace) + ")",
          "RDS-EVENT-0020");
    }
  }
}

void Database::start_failover(sim::Context& ctx) {
  const std::optional<int> target = standby();
  if (!target) {
    if (is_multi_az()) {
      const bool behind = std::any_of(instances_.begin(), instances_.end(), [this](const Instance& x) {
        return x.up && !is_current(x) && x.has_data;
      });
      say(ctx, "no_failover",
          behind ? "no standby holds every write: no failover (the standby that is up is behind)"
                 : "no standby to fail over to");
    }
    return;
  }
  pending_failover_.database = plan_.index;
  pending_failover_.started_at = ctx.now();
  pending_failover_.planned = planned_outage_;
  pending_failover_.detect = plan_.failover.detect.sample(failover_rng_);
  pending_failover_.promote = plan_.failover.promote.sample(failover_rng_);
  Duration catch_up_lag;
  if (plan_.apply_lag) {
    // The failover completes once the readers have applied what they lag behind (MySQL waits
    // for every reader up; the slowest counts), at most the flow-control bound.
    for (int j = 0; j < static_cast<int>(instances_.size()); ++j) {
      if (!instances_[static_cast<size_t>(j)].up || j == primary_) continue;
      catch_up_lag =
          std::max(catch_up_lag, std::min(plan_.apply_lag->sample(failover_rng_), kFlowControlLag));
    }
    pending_failover_.promote += catch_up_lag;
  }
  pending_failover_.dns = plan_.failover.dns.sample(failover_rng_);
  promoting_ = target;
  failover_done_ = ctx.schedule_in(pending_failover_.total(), *this, kFailoverDone,
                                   static_cast<uint32_t>(*target));
  if (ctx.tracing()) {
    const std::string& to_az = az_name(instances_[static_cast<size_t>(*target)].az);
    const std::string parts =
        "automatic failover to the standby in " + to_az + ": detect " +
        sim::spoken_duration(pending_failover_.detect) + " + promote " +
        sim::spoken_duration(pending_failover_.promote) +
        (plan_.apply_lag ? " (" + sim::spoken_duration(catch_up_lag) + " of it applying the readers' lag)"
                         : std::string()) +
        " + DNS " + sim::spoken_duration(pending_failover_.dns);
    if (plan_.deployment == scenario::Deployment::kMultiAz) {
      say(ctx, "failover_started", "Multi-AZ instance failover started. (" + parts + ")", "RDS-EVENT-0013");
    } else {
      const bool same_az = primary_ && instances_[static_cast<size_t>(*primary_)].az ==
                                           instances_[static_cast<size_t>(*target)].az;
      say(ctx, "failover_started",
          std::string(same_az ? "Started same AZ failover to DB instance: "
                              : "Started cross AZ failover to DB instance: ") +
              instance_name(*target) + ". (" + parts + ")",
          same_az ? "RDS-EVENT-0072" : "RDS-EVENT-0073");
    }
  }
}

void Database::finish_failover(sim::Context& ctx, int i) {
  DRSIM_CHECK(promoting_ == i && instances_[static_cast<size_t>(i)].up && !primary_ &&
              is_current(instances_[static_cast<size_t>(i)]))
      << plan_.name << " at " << ctx.now().count_us() << " us: failover to instance " << i;
  promoting_.reset();
  recorder_.failover(pending_failover_);
  std::string how;
  if (ctx.tracing()) {
    const Duration total = pending_failover_.total();
    const bool inside = total >= plan_.window_lo && total <= plan_.window_hi;
    how = " (after " + sim::spoken_duration(total) + ", " + (inside ? "inside" : "outside") +
          " the " + std::to_string(plan_.window_lo.count_us() / 1'000'000) + "–" +
          std::to_string(plan_.window_hi.count_us() / 1'000'000) + " s window): writes resume in " +
          az_name(instances_[static_cast<size_t>(i)].az) + ", no data lost";
    how = plan_.deployment == scenario::Deployment::kMultiAz
              ? "Multi-AZ instance failover completed." + how
              : "Completed failover to DB instance: " + instance_name(i) + "." + how;
  }
  become_writable(ctx, i, Duration(), how, "failover_completed",
                  plan_.deployment == scenario::Deployment::kMultiAz ? "RDS-EVENT-0049" : "RDS-EVENT-0071",
                  recovery_code(RecoveryKind::kFailover));
}

bool Database::az_is_free_for(int az, int i) const {
  if (!az_up_[static_cast<size_t>(az)] || topology_.region_of_az(az) != region_) return false;
  for (int j = 0; j < static_cast<int>(instances_.size()); ++j) {
    if (j != i && instances_[static_cast<size_t>(j)].az == az) return false;
  }
  return true;
}

void Database::place_replacement(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (lost_ || recovering_) return;  // the recovery rebuilds the database
  // The same AZ if it is up, else the first AZ of the region that is up and holds no other
  // instance of this database; with none, wait for one to return.
  const int own_az = inst.az;
  if (!az_is_free_for(inst.az, i)) {
    for (int az : topology_.azs_of_region(region_)) {
      if (az_is_free_for(az, i)) {
        inst.az = az;
        break;
      }
    }
  }
  if (!az_is_free_for(inst.az, i) || !can_start_in(region_) || !region_is_up(region_)) {
    inst.awaiting_placement = true;
    say(ctx, "waiting",
        can_start_in(region_) ? "the replacement instance is ready but no AZ of the region can take it"
                              : "the replacement waits: the region's control plane cannot start instances");
    return;
  }
  // In its own AZ it reattaches its own storage, if that survived. Anywhere else, or without
  // its storage, it is built from a copy that is up and holds every write (over Aurora's shared
  // storage the instance holds no data of its own). Without one it waits: building it from a
  // copy that is behind would give up its own storage, which may be the one holding every write.
  const bool reattach = inst.has_data && inst.az == own_az;
  if (!reattach && !has_shared_storage()) {
    const bool source = std::any_of(instances_.begin(), instances_.end(), [&](const Instance& x) {
      return &x != &inst && x.up && is_current(x);
    });
    if (!source) {
      inst.az = own_az;
      inst.awaiting_placement = true;
      say(ctx, "waiting", "the replacement instance is ready but no copy that holds every write is up to build it from");
      return;
    }
    inst.has_data = true;
    inst.behind_since.reset();
  }
  instance_up(ctx, i);
}

void Database::instance_up(sim::Context& ctx, int i) {
  instance_up_alone(ctx, i);
  // A replacement that waited for a copy to build from may go now.
  for (int j = 0; j < static_cast<int>(instances_.size()); ++j) {
    const Instance& other = instances_[static_cast<size_t>(j)];
    if (j != i && !other.up && other.awaiting_placement && !other.az_dark) place_replacement(ctx, j);
  }
}

void Database::instance_up_alone(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  inst.up = true;
  inst.az_dark = false;
  inst.awaiting_placement = false;
  schedule_random_failure(ctx, i);
  catch_up(ctx);
  if (recovering_ && recovering_->kind != Path::Kind::kSwitchover && !corrupt_from_ && !lost_ &&
      !recovering_->preview && is_current(inst) && has_write_quorum()) {
    abandon_recovery(ctx, i);
    return;
  }
  if (primary_ || promoting_ || recovering_ || lost_) {
    if (ctx.tracing()) {
      if (is_current(inst) && is_multi_az()) {
        say(ctx, "standby_ready",
            "Recovery of standby DB instance has completed. (the standby in " + az_name(inst.az) + " is ready)",
            "RDS-EVENT-0362");
      } else {
        say(ctx, "standby_ready",
            std::string(is_current(inst) ? "standby ready in " : "a copy that is behind is ready in ") +
                az_name(inst.az));
      }
    }
    if (lost_) after_outage_change(ctx);  // a copy that is behind may be the way back now
    return;
  }
  if (!is_current(inst)) {
    if (ctx.tracing() && inst.behind_since && stopped_at_) {
      say(ctx, "waiting", "the instance in " + az_name(inst.az) + " is up but misses the last " +
                             sim::spoken_duration(*stopped_at_ - *inst.behind_since) +
                             " of writes: waiting for a copy that holds every write");
    }
    after_outage_change(ctx);
    return;
  }
  // Nothing is serving: this instance, holding every write, takes the writes (RPO 0).
  std::string how;
  if (ctx.tracing()) {
    how = is_multi_az() ? "the instance in " + az_name(inst.az) + " is up as primary: writes resume, no data lost"
                        : "Recovery of the DB instance is complete. (the instance in " + az_name(inst.az) +
                              " is up: writes resume, no data lost)";
  }
  become_writable(ctx, i, Duration(), how, "writes_resumed", is_multi_az() ? "" : "RDS-EVENT-0021");
}

void Database::become_writable(sim::Context& ctx, int primary, Duration loss, const std::string& how,
                               const char* kind, const char* rds, int64_t path) {
  primary_ = primary;
  if (!has_write_quorum()) {
    say(ctx, "waiting", "a primary is ready but the storage has no write quorum: waiting for it");
    after_outage_change(ctx);
    return;
  }
  DRSIM_CHECK(stopped_at_) << plan_.name << " at " << ctx.now().count_us()
                           << " us: writes resume but never stopped";
  DRSIM_CHECK(is_current(instances_[static_cast<size_t>(primary)]))
      << plan_.name << " at " << ctx.now().count_us() << " us: writes resume on instance "
      << primary << ", which is behind";
  recorder_.database_downtime(plan_.index, ctx.now() - *stopped_at_);
  writable_ = true;
  planned_outage_ = false;
  stopped_at_.reset();
  acked_at_.reset();
  ctx.cancel(decide_);
  ctx.cancel(deadline_);
  for (auto& lag : replica_lag_) lag.reset();
  const int told = say(ctx, kind, how, rds);
  last_step_ = -1;
  const report::Recorder::Because because(recorder_, told);
  catch_up(ctx);
  mark_down_copies_behind(ctx.now());
  int64_t lost_writes = 0;
  if (loss > Duration()) {
    lost_writes = plan_.write_rate_per_s
                      ? std::llround(std::min(loss.in_seconds() * *plan_.write_rate_per_s, 9e18))
                      : -1;
  }
  ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), loss.count_us(), lost_writes, path});
}

void Database::finish(sim::SimTime horizon) {
  if (!writable_ && stopped_at_) recorder_.database_downtime(plan_.index, horizon - *stopped_at_);
}

int Database::say(sim::Context& ctx, const char* kind, std::string_view text, const char* rds,
                  int cause) {
  if (!ctx.tracing()) return -1;
  // Asynchronous steps (a failover ending, a restore finishing) follow the outage's last step.
  if (cause < 0 && !recorder_.telling_consequences()) cause = last_step_;
  const int index = recorder_.note(ctx.now(), plan_.name, kind, plan_.name + ": " + std::string(text),
                                   rds, cause);
  // The outage's main line: what later steps of it follow from (not side steps such as a
  // replacement being ordered).
  static constexpr std::string_view kMainLine[] = {"writes_stopped", "failover_started", "known_loss",
                                                   "decision", "switchover_started", "waiting",
                                                   "failover_abandoned", "promotion_failed"};
  if (std::find(std::begin(kMainLine), std::end(kMainLine), std::string_view(kind)) != std::end(kMainLine)) {
    last_step_ = index;
  }
  return index;
}

std::string Database::instance_name(int i) const {
  return plan_.name + "-" + az_name(instances_[static_cast<size_t>(i)].az);
}

}  // namespace drsim::models::database
