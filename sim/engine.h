// Engine: runs one trial. Components are added, started at time zero, and then events execute
// in (time, seq) order until the queue is empty or the next event lies beyond the horizon.
#pragma once

#include <atomic>
#include <vector>

#include "sim/component.h"

namespace drsim::sim {

struct RunStats {
  uint64_t events = 0;
  uint64_t trace_hash = 0;  // folds (time, seq, kind, subject) of every executed event
  bool interrupted = false;  // stopped by the interrupt flag before the horizon
};

class Engine : public Context {
 public:
  // `horizon`: the trial's end; events scheduled later never run.
  Engine(uint64_t seed, uint64_t trial, SimTime horizon, bool tracing = false)
      : Context(seed, trial, horizon, tracing) {}

  // As if newly constructed for `trial`: no components, events or subscriptions (see
  // Context::reset). A worker running trial after trial keeps one engine and its memory.
  void reset(uint64_t trial);

  // The engine does not own components. REQUIRES: `component` outlives run().
  void add(Component& component) { components_.push_back(&component); }

  // While `*flag` is false events run; once it is true (a signal handler may set it) the run
  // stops within about a thousand events, so Ctrl-C ends even a trial of millions of events.
  // An interrupted run reports it (RunStats::interrupted); its observations are incomplete.
  void set_interrupt(const std::atomic<bool>* flag) { interrupt_ = flag; }
  bool interrupted() const { return interrupted_; }

  // Starts every component, then executes events. On return now() is the horizon.
  // Equivalent to run_until(horizon()); after it, further calls execute nothing.
  RunStats run();

  // Starts every component on the first call, then executes the events due at or before
  // `until` (or the horizon, if earlier). On return now() is min(until, horizon()), so later
  // events may be scheduled from there. Returns the number of events this call executed.
  // For stepping a trial in slices (benchmarks, interactive timelines); a run in slices
  // executes exactly the events, in the same order, as one run(). REQUIRES: until >= now().
  uint64_t run_until(SimTime until);

 private:
  std::vector<Component*> components_;
  bool started_ = false;
  const std::atomic<bool>* interrupt_ = nullptr;
  bool interrupted_ = false;
};

}  // namespace drsim::sim
