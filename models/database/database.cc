// The single-AZ and Multi-AZ state machines.
#include "models/database/database.h"

#include <cmath>

#include "models/simulation/topics.h"
#include "sim/units.h"

namespace drsim::models::database {

Database::Database(const DatabasePlan& plan, int az_count, report::Recorder& recorder)
    : plan_(plan), recorder_(recorder), az_up_(static_cast<size_t>(az_count), true) {
  for (int az : plan.azs) {
    Instance instance;
    instance.az = az;
    instances_.push_back(instance);
  }
}

void Database::start(sim::Context& ctx) {
  ctx.subscribe(kAzDown, *this);
  ctx.subscribe(kAzUp, *this);
  ctx.subscribe(kInstanceFault, *this);
  const std::string stream = "db/" + plan_.name;
  failure_rng_ = ctx.rng(stream + "/failure");
  failover_rng_ = ctx.rng(stream + "/failover");
  replace_rng_ = ctx.rng(stream + "/replace");
  primary_ = 0;
  writable_ = true;
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) schedule_random_failure(ctx, i);
}

void Database::schedule_random_failure(sim::Context& ctx, int i) {
  if (plan_.instance_failure_rate_per_s <= 0) return;
  const double wait_s = -std::log(failure_rng_.uniform01()) / plan_.instance_failure_rate_per_s;
  if (wait_s > (ctx.horizon() - ctx.now()).in_seconds()) return;  // beyond the horizon
  instances_[static_cast<size_t>(i)].failure = ctx.schedule_in(
      sim::Duration::from_seconds(wait_s), *this, kRandomFailure, static_cast<uint32_t>(i));
}

std::optional<int> Database::standby() const {
  for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
    if (instances_[static_cast<size_t>(i)].up && primary_ != i) return i;
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
    case kFailoverDone:
      failover_done_ = {};
      finish_failover(ctx, i);
      break;
    case kReplacementUp:
      instances_[static_cast<size_t>(i)].replacement = {};
      place_replacement(ctx, i);
      break;
  }
}

void Database::on_notification(sim::Context& ctx, const sim::Notification& n) {
  switch (n.topic) {
    case kAzDown:
      az_up_[n.subject] = false;
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        if (instances_[static_cast<size_t>(i)].az == static_cast<int>(n.subject)) {
          instance_down(ctx, i, Cause::kAzOutage);
        }
      }
      break;
    case kAzUp:
      az_up_[n.subject] = true;
      for (int i = 0; i < static_cast<int>(instances_.size()); ++i) {
        Instance& inst = instances_[static_cast<size_t>(i)];
        if (inst.up) continue;
        if (inst.az_dark && inst.az == static_cast<int>(n.subject)) {
          ctx.cancel(inst.replacement);  // the instance itself survived: no replacement needed
          instance_up(ctx, i);
        } else if (inst.awaiting_placement && az_is_free_for(static_cast<int>(n.subject), i)) {
          inst.az = static_cast<int>(n.subject);
          instance_up(ctx, i);
        }
      }
      break;
    case kInstanceFault: {
      if (n.subject != static_cast<uint32_t>(plan_.index)) break;
      const bool hits_standby = n.a == 1;
      const std::optional<int> target = hits_standby ? standby() : primary_;
      if (!target) {
        say(ctx, std::string("instance failure finds no ") + (hits_standby ? "standby" : "primary") +
                     " to fail");
        break;
      }
      instance_down(ctx, *target, Cause::kInstanceFailure);
      break;
    }
    default:
      break;
  }
}

void Database::instance_down(sim::Context& ctx, int i, Cause cause) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  if (!inst.up) return;  // already down: its own recovery is under way
  inst.up = false;
  inst.az_dark = cause == Cause::kAzOutage;
  ctx.cancel(inst.failure);
  const char* why = cause == Cause::kAzOutage ? "AZ outage" : "instance failure";
  const bool was_primary = primary_ == i;
  const bool was_promoting = promoting_ == i;
  if (ctx.tracing()) {
    const char* role = was_primary ? "primary" : was_promoting ? "instance being promoted" : "standby";
    say(ctx, std::string(role) + " in " + az_name(inst.az) + " lost (" + why + ")");
  }
  if (was_primary) {
    primary_.reset();
    writable_ = false;
    start_failover(ctx);
    ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
  } else if (was_promoting) {
    ctx.cancel(failover_done_);
    promoting_.reset();
    say(ctx, "failover abandoned: its target is gone; down until an instance is up again");
  }
  // A single-AZ instance in a dark AZ waits for the AZ; anything else is replaced.
  if (!(cause == Cause::kAzOutage && !is_multi_az())) {
    const sim::Duration replace = plan_.replace.sample(replace_rng_);
    inst.replacement = ctx.schedule_in(replace, *this, kReplacementUp, static_cast<uint32_t>(i));
    if (ctx.tracing()) say(ctx, "replacement instance ordered, ready in " + sim::format_duration(replace));
  } else if (ctx.tracing()) {
    say(ctx, "single-AZ: down until " + az_name(inst.az) + " returns");
  }
}

