// The database state machines: failover, replacement, and recovery after a loss.
#include "models/database/database.h"

#include <algorithm>
#include <cmath>

#include "models/simulation/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

using sim::Duration;

Database::Database(const DatabasePlan& plan, const topology::Topology& topology,
                   report::Recorder& recorder, backup::CopyQueue* copies,
                   const response::RestoreQueue* restores)
    : plan_(plan), topology_(topology), recorder_(recorder), copies_queue_(copies),
      restores_(restores),
      az_up_(static_cast<size_t>(topology.az_count()), true),
      region_up_(static_cast<size_t>(topology.region_count()), true),
      region_destroyed_at_(static_cast<size_t>(topology.region_count())),
      control_plane_impaired_(static_cast<size_t>(topology.region_count()), 0),
      partitions_(static_cast<size_t>(topology.region_count())),
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

bool Database::has_write_quorum() const {
  if (copies_.empty()) return true;
  int available = 0;
  for (const StorageCopy& c : copies_) available += c.available ? 1 : 0;
  return available >= kWriteQuorum;
}

void Database::quorum_changed(sim::Context& ctx) {
  if (writable_ && !has_write_quorum()) {
    writable_ = false;
    stopped_at_ = ctx.now();
    say(ctx, "storage lost its write quorum (fewer than 4 of 6 copies): writes stop");
    ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
    after_outage_change(ctx);
  } else if (!writable_ && primary_ && !promoting_ && !recovering_ && !lost_ &&
             has_write_quorum() && instances_[static_cast<size_t>(*primary_)].up) {
    std::string how;
    if (ctx.tracing()) how = "storage write quorum is back: writes resume, no data lost";
    become_writable(ctx, *primary_, Duration(), how);
  }
}

