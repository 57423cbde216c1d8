// The 4-ary heap operations of EventQueue.
#include "sim/event_queue.h"

#include <algorithm>

namespace drsim::sim {

void EventQueue::sift_up(size_t hole, EventKey key) {
  if (hole == heap_.size()) heap_.push_back(key);
  while (hole > 0) {
    const size_t parent = (hole - 1) / 4;
    if (!(key < heap_[parent])) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = key;
}

void EventQueue::sift_down(size_t hole, EventKey key) {
  const size_t n = heap_.size();
  for (;;) {
    const size_t first = 4 * hole + 1;
    if (first >= n) break;
    size_t best = first;
    const size_t end = std::min(first + 4, n);
    for (size_t c = first + 1; c < end; ++c) {
      if (heap_[c] < heap_[best]) best = c;
    }
    if (!(heap_[best] < key)) break;
    heap_[hole] = heap_[best];
    hole = best;
  }
  heap_[hole] = key;
}

void EventQueue::compact() {
  std::erase_if(heap_, [this](const EventKey& k) { return is_stale(k); });
  stale_ = 0;
  // Floyd's heap construction, 4-ary.
  if (heap_.size() < 2) return;
  for (size_t i = (heap_.size() - 2) / 4 + 1; i-- > 0;) sift_down(i, heap_[i]);
}

}  // namespace drsim::sim
