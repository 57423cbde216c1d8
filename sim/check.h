// DRSIM_CHECK: invariant checks that stay on in release builds. A failed check prints
// file:line, the condition and the streamed context, then aborts. Bugs only, never bad input.
#pragma once

#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>

namespace drsim::sim {

// Only a pointer wide, and built only when a check fails: a check costs its caller a compare and
// a branch to cold code, not a stream object in every stack frame on the hot path.
class CheckFailure {
 public:
  [[gnu::cold, gnu::noinline]] CheckFailure(const char* file, int line, const char* condition)
      : stream_(std::make_unique<std::ostringstream>()) {
    *stream_ << file << ":" << line << ": check failed: " << condition << ": ";
  }
  [[noreturn, gnu::cold, gnu::noinline]] ~CheckFailure() {
    std::cerr << stream_->str() << std::endl;
    std::abort();
  }
  template <class T>
  [[gnu::cold, gnu::noinline]] CheckFailure& operator<<(const T& value) {
    *stream_ << value;
    return *this;
  }

 private:
  std::unique_ptr<std::ostringstream> stream_;
};

}  // namespace drsim::sim

#define DRSIM_CHECK(cond)                             \
  if (__builtin_expect(static_cast<bool>(cond), 1)) { \
  } else                                              \
    ::drsim::sim::CheckFailure(__FILE__, __LINE__, #cond)