void Database::destroy_copy(sim::Context& ctx, size_t copy) {
  StorageCopy& c = copies_[copy];
  if (c.destroyed) return;
  c.destroyed = true;
  c.available = false;
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
    for (Topic t : {kRegionDown, kRegionUp, kRegionDestroyed, kPartitionBegin, kPartitionEnd,
                    kControlPlaneBegin, kControlPlaneEnd}) {
      ctx.subscribe(t, region, *this);
    }
    for (int az : topology_.azs_of_region(r)) {
      for (Topic t : {kAzDown, kAzUp, kAzDestroyed}) ctx.subscribe(t, static_cast<uint32_t>(az), *this);
    }
  }
  // Notifications addressed to one database by its index.
  for (Topic t : {kInstanceFault, kRestoreDone, kLogicalFault, kBackupFailure, kSwitchover}) {
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
  primary_ = 0;
  writable_ = true;
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) schedule_random_failure(ctx, i);
  for (size_t k = 0; k < copies_.size(); ++k) schedule_copy_failure(ctx, k);
}

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
    if (instances_[static_cast<size_t>(i)].up && primary_ != i) return i;
  }
  return std::nullopt;
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
        say(ctx, "a storage copy in " + az_name(copies_[event.subject].az) + " is destroyed");
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
      finish_recovery(ctx);
      break;
    case kCopyRepaired: {
      StorageCopy& copy = copies_[event.subject];
      copy.repair = {};
      if (!any_copy_of_data()) break;
      // Back in its own AZ if that is up, else in another AZ of the region that is.
      std::vector<int> candidates{copy.az};
      for (int az : topology_.azs_of_region(region_)) candidates.push_back(az);
      for (int az : candidates) {
        if (az_up_[static_cast<size_t>(az)]) {
          copy.az = az;
          copy.destroyed = false;
          copy.available = true;
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
        writable_ = false;
        stopped_at_ = ctx.now();
        ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
      }
      declare_loss(ctx, plan_.response.ack.sample(response_rng_),
                   "the corruption is noticed: writes stop, and every copy holds it");
      break;
  }
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
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        Instance& inst = instances_[static_cast<size_t>(i)];
        if (inst.az != subject || !inst.has_data || has_shared_storage()) continue;
        inst.has_data = false;
        if (inst.az_dark) {  // it will not come back with its AZ: replace it instead
          inst.az_dark = false;
          order_replacement(ctx, i);
        }
      }
      after_outage_change(ctx);
      break;
    case kAzUp:
      az_up_[n.subject] = true;
      for (StorageCopy& copy : copies_) {
        if (copy.az == subject && !copy.destroyed) copy.available = true;
      }
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        Instance& inst = instances_[static_cast<size_t>(i)];
        if (inst.up) continue;
        if (inst.az_dark && inst.az == subject) {
          ctx.cancel(inst.replacement);  // the instance itself survived: no replacement needed
          instance_up(ctx, i);
        } else if (inst.awaiting_placement && az_is_free_for(subject, i) && can_start_in(region_) &&
                   any_copy_of_data()) {
          // The replacement that waited for an AZ is placed here, built from a surviving copy
          // (as place_replacement does); a replacement ordered again meanwhile (a fire in its old
          // AZ) is void.
          ctx.cancel(inst.replacement);
          inst.az = subject;
          inst.has_data = true;
          instance_up(ctx, i);
        }
      }
      quorum_changed(ctx);
      break;
    case kRegionDown:
      region_up_[n.subject] = false;
      break;
    case kRegionUp:
      region_up_[n.subject] = true;
      break;
    case kRegionDestroyed:
      region_destroyed_at_[n.subject] = ctx.now();
      break;
    case kInstanceFault: {
      if (subject != plan_.index) break;
      const bool hits_standby = n.a == 1;
      const std::optional<int> target = hits_standby ? standby() : primary_;
      if (!target) {
        if (ctx.tracing()) {
          say(ctx,
              std::string("fault finds no ") + (hits_standby ? "standby" : "primary") + " to fail");
        }
        break;
      }
      if (n.b == 1 && has_shared_storage()) {
        // A storage node of the shared volume fails: one copy in the instance's AZ.
        const int az = instances_[static_cast<size_t>(*target)].az;
        for (size_t k = 0; k < copies_.size(); ++k) {
          if (copies_[k].az == az && !copies_[k].destroyed) {
            if (ctx.tracing()) say(ctx, "a storage copy in " + az_name(az) + " is destroyed");
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
    case kPartitionBegin:
      partitions_[n.subject].emplace_back(ctx.now(), sim::SimTime::never());
      break;
    case kPartitionEnd:
      for (auto& [from, until] : partitions_[n.subject]) {
        if (until == sim::SimTime::never()) {
          until = ctx.now();
          break;
        }
      }
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
        const bool decision_due =
            lost_ || (plan_.response.decide_after &&
                      stopped_at_ && ctx.now() >= *stopped_at_ + *plan_.response.decide_after);
        if (!writable_ && !recovering_ && stopped_at_ && !decide_.is_valid() && decision_due) {
          decide(ctx, false);
        }
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
    default:
      break;
  }
}

void Database::instance_down(sim::Context& ctx, int i, Cause cause) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (!inst.up) {
    if (cause == Cause::kStorageFailure) {
      inst.has_data = false;
      after_outage_change(ctx);
    }
    return;
  }
  inst.up = false;
  inst.az_dark = cause == Cause::kAzOutage;
  if (cause == Cause::kStorageFailure) inst.has_data = false;
  ctx.cancel(inst.failure);
  ctx.cancel(inst.storage_failure);
  const bool was_primary = primary_ == i;
  const bool was_promoting = promoting_ == i;
  const bool was_writable = writable_;
  if (ctx.tracing()) {
    const char* why = cause == Cause::kAzOutage         ? "AZ outage"
                      : cause == Cause::kStorageFailure ? "storage failure"
                                                        : "instance failure";
    const char* role = was_primary ? "primary" : was_promoting ? "instance being promoted" : "standby";
    say(ctx, std::string(role) + " in " + az_name(inst.az) + " lost (" + why + ")");
  }
  if (was_primary) {
    primary_.reset();
    writable_ = false;
    start_failover(ctx);
    if (was_writable) {
      stopped_at_ = ctx.now();
      ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
    }
  } else if (was_promoting) {
    ctx.cancel(failover_done_);
    promoting_.reset();
    say(ctx, "failover abandoned: its target is gone");
    start_failover(ctx);  // to another standby, if one is up
  }
  // A single-AZ instance in a dark AZ waits for the AZ; anything else is replaced.
  if (!(cause == Cause::kAzOutage && !is_multi_az())) {
    order_replacement(ctx, i);
  } else if (ctx.tracing()) {
    say(ctx, "single-AZ: down until " + az_name(inst.az) + " returns");
  }
  after_outage_change(ctx);
}

void Database::order_replacement(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (inst.replacement.is_valid() || lost_ || recovering_) return;
  const Duration replace = plan_.replace.sample(replace_rng_);
  inst.replacement = ctx.schedule_in(replace, *this, kReplacementUp, static_cast<uint32_t>(i));
  if (ctx.tracing()) say(ctx, "replacement instance ordered, ready in " + sim::format_duration(replace));
}

void Database::start_failover(sim::Context& ctx) {
  const std::optional<int> target = standby();
  if (!target) {
    if (is_multi_az()) say(ctx, "no standby to fail over to");
    return;
  }
  pending_failover_.database = plan_.index;
  pending_failover_.started_at = ctx.now();
  pending_failover_.detect = plan_.failover.detect.sample(failover_rng_);
  pending_failover_.promote = plan_.failover.promote.sample(failover_rng_);
  Duration catch_up;
  if (plan_.apply_lag) {
    // The failover completes once the readers have applied what they lag behind (MySQL waits
    // for every reader up; the slowest counts), at most the flow-control bound.
    for (int j = 0; j < static_cast<int>(instances_.size()); ++j) {
      if (!instances_[static_cast<size_t>(j)].up || j == primary_) continue;
      catch_up = std::max(catch_up, std::min(plan_.apply_lag->sample(failover_rng_), kFlowControlLag));
    }
    pending_failover_.promote += catch_up;
  }
  pending_failover_.dns = plan_.failover.dns.sample(failover_rng_);
  promoting_ = target;
  failover_done_ = ctx.schedule_in(pending_failover_.total(), *this, kFailoverDone,
                                   static_cast<uint32_t>(*target));
  if (ctx.tracing()) {
    say(ctx, "automatic failover to the standby in " +
                 az_name(instances_[static_cast<size_t>(*target)].az) + " begins: detect " +
                 sim::format_duration(pending_failover_.detect) + " + promote " +
                 sim::format_duration(pending_failover_.promote) +
                 (plan_.apply_lag ? " (" + sim::format_duration(catch_up) + " of it applying the readers' lag)"
                                  : std::string()) +
                 " + DNS " +
                 sim::format_duration(pending_failover_.dns));
  }
}

void Database::finish_failover(sim::Context& ctx, int i) {
  DRSIM_CHECK(promoting_ == i && instances_[static_cast<size_t>(i)].up && !primary_)
      << plan_.name << " at " << ctx.now().count_us() << " us: failover to instance " << i;
  promoting_.reset();
  recorder_.failover(pending_failover_);
  std::string how;
  if (ctx.tracing()) {
    const Duration total = pending_failover_.total();
    const bool inside = total >= plan_.window_lo && total <= plan_.window_hi;
    how = "failover complete after " + sim::format_duration(total) + " (" +
          (inside ? "inside" : "outside") + " the " +
          std::to_string(plan_.window_lo.count_us() / 1'000'000) + "-" +
          std::to_string(plan_.window_hi.count_us() / 1'000'000) + " s window); writes resume in " +
          az_name(instances_[static_cast<size_t>(i)].az) + ", no data lost";
  }
  become_writable(ctx, i, Duration(), how);
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
  if (!any_copy_of_data()) return;  // nothing to build it from: recovery handles the loss
  // The same AZ if it is up, else the first AZ of the region that is up and holds no other
  // instance of this database; with none, wait for one to return.
  if (!az_is_free_for(inst.az, i)) {
    for (int az : topology_.azs_of_region(region_)) {
      if (az_is_free_for(az, i)) {
        inst.az = az;
        break;
      }
    }
  }
  if (!az_is_free_for(inst.az, i) || !can_start_in(region_)) {
    inst.awaiting_placement = true;
    say(ctx, can_start_in(region_) ? "replacement instance ready but no AZ of the region can take it"
                                   : "replacement waits: the region's control plane cannot start instances");
    return;
  }
  inst.has_data = true;  // built from a surviving copy
  instance_up(ctx, i);
}

void Database::instance_up(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  inst.up = true;
  inst.az_dark = false;
  inst.awaiting_placement = false;
  schedule_random_failure(ctx, i);
  if (primary_ || promoting_ || recovering_ || lost_) {
    if (ctx.tracing()) say(ctx, "standby ready in " + az_name(inst.az));
    return;
  }
  // Nothing is serving: this instance, on its surviving storage, takes the writes (RPO 0).
  std::string how;
  if (ctx.tracing()) how = "instance in " + az_name(inst.az) + " is up as primary; writes resume, no data lost";
  become_writable(ctx, i, Duration(), how);
}

void Database::become_writable(sim::Context& ctx, int primary, Duration loss, const std::string& how) {
  primary_ = primary;
  if (!has_write_quorum()) {
    say(ctx, "a primary is ready but the storage has no write quorum: waiting for it");
    after_outage_change(ctx);
    return;
  }
  DRSIM_CHECK(stopped_at_) << plan_.name << " at " << ctx.now().count_us()
                           << " us: writes resume but never stopped";
  recorder_.database_downtime(plan_.index, ctx.now() - *stopped_at_);
  writable_ = true;
  stopped_at_.reset();
  ctx.cancel(decide_);
  ctx.cancel(deadline_);
  for (auto& lag : replica_lag_) lag.reset();
  say(ctx, how);
  ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), loss.count_us(), 0});
}

