// AzState: the per-trial up/down state of every AZ and region. Outages may overlap; an AZ is
// dark while any outage of it (or of its region) is active, and forever once its region is
// destroyed. Publishes kAzDown / kAzUp / kRegionDown / kRegionUp on transitions only, and
// kAzDestroyed / kRegionDestroyed when data is lost. A region fault is one event: the region's
// notification comes first (its models handle all of its AZs at once), then its AZs'. It keeps
// the trial's Reachability (region outages, disasters and network partitions) up to date.
#pragma once

#include <string>
#include <vector>

#include "models/observations/observations.h"
#include "models/topology/reachability.h"
#include "models/topology/topology.h"
#include "sim/component.h"

namespace drsim::models::topology {

class AzState : public sim::Component {
 public:
  // `reach` is this trial's record; AzState is its only writer.
  AzState(const Topology& topology, observations::Recorder& recorder, Reachability& reach);

  std::string_view name() const override { return "topology"; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;

 private:
  // `quiet`: part of a region fault, which the timeline tells as one event.
  void az_outage_begins(sim::Context& ctx, int az, bool quiet);
  void az_outage_ends(sim::Context& ctx, int az, bool quiet);
  // "use1-az1, use1-az2 and use1-az3".
  std::string azs_of(int region) const;
  // Notes a step of the story (when tracing) and returns its index, or -1.
  // `text` () -> std::string runs only when tracing: no string work on the hot path.
  template <class Text>
  int say(sim::Context& ctx, const std::string& subject, const char* kind, Text&& text) {
    return ctx.tracing() ? recorder_.note(ctx.now(), subject, kind, text()) : -1;
  }

  const Topology& topology_;
  observations::Recorder& recorder_;
  Reachability& reach_;
  std::vector<int> active_outages_;         // by AZ
  std::vector<int> region_outages_;         // by region
  std::vector<bool> region_destroyed_;      // by region
  std::vector<sim::SimTime> dark_since_;         // by AZ: when its current outage began
  std::vector<sim::SimTime> region_down_since_;  // by region: the same
};

}  // namespace drsim::models::topology
