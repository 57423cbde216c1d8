// The progress reporter thread and its line.
#include "tools/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace drsim::tools {
namespace {

std::string grouped(uint64_t v) {
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string eta(double seconds) {
  const auto s = static_cast<uint64_t>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m " + std::to_string(s % 60) + "s";
  if (s < 86400) return std::to_string(s / 3600) + "h " + std::to_string(s % 3600 / 60) + "m";
  return std::to_string(s / 86400) + "d " + std::to_string(s % 86400 / 3600) + "h";
}

}  // namespace

bool progress_allowed() {
  if (!::isatty(STDERR_FILENO)) return false;
  const char* term = std::getenv("TERM");
  if (term == nullptr || std::strcmp(term, "dumb") == 0) return false;
  const char* ci = std::getenv("CI");
  return ci == nullptr || *ci == '\0';
}

std::string progress_line(uint64_t done, uint64_t total, double elapsed_s) {
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f%%",
                total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0);
  const double rate = static_cast<double>(done) / elapsed_s;
  std::string line = grouped(done) + " / " + grouped(total) + " trials (" + pct + ")  " +
                     grouped(static_cast<uint64_t>(rate)) + " trials/s";
  if (rate > 0 && done < total) line += "  ETA " + eta(static_cast<double>(total - done) / rate);
  return line;
}

ProgressReporter::ProgressReporter(const std::atomic<uint64_t>& done, uint64_t total, bool enabled)
    : done_(done), total_(total), start_(std::chrono::steady_clock::now()) {
  if (!enabled) return;
  try {
    thread_ = std::thread([this] {
      try {
        loop();
      } catch (...) {
        // Out of memory for a line of text: the progress display is not worth ending drsim.
      }
    });
  } catch (const std::system_error&) {
    // No thread to spare (a process limit): the run goes on without its progress line.
  }
}

ProgressReporter::~ProgressReporter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressReporter::loop() {
  using namespace std::chrono_literals;
  std::unique_lock lock(mu_);
  if (cv_.wait_for(lock, 500ms, [&] { return stopping_; })) return;
  for (;;) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::string line = progress_line(done_.load(std::memory_order_relaxed), total_, elapsed);
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
    if (cv_.wait_for(lock, 200ms, [&] { return stopping_; })) return;
  }
}

}  // namespace drsim::tools
