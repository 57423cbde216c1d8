// AzState: the per-trial up/down state of every AZ and region. Outages may overlap; an AZ is
// dark while any outage of it (or of its region) is active, and forever once its region is
// destroyed. Publishes kAzDown / kAzUp / kRegionDown / kRegionUp on transitions only, and
// kAzDestroyed / kRegionDestroyed when data is lost.
#pragma once

#include <vector>

#include "models/report/observations.h"
#include "models/topology/topology.h"
#include "sim/component.h"

namespace drsim::models::topology {

class AzState : public sim::Component {
 public:
  AzState(const Topology& topology, report::Recorder& recorder);

  std::string_view name() const override { return "topology"; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;

 private:
  void az_outage_begins(sim::Context& ctx, int az);
  void az_outage_ends(sim::Context& ctx, int az);
  void say(sim::Context& ctx, const std::string& text);

  const Topology& topology_;
  report::Recorder& recorder_;
  std::vector<int> active_outages_;         // by AZ
  std::vector<int> region_outages_;         // by region
  std::vector<bool> region_destroyed_;      // by region
};

}  // namespace drsim::models::topology
