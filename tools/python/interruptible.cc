// run_interruptible: a worker thread for the work, the calling thread for Python's signals.
#include "tools/python/interruptible.h"

#include <pybind11/pybind11.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace drsim::python {
namespace py = pybind11;

namespace {

// How often the calling thread looks for signals: Ctrl-C is felt within this (plus the time the
// work takes to reach its next check of the flag, a trial or so).
constexpr std::chrono::milliseconds kSignalPoll{50};

// Runs Python's signal handlers; true when one raised (the exception is then set).
bool signal_raised() {
  py::gil_scoped_acquire gil;
  return PyErr_CheckSignals() != 0;
}

}  // namespace

void run_interruptible(const std::function<void(const std::atomic<bool>& interrupt)>& work) {
  std::atomic<bool> interrupt{false};
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  bool raised = false;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        work(interrupt);
      } catch (...) {
        failure = std::current_exception();
      }
      const std::lock_guard<std::mutex> lock(mutex);
      done = true;
      finished.notify_all();
    });
    std::unique_lock<std::mutex> lock(mutex);
    while (!finished.wait_for(lock, kSignalPoll, [&] { return done; })) {
      lock.unlock();
      raised = signal_raised();
      lock.lock();
      if (raised) {
        interrupt.store(true);
        finished.wait(lock, [&] { return done; });
      }
    }
    lock.unlock();
    worker.join();
  }
  // The handler's exception is still set on this thread: it wins over what the work made.
  if (raised) throw py::error_already_set();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace drsim::python
