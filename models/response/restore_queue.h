// RestoreQueue: the one shared queue of restores of a trial. At most `parallelism` restores
// run at once; waiting ones start in order of tier (Tier 0 first), then of request. Requests
// made at the same instant (one fire destroying many databases) all queue before any starts,
// so the tier order holds among them too.
#pragma once

#include <cstdint>
#include <set>
#include <tuple>

#include "models/report/observations.h"
#include "sim/component.h"

namespace drsim::models::response {

class RestoreQueue : public sim::Component {
 public:
  explicit RestoreQueue(int parallelism) : parallelism_(parallelism) {}

  std::string_view name() const override { return "restores"; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;

 private:
  enum EventKind : uint32_t { kDone, kDispatch };
  // (tier, request sequence, database, duration µs): ordered by tier, then arrival.
  using Waiting = std::tuple<int64_t, uint64_t, uint32_t, int64_t>;
  void begin(sim::Context& ctx, uint32_t database, int64_t duration_us);
  // Starts waiting restores, best first, while a slot is free.
  void start_waiting(sim::Context& ctx);

  int parallelism_;
  int running_ = 0;
  uint64_t requests_ = 0;
  std::set<Waiting> waiting_;
  sim::EventId dispatch_;  // pending: starts what was requested at this instant
};

}  // namespace drsim::models::response
