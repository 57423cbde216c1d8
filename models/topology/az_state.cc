// AZ outage nesting and the AZ down/up notifications.
#include "models/topology/az_state.h"

#include "models/simulation/topics.h"

namespace drsim::models::topology {

AzState::AzState(const Topology& topology, report::Recorder& recorder)
    : topology_(topology), recorder_(recorder),
      active_outages_(static_cast<size_t>(topology.az_count()), 0) {}

void AzState::start(sim::Context& ctx) {
  ctx.subscribe(kAzFaultBegin, *this);
  ctx.subscribe(kAzFaultEnd, *this);
}

void AzState::on_event(sim::Context&, const sim::Event&) {}

void AzState::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const auto az = static_cast<size_t>(n.subject);
  if (n.topic == kAzFaultBegin) {
    if (active_outages_[az]++ == 0) {
      if (ctx.tracing()) recorder_.say(ctx.now(), topology_.az_name(static_cast<int>(az)) + " goes dark");
      ctx.publish({kAzDown, n.subject, 0, 0});
    }
  } else if (n.topic == kAzFaultEnd) {
    DRSIM_CHECK(active_outages_[az] > 0) << "AZ " << az << " ends an outage it does not have";
    if (--active_outages_[az] == 0) {
      if (ctx.tracing()) recorder_.say(ctx.now(), topology_.az_name(static_cast<int>(az)) + " is back");
      ctx.publish({kAzUp, n.subject, 0, 0});
    }
  }
}

}  // namespace drsim::models::topology
