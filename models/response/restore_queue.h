// RestoreQueue: the one shared queue of restores of a trial. At most `parallelism` restores
// run at once; waiting ones start in order of tier (Tier 0 first), then of request. Requests
// made at the same instant (one fire destroying many databases) all queue before any starts,
// so the tier order holds among them too. A restore no longer wanted (the original came back)
// is cancelled, waiting or running, and its slot goes to the next.
//
// Databases deciding on a restore ask wait_p95(): how long a new request of their tier would
// wait, judged (as the decision is) on the 95th-percentile durations of the restores running
// and queued ahead of it, never on their actual durations.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "models/observations/observations.h"
#include "sim/component.h"

namespace drsim::models::response {

class RestoreQueue : public sim::Component {
 public:
  explicit RestoreQueue(int parallelism) : parallelism_(parallelism) {}
  // Tells the restores' starts and waits in the story, naming databases by `names` (by index).
  // Both must outlive the queue.
  void tell(observations::Recorder& recorder, const std::vector<std::string>& names) {
    recorder_ = &recorder;
    names_ = &names;
  }

  std::string_view name() const override { return "restores"; }
  void start(sim::Context& ctx) override;
  void on_event(sim::Context& ctx, const sim::Event& event) override;
  void on_notification(sim::Context& ctx, const sim::Notification& n) override;

  // How long a restore of `tier` requested at `now` would wait for a slot: every running
  // restore ends at its start + p95 (or now, if that has passed), and every waiting restore of
  // the same or a more urgent tier starts before it.
  sim::Duration wait_p95(int tier, sim::SimTime now) const;

 private:
  enum EventKind : uint32_t { kDone, kDispatch };
  // (tier, request sequence, database, duration µs, p95 µs): ordered by tier, then arrival.
  using Waiting = std::tuple<int64_t, uint64_t, uint32_t, int64_t, int64_t>;
  void begin(sim::Context& ctx, uint32_t database, int64_t duration_us, int64_t p95_us);
  void cancel(sim::Context& ctx, uint32_t database);
  // Starts waiting restores, best first, while a slot is free.
  void start_waiting(sim::Context& ctx);
  void say(sim::Context& ctx, uint32_t database, const char* kind, const std::string& text);

  int parallelism_;
  uint64_t requests_ = 0;
  std::set<Waiting> waiting_;
  struct Running {
    uint32_t database;
    sim::SimTime ends_p95;  // when it is assumed to end, at the 95th percentile
    sim::EventId done;
  };
  std::vector<Running> running_;
  sim::EventId dispatch_;  // pending: starts what was requested at this instant
  uint64_t first_new_ = 0;  // the first request of the instant being dispatched
  observations::Recorder* recorder_ = nullptr;
  const std::vector<std::string>* names_ = nullptr;
  mutable std::vector<sim::SimTime> free_at_scratch_;  // wait_p95's heap, kept between calls
};

}  // namespace drsim::models::response