void Database::after_outage_change(sim::Context& ctx) {
  if (writable_ || promoting_ || recovering_ || lost_) return;
  if (!any_copy_of_data()) {
    // No instance keeps the data: a known loss, recovered as soon as it is detected and
    // acknowledged. Nothing can be rebuilt from the lost instances.
    const Duration detect = plan_.response.detect.sample(response_rng_);
    const Duration ack = plan_.response.ack.sample(response_rng_);
    std::string why;
    if (ctx.tracing()) {
      why = "no instance keeps the data: a known loss; on-call detects it in " +
            sim::format_duration(detect) + " and acknowledges " + sim::format_duration(ack) +
            " later";
    }
    declare_loss(ctx, detect + ack, why);
    return;
  }
  if (plan_.response.decide_after && !decide_.is_valid() && !deadline_.is_valid()) {
    // After decide_after has passed (an earlier decision found nothing to do), a change of the
    // outage is news: decide again now.
    decide_ = ctx.schedule_at(std::max(ctx.now(), *stopped_at_ + *plan_.response.decide_after),
                              *this, kDecide);
  }
}

void Database::declare_loss(sim::Context& ctx, Duration delay, const std::string& why) {
  lost_ = true;
  for (Instance& inst : instances_) {
    inst.has_data = false;
    ctx.cancel(inst.replacement);
  }
  if (promoting_) {
    ctx.cancel(failover_done_);
    promoting_.reset();
  }
  ctx.cancel(deadline_);
  ctx.cancel(decide_);
  say(ctx, why);
  decide_ = ctx.schedule_in(delay, *this, kDecide);
}

