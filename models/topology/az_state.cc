// AZ and region outage nesting and the down/up/destroyed notifications.
#include "models/topology/az_state.h"

#include "models/simulation/topics.h"

namespace drsim::models::topology {

AzState::AzState(const Topology& topology, report::Recorder& recorder)
    : topology_(topology), recorder_(recorder),
      active_outages_(static_cast<size_t>(topology.az_count()), 0),
      region_outages_(static_cast<size_t>(topology.region_count()), 0),
      region_destroyed_(static_cast<size_t>(topology.region_count()), false) {}

void AzState::start(sim::Context& ctx) {
  for (Topic t : {kAzFaultBegin, kAzFaultEnd, kRegionFaultBegin, kRegionFaultEnd, kRegionDisaster}) {
    ctx.subscribe(t, *this);
  }
}

void AzState::on_event(sim::Context&, const sim::Event&) {}

void AzState::say(sim::Context& ctx, const std::string& text) {
  if (ctx.tracing()) recorder_.say(ctx.now(), text);
}

void AzState::az_outage_begins(sim::Context& ctx, int az) {
  if (active_outages_[static_cast<size_t>(az)]++ == 0) {
    say(ctx, topology_.az_name(az) + " goes dark");
    ctx.publish({kAzDown, static_cast<uint32_t>(az), 0, 0});
  }
}

void AzState::az_outage_ends(sim::Context& ctx, int az) {
  DRSIM_CHECK(active_outages_[static_cast<size_t>(az)] > 0)
      << "AZ " << az << " ends an outage it does not have";
  if (--active_outages_[static_cast<size_t>(az)] == 0) {
    say(ctx, topology_.az_name(az) + " is back");
    ctx.publish({kAzUp, static_cast<uint32_t>(az), 0, 0});
  }
}

void AzState::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int subject = static_cast<int>(n.subject);
  switch (n.topic) {
    case kAzFaultBegin:
      az_outage_begins(ctx, subject);
      if (n.a == 1) {
        say(ctx, "everything stored in " + topology_.az_name(subject) + " is destroyed");
        ctx.publish({kAzDestroyed, n.subject, 0, 0});
      }
      break;
    case kAzFaultEnd:
      az_outage_ends(ctx, subject);
      break;
    case kRegionFaultBegin:
      if (region_destroyed_[static_cast<size_t>(subject)]) break;
      if (region_outages_[static_cast<size_t>(subject)]++ == 0) {
        say(ctx, topology_.region_name(subject) + " is unreachable (data intact)");
        ctx.publish({kRegionDown, n.subject, 0, 0});
      }
      for (int az : topology_.azs_of_region(subject)) az_outage_begins(ctx, az);
      break;
    case kRegionFaultEnd:
      if (region_destroyed_[static_cast<size_t>(subject)]) break;
      for (int az : topology_.azs_of_region(subject)) az_outage_ends(ctx, az);
      if (--region_outages_[static_cast<size_t>(subject)] == 0) {
        say(ctx, topology_.region_name(subject) + " is reachable again");
        ctx.publish({kRegionUp, n.subject, 0, 0});
      }
      break;
    case kRegionDisaster:
      if (region_destroyed_[static_cast<size_t>(subject)]) break;
      region_destroyed_[static_cast<size_t>(subject)] = true;
      say(ctx, topology_.region_name(subject) +
                   " is destroyed, with its instances, backup storage and object stores");
      if (region_outages_[static_cast<size_t>(subject)]++ == 0) {
        ctx.publish({kRegionDown, n.subject, 0, 0});
      }
      for (int az : topology_.azs_of_region(subject)) {
        az_outage_begins(ctx, az);  // never ends
        ctx.publish({kAzDestroyed, static_cast<uint32_t>(az), 0, 0});
      }
      ctx.publish({kRegionDestroyed, n.subject, 0, 0});
      break;
    default:
      break;
  }
}

}  // namespace drsim::models::topology
