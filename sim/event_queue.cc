// The 4-ary heap operations of EventQueue.
#include "sim/event_queue.h"

#include <algorithm>

namespace drsim::sim {

void EventQueue::sift_up(size_t hole, EventKey key) {
  EventKey* const h = heap_.data();
  while (hole > kRoot) {
    const size_t up = parent(hole);
    if (!(key < h[up])) break;
    h[hole] = h[up];
    hole = up;
  }
  h[hole] = key;
}

void EventQueue::sift_down(size_t hole, EventKey key) {
  EventKey* const h = heap_.data();
  const size_t n = heap_.size();
  const unsigned __int128 rank = key.rank();
  // Nodes with all four children: a branch-free tournament picks the smallest child.
  for (;;) {
    const size_t c = first_child(hole);
    if (c + 4 > n) break;
    const size_t a = h[c + 1] < h[c] ? c + 1 : c;
    const size_t b = h[c + 3] < h[c + 2] ? c + 3 : c + 2;
    const size_t best = h[b] < h[a] ? b : a;
    if (!(h[best].rank() < rank)) {
      h[hole] = key;
      return;
    }
    h[hole] = h[best];
    hole = best;
  }
  // At most one node has fewer than four children.
  const size_t c = first_child(hole);
  if (c < n) {
    size_t best = c;
    for (size_t i = c + 1; i < n; ++i) best = h[i] < h[best] ? i : best;
    if (h[best].rank() < rank) {
      h[hole] = h[best];
      hole = best;
    }
  }
  h[hole] = key;
}

void EventQueue::compact() {
  heap_.erase(std::remove_if(heap_.begin() + kRoot, heap_.end(),
                             [this](const EventKey& k) { return is_stale(k); }),
              heap_.end());
  stale_ = 0;
  // Floyd's heap construction, 4-ary: sift down every position that has a child.
  if (heap_.size() <= kRoot + 1) return;
  for (size_t p = parent(heap_.size() - 1) + 1; p-- > kRoot;) sift_down(p, heap_[p]);
}

}  // namespace drsim::sim