void Database::logical_fault(sim::Context& ctx, Duration detect_after, bool deletion) {
  if (!corrupt_from_) corrupt_from_ = ctx.now();
  if (!deletion) {
    say(ctx, "data corrupted (unnoticed; every copy replicates it)");
    ctx.schedule_in(detect_after, *this, kCorruptionNoticed);
    return;
  }
  if (writable_) {
    primary_.reset();
    writable_ = false;
    stopped_at_ = ctx.now();
    ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
  }
  const Duration ack = plan_.response.ack.sample(response_rng_);
  std::string why;
  if (ctx.tracing()) {
    why = "data deleted on every copy; noticed after " + sim::format_duration(detect_after) +
          ", acknowledged " + sim::format_duration(ack) + " later";
  }
  declare_loss(ctx, detect_after + ack, why);
}

std::vector<Database::Path> Database::recovery_paths(sim::Context& ctx) {
  const sim::SimTime stopped = *stopped_at_;
  // After a logical fault only copies from before it are clean.
  const sim::SimTime target = corrupt_from_ ? std::min(*corrupt_from_, stopped) : stopped;
  const int home = plan_.region;
  const Duration execute_p95 = Duration::from_seconds(plan_.response.execute.quantile_s(0.95));
  // Queued behind the restores ahead of this tier, judged at their 95th percentiles.
  const Duration wait =
      catalog_ && restores_ ? restores_->wait_p95(plan_.tier, ctx.now()) : Duration();
  auto restore_path = [&](Path::Kind kind, int region, const backup::RecoveryPoint& rp) {
    Path p;
    p.kind = kind;
    p.region = region;
    p.loss = stopped - rp.point;
    p.replay = catalog_->replay_duration(rp);
    p.restore_p95 = (kind == Path::Kind::kCopyRestore ? execute_p95 : Duration()) +
                    catalog_->restore_duration_p95() + p.replay;
    p.p95 = wait + p.restore_p95;
    p.corrupt_attempts = rp.corrupt_attempts;
    p.blocked = !can_start_in(region);
    return p;
  };

  std::optional<Path> home_path;
  if (catalog_ && !region_destroyed_at_[static_cast<size_t>(home)] &&
      region_up_[static_cast<size_t>(home)]) {
    if (auto rp = catalog_->home_point(target, stopped, ctx.now())) {
      home_path = restore_path(Path::Kind::kHomeRestore, home, *rp);
    }
  }
  std::vector<Path> replica_paths;
  for (size_t k = 0; k < plan_.replicas.size() && !corrupt_from_; ++k) {
    const ReplicaPlan& replica = plan_.replicas[k];
    const int replica_region = replica_regions_[k];
    const auto r = static_cast<size_t>(replica_region);
    if (region_destroyed_at_[r] || !region_up_[r]) continue;
    if (!replica_lag_[k]) {
      // The lag at the failure: its usual lag, plus however long replication had been cut.
      replica_lag_[k] = replica.lag.sample(response_rng_) +
                        partitioned_for(region_, replica_region, *stopped_at_);
    }
    Path p;
    p.kind = Path::Kind::kReplica;
    p.region = replica_region;
    p.replica = static_cast<int>(k);
    p.loss = *replica_lag_[k];
    p.p95 = execute_p95 + Duration::from_seconds(replica.promote.quantile_s(0.95));
    p.blocked = !can_start_in(replica_region);
    replica_paths.push_back(p);
  }

  // Copies in other regions. Finding the newest copy that arrived means working out the copy
  // queue, so skip it when no copy path can be chosen: a path that can start already meets the
  // RPO target sooner than any copy restore could (a copy restore takes at least wait +
  // execute + restore), and a copy path would lose at least back to the newest snapshot.
  std::optional<Duration> best_meeting;
  auto consider = [&](const Path& p) {
    if (!p.blocked && p.loss <= plan_.target.rpo && (!best_meeting || p.p95 < *best_meeting)) {
      best_meeting = p.p95;
    }
  };
  if (home_path) consider(*home_path);
  for (const Path& p : replica_paths) consider(p);
  std::vector<Path> copy_paths;
  if (catalog_) {
    const Duration copy_p95_at_least = wait + execute_p95 + catalog_->restore_duration_p95();
    const std::optional<sim::SimTime> newest = catalog_->newest_snapshot_time(target);
    const bool copy_cannot_meet_rpo = !plan_.backup->copy_logs &&
                                      (!newest || stopped - *newest > plan_.target.rpo);
    const bool needed = !best_meeting || (!copy_cannot_meet_rpo && copy_p95_at_least <= *best_meeting);
    const auto& copies = plan_.backup->copy_regions;
    for (size_t d = 0; d < copies.size() && needed; ++d) {
      const auto r = static_cast<size_t>(copies[d]);
      if (region_destroyed_at_[r] || !region_up_[r]) continue;
      // Copies still in flight when the home region went away never arrive.
      const sim::SimTime arrived_by = region_destroyed_at_[static_cast<size_t>(home)]
                                          ? *region_destroyed_at_[static_cast<size_t>(home)]
                                          : ctx.now();
      if (auto rp = catalog_->copy_point(d, target, stopped, arrived_by)) {
        copy_paths.push_back(restore_path(Path::Kind::kCopyRestore, copies[d], *rp));
      }
    }
  }
  // In this order, which breaks ties between equally soon paths.
  std::vector<Path> paths;
  if (home_path) paths.push_back(*home_path);
  paths.insert(paths.end(), copy_paths.begin(), copy_paths.end());
  paths.insert(paths.end(), replica_paths.begin(), replica_paths.end());
  return paths;
}

