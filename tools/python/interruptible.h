// Long work off Python's GIL, stoppable with Ctrl-C: the library's interrupt flag, set when
// Python's signal handlers raise.
#pragma once

#include <atomic>
#include <functional>

namespace drsim::python {

// Runs `work` on a thread of its own with the GIL released, passing it a flag to stop at (the
// library's `interrupt`: run_monte_carlo, run_sweep and run_trial stop soon after it becomes
// true). Meanwhile the calling thread runs Python's signal handlers every 50 ms, holding the GIL
// only for that. When a handler raises (Ctrl-C: KeyboardInterrupt), sets the flag, waits for
// `work` to return and throws pybind11::error_already_set with that exception; what `work` made
// is then to be discarded. An exception `work` throws is thrown here. Signal handlers run only on
// Python's main thread, so from another thread the work cannot be interrupted.
// REQUIRES: the calling thread holds the GIL; `work` touches no Python object.
void run_interruptible(const std::function<void(const std::atomic<bool>& interrupt)>& work);

}  // namespace drsim::python
