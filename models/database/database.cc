// The database as a component: its construction, its start, and the state machine that routes
// events and notifications. The instances, failover and replacements are instances.cc; recovery
// after a loss (the response's decision, restores and promotions) recovery.cc, and the ways back
// it weighs paths.cc.
#include "models/database/database.h"

#include <algorithm>
#include <cmath>

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

using sim::Duration;

Database::Database(const DatabasePlan& plan, const topology::Topology& topology,
                   const topology::Reachability& reach, observations::Recorder& recorder,
                   backup::CopyQueue* copies, const response::RestoreQueue* restores,
                   response::DecisionPolicy* policy)
    : plan_(plan),
      topology_(topology),
      reach_(reach),
      recorder_(recorder),
      copies_queue_(copies),
      restores_(restores),
      policy_(policy),
      region_up_(static_cast<size_t>(topology.region_count()), true),
      region_destroyed_at_(static_cast<size_t>(topology.region_count())),
      control_plane_impaired_(static_cast<size_t>(topology.region_count()), 0),
      region_(plan.region),
      replica_lag_(plan.replicas.size()) {
  // Only the regions the database can ever run or restore in matter to it: its home, its
  // replicas' and its copies' regions (and their AZs).
  watched_regions_.push_back(plan_.region);
  for (const ReplicaPlan& r : plan_.replicas) watched_regions_.push_back(r.region);
  if (plan_.backup) {
    for (int r : plan_.backup->copy_regions) watched_regions_.push_back(r);
  }
  std::sort(watched_regions_.begin(), watched_regions_.end());
  watched_regions_.erase(std::unique(watched_regions_.begin(), watched_regions_.end()),
                         watched_regions_.end());
  stream_ = sim::StreamName("db/").then(plan_.name);
  rng_streams_ = {stream_.then("/failure"), stream_.then("/failover"), stream_.then("/replace"),
                  stream_.then("/response"), stream_.then("/storage-failure")};
  for (const ReplicaPlan& replica : plan_.replicas) {
    replica_streams_.push_back(
        stream_.then("/replica/").then(topology_.region_name(replica.region)));
  }
  reset_state();
}

void Database::reset_state() {
  // Every member that a trial changes, back to where a new database starts: a worker reuses its
  // databases (and their memory) from one trial to the next, and a fresh one goes through here
  // too. tests/models/simulation/trial_assembly_test.cc compares reused against fresh.
  region_up_.assign(region_up_.size(), true);
  region_destroyed_at_.assign(region_destroyed_at_.size(), std::nullopt);
  control_plane_impaired_.assign(control_plane_impaired_.size(), 0);
  region_ = plan_.region;
  replica_regions_.clear();
  for (const ReplicaPlan& r : plan_.replicas) replica_regions_.push_back(r.region);
  instances_.clear();
  for (int az : plan_.azs) {
    Instance instance;
    instance.az = az;
    instances_.push_back(instance);
  }
  copies_.clear();
  for (int az : plan_.storage_azs) {
    for (int k = 0; k < 2; ++k) {
      StorageCopy copy;
      copy.az = az;
      copies_.push_back(copy);
    }
  }
  primary_.reset();
  promoting_.reset();
  failover_done_ = {};
  pending_failover_ = {};
  writable_ = true;
  planned_outage_ = false;
  switch_back_after_.reset();
  stopped_at_.reset();
  acked_at_.reset();
  lost_ = false;
  total_loss_ = false;
  corrupt_from_.reset();
  decide_ = {};
  deadline_ = {};
  promotion_ = {};
  recovering_.reset();
  last_step_ = -1;
  replica_lag_.assign(replica_lag_.size(), std::nullopt);
}

