// DRSIM_CHECK: invariant checks that stay on in release builds. A failed check prints
// file:line, the condition and the streamed context, then aborts. Bugs only, never bad input.
#pragma once

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace drsim::sim {

class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition) {
    stream_ << file << ":" << line << ": check failed: " << condition << ": ";
  }
  [[noreturn]] ~CheckFailure() {
    std::cerr << stream_.str() << std::endl;
    std::abort();
  }
  template <class T>
  CheckFailure& operator<<(const T& value) {
    stream_ << value;
    return *this;
  }

 private:
  std::ostringstream stream_;
};

}  // namespace drsim::sim

#define DRSIM_CHECK(cond) \
  if (cond) {             \
  } else                  \
    ::drsim::sim::CheckFailure(__FILE__, __LINE__, #cond)
