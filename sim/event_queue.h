// EventQueue: the pending events of one engine, ordered by (time, insertion sequence).
// A ladder queue (Tang, Goh & Thng 2005) of 16-byte keys over a pool of payload slots, with a
// FIFO for events scheduled at the current instant; cancellation is O(1) (stale keys skipped).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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
// gives the signed (time, seq) order, and the ladder's buckets can index unsigned time offsets.
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

// Where a key lives, from the latest instants to the earliest:
//  - top_: unsorted, used only while no rung exists; every key in it is later than the bottom's.
//  - rungs_[0, depth_): rung i has buckets of width 2^shift over [start, ...), the last bucket
//    (index `last`) open-ended; it takes the keys at or after `cur_start`, the start of its next
//    bucket to take (`cur`). Rung i + 1 splits one bucket of rung i, so every key of rung i is
//    later than every key of rung i + 1 and of the bottom.
//  - bottom_[bottom_head_, end): sorted ascending, the earliest keys of the ladder.
//  - fifo_[fifo_head_, end): keys of one instant in sequence order (events scheduled at the
//    instant last popped), beside the ladder; the front is the lesser of its head and the bottom's.
// Within every bucket keys sit in sequence order (appends only, and splits keep the order).
// Stale keys (cancelled events) stay where they are until they surface or a compaction.
class EventQueue {
 public:
  static constexpr int kSlotBits = 24;
  static constexpr uint64_t kMaxPending = (uint64_t{1} << kSlotBits) - 1;
  // A key's tag keeps 64 - kSlotBits bits of the sequence number; beyond that ties would misorder
  // and live keys would look stale, so running out is a checked failure, not a silent one.
  static constexpr uint64_t kMaxSeq = (uint64_t{1} << (64 - kSlotBits)) - 1;

