// The instances of a database and its storage copies: which copies hold every write and catch
// up, random failures, replacements, the automatic failover, and writes resuming. The state
// machine that routes events and notifications is database.cc; recovery after a loss,
// recovery.cc and paths.cc.
#include "models/database/database.h"

#include <algorithm>
#include <cmath>

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

using sim::Duration;

namespace {

// The wait until the next arrival of a Poisson process of `rate_per_s`; nullopt when the rate is
// zero or the arrival lies beyond the horizon. A draw below `beyond_below` is known to lie beyond
// it without the logarithm (see Database::Horizon).
std::optional<Duration> next_arrival(sim::Context& ctx, sim::Rng& rng, double rate_per_s,
                                     double beyond_below = 0) {
  if (rate_per_s <= 0) return std::nullopt;
  const double u = rng.uniform01();
  if (u < beyond_below) return std::nullopt;
  const double wait_s = -std::log(u) / rate_per_s;
  if (wait_s > (ctx.horizon() - ctx.now()).in_seconds()) return std::nullopt;
  return Duration::from_seconds(wait_s);
}

}  // namespace

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

Database::Horizon::Horizon(double horizon_s, double instance_rate_per_s, double storage_rate_per_s)
    : horizon_s(horizon_s) {
  // exp(-rate * horizon) is the chance that the first arrival lies beyond the horizon: a draw u
  // below it gives -log(u) / rate beyond the horizon. The margin of 1e-9 (relative) lies far
  // above the rounding of exp, log and the division, so the answer is the one they would give.
  instance_beyond_below = std::exp(-instance_rate_per_s * horizon_s) * (1 - 1e-9);
  storage_beyond_below = std::exp(-storage_rate_per_s * horizon_s) * (1 - 1e-9);
}

void Database::schedule_random_failure(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  // From the trial's start, the whole horizon lies ahead.
  const bool at_start = ctx.now() == sim::SimTime::zero() && horizon_;
  if (const auto wait = next_arrival(ctx, failure_rng_, plan_.instance_failure_rate_per_s,
                                     at_start ? horizon_->instance_beyond_below : 0)) {
    inst.failure = ctx.schedule_in(*wait, *this, kRandomFailure, static_cast<uint32_t>(i));
  }
  // Over Aurora's shared storage the copies fail, not the instances' storage.
  if (has_shared_storage()) return;
  if (const auto wait = next_arrival(ctx, storage_rng_, plan_.storage_failure_rate_per_s,
                                     at_start ? horizon_->storage_beyond_below : 0)) {
    inst.storage_failure =
        ctx.schedule_in(*wait, *this, kRandomStorageFailure, static_cast<uint32_t>(i));
  }
}

void Database::schedule_copy_failure(sim::Context& ctx, size_t copy) {
  const bool at_start = ctx.now() == sim::SimTime::zero() && horizon_;
  if (const auto wait = next_arrival(ctx, storage_rng_, plan_.storage_failure_rate_per_s,
                                     at_start ? horizon_->storage_beyond_below : 0)) {
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
  if (!reach_.is_az_up(az) || topology_.region_of_az(az) != region_) return false;
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
  const observations::Recorder::Because because(recorder_, told);
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

}  // namespace drsim::models::database
