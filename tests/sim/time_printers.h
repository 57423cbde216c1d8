// Readable gtest failure messages for simulated time: "2h 15m (8100000000 us)" instead of the
// object's bytes. gtest finds PrintTo in the type's namespace.
#pragma once

#include <ostream>

#include "sim/time.h"
#include "sim/units.h"

namespace drsim::sim {

inline void PrintTo(Duration d, std::ostream* os) {
  *os << format_duration(d) << " (" << d.count_us() << " us)";
}
inline void PrintTo(SimTime t, std::ostream* os) {
  *os << "at " << format_duration(t.since_start()) << " (" << t.count_us() << " us)";
}

}  // namespace drsim::sim
