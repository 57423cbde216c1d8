// EventQueue: the pending events of one engine, ordered by (time, insertion sequence).
// A 4-ary min-heap of 16-byte keys over a pool of payload slots; cancellation is O(1): it frees
// the slot and leaves a stale key that is skipped when it surfaces (the heap is compacted when
// stale keys outnumber live ones, so cancellation stays O(1) amortised in time and memory).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#include "sim/check.h"
#include "sim/time.h"

namespace drsim::sim {

class Component;

// What a scheduled event carries to its target. Small and plain: no allocation per event.
struct Event {
  Component* target = nullptr;
  uint32_t kind = 0;     // the target's own event code
  uint32_t subject = 0;  // the target's own index (an instance, an AZ, ...)
  uint64_t data = 0;     // a free word for the target
};

// Names a scheduled event for cancellation. A default-constructed id names nothing.
struct EventId {
  uint32_t slot = 0;
  uint64_t seq = 0;  // 0: no event
  bool is_valid() const { return seq != 0; }
};

// Orders events: time first, then the per-engine sequence number (never an address). The time is
// kept with its sign bit flipped, so that comparing (order, tag) as one unsigned 128-bit number
// is two instructions (cmp, sbb) and needs no data-dependent branch.
struct EventKey {
  uint64_t order;  // the time in microseconds, sign bit flipped (unsigned order = signed order)
  uint64_t tag;    // seq << kSlotBits | slot
  static EventKey make(int64_t at_us, uint64_t tag) {
    return EventKey{static_cast<uint64_t>(at_us) ^ (uint64_t{1} << 63), tag};
  }
  int64_t at_us() const { return static_cast<int64_t>(order ^ (uint64_t{1} << 63)); }
  friend bool operator<(const EventKey& a, const EventKey& b) { return a.rank() < b.rank(); }
  unsigned __int128 rank() const { return (static_cast<unsigned __int128>(order) << 64) | tag; }
};

// Allocates on 64-byte boundaries, so that the heap can keep each node's four children (4 x 16
// bytes) on a single cache line.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlign{64};
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, size_t) { ::operator delete(p, kAlign); }
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};

class EventQueue {
 public:
  static constexpr int kSlotBits = 24;
  static constexpr uint64_t kMaxPending = (uint64_t{1} << kSlotBits) - 1;
  // A key's tag keeps 64 - kSlotBits bits of the sequence number; beyond that ties would misorder
  // and live keys would look stale, so running out is a checked failure, not a silent one.
  static constexpr uint64_t kMaxSeq = (uint64_t{1} << (64 - kSlotBits)) - 1;

