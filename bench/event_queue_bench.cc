// Push/pop cost of the event queue at a steady population.
#include <benchmark/benchmark.h>

#include "sim/event_queue.h"
#include "sim/rng.h"

namespace drsim::sim {
namespace {

void BM_EventQueueHold(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  EventQueue queue;
  Rng rng(1);
  for (size_t i = 0; i < pending; ++i) {
    queue.push(SimTime::from_micros(static_cast<int64_t>(rng.below(1'000'000))), Event{});
  }
  EventKey key;
  Event event;
  for (auto _ : state) {
    queue.pop(key, event);
    queue.push(SimTime::from_micros(key.at_us() + static_cast<int64_t>(rng.below(1'000'000))),
               event);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Range(1 << 10, 1 << 20);

}  // namespace
}  // namespace drsim::sim
