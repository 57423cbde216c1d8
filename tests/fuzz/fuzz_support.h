// What the libFuzzer targets share: where relative trace files are read from, and how a finding
// that is not a sanitizer report (an unexpected exception, a broken round trip) is reported.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

namespace drsim::fuzz {

// The directory a fuzzed scenario's relative trace CSV names are read from: the bundled
// scenarios' own (so `"trace": "traces/..."` in a seed still loads), or DRSIM_FUZZ_BASE_DIR.
inline const std::string& base_dir() {
  static const std::string dir = [] {
    const char* env = std::getenv("DRSIM_FUZZ_BASE_DIR");
    return std::string(env != nullptr ? env : DRSIM_FUZZ_DEFAULT_BASE_DIR);
  }();
  return dir;
}

// A finding: prints what went wrong and aborts, which libFuzzer reports as a crash and saves the
// input for.
[[noreturn]] inline void finding(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n==drsim fuzz finding== %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::fflush(stderr);
  std::abort();
}

// A finding for an exception other than the one bad input may raise, naming its type.
[[noreturn]] inline void unexpected_exception(std::string_view stage, const std::exception& e) {
  finding(std::string(stage) + ": unexpected exception " + typeid(e).name(), e.what());
}

}  // namespace drsim::fuzz
