// Object store availability, destruction and switch to the replica.
#include "models/object_store/object_store.h"

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::object_store {

ObjectStore::ObjectStore(const ObjectStorePlan& plan, const topology::Topology& topology,
                         const topology::Reachability& reach, observations::Recorder& recorder)
    : plan_(plan), topology_(topology), reach_(reach), recorder_(recorder), region_(plan.region) {}

void ObjectStore::start(sim::Context& ctx) {
  for (Topic t : {kRegionDown, kRegionUp, kRegionDestroyed}) ctx.subscribe(t, *this);
  rng_ = ctx.rng("store/" + plan_.name);
}

int ObjectStore::say(sim::Context& ctx, const char* kind, const std::string& text, int cause) {
  return ctx.tracing() ? recorder_.note(ctx.now(), plan_.name, kind, plan_.name + ": " + text, {}, cause)
                       : -1;
}

void ObjectStore::go_down(sim::Context& ctx, const std::string& why) {
  if (!available_) return;
  const observations::Recorder::Because because(recorder_, say(ctx, "writes_stopped", why));
  available_ = false;
  decided_ = false;
  lag_at_failure_.reset();
  if (plan_.lag && plan_.replicate_to) {
    // Its usual lag, plus however long replication had been stalled before the failure.
    const std::optional<sim::SimTime> cut = reach_.cut_since(region_, *plan_.replicate_to, ctx.now());
    lag_at_failure_ = plan_.lag->sample(rng_) + (cut ? ctx.now() - *cut : sim::Duration());
  }
  incident_ = observations::Incident{store_index(), ctx.now(), ctx.now(), std::nullopt,
                                     sim::Duration(), false};
  incident_->lost_writes.reset();  // uploads are not counted as writes (docs/results.md)
  ctx.publish({kDatabaseDown, static_cast<uint32_t>(plan_.index), 0, 0});
}

void ObjectStore::close_incident(sim::Context& ctx, sim::Duration lost) {
  if (!incident_) return;
  incident_->serving_again_at = ctx.now();
  if (!incident_->total_loss) incident_->rpo = lost;
  recorder_.store_downtime(store_index(), ctx.now() - incident_->started_at);
  recorder_.store_incident(*incident_);
  incident_.reset();
}

void ObjectStore::finish(sim::SimTime horizon) {
  if (!incident_) return;
  recorder_.store_downtime(store_index(), horizon - incident_->started_at);
  // Still down: what it loses is not known yet, unless everything is lost.
  if (!incident_->total_loss) incident_->rpo.reset();
  recorder_.store_incident(*incident_);  // serving_again_at stays empty: censored
  incident_.reset();
}

void ObjectStore::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int region = static_cast<int>(n.subject);
  if (plan_.replicate_to && region == *plan_.replicate_to && region != region_) {
    if (n.topic == kRegionDestroyed) replica_lost_ = true;
    if (n.topic == kRegionDown) replica_region_up_ = false;
    if (n.topic == kRegionUp) {
      replica_region_up_ = true;
      if (decided_ && !available_ && !switching_) decide(ctx);  // the replica is back in reach
      return;
    }
    if ((n.topic == kRegionDown || n.topic == kRegionDestroyed) && switching_) {
      // The switch needs the replica's region: it stops, and the response decides again (it
      // waits for the region, or finds nothing left).
      ctx.cancel(switch_);
      switch_ = {};
      switching_ = false;
      say(ctx, "recovery_abandoned",
          "the replica's region " + topology_.region_name(region) +
              (n.topic == kRegionDestroyed ? " is destroyed" : " is out of reach") +
              " before the switch completes: the switch stops");
      decide(ctx);
    } else if (n.topic == kRegionDestroyed && decided_ && !available_) {
      decide(ctx);  // it was waiting for the replica's region, which will not come back
    }
  }
  if (region != region_ || destroyed_) return;
  switch (n.topic) {
    case kRegionDown:
      go_down(ctx, "unavailable with its region");
      if (plan_.response.decide_after && plan_.replicate_to) {
        // The response acknowledges the outage, then waits decide_after for the region.
        const sim::Duration ack = plan_.response.detect.sample(rng_) + plan_.response.ack.sample(rng_);
        decide_ = ctx.schedule_in(ack + *plan_.response.decide_after, *this, kDecide);
      }
      break;
    case kRegionUp: {
      if (available_) break;
      ctx.cancel(decide_);
      if (switching_) {
        ctx.cancel(switch_);
        switching_ = false;
        say(ctx, "recovery_abandoned",
            "its region is back before the switch to the replica completes: the switch is "
            "abandoned");
      }
      available_ = true;
      const observations::Recorder::Because because(
          recorder_, say(ctx, "writes_resumed", "available again with its region, nothing lost"));
      close_incident(ctx, sim::Duration());
      ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), 0, 0,
                   recovery_code(RecoveryKind::kWait)});
      break;
    }
    case kRegionDestroyed: {
      go_down(ctx, "destroyed with its region");
      destroyed_ = true;
      ctx.cancel(decide_);
      const sim::Duration delay =
          plan_.response.detect.sample(rng_) + plan_.response.ack.sample(rng_);
      decide_ = ctx.schedule_in(delay, *this, kDecide);
      break;
    }
    default:
      break;
  }
}

