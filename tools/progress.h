// Progress of a long run on stderr: trials done, rate and estimated time left, redrawn in place
// at most ten times a second. Only on a terminal: silent when stderr is not one, when TERM is
// "dumb" or when CI is set, so logs and pipelines never see it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace drsim::tools {

// True when stderr is a terminal that can redraw a line, outside CI.
bool progress_allowed();

// "1,234,567 / 10,000,000 trials (12.3%)  85,432 trials/s  ETA 1m 43s". `elapsed_s` > 0.
std::string progress_line(uint64_t done, uint64_t total, double elapsed_s);

// While alive, a reporter thread redraws progress_line from `done` (trials merged so far). Does
// nothing when !enabled, or when no thread can be started. The line appears after half a second
// (short runs stay quiet) and is erased when the reporter stops.
class ProgressReporter {
 public:
  ProgressReporter(const std::atomic<uint64_t>& done, uint64_t total, bool enabled);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

 private:
  void loop();

  const std::atomic<uint64_t>& done_;
  const uint64_t total_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace drsim::tools