sim::Duration Database::partitioned_for(int region_a, int region_b, sim::SimTime t) const {
  sim::SimTime since = t;
  for (int r : {region_a, region_b}) {
    for (const auto& [from, until] : partitions_[static_cast<size_t>(r)]) {
      if (from <= t && t < until) since = std::min(since, from);
    }
  }
  return t - since;
}

std::string Database::describe(const Path& p) const {
  std::string what;
  switch (p.kind) {
    case Path::Kind::kHomeRestore: what = "restore from backups in "; break;
    case Path::Kind::kCopyRestore: what = "restore from the copy in "; break;
    case Path::Kind::kReplica: what = "promote the replica in "; break;
    case Path::Kind::kSwitchover: what = "planned switchover to "; break;
  }
  return what + topology_.region_name(p.region) + " (loses " + sim::format_duration(p.loss) +
         ", p95 " + sim::format_duration(p.p95) + ")";
}

void Database::decide(sim::Context& ctx, bool deadline_reached) {
  if (writable_ || recovering_) return;
  std::vector<Path> paths = recovery_paths(ctx);
  const bool any_path = !paths.empty();
  std::erase_if(paths, [](const Path& p) { return p.blocked; });
  if (any_path && paths.empty()) {
    say(ctx, "every recovery path needs a control plane that is impaired: waiting for it");
    return;  // kControlPlaneEnd decides again
  }
  const Path* soonest = nullptr;
  const Path* soonest_meeting = nullptr;
  const Path* least_loss = nullptr;
  for (const Path& p : paths) {
    if (!soonest || p.p95 < soonest->p95) soonest = &p;
    if (p.loss <= plan_.target.rpo && (!soonest_meeting || p.p95 < soonest_meeting->p95)) {
      soonest_meeting = &p;
    }
    if (!least_loss || p.loss < least_loss->loss ||
        (p.loss == least_loss->loss && p.p95 < least_loss->p95)) {
      least_loss = &p;
    }
  }
  // The reasons given are for the timeline: built only when tracing.
  const bool tracing = ctx.tracing();
  const std::string rpo = tracing ? sim::format_duration(plan_.target.rpo) : std::string();
  if (soonest_meeting) {
    take(ctx, *soonest_meeting,
         tracing ? "the soonest path whose loss meets the tier " + std::to_string(plan_.tier) +
                       " RPO target of " + rpo
                 : std::string());
    return;
  }
  if (lost_) {
    if (!least_loss) {
      say(ctx, "no surviving copy anywhere: total data loss");
      ctx.publish({kDatabaseLost, static_cast<uint32_t>(plan_.index), 0, 0});
      return;
    }
    take(ctx, *least_loss,
         tracing ? "nothing will come back and no path meets the " + rpo +
                       " RPO target, so the path that loses least"
                 : std::string());
    return;
  }
  if (!soonest) {
    say(ctx, "no recovery path outside the outage: waiting for it to end");
    return;
  }
  // Wait for the original while the soonest path, started later, would still meet the RTO.
  const sim::SimTime last_moment = *stopped_at_ + plan_.target.rto + Duration::micros(-soonest->p95.count_us());
  if (deadline_reached || ctx.now() >= last_moment) {
    take(ctx, *soonest,
         tracing ? "no path meets the " + rpo + " RPO target and waiting longer would miss the " +
                       sim::format_duration(plan_.target.rto) + " RTO target"
                 : std::string());
    return;
  }
  if (tracing) {
    say(ctx, "no path meets the " + rpo + " RPO target (best: " + describe(*soonest) +
                 "): waiting for the original until " +
                 sim::format_duration(last_moment - *stopped_at_) + " into the outage");
  }
  ctx.cancel(deadline_);
  deadline_ = ctx.schedule_at(last_moment, *this, kDeadline);
}

