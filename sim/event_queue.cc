// The 4-ary heap operations of EventQueue.
#include "sim/event_queue.h"

#include <algorithm>

namespace drsim::sim {
namespace {

// If k < best: best = k and index = i, without a branch. The heap walks random paths, so a branch
// here is mispredicted half the time; GCC 12 emits one for the 128-bit select however it is
// written (?:, bool arithmetic, __builtin_expect_with_probability), hence the assembly on x86-64:
// cmp and sbb compute (k.order, k.tag) - (best.order, best.tag) with a borrow exactly when k is
// the smaller, and three conditional moves take k's words and index. The selected values stay in
// registers, so each heap level waits for one load rather than a load and a reload by index.
inline void min_into(const EventKey& k, size_t i, EventKey& best, size_t& index) {
#if defined(__x86_64__)
  uint64_t scratch = k.order;
  asm("cmp %[bt], %[kt]\n\t"
      "sbb %[bo], %[scratch]\n\t"
      "cmovc %[ko], %[bo]\n\t"
      "cmovc %[kt], %[bt]\n\t"
      "cmovc %[ki], %[bi]"
      : [bo] "+&r"(best.order), [bt] "+&r"(best.tag), [bi] "+&r"(index), [scratch] "+&r"(scratch)
      : [ko] "r"(k.order), [kt] "r"(k.tag), [ki] "r"(i)
      : "cc");
#else
  if (k < best) {
    best = k;
    index = i;
  }
#endif
}

}  // namespace

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
  // the child selection is branch-free (min_into), so the random order of the children costs no
  // mispredicted branches. Position p has four children when 4p - 4 <= n, that is p < full.
  const size_t full = (n + 4) / 4 + 1;
  while (hole < full) {
    const size_t c = first_child(hole);
    const EventKey* const q = h + c;
    EventKey a = q[0], b = q[2];
    size_t ia = 0, ib = 2;
    min_into(q[1], 1, a, ia);
    min_into(q[3], 3, b, ib);
    min_into(b, ib, a, ia);
    h[hole] = a;
    hole = c + ia;
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
