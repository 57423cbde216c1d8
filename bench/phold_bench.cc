// PHOLD, the classic synthetic DES workload, on the drsim engine (BM_Phold) and on a minimal
// std::priority_queue loop (BM_PholdBaseline), to show what the engine's dispatch costs per event.
// Arguments: (pending events, logical processes); items processed are executed events.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/engine.h"
#include "sim/rng.h"

namespace drsim::sim {
namespace {

// Each timed iteration advances simulated time by the span that holds about this many events
// (the population executes `pending` events per simulated second).
constexpr int64_t kEventsPerIteration = 20'000;

// An exponential delay with a mean of one second, in microseconds.
int64_t exponential_us(Rng& rng) { return std::llround(-std::log(rng.uniform01()) * 1e6); }

int64_t slice_us(int64_t pending) { return kEventsPerIteration * 1'000'000 / pending; }

// One logical process. Every executed event schedules exactly one new event, an exponential
// delay later, at a uniformly random LP; so the population of pending events stays constant.
// All LPs share one RNG so that both benchmarks draw the same numbers in the same order.
class Lp : public Component {
 public:
  Lp(uint32_t index, int64_t initial_events, Rng* rng, std::vector<std::unique_ptr<Lp>>* lps)
      : index_(index), initial_events_(initial_events), rng_(rng), lps_(lps) {}

  std::string_view name() const override { return "lp"; }
  void start(Context& ctx) override {
    for (int64_t i = 0; i < initial_events_; ++i) {
      ctx.schedule_at(SimTime::from_micros(exponential_us(*rng_)), *this, 0, index_);
    }
  }
  void on_event(Context& ctx, const Event&) override {
    ++executed_;
    const int64_t delay_us = exponential_us(*rng_);
    const auto to = static_cast<uint32_t>(rng_->below(lps_->size()));
    ctx.schedule_in(Duration::micros(delay_us), *(*lps_)[to], 0, to);
  }
  uint64_t executed() const { return executed_; }

 private:
  uint32_t index_;
  int64_t initial_events_;
  Rng* rng_;
  std::vector<std::unique_ptr<Lp>>* lps_;
  uint64_t executed_ = 0;
};

void BM_Phold(benchmark::State& state) {
  const int64_t pending = state.range(0);
  const auto lp_count = static_cast<uint32_t>(state.range(1));
  Rng rng(1);
  std::vector<std::unique_ptr<Lp>> lps;
  Engine engine(/*seed=*/1, /*trial=*/0, SimTime::never());
  for (uint32_t i = 0; i < lp_count; ++i) {
    lps.push_back(std::make_unique<Lp>(i, pending / lp_count, &rng, &lps));
    engine.add(*lps.back());
  }
  engine.run_until(SimTime::zero());  // starts the LPs: the initial population
  const Duration slice = Duration::micros(slice_us(pending));
  uint64_t events = 0;
  for (auto _ : state) events += engine.run_until(engine.now() + slice);
  state.SetItemsProcessed(static_cast<int64_t>(events));
  benchmark::DoNotOptimize(engine.trace_hash());
}
BENCHMARK(BM_Phold)->Args({1000, 1})->Args({10000, 10})->Args({100000, 10});

void BM_PholdBaseline(benchmark::State& state) {
  const int64_t pending = state.range(0);
  const auto lp_count = static_cast<uint32_t>(state.range(1));
  Rng rng(1);
  using Entry = std::tuple<int64_t, uint64_t, uint32_t>;  // time, seq, lp
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  std::vector<uint64_t> executed(lp_count, 0);
  uint64_t seq = 0;
  for (uint32_t lp = 0; lp < lp_count; ++lp) {
    for (int64_t i = 0; i < pending / lp_count; ++i) queue.emplace(exponential_us(rng), ++seq, lp);
  }
  const int64_t slice = slice_us(pending);
  int64_t now = 0;
  uint64_t events = 0;
  for (auto _ : state) {
    const int64_t until = now + slice;
    while (std::get<0>(queue.top()) <= until) {
      const int64_t at = std::get<0>(queue.top());
      const uint32_t lp = std::get<2>(queue.top());
      queue.pop();
      ++events;
      ++executed[lp];
      const int64_t delay_us = exponential_us(rng);
      const auto to = static_cast<uint32_t>(rng.below(lp_count));
      queue.emplace(at + delay_us, ++seq, to);
    }
    now = until;
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
  benchmark::DoNotOptimize(executed.data());
}
BENCHMARK(BM_PholdBaseline)->Args({1000, 1})->Args({10000, 10})->Args({100000, 10});

}  // namespace
}  // namespace drsim::sim
