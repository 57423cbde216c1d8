// run_trials: spreads independent trials over a thread pool and hands their results to `merge`
// in trial order, so what is merged is bit-identical for any thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace drsim::sim {

// 0 means one thread per hardware core. Always at least 1.
int resolve_threads(int requested);

// Calls `run(trial)` for trials in [0, trials) on `threads` worker threads, and
// `merge(std::move(result))` on the calling thread in increasing trial order. `run` may instead
// take `(trial, worker)`, worker in [0, resolve_threads(threads)): one worker runs its trials one
// after another, so state kept per worker (memory reused between trials) needs no lock. Trials run
// in blocks of consecutive trials, smaller towards the end so that the threads finish together; at
// most a bounded window of finished blocks waits for merging, so memory stays bounded however many
// trials there are. `run` must depend only on its trial index.
//
// Stopping early, what is merged is always the prefix [0, n) of the trials, and n is returned:
// - `merge` may return bool; false stops after that trial. This is decided on the calling
//   thread in trial order, so n does not depend on the number of threads.
// - `*interrupt` (may be set from a signal handler) stops workers between trials; the trials
//   finished before the first one abandoned are merged. n then depends on timing.
// Trials run ahead of a stop are discarded, never merged. Without a stop, n == trials.
// `block`: at most this many trials per block handed to a worker (at least 1); a block holds a
// (4 * threads)-th of the trials not yet handed out when that is less. At most about 4 blocks per
// thread wait for merging, so heavy trials (millions of events, large observations) want small
// blocks.
//
// An exception from `run` (on any thread) or `merge` stops every worker and is rethrown here once
// they have all ended (the first one, when several threads fail). When a worker thread cannot be
// started, the ones started are stopped and std::system_error is thrown, its message naming the
// thread ("cannot start worker thread 3 of 8: Resource temporarily unavailable").
template <class Run, class Merge>
uint64_t run_trials(uint64_t trials, int threads, Run&& run, Merge&& merge,
                    const std::atomic<bool>* interrupt = nullptr, uint64_t block_size = 16) {
  const auto run_on = [&](uint64_t trial, int worker) {
    if constexpr (std::is_invocable_v<Run&, uint64_t, int>) {
      return run(trial, worker);
    } else {
      (void)worker;
      return run(trial);
    }
  };
  using Result = decltype(run_on(uint64_t{0}, 0));
  constexpr bool kMergeCanStop = std::is_same_v<decltype(merge(std::declval<Result>())), bool>;
  const auto merge_one = [&](Result&& r) {
    if constexpr (kMergeCanStop) {
      return merge(std::move(r));
    } else {
      merge(std::move(r));
      return true;
    }
  };
  const auto interrupted = [&] {
    return interrupt != nullptr && interrupt->load(std::memory_order_relaxed);
  };
  threads = resolve_threads(threads);
  if (threads == 1) {
    for (uint64_t t = 0; t < trials; ++t) {
      if (interrupted()) return t;
      if (!merge_one(run_on(t, 0))) return t + 1;
    }
    return trials;
  }
  const uint64_t per_block = std::max<uint64_t>(block_size, 1);
  const uint64_t window = 4 * static_cast<uint64_t>(threads);
  std::mutex mu;
  std::condition_variable cv;
  uint64_t next_block = 0, merged_blocks = 0;  // blocks handed out, and merged
  uint64_t next_trial = 0;                     // the first trial of the next block
  std::atomic<bool> stop{false};  // no more blocks: interrupted, `merge` said so, or a failure
  struct Finished {
    uint64_t size;  // the block's trials, of which `results` holds a prefix
    std::vector<Result> results;
  };
  std::map<uint64_t, Finished> finished;
  std::exception_ptr failure;  // the first exception of a worker; guarded by mu

  auto work = [&](int worker) {
    for (;;) {
      uint64_t block, first, end;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] {
          return stop.load() || interrupted() || next_trial >= trials ||
                 next_block < merged_blocks + window;
        });
        if (interrupted()) stop.store(true);
        if (stop.load() || next_trial >= trials) break;
        // Guided: blocks shrink towards the end, so that the threads finish together instead of
        // one running a last full block alone.
        first = next_trial;
        end = first + std::clamp<uint64_t>((trials - first) / window, 1, per_block);
        next_trial = end;
        block = next_block++;
      }
      // A block cut short by an interrupt holds the trials finished before it.
      std::vector<Result> results;
      for (uint64_t t = first; t < end && !interrupted() && !stop.load(); ++t) {
        results.push_back(run_on(t, worker));
      }
      {
        std::lock_guard lock(mu);
        finished.emplace(block, Finished{end - first, std::move(results)});
      }
      cv.notify_all();
    }
  };
  auto worker = [&](int index) {
    try {
      work(index);
    } catch (...) {
      std::lock_guard lock(mu);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
    cv.notify_all();
  };
  std::vector<std::thread> pool;
  // However this function is left (a thread that cannot start, `merge` throwing), every worker is
  // told to stop and joined first: a std::thread destroyed while joinable would terminate.
  const auto stop_and_join = [&] {
    {
      std::lock_guard lock(mu);
      stop.store(true);
    }
    cv.notify_all();
    for (std::thread& t : pool) {
      if (t.joinable()) t.join();
    }
  };
  struct JoinOnExit {
    decltype(stop_and_join)& f;
    ~JoinOnExit() { f(); }
  } join_on_exit{stop_and_join};
  pool.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) {
    try {
      pool.emplace_back(worker, i);
    } catch (const std::system_error& e) {
      throw std::system_error(e.code(), "cannot start worker thread " + std::to_string(i + 1) +
                                            " of " + std::to_string(threads));
    }
  }
  uint64_t merged = 0;
  for (uint64_t b = 0;; ++b) {
    std::vector<Result> results;
    uint64_t expected;
    {
      std::unique_lock lock(mu);
      // Blocks are handed out in order, and every block handed out is finished (perhaps cut
      // short) unless a worker failed, so once stopped or with every trial handed out, block b
      // either was handed out or never will be.
      cv.wait(lock, [&] {
        return finished.count(b) > 0 || failure ||
               ((stop.load() || next_trial >= trials) && b >= next_block);
      });
      if (failure || finished.count(b) == 0) break;
      const auto it = finished.find(b);
      expected = it->second.size;
      results = std::move(it->second.results);
      finished.erase(it);
    }
    bool go_on = results.size() == expected;
    for (Result& r : results) {
      ++merged;
      if (!merge_one(std::move(r))) {
        go_on = false;
        break;
      }
    }
    {
      std::lock_guard lock(mu);
      merged_blocks = b + 1;
      if (!go_on) stop.store(true);
    }
    cv.notify_all();
    if (!go_on) break;
  }
  stop_and_join();
  if (failure) std::rethrow_exception(failure);
  return merged;
}

}  // namespace drsim::sim
