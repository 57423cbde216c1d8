// Object store availability, destruction and switch to the replica.
#include "models/object_store/object_store.h"

#include "models/simulation/topics.h"
#include "sim/units.h"

namespace drsim::models::object_store {

ObjectStore::ObjectStore(const ObjectStorePlan& plan, const topology::Topology& topology,
                         report::Recorder& recorder)
    : plan_(plan), topology_(topology), recorder_(recorder), region_(plan.region) {}

void ObjectStore::start(sim::Context& ctx) {
  for (Topic t : {kRegionDown, kRegionUp, kRegionDestroyed}) ctx.subscribe(t, *this);
  rng_ = ctx.rng("store/" + plan_.name);
}

void ObjectStore::say(sim::Context& ctx, const std::string& text) {
  if (ctx.tracing()) recorder_.say(ctx.now(), plan_.name + ": " + text);
}

void ObjectStore::go_down(sim::Context& ctx) {
  if (!available_) return;
  available_ = false;
  lag_at_failure_.reset();
  if (plan_.lag) lag_at_failure_ = plan_.lag->sample(rng_);
  ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
}

void ObjectStore::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int region = static_cast<int>(n.subject);
  if (n.topic == kRegionDestroyed && plan_.replicate_to && region == *plan_.replicate_to &&
      region != region_) {
    replica_lost_ = true;
  }
  if (region != region_ || destroyed_) return;
  switch (n.topic) {
    case kRegionDown:
      go_down(ctx);
      say(ctx, "unavailable with its region");
      if (plan_.response.decide_after && plan_.replicate_to) {
        decide_ = ctx.schedule_in(*plan_.response.decide_after, *this, kDecide);
      }
      break;
    case kRegionUp:
      if (available_ || switching_) break;
      ctx.cancel(decide_);
      available_ = true;
      say(ctx, "available again with its region, nothing lost");
      ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), 0, 0});
      break;
    case kRegionDestroyed: {
      go_down(ctx);
      destroyed_ = true;
      ctx.cancel(decide_);
      const sim::Duration delay =
          plan_.response.detect.sample(rng_) + plan_.response.ack.sample(rng_);
      say(ctx, "destroyed with its region");
      decide_ = ctx.schedule_in(delay, *this, kDecide);
      break;
    }
    default:
      break;
  }
}

void ObjectStore::decide(sim::Context& ctx) {
  if (available_ || switching_) return;
  const bool replica_usable = plan_.replicate_to && !replica_lost_ && *plan_.replicate_to != region_;
  if (!replica_usable) {
    if (destroyed_) {
      say(ctx, "no replica survives: the attachments are lost");
      ctx.publish({kDatabaseLost, static_cast<uint32_t>(plan_.index), 0, 0});
    }
    return;  // an outage without a replica is waited out
  }
  const sim::Duration lag = lag_at_failure_.value_or(sim::Duration());
  if (!destroyed_ && lag > plan_.target.rpo) {
    say(ctx, "the replica lags " + sim::format_duration(lag) + ", beyond the RPO target: waiting for the region");
    return;
  }
  switching_ = true;
  const sim::Duration execute = plan_.response.execute.sample(rng_);
  say(ctx, "decision: switch to the replica in " + topology_.region_name(*plan_.replicate_to) +
               " (loses " + sim::format_duration(lag) + ")");
  ctx.schedule_in(execute, *this, kSwitched);
}

void ObjectStore::on_event(sim::Context& ctx, const sim::Event& event) {
  if (event.kind == kDecide) {
    decide_ = {};
    decide(ctx);
    return;
  }
  // kSwitched: the replica region serves; the store now lives there, without a replica.
  switching_ = false;
  available_ = true;
  destroyed_ = false;
  region_ = *plan_.replicate_to;
  const sim::Duration lag = lag_at_failure_.value_or(sim::Duration());
  say(ctx, "serving from " + topology_.region_name(region_) + ", " + sim::format_duration(lag) +
               " of uploads lost");
  ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), lag.count_us(), 0});
}

}  // namespace drsim::models::object_store
