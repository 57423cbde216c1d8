// FaultInjector: turns the scenario's faults into events of one trial. A fault at `at` (a fixed
// offset or a distribution drawn once per trial) fires once per target; a fault with a `rate`
// fires as a Poisson process per target (overlapping AZ outages merge in AzState); a planned
// event with `every` fires on that schedule. Planned events are told as planned, not as faults. Random
// instance failures are not scheduled here: each Database draws its own instances' failures
// (the plan carries the rate), since instances come and go with replacements.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/observations/observations.h"
#include "models/scenario/scenario.h"
#include "sim/component.h"

namespace drsim::models::faults {

struct FaultPlan {
  scenario::FaultKind kind = scenario::FaultKind::kAzOutage;
  std::vector<int> targets;  // AZ, region or database indices, as the kind requires
  std::vector<std::string> target_names;
  std::optional<sim::Distribution> at;
  std::optional<double> rate_per_s;
  std::optional<sim::Distribution> duration;
  scenario::InstanceRole instance = scenario::InstanceRole::kPrimary;
  bool destroys_data = false;
  std::optional<sim::Distribution> detect_after;  // logical faults
  std::optional<int> to_region;                   // switchover: the region taking the writer
  // Planned events: every this long, the first at `at` (drawn once per trial) or at `every`.
  std::optional<sim::Duration> every;
  std::string to_name;
  // Logical faults: how many of the targets each occurrence hits, chosen at random per
  // occurrence (all when unset).
  std::optional<int> scope_count;
  std::vector<scenario::TraceRow> trace_rows;  // replayed occurrences (start, end)
};

class FaultInjector : public sim::Component {
 public:
  FaultInjector(const std::vector<FaultPlan>& faults, observations::Recorder& recorder);

  std::string_view name() const override { return "faults"; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;

 private:
  enum EventKind : uint32_t { kFire, kEnd, kFireScoped, kFireTrace };
  // `duration`: the occurrence's own length (trace rows); otherwise drawn from the fault's.
  // Notes a fault in the story (when tracing) and returns its index, or -1.
  // `text` () -> std::string runs only when tracing: no string work on the hot path.
  template <class Text>
  int tell(sim::Context& ctx, const std::string& subject, Text&& text) {
    return ctx.tracing() ? recorder_.note(ctx.now(), subject, "fault", text()) : -1;
  }
  void fire(sim::Context& ctx, int fault, int target,
            std::optional<sim::Duration> duration = std::nullopt);
  void schedule_next_arrival(sim::Context& ctx, int fault, int target);

  const std::vector<FaultPlan>& faults_;
  observations::Recorder& recorder_;
  std::vector<sim::Rng> rngs_;  // one stream per fault
};

}  // namespace drsim::models::faults
