// run_trials: spreads independent trials over a thread pool and hands their results to `merge`
// in trial order, so what is merged is bit-identical for any thread count.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace drsim::sim {

// 0 means one thread per hardware core. Always at least 1.
int resolve_threads(int requested);

// Calls `run(trial)` for every trial in [0, trials) on `threads` worker threads, and
// `merge(std::move(result))` on the calling thread in increasing trial order. Trials run in
// fixed blocks; at most a bounded window of finished blocks waits for merging, so memory stays
// bounded however many trials there are. `run` must depend only on its trial index.
template <class Run, class Merge>
void run_trials(uint64_t trials, int threads, Run&& run, Merge&& merge) {
  using Result = decltype(run(uint64_t{0}));
  threads = resolve_threads(threads);
  if (threads == 1) {
    for (uint64_t t = 0; t < trials; ++t) merge(run(t));
    return;
  }
  constexpr uint64_t kBlock = 16;
  const uint64_t blocks = (trials + kBlock - 1) / kBlock;
  const uint64_t window = 4 * static_cast<uint64_t>(threads);
  std::mutex mu;
  std::condition_variable cv;
  uint64_t next_block = 0, merged_blocks = 0;
  std::map<uint64_t, std::vector<Result>> finished;

  auto worker = [&] {
    for (;;) {
      uint64_t block;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return next_block >= blocks || next_block < merged_blocks + window; });
        if (next_block >= blocks) return;
        block = next_block++;
      }
      std::vector<Result> results;
      const uint64_t end = std::min(trials, (block + 1) * kBlock);
      for (uint64_t t = block * kBlock; t < end; ++t) results.push_back(run(t));
      {
        std::lock_guard lock(mu);
        finished.emplace(block, std::move(results));
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (uint64_t b = 0; b < blocks; ++b) {
    std::vector<Result> results;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return finished.count(b) > 0; });
      results = std::move(finished.at(b));
      finished.erase(b);
    }
    for (Result& r : results) merge(std::move(r));
    {
      std::lock_guard lock(mu);
      merged_blocks = b + 1;
    }
    cv.notify_all();
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace drsim::sim
