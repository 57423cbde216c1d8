// ObjectStore: a regional, S3-like store of attachments, optionally replicated asynchronously
// to another region (replication lag drawn at a failure, e.g. replication time control:
// 99.99 % within 15 minutes, aws-facts §1.7, plus however long replication had been stalled by
// either region being cut off). It survives AZ outages (stored across AZs), is unavailable while
// its region is, and is destroyed with its region in a disaster. After a disaster the response
// switches to the replica once detected and acknowledged; during an outage it waits
// `decide_after` from the acknowledgement and then switches if the replica's lag meets the
// tier's RPO target. A switch needs the replica's region reachable; if the store's own region
// returns while the switch is under way, the switch is abandoned and nothing is lost; if the
// replica's region goes dark or is destroyed while it is under way, the switch stops and the
// response decides again (waiting for that region, or finding nothing left). The
// attachments' loss joins the databases' in the service's RPO, and the store's own incidents
// (index from 0 among object stores) are recorded for its own verdict.
#pragma once

#include <optional>
#include <string>

#include "models/database/database.h"
#include "models/observations/observations.h"
#include "models/topology/reachability.h"
#include "sim/component.h"

namespace drsim::models::object_store {

struct ObjectStorePlan {
  int index = 0;       // data-store index: after the databases
  int first_store = 0;  // the data-store index of the first object store (the database count)
  std::string name;
  int region = 0;
  std::optional<int> replicate_to;
  std::optional<sim::Distribution> lag;
  int tier = 3;
  scenario::TierTarget target;
  database::ResponsePlan response;
};

class ObjectStore : public sim::Component {
 public:
  ObjectStore(const ObjectStorePlan& plan, const topology::Topology& topology,
              const topology::Reachability& reach, observations::Recorder& recorder);

  std::string_view name() const override { return plan_.name; }
  // Its index among the scenario's object stores (data-store index minus the databases).
  int store_index() const { return plan_.index - plan_.first_store; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;
  // Records the incident still open at the horizon (censored). Called once, after the run.
  void finish(sim::SimTime horizon);

 private:
  // The store takes uploads again, losing `lost` of them: its incident ends.
  void close_incident(sim::Context& ctx, sim::Duration lost);
  enum EventKind : uint32_t { kDecide, kSwitched };
  // Stops taking writes (when available), told as `why`.
  void go_down(sim::Context& ctx, const std::string& why);
  void decide(sim::Context& ctx);
  // Notes a step of the story (when tracing) and returns its index, or -1.
  int say(sim::Context& ctx, const char* kind, const std::string& text, int cause = -1);

  const ObjectStorePlan& plan_;
  const topology::Topology& topology_;
  const topology::Reachability& reach_;
  observations::Recorder& recorder_;
  sim::Rng rng_{0};
  int region_;
  bool available_ = true;
  bool destroyed_ = false;       // its current region was destroyed
  bool replica_lost_ = false;    // the replica's region was destroyed
  bool replica_region_up_ = true;  // the replica's region is reachable (no outage)
  bool switching_ = false;
  std::optional<sim::Duration> lag_at_failure_;
  bool decided_ = false;  // the response's decision time has come (it may have found no way)
  sim::EventId decide_, switch_;
  std::optional<observations::Incident> incident_;  // open while the store cannot take uploads
};

}  // namespace drsim::models::object_store
