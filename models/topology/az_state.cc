// AZ and region outage nesting and the down/up/destroyed notifications.
#include "models/topology/az_state.h"

#include "models/notifications/topics.h"
#include "sim/units.h"

namespace drsim::models::topology {

AzState::AzState(const Topology& topology, observations::Recorder& recorder, Reachability& reach)
    : topology_(topology),
      recorder_(recorder),
      reach_(reach),
      active_outages_(static_cast<size_t>(topology.az_count()), 0),
      region_outages_(static_cast<size_t>(topology.region_count()), 0),
      region_destroyed_(static_cast<size_t>(topology.region_count()), false),
      dark_since_(static_cast<size_t>(topology.az_count())),
      region_down_since_(static_cast<size_t>(topology.region_count())) {}

void AzState::start(sim::Context& ctx) {
  for (Topic t : {kAzFaultBegin, kAzFaultEnd, kRegionFaultBegin, kRegionFaultEnd, kRegionDisaster,
                  kPartitionBegin, kPartitionEnd}) {
    ctx.subscribe(t, *this);
  }
}

void AzState::on_event(sim::Context&, const sim::Event&) {}

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
    dark_since_[static_cast<size_t>(az)] = ctx.now();
    const observations::Recorder::Because because(
        recorder_, quiet ? -1 : say(ctx, topology_.az_name(az), "az_down", [&] {
          return std::string(topology_.az_name(az) + " goes dark");
        }));
    reach_.az_goes_dark(az);
    ctx.publish({kAzDown, static_cast<uint32_t>(az), 0, 0});
  }
}

void AzState::az_outage_ends(sim::Context& ctx, int az, bool quiet) {
  DRSIM_CHECK(active_outages_[static_cast<size_t>(az)] > 0)
      << "AZ " << az << " ends an outage it does not have";
  if (--active_outages_[static_cast<size_t>(az)] == 0) {
    const observations::Recorder::Because because(
        recorder_, quiet || !ctx.tracing() ? -1 : say(ctx, topology_.az_name(az), "az_up", [&] {
          return std::string(
              topology_.az_name(az) + " is back after " +
              sim::spoken_duration(ctx.now() - dark_since_[static_cast<size_t>(az)]));
        }));
    reach_.az_comes_back(az);
    ctx.publish({kAzUp, static_cast<uint32_t>(az), 0, 0});
  }
}

void AzState::on_notification(sim::Context& ctx, const sim::Notification& n) {
  const int subject = static_cast<int>(n.subject);
  const auto r = static_cast<size_t>(subject);
  switch (n.topic) {
    case kAzFaultBegin:
      if (n.a == 1) {
        // One event in the story, the destruction told first; models hear the AZ go dark, then
        // its data destroyed, in the order they always have.
        const observations::Recorder::Because because(
            recorder_, say(ctx, topology_.az_name(subject), "az_destroyed", [&] {
              return std::string(topology_.az_name(subject) +
                                 " goes dark and everything stored in it is destroyed");
            }));
        az_outage_begins(ctx, subject, true);
        ctx.publish({kAzDestroyed, n.subject, 0, 0});
      } else {
        az_outage_begins(ctx, subject, false);
      }
      break;
    case kAzFaultEnd:
      az_outage_ends(ctx, subject, false);
      break;
    case kRegionFaultBegin:
      if (region_destroyed_[r]) break;
    {
      int told = -1;
      const bool first = region_outages_[r]++ == 0;
      if (first) {
        region_down_since_[r] = ctx.now();
        told = say(ctx, topology_.region_name(subject), "region_down", [&] {
          return std::string(topology_.region_name(subject) +
                             " is unreachable (data intact): " + azs_of(subject) + " go dark");
        });
        reach_.cut_begins(subject, ctx.now());
      }
      const observations::Recorder::Because because(recorder_, told);
      if (first) ctx.publish({kRegionDown, n.subject, 0, 0});
      for (int az : topology_.azs_of_region(subject)) az_outage_begins(ctx, az, true);
      break;
    }
    case kRegionFaultEnd:
      if (region_destroyed_[r]) break;
    {
      int told = -1;
      const bool back = --region_outages_[r] == 0;
      if (back) {
        if (ctx.tracing()) {
          told = say(ctx, topology_.region_name(subject), "region_up", [&] {
            return std::string(topology_.region_name(subject) + " is reachable again after " +
                               sim::spoken_duration(ctx.now() - region_down_since_[r]));
          });
        }
        reach_.cut_ends(subject, ctx.now());
      }
      const observations::Recorder::Because because(recorder_, told);
      if (back) ctx.publish({kRegionUp, n.subject, 0, 0});
      // The AZs come back with it, except those with an outage of their own still under way.
      for (int az : topology_.azs_of_region(subject)) az_outage_ends(ctx, az, true);
      break;
    }
    case kRegionDisaster: {
      if (region_destroyed_[r]) break;
      region_destroyed_[r] = true;
      const observations::Recorder::Because because(
          recorder_, say(ctx, topology_.region_name(subject), "region_destroyed", [&] {
            return std::string(topology_.region_name(subject) +
                               " is destroyed: " + azs_of(subject) +
                               ", with every instance, the backup storage and "
                               "the object stores there");
          }));
      reach_.destroyed(subject, ctx.now());
      // The destruction first: a model that loses everything in the region at
      // once never sees the region as merely unreachable.
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