void Database::take(sim::Context& ctx, const Path& chosen, const std::string& why) {
  // What the path will really take, drawn only for the path taken (so the draws do not depend
  // on how many paths were considered): a replica's execute + promote; a restore's execute
  // (from a copy) + log replay + one restore per snapshot tried (silently corrupt ones first).
  Path path = chosen;
  if (path.kind == Path::Kind::kReplica) {
    path.actual = plan_.response.execute.sample(response_rng_) +
                  plan_.replicas[static_cast<size_t>(path.replica)].promote.sample(response_rng_);
  } else {
    path.actual = path.replay;
    if (path.kind == Path::Kind::kCopyRestore) path.actual += plan_.response.execute.sample(response_rng_);
    for (int a = 0; a <= path.corrupt_attempts; ++a) path.actual += catalog_->restore_duration(response_rng_);
  }
  recovering_ = path;
  ctx.cancel(deadline_);
  ctx.cancel(decide_);
  for (Instance& inst : instances_) ctx.cancel(inst.replacement);
  if (ctx.tracing()) {
    std::string text = "decision: " + describe(path) + ": " + why;
    if (path.corrupt_attempts > 0) {
      text += "; " + std::to_string(path.corrupt_attempts) +
              " newer snapshot(s) will turn out silently corrupt";
    }
    say(ctx, text);
  }
  if (path.kind == Path::Kind::kReplica) {
    ctx.schedule_in(path.actual, *this, kPromoted);
  } else {
    ctx.publish({kRestoreRequest, static_cast<uint32_t>(plan_.index), path.actual.count_us(),
                 plan_.tier, path.restore_p95.count_us()});
  }
}

