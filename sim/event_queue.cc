// The ladder operations of EventQueue: filing keys below the outermost rung, refilling the bottom
// by splitting buckets into rungs, and compaction.
#include "sim/event_queue.h"

#include <algorithm>
#include <bit>

namespace drsim::sim {
namespace {

// A new rung gets about one bucket per this many keys: fewer, wider buckets would hold more keys
// each where events are dense, which costs a split or a longer sort; more would cost empty
// buckets to step over.
constexpr size_t kKeysPerBucket = 2;
// Bounds a rung's bucket array (24 bytes a bucket): a million keys still get buckets of ~4 each.
constexpr uint64_t kMaxBuckets = uint64_t{1} << 18;

}  // namespace

void EventQueue::insert_rest(const EventKey& key) {
  for (size_t level = 1; level < depth_; ++level) {
    Rung& r = rungs_[level];
    if (key.order >= r.cur_start) {
      r.buckets[r.index(key.order)].push_back(key);
      return;
    }
  }
  if (bottom_head_ == bottom_.size()) {
    bottom_.clear();
    bottom_head_ = 0;
  }
  // Without rungs, a key later than the whole bottom waits unsorted in the top.
  if (depth_ == 0 && (bottom_.empty() || bottom_.back() < key)) {
    top_.push_back(key);
    return;
  }
  // Earlier than every rung: into the sorted bottom. It is short (a bucket of at most
  // kSortAtMost keys), or else holds one instant and a new key usually lands at its end.
  const auto first = bottom_.begin() + static_cast<std::ptrdiff_t>(bottom_head_);
  const auto at = std::upper_bound(first, bottom_.end(), key);
  if (at == first && bottom_head_ > 0) {
    bottom_[--bottom_head_] = key;
  } else {
    bottom_.insert(at, key);
  }
}

void EventQueue::refill() {
  bottom_.clear();
  bottom_head_ = 0;
  for (;;) {
    // Take the next non-empty bucket of the innermost rung (or the top) into scratch_; `level`
    // is where a rung split from it goes.
    size_t level = 0;
    if (depth_ == 0) {
      if (top_.empty()) return;
      scratch_.swap(top_);
    } else {
      Rung& r = rungs_[depth_ - 1];
      size_t b = r.cur;
      while (b <= r.last && r.buckets[b].empty()) ++b;
      if (b > r.last) {
        --depth_;
        continue;
      }
      // Copied out, not swapped: a swap would hand scratch_'s capacity (the largest bucket so
      // far) to this bucket, and in time to every bucket, so the memory held would grow with the
      // number of buckets rather than the number of keys. Each bucket keeps its own capacity.
      std::vector<EventKey>& bucket = r.buckets[b];
      scratch_.assign(bucket.begin(), bucket.end());
      bucket.clear();
      // Where the next bucket starts; beyond 2^64 nothing can be filed there.
      const unsigned __int128 next =
          static_cast<unsigned __int128>(r.start) + (static_cast<unsigned __int128>(b + 1) << r.shift);
      if (b == r.last || next > UINT64_MAX) {
        --depth_;  // every bucket is taken: a split of this one replaces the rung
      } else {
        r.cur = b + 1;
        r.cur_start = static_cast<uint64_t>(next);
      }
      level = depth_;
    }
    uint64_t lo = UINT64_MAX, hi = 0;
    for (const EventKey& k : scratch_) {
      lo = std::min(lo, k.order);
      hi = std::max(hi, k.order);
    }
    // One instant cannot be split, and its keys are in sequence order already.
    if (scratch_.size() <= kSortAtMost || lo == hi || level == kMaxRungs) {
      bottom_.swap(scratch_);
      if (lo != hi) std::sort(bottom_.begin(), bottom_.end());
      for (size_t i = 0; i < std::min(kPrefetchAhead, bottom_.size()); ++i) {
        __builtin_prefetch(&slots_[slot_of(bottom_[i].tag)]);
      }
      return;
    }
    build_rung(level, lo, hi);
  }
}

void EventQueue::build_rung(size_t level, uint64_t lo, uint64_t hi) {
  Rung& r = rungs_[level];
  // Buckets span [lo, hi] in about `target` powers of two wide (a shift, not a division, files a
  // key), sized by the keys' own range: a far outlier costs one sparse rung, not a deep ladder.
  const uint64_t target = std::clamp<uint64_t>(scratch_.size() / kKeysPerBucket, 2, kMaxBuckets);
  const uint64_t width = (hi - lo) / target + 1;  // at most 2^63
  r.shift = width <= 1 ? 0 : static_cast<unsigned>(std::bit_width(width - 1));
  r.start = lo;
  r.cur = 0;
  r.cur_start = lo;
  r.last = static_cast<size_t>(((hi - lo) >> r.shift) + 1);
  if (r.buckets.size() <= r.last) r.buckets.resize(r.last + 1);
  for (const EventKey& k : scratch_) r.buckets[r.index(k.order)].push_back(k);
  scratch_.clear();
  depth_ = level + 1;
}

void EventQueue::clear() {
  slots_.clear();
  free_head_ = kNoSlot;
  last_seq_ = 0;
  live_ = 0;
  stale_ = 0;
  fifo_.clear();
  fifo_head_ = 0;
  fifo_order_ = EventKey::make(0, 0).order;
  front_in_fifo_ = false;
  bottom_.clear();
  bottom_head_ = 0;
  for (Rung& r : rungs_) {
    for (std::vector<EventKey>& bucket : r.buckets) bucket.clear();
  }
  depth_ = 0;
  top_.clear();
  scratch_.clear();
}

void EventQueue::compact() {
  const auto stale = [this](const EventKey& k) { return is_stale(k); };
  const auto drop_stale = [&](std::vector<EventKey>& keys, size_t& head) {
    keys.erase(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(head));
    head = 0;
    keys.erase(std::remove_if(keys.begin(), keys.end(), stale), keys.end());
  };
  drop_stale(fifo_, fifo_head_);
  drop_stale(bottom_, bottom_head_);
  size_t none = 0;
  drop_stale(top_, none);
  for (size_t level = 0; level < depth_; ++level) {
    Rung& r = rungs_[level];
    for (size_t b = r.cur; b <= r.last; ++b) drop_stale(r.buckets[b], none);
  }
  stale_ = 0;
}

}  // namespace drsim::sim