  // Schedules `event` at `at`. Sequence numbers increase with every push.
  // REQUIRES: fewer than kMaxPending events pending, at most kMaxSeq pushes in all. Always
  // inlined: a call would pass the event through memory and save registers on every schedule.
  [[gnu::always_inline]] EventId push(SimTime at, const Event& event) {
    uint32_t slot = free_head_;
    if (slot != kNoSlot) {
      free_head_ = static_cast<uint32_t>(slots_[slot].seq);
    } else {
      DRSIM_CHECK(slots_.size() < kMaxPending) << "more than " << kMaxPending << " pending events";
      slot = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    const uint64_t seq = ++last_seq_;
    DRSIM_CHECK(seq <= kMaxSeq) << "more than " << kMaxSeq << " events scheduled by one engine";
    slots_[slot].event = event;
    slots_[slot].seq = seq;
    const EventKey key = EventKey::make(at.count_us(), (seq << kSlotBits) | slot);
    if (root_is_hole_) {
      // The root was popped and not yet refilled: the new key takes its place and sinks, one
      // sift instead of two (handlers usually schedule right after their event is popped).
      root_is_hole_ = false;
      sift_down(kRoot, key);
    } else {
      heap_.emplace_back();
      sift_up(heap_.size() - 1, key);
    }
    ++live_;
    return EventId{slot, seq};
  }

  // Cancels a pending event. Returns false when it already ran or was already cancelled.
  bool cancel(EventId id) {
    if (!id.is_valid() || id.slot >= slots_.size() || slots_[id.slot].seq != id.seq) return false;
    fill_hole();
    release(id.slot);
    --live_;
    ++stale_;
    if (stale_ > 1024 && stale_ > live_) compact();
    return true;
  }

  bool empty() { return live_ == 0; }
  size_t size() const { return live_; }
  uint64_t last_seq() const { return last_seq_; }

  // The earliest live key. REQUIRES: !empty().
  const EventKey& top() {
    fill_hole();
    drop_stale_top();
    return heap_[kRoot];
  }

  // Removes the earliest live event if it is due at or before `until_us`; returns whether it did.
  bool pop_due(int64_t until_us, EventKey& key, Event& event) {
    if (live_ == 0) return false;
    fill_hole();
    drop_stale_top();
    if (heap_[kRoot].at_us() > until_us) return false;
    take_top(key, event);
    return true;
  }

  // Removes the earliest live event. REQUIRES: !empty().
  void pop(EventKey& key, Event& event) {
    fill_hole();
    drop_stale_top();
    take_top(key, event);
  }

 private:
  void take_top(EventKey& key, Event& event) {
    key = heap_[kRoot];
    const uint32_t slot = slot_of(key.tag);
    event = slots_[slot].event;
    release(slot);
    --live_;
    // Leave the root empty: the next push fills it, or the next top() or pop() does.
    root_is_hole_ = true;
    // The next event is most likely the smallest child of the root; its payload is a random
    // slot, almost never in cache in a large queue: start loading it while the caller runs this
    // event. A small queue's slots stay in cache, and the search would be wasted.
    const size_t c = first_child(kRoot);
    if (slots_.size() > kPrefetchAbove && c < heap_.size()) {
      size_t best = c;
      const size_t end = std::min(c + 4, heap_.size());
      for (size_t i = c + 1; i < end; ++i) best = heap_[i] < heap_[best] ? i : best;
      __builtin_prefetch(&slots_[slot_of(heap_[best].tag)]);
    }
  }

  static constexpr uint32_t kNoSlot = UINT32_MAX;
  // A free slot's seq is kFree | the next free slot (or kNoSlot): never a key's sequence number.
  static constexpr uint64_t kFree = uint64_t{1} << 63;
  struct Slot {
    Event event;
    uint64_t seq = 0;
  };

  // The heap's root sits at heap_[kRoot]; heap_[0, kRoot) is padding. With a 64-byte aligned
  // array, the children of position p are positions 4p - 8 .. 4p - 5: one cache line.
  static constexpr size_t kRoot = 3;
  // Slots (32 bytes each) beyond what the L1 and L2 caches keep: 16,384 slots are 512 KiB.
  static constexpr size_t kPrefetchAbove = 16384;
  static size_t first_child(size_t p) { return 4 * p - 8; }
  static size_t parent(size_t p) { return p / 4 + 2; }

  static uint32_t slot_of(uint64_t tag) { return static_cast<uint32_t>(tag & kMaxPending); }
  bool is_stale(const EventKey& key) const {
    return slots_[slot_of(key.tag)].seq != (key.tag >> kSlotBits);
  }
  void release(uint32_t slot) {
    slots_[slot].seq = kFree | free_head_;
    free_head_ = slot;
  }
  void drop_stale_top() {
    // Without cancelled keys in the heap the root is live: no need to touch its slot.
    while (stale_ > 0 && is_stale(heap_[kRoot])) {
      --stale_;
      remove_top();
    }
  }
  void fill_hole() {
    if (!root_is_hole_) return;
    root_is_hole_ = false;
    remove_top();
  }
  void remove_top() {
    const EventKey last = heap_.back();
    heap_.pop_back();
    if (heap_.size() > kRoot) sift_down(kRoot, last);
  }
  // Moves `key` from the empty position `hole` towards the root to where it belongs.
  void sift_up(size_t hole, EventKey key);
  // Moves `key` from the empty position `hole` towards the leaves to where it belongs.
  void sift_down(size_t hole, EventKey key);
  void compact();

  std::vector<EventKey, CacheLineAllocator<EventKey>> heap_ =
      std::vector<EventKey, CacheLineAllocator<EventKey>>(kRoot);
  std::vector<Slot> slots_;
  uint32_t free_head_ = kNoSlot;  // free slots, most recently freed first
  uint64_t last_seq_ = 0;
  size_t live_ = 0;
  size_t stale_ = 0;
  bool root_is_hole_ = false;  // heap_[kRoot] was popped and awaits a key
};

}  // namespace drsim::sim
