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
  const size_t top = hole;
  // Bottom-up (Wegener): walk the hole down to a leaf along the smallest children without
  // comparing against `key`, which usually belongs near the bottom (a popped heap's last key, or
  // a newly scheduled event), then sift `key` up from there. Saves a comparison per level, and
  // the child selection below is branch-free (bool arithmetic and cmov), so the random order of
  // the children costs no mispredicted branches.
  for (;;) {
    const size_t c = first_child(hole);
    if (c + 4 > n) break;
    const size_t a = c + (h[c + 1] < h[c]);
    const size_t b = c + 2 + (h[c + 3] < h[c + 2]);
    const size_t best = h[b] < h[a] ? b : a;
    h[hole] = h[best];
    hole = best;
  }
  // At most one node has fewer than four children.
  const size_t c = first_child(hole);
  if (c < n) {
    size_t best = c;
    for (size_t i = c + 1; i < n; ++i) best = h[i] < h[best] ? i : best;
    h[hole] = h[best];
    hole = best;
  }
  while (hole > top) {
    const size_t up = parent(hole);
    if (!(key < h[up])) break;
    h[hole] = h[up];
    hole = up;
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