void Database::start(sim::Context& ctx) {
  reset_state();
  // An AZ's outage matters only where the database runs (its instances and storage copies are
  // there; elsewhere it reads the AZ's state from reach_ when it moves), so it hears the AZs of
  // other regions only when they are destroyed: that may take a way back.
  heard_az_regions_.clear();
  for (int r : watched_regions_) {
    const auto region = static_cast<uint32_t>(r);
    for (Topic t : {kRegionDown, kRegionUp, kRegionDestroyed, kControlPlaneBegin, kControlPlaneEnd}) {
      ctx.subscribe(t, region, *this);
    }
    if (r == region_) heard_az_regions_.push_back(r);
    for (int az : topology_.azs_of_region(r)) {
      const auto subject = static_cast<uint32_t>(az);
      if (r == region_) {
        ctx.subscribe(kAzDown, subject, *this);
        ctx.subscribe(kAzUp, subject, *this);
      }
      ctx.subscribe(kAzDestroyed, subject, *this);
    }
  }
  // Notifications addressed to one database by its index.
  for (Topic t : {kInstanceFault, kRestoreDone, kLogicalFault, kBackupFailure, kSwitchover,
                  kFailoverTest}) {
    ctx.subscribe(t, static_cast<uint32_t>(plan_.index), *this);
  }
  const double horizon_s = (ctx.horizon() - sim::SimTime::zero()).in_seconds();
  if (!horizon_ || horizon_->horizon_s != horizon_s) {
    horizon_.emplace(horizon_s, plan_.instance_failure_rate_per_s,
                     plan_.storage_failure_rate_per_s);
  }
  failure_rng_ = ctx.rng(rng_streams_[0]);
  failover_rng_ = ctx.rng(rng_streams_[1]);
  replace_rng_ = ctx.rng(rng_streams_[2]);
  response_rng_ = ctx.rng(rng_streams_[3]);
  storage_rng_ = ctx.rng(rng_streams_[4]);
  if (plan_.backup) {
    if (catalog_) {
      catalog_->restart(ctx.seed(), ctx.trial(), stream_);
    } else {
      catalog_.emplace(*plan_.backup, ctx.seed(), ctx.trial(), stream_);
    }
    if (copies_queue_) catalog_->attach(*copies_queue_, plan_.index);
  }
  replica_catalogs_.resize(plan_.replicas.size());
  for (size_t k = 0; k < plan_.replicas.size(); ++k) {
    const ReplicaPlan& replica = plan_.replicas[k];
    if (!replica.backup) continue;
    const sim::StreamName& name = replica_streams_[k];
    if (replica_catalogs_[k]) {
      replica_catalogs_[k]->restart(ctx.seed(), ctx.trial(), name);
    } else {
      replica_catalogs_[k] =
          std::make_unique<backup::BackupCatalog>(*replica.backup, ctx.seed(), ctx.trial(), name);
    }
  }
  primary_ = 0;
  writable_ = true;
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) schedule_random_failure(ctx, i);
  for (size_t k = 0; k < copies_.size(); ++k) schedule_copy_failure(ctx, k);
}

void Database::hear_azs_of(sim::Context& ctx, int region) {
  if (std::find(heard_az_regions_.begin(), heard_az_regions_.end(), region) !=
      heard_az_regions_.end()) {
    return;
  }
  heard_az_regions_.push_back(region);
  for (int az : topology_.azs_of_region(region)) {
    ctx.subscribe(kAzDown, static_cast<uint32_t>(az), *this);
    ctx.subscribe(kAzUp, static_cast<uint32_t>(az), *this);
  }
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
        if (source && reach_.is_az_up(az)) {
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
  const observations::Recorder::Because because(recorder_, told);
  ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), planned_outage_ ? 1 : 0, 0});
}

void Database::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int subject = static_cast<int>(n.subject);
  switch (n.topic) {
    case kAzDown:
      if (topology_.region_of_az(subject) != region_) break;  // a region it ran in before
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
      if (topology_.region_of_az(subject) != region_) break;
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
      int target = -1;  // the instance the fault hits; -1: none
      if (hits_standby) {
        for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
          if (instances_[static_cast<size_t>(i)].up && primary_ != i) {
            target = i;
            break;
          }
        }
      } else if (primary_) {
        target = *primary_;
      }
      if (target < 0) {
        if (ctx.tracing()) {
          say(ctx, "fault_missed",
              std::string("the fault finds no ") + (hits_standby ? "standby" : "primary") + " to fail");
        }
        break;
      }
      if (n.b == 1 && has_shared_storage()) {
        // A storage node of the shared volume fails: one copy in the instance's AZ.
        const int az = instances_[static_cast<size_t>(target)].az;
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
      instance_down(ctx, target, n.b == 1 ? Cause::kStorageFailure : Cause::kInstanceFailure);
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