void ObjectStore::decide(sim::Context& ctx) {
  if (available_ || switching_) return;
  decided_ = true;
  const bool replica_exists = plan_.replicate_to && !replica_lost_ && *plan_.replicate_to != region_;
  if (!replica_exists) {
    if (destroyed_) {
      if (incident_ && incident_->total_loss) return;  // told already
      const observations::Recorder::Because because(
          recorder_, say(ctx, "total_loss", "no replica survives: the attachments are lost"));
      if (incident_) {
        incident_->total_loss = true;
        incident_->rpo.reset();
      }
      ctx.publish({kDatabaseLost, static_cast<uint32_t>(plan_.index), 0, 0});
    }
    return;  // an outage without a replica is waited out
  }
  if (!replica_region_up_) {
    say(ctx, "waiting", "the replica's region " + topology_.region_name(*plan_.replicate_to) +
                 " is out of reach: waiting");
    return;  // decided again when it returns
  }
  const sim::Duration lag = lag_at_failure_.value_or(sim::Duration());
  if (!destroyed_ && lag > plan_.target.rpo) {
    say(ctx, "waiting", "the replica lags " + sim::spoken_duration(lag) +
                            ", beyond the RPO target: waiting for the region");
    return;
  }
  switching_ = true;
  const sim::Duration execute = plan_.response.execute.sample(rng_);
  say(ctx, "store_decision", "decision: switch to the replica in " +
                           topology_.region_name(*plan_.replicate_to) + " (loses " +
                           sim::spoken_duration(lag) + " of uploads)");
  switch_ = ctx.schedule_in(execute, *this, kSwitched);
}

void ObjectStore::on_event(sim::Context& ctx, const sim::Event& event) {
  if (event.kind == kDecide) {
    decide_ = {};
    decide(ctx);
    return;
  }
  // kSwitched: the replica region serves; the store now lives there, without a replica.
  switch_ = {};
  switching_ = false;
  available_ = true;
  destroyed_ = false;
  region_ = *plan_.replicate_to;
  const sim::Duration lag = lag_at_failure_.value_or(sim::Duration());
  const observations::Recorder::Because because(
      recorder_, say(ctx, "writes_resumed",
                     "serving from " + topology_.region_name(region_) + ", " +
                         sim::spoken_duration(lag) + " of uploads lost"));
  close_incident(ctx, lag);
  ctx.publish({kDatabaseUp, static_cast<uint32_t>(plan_.index), lag.count_us(), 0,
               recovery_code(RecoveryKind::kSwitch, region_)});
}

}  // namespace drsim::models::object_store
