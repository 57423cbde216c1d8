// Slots that each serve one job at a time, kept as a min-heap of when each is next free: what a
// model queueing work through a fixed number of servers needs (snapshot copies, restores).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/time.h"

namespace drsim::sim {

// The earliest free slot, free_at[0], takes a job and is busy until `until`: sifts the new time
// down. O(log n), allocates nothing. The layout is std::make_heap's with std::greater (children
// of i at 2i + 1 and 2i + 2), so it works on a heap made either way.
// REQUIRES: free_at is a min-heap and not empty; until >= free_at[0] (a job never ends before
// its slot is free).
inline void take_earliest_slot(std::vector<SimTime>& free_at, SimTime until) {
  size_t hole = 0;
  for (size_t child = 1; child < free_at.size(); child = 2 * hole + 1) {
    if (child + 1 < free_at.size() && free_at[child + 1] < free_at[child]) ++child;
    if (!(free_at[child] < until)) break;
    free_at[hole] = free_at[child];
    hole = child;
  }
  free_at[hole] = until;
}

}  // namespace drsim::sim
