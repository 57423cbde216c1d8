// AZ and region outage nesting and the down/up/destroyed notifications.
#include "models/topology/az_state.h"

#include "models/simulation/topics.h"

namespace drsim::models::topology {

AzState::AzState(const Topology& topology, report::Recorder& recorder, Reachability& reach)
    : topology_(topology), recorder_(recorder), reach_(reach),
      active_outages_(static_cast<size_t>(topology.az_count()), 0),
      region_outages_(static_cast<size_t>(topology.region_count()), 0),
      region_destroyed_(static_cast<size_t>(topology.region_count()), false) {}

void AzState::start(sim::Context& ctx) {
  for (Topic t : {kAzFaultBegin, kAzFaultEnd, kRegionFaultBegin, kRegionFaultEnd, kRegionDisaster,
                  kPartitionBegin, kPartitionEnd}) {
    ctx.subscribe(t, *this);
  }
}

void AzState::on_event(sim::Context&, const sim::Event&) {}

void AzState::say(sim::Context& ctx, const std::string& text) {
  if (ctx.tracing()) recorder_.say(ctx.now(), text);
}

std::string AzState::azs_of(int region) const {
  const std::vector<int>& azs = topology_.azs_of_region(region);
  std::string out;
  for (size_t i = 0; i < azs.size(); ++i) {
    if (i > 0) out += i + 1 == azs.size() ? " and " : ", ";
    out += topology_.az_name(azs[i]);
  }
  return out;
}

void AzState::az_outage_begins(sim::Context& ctx, int az, bool quiet) {
  if (active_outages_[static_cast<size_t>(az)]++ == 0) {
    if (!quiet) say(ctx, topology_.az_name(az) + " goes dark");
    ctx.publish({kAzDown, static_cast<uint32_t>(az), 0, 0});
  }
}

void AzState::az_outage_ends(sim::Context& ctx, int az, bool quiet) {
  DRSIM_CHECK(active_outages_[static_cast<size_t>(az)] > 0)
      << "AZ " << az << " ends an outage it does not have";
  if (--active_outages_[static_cast<size_t>(az)] == 0) {
    if (!quiet) say(ctx, topology_.az_name(az) + " is back");
    ctx.publish({kAzUp, static_cast<uint32_t>(az), 0, 0});
  }
}

void AzState::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int subject = static_cast<int>(n.subject);
  const auto r = static_cast<size_t>(subject);
  switch (n.topic) {
    case kAzFaultBegin:
      az_outage_begins(ctx, subject, false);
      if (n.a == 1) {
        say(ctx, "everything stored in " + topology_.az_name(subject) + " is destroyed");
        ctx.publish({kAzDestroyed, n.subject, 0, 0});
      }
      break;
    case kAzFaultEnd:
      az_outage_ends(ctx, subject, false);
      break;
    case kRegionFaultBegin:
      if (region_destroyed_[r]) break;
      if (region_outages_[r]++ == 0) {
        say(ctx, topology_.region_name(subject) + " is unreachable (data intact): " + azs_of(subject) +
                     " go dark");
        reach_.cut_begins(subject, ctx.now());
        ctx.publish({kRegionDown, n.subject, 0, 0});
      }
      for (int az : topology_.azs_of_region(subject)) az_outage_begins(ctx, az, true);
      break;
    case kRegionFaultEnd:
      if (region_destroyed_[r]) break;
      if (--region_outages_[r] == 0) {
        say(ctx, topology_.region_name(subject) + " is reachable again");
        reach_.cut_ends(subject, ctx.now());
        ctx.publish({kRegionUp, n.subject, 0, 0});
      }
      // The AZs come back with it, except those with an outage of their own still under way.
      for (int az : topology_.azs_of_region(subject)) az_outage_ends(ctx, az, true);
      break;
    case kRegionDisaster: {
      if (region_destroyed_[r]) break;
      region_destroyed_[r] = true;
      say(ctx, topology_.region_name(subject) + " is destroyed: " + azs_of(subject) +
                   ", with every instance, the backup storage and the object stores there");
      reach_.destroyed(subject, ctx.now());
      // The destruction first: a model that loses everything in the region at once never
      // sees the region as merely unreachable.
      ctx.publish({kRegionDestroyed, n.subject, 0, 0});
      if (region_outages_[r]++ == 0) ctx.publish({kRegionDown, n.subject, 0, 0});
      for (int az : topology_.azs_of_region(subject)) {
        az_outage_begins(ctx, az, true);  // never ends
        ctx.publish({kAzDestroyed, static_cast<uint32_t>(az), 0, 0});
      }
      break;
    }
    case kPartitionBegin:
      reach_.cut_begins(subject, ctx.now());
      break;
    case kPartitionEnd:
      reach_.cut_ends(subject, ctx.now());
      break;
    default:
      break;
  }
}

}  // namespace drsim::models::topology