void Database::finish_recovery(sim::Context& ctx) {
  DRSIM_CHECK(recovering_) << plan_.name << ": a recovery finished that was never started";
  const Path path = *recovering_;
  recovering_.reset();
  lost_ = false;
  corrupt_from_.reset();
  if (path.kind == Path::Kind::kSwitchover) {
    // The old primary region becomes the secondary the writer left.
    for (int& r : replica_regions_) {
      if (r == path.region) r = region_;
    }
  }
  region_ = path.region;
  // A fresh primary in the first AZ of the region that is up; a Multi-AZ database orders a new
  // standby at once.
  for (Instance& inst : instances_) {
    ctx.cancel(inst.failure);
    ctx.cancel(inst.storage_failure);
  }
  instances_.assign(instances_.size(), Instance{});
  const std::vector<int>& azs = topology_.azs_of_region(region_);
  int next = 0;
  for (size_t i = 0; i < instances_.size(); ++i) {
    instances_[i].az = azs[static_cast<size_t>(next++) % azs.size()];
    while (!az_up_[static_cast<size_t>(instances_[i].az)] && next < static_cast<int>(2 * azs.size())) {
      instances_[i].az = azs[static_cast<size_t>(next++) % azs.size()];
    }
  }
  for (size_t i = 1; i < instances_.size(); ++i) instances_[i].up = false;
  for (size_t k = 0; k < copies_.size(); ++k) {
    ctx.cancel(copies_[k].repair);
    ctx.cancel(copies_[k].failure);
    copies_[k] = StorageCopy{};
    copies_[k].az = azs[(k / 2) % azs.size()];
    schedule_copy_failure(ctx, k);
  }
  schedule_random_failure(ctx, 0);
  std::string how;
  if (ctx.tracing()) {
    how = path.kind == Path::Kind::kSwitchover
              ? "switchover complete: the writer is in " + az_name(instances_[0].az) +
                    "; writes resume, no data lost"
              : "recovered in " + az_name(instances_[0].az) + ": writes resume, " +
                    sim::format_duration(path.loss) + " of writes lost";
  }
  become_writable(ctx, 0, path.loss, how);
  for (size_t i = 1; i < instances_.size(); ++i) order_replacement(ctx, static_cast<int>(i));
}

void Database::finish(sim::SimTime horizon) {
  if (!writable_ && stopped_at_) recorder_.database_downtime(plan_.index, horizon - *stopped_at_);
}

void Database::switchover(sim::Context& ctx, int region, std::optional<Duration> duration) {
  const std::string to = topology_.region_name(region);
  const auto k = static_cast<size_t>(
      std::find(replica_regions_.begin(), replica_regions_.end(), region) - replica_regions_.begin());
  std::string refused;
  if (!writable_ || promoting_ || recovering_ || lost_) {
    refused = "the database is not healthy";
  } else if (k == replica_regions_.size()) {
    refused = to + " is not a secondary region now";
  } else if (region_destroyed_at_[static_cast<size_t>(region)] ||
             !region_up_[static_cast<size_t>(region)] || !can_start_in(region)) {
    refused = to + " cannot take the writer now";
  }
  if (!refused.empty()) {
    say(ctx, "planned switchover to " + to + " refused: " + refused);
    return;
  }
  Path path;
  path.kind = Path::Kind::kSwitchover;
  path.region = region;
  path.actual = duration ? *duration : plan_.replicas[k].promote.sample(response_rng_);
  primary_.reset();
  writable_ = false;
  stopped_at_ = ctx.now();
  ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
  recovering_ = path;
  for (Instance& inst : instances_) ctx.cancel(inst.replacement);
  if (ctx.tracing()) {
    say(ctx, "planned switchover to " + to + " begins: writes pause for " +
                 sim::format_duration(path.actual) +
                 " while the secondary catches up (no data is lost)");
  }
  ctx.schedule_in(path.actual, *this, kPromoted);
}

void Database::say(sim::Context& ctx, std::string_view text) {
  if (ctx.tracing()) recorder_.say(ctx.now(), plan_.name + ": " + std::string(text));
}

}  // namespace drsim::models::database
