// PHOLD, the classic synthetic DES workload, on the drsim engine (BM_Phold) and on a minimal
// std::priority_queue loop (BM_PholdBaseline), to show what the engine's dispatch costs per event.
// BM_PholdPaired runs the two in alternating slices and reports their ratio: on a shared or noisy
// machine, separate runs differ by more than the two loops do.
// Arguments: (pending events, logical processes); items processed are executed events.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
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

// Each slice advances simulated time by the span that holds about this many events (the
// population executes `pending` events per simulated second).
constexpr int64_t kEventsPerSlice = 20'000;

// An exponential delay with a mean of one second, in microseconds.
int64_t exponential_us(Rng& rng) { return std::llround(-std::log(rng.uniform01()) * 1e6); }

int64_t slice_us(int64_t pending) { return kEventsPerSlice * 1'000'000 / pending; }

// One logical process. Every executed event schedules exactly one new event, an exponential
// delay later, at a uniformly random LP; so the population of pending events stays constant.
// All LPs share one RNG so that both models draw the same numbers in the same order.
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

 private:
  uint32_t index_;
  int64_t initial_events_;
  Rng* rng_;
  std::vector<std::unique_ptr<Lp>>* lps_;
  uint64_t executed_ = 0;
};

// PHOLD on the engine, run one slice at a time.
class EnginePhold {
 public:
  EnginePhold(int64_t pending, uint32_t lp_count)
      : engine_(/*seed=*/1, /*trial=*/0, SimTime::never()), slice_(slice_us(pending)) {
    for (uint32_t i = 0; i < lp_count; ++i) {
      lps_.push_back(std::make_unique<Lp>(i, pending / lp_count, &rng_, &lps_));
      engine_.add(*lps_.back());
    }
    engine_.run_until(SimTime::zero());  // starts the LPs: the initial population
  }
  // Returns the number of events executed.
  uint64_t run_slice() { return engine_.run_until(engine_.now() + Duration::micros(slice_)); }
  uint64_t trace_hash() const { return engine_.trace_hash(); }

 private:
  Rng rng_{1};
  std::vector<std::unique_ptr<Lp>> lps_;
  Engine engine_;
  int64_t slice_;
};

// The same model as a minimal loop over std::priority_queue<(time, seq, lp)>: the floor the engine
// must not fall below.
class BaselinePhold {
 public:
  BaselinePhold(int64_t pending, uint32_t lp_count)
      : executed_(lp_count, 0), slice_(slice_us(pending)) {
    for (uint32_t lp = 0; lp < lp_count; ++lp) {
      for (int64_t i = 0; i < pending / lp_count; ++i) {
        queue_.emplace(exponential_us(rng_), ++seq_, lp);
      }
    }
  }
  uint64_t run_slice() {
    const int64_t until = now_ + slice_;
    uint64_t events = 0;
    while (std::get<0>(queue_.top()) <= until) {
      const int64_t at = std::get<0>(queue_.top());
      const uint32_t lp = std::get<2>(queue_.top());
      queue_.pop();
      ++events;
      ++executed_[lp];
      const int64_t delay_us = exponential_us(rng_);
      const auto to = static_cast<uint32_t>(rng_.below(executed_.size()));
      queue_.emplace(at + delay_us, ++seq_, to);
    }
    now_ = until;
    return events;
  }
  const uint64_t* executed() const { return executed_.data(); }

 private:
  using Entry = std::tuple<int64_t, uint64_t, uint32_t>;  // time, seq, lp
  Rng rng_{1};
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
  std::vector<uint64_t> executed_;
  uint64_t seq_ = 0;
  int64_t now_ = 0;
  int64_t slice_;
};

void BM_Phold(benchmark::State& state) {
  EnginePhold phold(state.range(0), static_cast<uint32_t>(state.range(1)));
  uint64_t events = 0;
  for (auto _ : state) events += phold.run_slice();
  state.SetItemsProcessed(static_cast<int64_t>(events));
  benchmark::DoNotOptimize(phold.trace_hash());
}
BENCHMARK(BM_Phold)->Args({1000, 1})->Args({10000, 10})->Args({100000, 10});

void BM_PholdBaseline(benchmark::State& state) {
  BaselinePhold phold(state.range(0), static_cast<uint32_t>(state.range(1)));
  uint64_t events = 0;
  for (auto _ : state) events += phold.run_slice();
  state.SetItemsProcessed(static_cast<int64_t>(events));
  benchmark::DoNotOptimize(phold.executed());
}
BENCHMARK(BM_PholdBaseline)->Args({1000, 1})->Args({10000, 10})->Args({100000, 10});

// Each iteration runs one slice of each, engine first. Counters: each one's events per second
// over the whole run (`engine_per_s`, `baseline_per_s`), and `engine_vs_baseline`, the ratio of
// their best slices (events per second): a slowdown of the machine lasts longer than a slice and
// hits both sides alike, but it only ever lowers a best, so the best slices are the least noisy
// figure. Above 1: the engine is faster.
void BM_PholdPaired(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  EnginePhold engine(state.range(0), static_cast<uint32_t>(state.range(1)));
  BaselinePhold baseline(state.range(0), static_cast<uint32_t>(state.range(1)));
  uint64_t engine_events = 0, baseline_events = 0;
  double engine_s = 0, baseline_s = 0, engine_best = 0, baseline_best = 0;  // best: events/s
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const uint64_t e = engine.run_slice();
    const auto t1 = Clock::now();
    const uint64_t b = baseline.run_slice();
    const auto t2 = Clock::now();
    const double es = std::chrono::duration<double>(t1 - t0).count();
    const double bs = std::chrono::duration<double>(t2 - t1).count();
    engine_events += e;
    baseline_events += b;
    engine_s += es;
    baseline_s += bs;
    engine_best = std::max(engine_best, static_cast<double>(e) / es);
    baseline_best = std::max(baseline_best, static_cast<double>(b) / bs);
  }
  state.SetItemsProcessed(static_cast<int64_t>(engine_events));
  state.counters["engine_per_s"] = static_cast<double>(engine_events) / engine_s;
  state.counters["baseline_per_s"] = static_cast<double>(baseline_events) / baseline_s;
  state.counters["engine_vs_baseline"] = engine_best / baseline_best;
  benchmark::DoNotOptimize(engine.trace_hash());
  benchmark::DoNotOptimize(baseline.executed());
}
BENCHMARK(BM_PholdPaired)
    ->Args({1000, 1})
    ->Args({10000, 10})
    ->Args({100000, 10})
    ->Args({1000000, 10})
    ->MinTime(2.0);

}  // namespace
}  // namespace drsim::sim