void Database::start_failover(sim::Context& ctx) {
  const std::optional<int> target = standby();
  if (!target) {
    if (is_multi_az()) say(ctx, "no standby to fail over to: down until an instance is up again");
    return;
  }
  pending_failover_.database = plan_.index;
  pending_failover_.started_at = ctx.now();
  pending_failover_.detect = plan_.failover.detect.sample(failover_rng_);
  pending_failover_.promote = plan_.failover.promote.sample(failover_rng_);
  pending_failover_.dns = plan_.failover.dns.sample(failover_rng_);
  promoting_ = target;
  failover_done_ = ctx.schedule_in(pending_failover_.total(), *this, kFailoverDone,
                                   static_cast<uint32_t>(*target));
  if (ctx.tracing()) {
    say(ctx, "automatic failover to the standby in " +
                 az_name(instances_[static_cast<size_t>(*target)].az) + " begins: detect " +
                 sim::format_duration(pending_failover_.detect) + " + promote " +
                 sim::format_duration(pending_failover_.promote) + " + DNS " +
                 sim::format_duration(pending_failover_.dns));
  }
}

void Database::finish_failover(sim::Context& ctx, int i) {
  DRSIM_CHECK(promoting_ == i && instances_[static_cast<size_t>(i)].up && !primary_)
      << plan_.name << " at " << ctx.now().count_us() << " us: failover to instance " << i;
  promoting_.reset();
  primary_ = i;
  writable_ = true;
  recorder_.failover(pending_failover_);
  if (ctx.tracing()) {
    const sim::Duration total = pending_failover_.total();
    const bool inside = total >= plan_.window_lo && total <= plan_.window_hi;
    say(ctx, "failover complete after " + sim::format_duration(total) + " (" +
                 (inside ? "inside" : "outside") + " the " +
                 std::to_string(plan_.window_lo.count_us() / 1'000'000) + "-" +
                 std::to_string(plan_.window_hi.count_us() / 1'000'000) +
                 " s window); writes resume in " + az_name(instances_[static_cast<size_t>(i)].az) +
                 ", no data lost");
  }
  ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), 0, 0});
}

bool Database::az_is_free_for(int az, int i) const {
  if (!az_up_[static_cast<size_t>(az)]) return false;
  for (int j = 0; j < static_cast<int>(instances_.size()); ++j) {
    if (j != i && instances_[static_cast<size_t>(j)].az == az) return false;
  }
  return true;
}

void Database::place_replacement(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  // The same AZ if it is up, else the first AZ of the region that is up and holds no other
  // instance of this database; with none, wait for one to return.
  if (!az_is_free_for(inst.az, i)) {
    for (int az : plan_.region_azs) {
      if (az_is_free_for(az, i)) {
        inst.az = az;
        break;
      }
    }
  }
  if (!az_is_free_for(inst.az, i)) {
    inst.awaiting_placement = true;
    say(ctx, "replacement instance ready but no AZ of the region can take it");
    return;
  }
  instance_up(ctx, i);
}

void Database::instance_up(sim::Context& ctx, int i) {
  Instance& inst = instances_[static_cast<size_t>(i)];
  inst.up = true;
  inst.az_dark = false;
  inst.awaiting_placement = false;
  schedule_random_failure(ctx, i);
  if (primary_ || promoting_) {
    if (ctx.tracing()) say(ctx, "standby ready in " + az_name(inst.az));
    return;
  }
  // Nothing is serving: this instance, on the surviving storage, takes the writes (RPO 0).
  primary_ = i;
  writable_ = true;
  if (ctx.tracing()) {
    say(ctx, "instance in " + az_name(inst.az) + " is up as primary; writes resume, no data lost");
  }
  ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), 0, 0});
}

void Database::say(sim::Context& ctx, const std::string& text) {
  if (ctx.tracing()) recorder_.say(ctx.now(), plan_.name + ": " + text);
}

}  // namespace drsim::models::database
