// take_earliest_slot: k slots serving jobs in order, each job taking the slot free first, against
// a multiset of free times (the earliest taken, erased, and put back busy until the job ends).
#include "sim/slots.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <vector>

#include "sim/rng.h"
#include "tests/sim/time_printers.h"

namespace drsim::sim::slots_test {
namespace {

// Jobs arriving every 0-9 minutes, each taking 0-59 minutes, through `slots` slots: every job's
// start (the earliest free slot, or its arrival) as the heap and the multiset give it.
void check(int slots, bool made_by_std) {
  Rng rng(static_cast<uint64_t>(slots) * 2 + (made_by_std ? 1 : 0));
  std::vector<SimTime> heap;
  std::multiset<SimTime> free;
  for (int s = 0; s < slots; ++s) {
    const SimTime t = SimTime::zero() + Duration::minutes(static_cast<int64_t>(rng.next() % 30));
    heap.push_back(t);
    free.insert(t);
  }
  if (made_by_std) {
    std::make_heap(heap.begin(), heap.end(), std::greater<>());
  } else {
    std::sort(heap.begin(), heap.end());  // a sorted array is a min-heap too
  }
  SimTime arrival = SimTime::zero();
  for (int job = 0; job < 2000; ++job) {
    arrival = arrival + Duration::minutes(static_cast<int64_t>(rng.next() % 10));
    const Duration work = Duration::minutes(static_cast<int64_t>(rng.next() % 60));
    ASSERT_EQ(heap.front(), *free.begin()) << "job " << job;
    const SimTime start = std::max(arrival, heap.front());
    take_earliest_slot(heap, start + work);
    free.erase(free.begin());
    free.insert(start + work);
  }
  std::sort(heap.begin(), heap.end());
  EXPECT_EQ(heap, std::vector<SimTime>(free.begin(), free.end()));
}

TEST(Slots, TheEarliestSlotTakesEachJobAsAMultisetWould) {
  for (int slots : {1, 2, 3, 8, 20}) check(slots, false);
}

TEST(Slots, WorksOnAHeapMadeByStdMakeHeapWithGreater) {
  for (int slots : {2, 7, 8}) check(slots, true);
}

}  // namespace
}  // namespace drsim::sim::slots_test
