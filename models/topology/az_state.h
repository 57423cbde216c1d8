// AzState: the per-trial up/down state of every AZ. Outages may overlap; an AZ is down while
// any outage of it is active. Publishes kAzDown / kAzUp on transitions only.
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
  const Topology& topology_;
  report::Recorder& recorder_;
  std::vector<int> active_outages_;  // by AZ
};

}  // namespace drsim::models::topology
