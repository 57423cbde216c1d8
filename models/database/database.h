// Database: one RDS-style database in one trial. Single-AZ: one instance; an instance failure
// is an outage until a replacement is up, an AZ outage one until the AZ returns. Multi-AZ: a
// primary and a synchronous standby in another AZ; losing the primary (instance failure or its
// AZ going dark) starts an automatic failover = detection + promotion + DNS, drawn per event,
// with RPO 0; the failed instance is replaced (`replace`) and becomes the new standby; a failure
// while there is no standby is an outage until an instance is up again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/report/observations.h"
#include "models/scenario/scenario.h"
#include "sim/component.h"

namespace drsim::models::database {

// What a trial needs to know about one database, with names resolved to indices.
struct DatabasePlan {
  int index = 0;
  std::string name;
  scenario::Deployment deployment = scenario::Deployment::kSingleAz;
  std::vector<int> azs;         // initial AZ of each instance: primary first, then the standby
  std::vector<int> region_azs;  // where replacements may go, in the scenario's order
  std::vector<std::string> az_names;  // by global AZ index, for the timeline
  sim::Distribution replace = sim::Distribution::constant(sim::Duration());
  scenario::FailoverSpec failover;
  double instance_failure_rate_per_s = 0;  // each instance fails independently at this rate
  sim::Duration window_lo, window_hi;      // failover_window, for the timeline's verdict
};

// Invariant: at most one instance is primary; `writable_` iff a primary is up; an instance
// being promoted is up and is not the primary.
class Database : public sim::Component {
 public:
  Database(const DatabasePlan& plan, int az_count, report::Recorder& recorder);

  std::string_view name() const override { return plan_.name; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;

  bool is_writable() const { return writable_; }
  std::optional<int> primary() const { return primary_; }

 private:
  enum EventKind : uint32_t { kRandomFailure, kFailoverDone, kReplacementUp };
  enum class Cause { kInstanceFailure, kAzOutage };

  struct Instance {
    int az = 0;
    bool up = true;
    bool az_dark = false;            // down because its AZ is dark; recovers when the AZ returns
    bool awaiting_placement = false;  // replacement ready but no AZ to put it in
    sim::EventId failure;             // the next random failure
    sim::EventId replacement;
  };

  bool is_multi_az() const { return instances_.size() > 1; }
  void instance_down(sim::Context& ctx, int i, Cause cause);
  void instance_up(sim::Context& ctx, int i);
  void start_failover(sim::Context& ctx);
  void finish_failover(sim::Context& ctx, int i);
  void place_replacement(sim::Context& ctx, int i);
  bool az_is_free_for(int az, int i) const;
  void schedule_random_failure(sim::Context& ctx, int i);
  std::optional<int> standby() const;
  void say(sim::Context& ctx, const std::string& text);
  const std::string& az_name(int az) const { return plan_.az_names[static_cast<size_t>(az)]; }

  const DatabasePlan& plan_;
  report::Recorder& recorder_;
  std::vector<bool> az_up_;  // by global AZ index, as last notified
  std::vector<Instance> instances_;
  std::optional<int> primary_;
  std::optional<int> promoting_;
  sim::EventId failover_done_;
  report::FailoverRecord pending_failover_;
  bool writable_ = true;
  sim::Rng failure_rng_{0}, failover_rng_{0}, replace_rng_{0};
};

}  // namespace drsim::models::database
