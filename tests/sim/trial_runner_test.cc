// run_trials: merge order, identical merged results for any thread count, edge trial counts and
// the bounded window of unmerged results.
#include "sim/trial_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include "sim/engine.h"

namespace drsim::sim::trial_runner_test {
namespace {

// A trial that really runs an engine: a few self-rescheduling chains with random delays.
class Chains : public Component {
 public:
  std::string_view name() const override { return "chains"; }
  void start(Context& ctx) override {
    rng_ = ctx.rng("chains");
    for (uint32_t i = 0; i < 3; ++i) ctx.schedule_at(SimTime::zero(), *this, 0, i);
  }
  void on_event(Context& ctx, const Event& event) override {
    ctx.schedule_in(Duration::micros(1 + static_cast<int64_t>(rng_.below(1000))), *this, 0,
                    event.subject);
  }

 private:
  Rng rng_{0};
};

struct TrialResult {
  uint64_t trial;
  uint64_t events;
  uint64_t trace_hash;
  friend bool operator==(const TrialResult&, const TrialResult&) = default;
};

TrialResult run_one(uint64_t trial) {
  Chains chains;
  Engine engine(/*seed=*/17, trial, SimTime::from_micros(20'000));
  engine.add(chains);
  const RunStats stats = engine.run();
  return TrialResult{trial, stats.events, stats.trace_hash};
}

std::vector<TrialResult> merged(uint64_t trials, int threads) {
  std::vector<TrialResult> out;
  run_trials(trials, threads, run_one, [&](TrialResult r) { out.push_back(r); });
  return out;
}

TEST(TrialRunner, ResolveThreads) {
  EXPECT_EQ(resolve_threads(1), 1);
  EXPECT_EQ(resolve_threads(3), 3);
  EXPECT_GE(resolve_threads(0), 1);
  EXPECT_GE(resolve_threads(-2), 1);
}

TEST(TrialRunner, MergesInTrialOrder) {
  for (int threads : {1, 2, 3, 8}) {
    const std::vector<TrialResult> results = merged(50, threads);
    ASSERT_EQ(results.size(), 50u) << threads << " threads";
    for (uint64_t t = 0; t < 50; ++t) EXPECT_EQ(results[t].trial, t) << threads << " threads";
  }
}

TEST(TrialRunner, SameMergedSequenceForAnyThreadCount) {
  // 16 is the block size: cover less than a block, exact multiples and a remainder.
  for (uint64_t trials : {1u, 15u, 16u, 17u, 33u, 100u}) {
    const std::vector<TrialResult> one = merged(trials, 1);
    ASSERT_EQ(one.size(), trials);
    for (int threads : {2, 3, 8}) {
      EXPECT_EQ(merged(trials, threads), one) << trials << " trials, " << threads << " threads";
    }
  }
}

TEST(TrialRunner, TrialsDifferFromEachOther) {
  // Guards the test above: identical results would also come from trials that ignore their index.
  const std::vector<TrialResult> results = merged(20, 1);
  for (size_t i = 1; i < results.size(); ++i) {
    EXPECT_NE(results[i].trace_hash, results[0].trace_hash) << i;
  }
}

TEST(TrialRunner, ZeroTrialsRunAndMergeNothing) {
  for (int threads : {1, 2, 8}) {
    int runs = 0, merges = 0;
    run_trials(
        0, threads, [&](uint64_t) { return ++runs; }, [&](int) { ++merges; });
    EXPECT_EQ(runs, 0);
    EXPECT_EQ(merges, 0);
  }
}

TEST(TrialRunner, EachTrialRunsExactlyOnce) {
  constexpr uint64_t kTrials = 203;
  std::vector<std::atomic<int>> runs(kTrials);
  run_trials(
      kTrials, 3,
      [&](uint64_t t) {
        runs[t].fetch_add(1);
        return t;
      },
      [](uint64_t) {});
  for (uint64_t t = 0; t < kTrials; ++t) EXPECT_EQ(runs[t].load(), 1) << t;
}

TEST(TrialRunner, MergesOnTheCallingThread) {
  const std::thread::id caller = std::this_thread::get_id();
  int merges = 0;
  run_trials(
      40, 4, [](uint64_t t) { return t; },
      [&](uint64_t) {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        ++merges;
      });
  EXPECT_EQ(merges, 40);
}

TEST(TrialRunner, MoveOnlyResults) {
  std::vector<uint64_t> got;
  run_trials(
      37, 2, [](uint64_t t) { return std::make_unique<uint64_t>(t * t); },
      [&](std::unique_ptr<uint64_t> r) { got.push_back(*r); });
  ASSERT_EQ(got.size(), 37u);
  for (uint64_t t = 0; t < 37; ++t) EXPECT_EQ(got[t], t * t);
}

TEST(TrialRunner, UnmergedResultsStayWithinAWindow) {
  // Workers may run ahead of the merge by at most 4 blocks of 16 trials per thread, so memory
  // stays bounded. Merging is slowed down so that the workers do run ahead.
  constexpr int kThreads = 2;
  constexpr uint64_t kAhead = 4 * kThreads * 16;
  std::atomic<uint64_t> merged_count{0};
  std::atomic<uint64_t> max_ahead{0};
  run_trials(
      1'000, kThreads,
      [&](uint64_t t) {
        const uint64_t done = merged_count.load();
        const uint64_t ahead = t >= done ? t - done : 0;
        uint64_t seen = max_ahead.load();
        while (ahead > seen && !max_ahead.compare_exchange_weak(seen, ahead)) {
        }
        return t;
      },
      [&](uint64_t t) {
        EXPECT_EQ(t, merged_count.load());
        if (t % 16 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
        merged_count.fetch_add(1);
      });
  EXPECT_EQ(merged_count.load(), 1'000u);
  EXPECT_LT(max_ahead.load(), kAhead);
  EXPECT_GE(max_ahead.load(), 16u);  // the workers did run ahead, so the bound was exercised
}

TEST(TrialRunner, MergeReturningFalseStopsAtTheSameTrialForAnyThreadCount) {
  for (int threads : {1, 2, 3, 8}) {
    std::vector<uint64_t> got;
    const uint64_t n = run_trials(
        1000, threads, [](uint64_t t) { return t; },
        [&](uint64_t t) {
          got.push_back(t);
          return t != 436;  // stop after trial 436, in the middle of a block
        });
    EXPECT_EQ(n, 437u) << threads << " threads";
    ASSERT_EQ(got.size(), 437u) << threads << " threads";
    for (uint64_t t = 0; t < got.size(); ++t) EXPECT_EQ(got[t], t);
  }
}

TEST(TrialRunner, WithoutAStopEveryTrialIsMergedAndCounted) {
  for (int threads : {1, 3}) {
    uint64_t merges = 0;
    EXPECT_EQ(run_trials(
                  77, threads, [](uint64_t t) { return t; }, [&](uint64_t) { ++merges; }),
              77u);
    EXPECT_EQ(merges, 77u);
  }
}

TEST(TrialRunner, AnInterruptMergesAPrefixOfTrials) {
  // The flag goes up while trial 300 runs, as a signal handler would set it.
  for (int threads : {1, 2, 4}) {
    std::atomic<bool> interrupt{false};
    std::vector<uint64_t> got;
    const uint64_t n = run_trials(
        100'000, threads,
        [&](uint64_t t) {
          if (t == 300) interrupt.store(true);
          return t;
        },
        [&](uint64_t t) { got.push_back(t); }, &interrupt);
    EXPECT_EQ(n, got.size());
    if (threads == 1) {
      EXPECT_EQ(n, 301u);  // trial 300 finishes; 301 never starts
    }
    EXPECT_LT(n, 100'000u) << threads << " threads";
    for (uint64_t t = 0; t < got.size(); ++t) ASSERT_EQ(got[t], t) << threads << " threads";
  }
}

TEST(TrialRunner, AnInterruptBeforeTheStartRunsNothing) {
  for (int threads : {1, 2}) {
    const std::atomic<bool> interrupt{true};
    int merges = 0;
    EXPECT_EQ(
        run_trials(
            500, threads, [](uint64_t t) { return t; }, [&](uint64_t) { ++merges; }, &interrupt),
        0u);
    EXPECT_EQ(merges, 0);
  }
}

TEST(TrialRunner, AnExceptionOfATrialReachesTheCaller) {
  // On a worker thread, an escaping exception would end the program (std::terminate); it must
  // stop the others and come out of run_trials, with nothing merged after the failed trial.
  for (int threads : {1, 2, 4}) {
    std::vector<uint64_t> got;
    EXPECT_THROW(run_trials(
                     10'000, threads,
                     [](uint64_t t) {
                       if (t == 437) throw std::runtime_error("trial 437 failed");
                       return t;
                     },
                     [&](uint64_t t) { got.push_back(t); }),
                 std::runtime_error)
        << threads << " threads";
    EXPECT_LE(got.size(), 437u) << threads << " threads";
    for (uint64_t t = 0; t < got.size(); ++t) ASSERT_EQ(got[t], t) << threads << " threads";
  }
}

TEST(TrialRunner, OutOfMemoryInATrialIsBadAllocForTheCaller) {
  EXPECT_THROW(run_trials(
                   200, 3,
                   [](uint64_t t) -> uint64_t {
                     if (t == 150) throw std::bad_alloc();
                     return t;
                   },
                   [](uint64_t) {}),
               std::bad_alloc);
}

TEST(TrialRunner, AnExceptionOfMergeStopsTheWorkers) {
  for (int threads : {1, 2, 4}) {
    std::atomic<uint64_t> runs{0};
    EXPECT_THROW(run_trials(
                     100'000, threads,
                     [&](uint64_t t) {
                       runs.fetch_add(1);
                       return t;
                     },
                     [](uint64_t t) {
                       if (t == 40) throw std::runtime_error("merge failed");
                     }),
                 std::runtime_error)
        << threads << " threads";
    // The workers stopped soon after: at most the window of blocks they may run ahead.
    EXPECT_LE(runs.load(), 64u + 4u * 4u * 16u) << threads << " threads";
  }
}

}  // namespace
}  // namespace drsim::sim::trial_runner_test