  // Schedules `event` at `at` (any instant, also one before the last popped; it then pops next).
  // Sequence numbers increase with every push. O(1) amortised.
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
    insert(EventKey::make(at.count_us(), (seq << kSlotBits) | slot));
    ++live_;
    return EventId{slot, seq};
  }

  // Cancels a pending event. Returns false when it already ran or was already cancelled, and for
  // a default-constructed or foreign id. O(1) amortised.
  bool cancel(EventId id) {
    if (!id.is_valid() || id.slot >= slots_.size() || slots_[id.slot].seq != id.seq) return false;
    release(id.slot);
    --live_;
    ++stale_;
    if (stale_ > 1024 && stale_ > live_) compact();
    return true;
  }

  // Empties the queue as if newly constructed (sequence numbers restart at 1), keeping the memory
  // of its pool and buckets for the next trial.
  void clear();

  bool empty() const { return live_ == 0; }
  size_t size() const { return live_; }
  uint64_t last_seq() const { return last_seq_; }

  // The earliest live key. REQUIRES: !empty().
  const EventKey& top() { return *front(); }

  // Removes the earliest live event if it is due at or before `until_us`; returns whether it did.
  bool pop_due(int64_t until_us, EventKey& key, Event& event) {
    if (live_ == 0) return false;
    const EventKey* k = front();
    if (k->at_us() > until_us) return false;
    take(k, key, event);
    return true;
  }

  // Removes the earliest live event. REQUIRES: !empty().
  void pop(EventKey& key, Event& event) { take(front(), key, event); }

 private:
  static constexpr uint32_t kNoSlot = UINT32_MAX;
  // A free slot's seq is kFree | the next free slot (or kNoSlot): never a key's sequence number.
  static constexpr uint64_t kFree = uint64_t{1} << 63;
  struct Slot {
    Event event;
    uint64_t seq = 0;
  };
  static constexpr size_t kMaxRungs = 16;
  // A bucket of at most this many keys is sorted into the bottom rather than split into a rung.
  static constexpr size_t kSortAtMost = 48;
  // Payloads of the bottom's keys this far ahead are prefetched: the slot of the event after next
  // is random in a large pool, and the sorted bottom says which it will be.
  static constexpr size_t kPrefetchAhead = 6;

  struct Rung {
    uint64_t start = 0;      // order at which bucket 0 begins
    uint64_t cur_start = 0;  // order at which bucket `cur` begins: the rung takes keys from here
    unsigned shift = 0;      // buckets are 2^shift wide, except the open-ended last one
    size_t cur = 0;          // the next bucket to take; the ones before it are empty
    size_t last = 0;         // the open-ended bucket
    std::vector<std::vector<EventKey>> buckets;  // [0, last] in use; capacity kept for reuse
    size_t index(uint64_t order) const {
      const uint64_t i = (order - start) >> shift;
      return i < last ? static_cast<size_t>(i) : last;
    }
  };

  // Files `key` where it belongs. The two common cases inline: an event at the instant last
  // popped (zero delay), and one later than everything but the outermost rung's past buckets.
  [[gnu::always_inline]] void insert(const EventKey& key) {
    if (key.order == fifo_order_) {
      fifo_.push_back(key);
    } else if (depth_ > 0 && key.order >= rungs_[0].cur_start) {
      rungs_[0].buckets[rungs_[0].index(key.order)].push_back(key);
    } else {
      insert_rest(key);
    }
  }
  void insert_rest(const EventKey& key);

  // The earliest live key, dropping stale keys before it; sets front_in_fifo_.
  // REQUIRES: live_ > 0.
  const EventKey* front() {
    for (;;) {
      if (bottom_head_ == bottom_.size()) refill();
      const EventKey* k = bottom_head_ < bottom_.size() ? &bottom_[bottom_head_] : nullptr;
      front_in_fifo_ = fifo_head_ < fifo_.size() && (k == nullptr || fifo_[fifo_head_] < *k);
      if (front_in_fifo_) k = &fifo_[fifo_head_];
      // Without cancelled keys pending the front is live: no need to touch its slot.
      if (stale_ == 0 || !is_stale(*k)) return k;
      --stale_;
      advance_front();
    }
  }

  // Removes the front `k` (from front()) and hands out its key and payload.
  void take(const EventKey* k, EventKey& key, Event& event) {
    key = *k;
    advance_front();
    const uint32_t slot = slot_of(key.tag);
    event = slots_[slot].event;
    release(slot);
    --live_;
    // Events scheduled at this instant from now on go to the FIFO: all are later than every
    // pending event of this instant, so appending keeps it sorted. While the FIFO holds an
    // instant, only that one qualifies.
    if (fifo_head_ == fifo_.size()) fifo_order_ = key.order;
    if (bottom_head_ + kPrefetchAhead < bottom_.size()) {
      __builtin_prefetch(&slots_[slot_of(bottom_[bottom_head_ + kPrefetchAhead].tag)]);
    }
  }

  void advance_front() {
    if (front_in_fifo_) {
      if (++fifo_head_ == fifo_.size()) {
        fifo_.clear();
        fifo_head_ = 0;
      }
    } else {
      ++bottom_head_;
    }
  }

  static uint32_t slot_of(uint64_t tag) { return static_cast<uint32_t>(tag & kMaxPending); }
  bool is_stale(const EventKey& key) const {
    return slots_[slot_of(key.tag)].seq != (key.tag >> kSlotBits);
  }
  void release(uint32_t slot) {
    slots_[slot].seq = kFree | free_head_;
    free_head_ = slot;
  }

  // Fills the empty bottom from the ladder (splitting buckets into new rungs while they are
  // large); leaves it empty only when the ladder holds nothing.
  [[gnu::noinline]] void refill();
  // Spreads scratch_ (keys within [lo, hi]) into a fresh rung at `level` and makes it the
  // innermost. REQUIRES: lo < hi.
  void build_rung(size_t level, uint64_t lo, uint64_t hi);
  // Drops every stale key.
  void compact();

  std::vector<Slot> slots_;
  uint32_t free_head_ = kNoSlot;  // free slots, most recently freed first
  uint64_t last_seq_ = 0;
  size_t live_ = 0;
  size_t stale_ = 0;

  std::vector<EventKey> fifo_;
  size_t fifo_head_ = 0;
  uint64_t fifo_order_ = EventKey::make(0, 0).order;  // the instant the FIFO takes: time zero first
  bool front_in_fifo_ = false;

  std::vector<EventKey> bottom_;
  size_t bottom_head_ = 0;
  size_t depth_ = 0;  // rungs in use
  std::array<Rung, kMaxRungs> rungs_;
  std::vector<EventKey> top_;
  std::vector<EventKey> scratch_;  // the bucket being split or sorted; empty between calls
};

}  // namespace drsim::sim
