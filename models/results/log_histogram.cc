// Bucket arithmetic, adds, merges and quantiles of LogHistogram.
#include "models/results/log_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sim/check.h"

namespace drsim::models::results {
namespace {

// The smallest value of bucket `index` with 2^bits sub-buckets, unchecked.
// REQUIRES: index < bucket_count.
uint64_t lower_of(uint32_t index, int bits) {
  const uint32_t sub = 1u << bits;
  if (index < 2 * sub) return index;
  const uint32_t shift = (index >> bits) - 1;
  const uint64_t top = (index & (sub - 1)) | sub;
  return top << shift;
}

}  // namespace

uint32_t LogHistogram::same_of(uint32_t index, uint64_t value) const {
  // Unchecked on the hot path: `index` is bucket_of(value) or a checked bucket's.
  const uint64_t offset = value - lower_of(index, sub_bucket_bits(resolution_));
  return offset < UINT32_MAX ? static_cast<uint32_t>(offset + 1) : 0;
}

uint32_t LogHistogram::bucket_of(uint64_t value, Resolution r) {
  const int bits = sub_bucket_bits(r);
  if (value < (2u << bits)) return static_cast<uint32_t>(value);
  const int shift = std::bit_width(value) - 1 - bits;  // >= 1
  // (value >> shift) is in [2^bits, 2^(bits+1)): the top bits + 1 bits, leading one included.
  return (static_cast<uint32_t>(shift) << bits) + static_cast<uint32_t>(value >> shift);
}

uint64_t LogHistogram::bucket_lower(uint32_t index, Resolution r) {
  DRSIM_CHECK(index < bucket_count(r)) << "bucket " << index;
  return lower_of(index, sub_bucket_bits(r));
}

uint64_t LogHistogram::bucket_upper(uint32_t index, Resolution r) {
  DRSIM_CHECK(index < bucket_count(r)) << "bucket " << index;
  const int bits = sub_bucket_bits(r);
  if (index < (2u << bits)) return index;
  const uint32_t shift = (index >> bits) - 1;
  return lower_of(index, bits) + ((uint64_t{1} << shift) - 1);
}

std::vector<LogHistogram::Slot> LogHistogram::sorted_entries() const {
  std::vector<Slot> out;
  out.reserve(distinct_);
  for (const Slot& e : table_) {
    if (e.key != 0) out.push_back(e);
  }
  std::sort(out.begin(), out.end(),
            [](const Slot& x, const Slot& y) { return index_of(x) < index_of(y); });
  return out;
}

uint64_t LogHistogram::full_count(uint32_t index, uint32_t low) const {
  if (carries_.empty()) [[likely]] return low;
  const auto it = std::lower_bound(carries_.begin(), carries_.end(), index,
                                   [](const Carry& c, uint32_t i) { return c.index < i; });
  return it != carries_.end() && it->index == index ? low + uint64_t{kCarry} * it->times : low;
}

void LogHistogram::add_to(uint32_t index, Slot& s, uint64_t n, uint32_t same) {
  const uint32_t low = low_of(s);
  s.same = low == 0 || s.same == same ? same : 0;
  uint64_t total = low + n;
  DRSIM_CHECK(total >= n) << "bucket " << index << " overflows";
  if (total > kCarry) [[unlikely]] {
    const uint64_t times = (total - 1) / kCarry;
    total -= times * kCarry;  // in [1, kCarry]
    auto it = std::lower_bound(carries_.begin(), carries_.end(), index,
                               [](const Carry& x, uint32_t i) { return x.index < i; });
    if (it == carries_.end() || it->index != index) it = carries_.insert(it, Carry{index, 0});
    it->times += times;
  }
  s.key = index | static_cast<uint32_t>(total) << kIndexBits;
}

template <class F>
void LogHistogram::for_each_bucket(F&& f) const {
  if (!table_.empty()) {
    for (const Slot& e : sorted_entries()) {
      f(index_of(e), full_count(index_of(e), low_of(e)), e.same);
    }
  }
  for (const Slot& e : dense_) {
    if (e.key != 0) f(index_of(e), full_count(index_of(e), low_of(e)), e.same);
  }
}

void LogHistogram::prefetch(uint64_t value) const {
  if (value == 0) return;
  const uint32_t index = bucket_of(value, resolution_);
  if (!dense_.empty()) {
    if (index >= first_ && index - first_ < dense_.size())
      __builtin_prefetch(&dense_[index - first_]);
  } else if (!table_.empty()) {
    __builtin_prefetch(&table_[home_of(index, table_.size())]);
  }
}

size_t LogHistogram::home_of(uint32_t index, size_t table_size) {
  // Fibonacci hashing: bucket indices are small consecutive integers.
  return (index * uint64_t{0x9e3779b97f4a7c15}) >> 40 & (table_size - 1);
}

LogHistogram::Slot& LogHistogram::probe(uint32_t index) {
  // Then linear probing from the home slot.
  const size_t mask = table_.size() - 1;
  size_t i = home_of(index, table_.size());
  while (table_[i].key != 0 && index_of(table_[i]) != index) i = (i + 1) & mask;
  return table_[i];
}

void LogHistogram::grow_table() {
  std::vector<Slot> old = std::move(table_);
  table_.assign(old.empty() ? 8 : 2 * old.size(), Slot{});
  for (const Slot& e : old) {
    if (e.key != 0) probe(index_of(e)) = e;
  }
}

LogHistogram::Slot& LogHistogram::slot(uint32_t index) {
  // Callers add to the slot returned, so a free one is a bucket that is about to be new.
  if (!dense_.empty()) {
    if (index >= first_ && index - first_ < dense_.size()) {
      Slot& s = dense_[index - first_];
      if (s.key == 0) ++distinct_;
      return s;
    }
    const uint64_t span = uint64_t{std::max(index, last())} - std::min(index, first_) + 1;
    if (2 * (distinct_ + 1) >= span) {
      ++distinct_;
      return dense_slot(index);
    }
    make_sparse();  // the window would be mostly empty
  }
  if (!table_.empty()) {
    Slot& e = probe(index);
    if (e.key != 0) return e;
  }
  // A new bucket.
  ++distinct_;
  lo_ = distinct_ == 1 ? index : std::min(lo_, index);
  hi_ = distinct_ == 1 ? index : std::max(hi_, index);
  if (distinct_ >= kDenseFrom && 2 * distinct_ >= uint64_t{hi_} - lo_ + 1) {
    --distinct_;  // make_dense() moves the others; this one is counted when it is added below
    make_dense();
    ++distinct_;
    return dense_slot(index);
  }
  if (8 * distinct_ > 7 * table_.size()) grow_table();
  return probe(index);
}

void LogHistogram::make_dense() {
  first_ = lo_;
  dense_.assign(hi_ - lo_ + 1, Slot{});
  for (const Slot& e : table_) {
    if (e.key != 0) dense_[index_of(e) - first_] = e;
  }
  table_.clear();
  table_.shrink_to_fit();
}

void LogHistogram::make_sparse() {
  lo_ = first_;
  hi_ = last();
  const std::vector<Slot> dense = std::move(dense_);
  dense_.clear();
  size_t size = 8;
  while (8 * (distinct_ + 1) > 7 * size) size *= 2;
  table_.assign(size, Slot{});
  for (const Slot& e : dense) {
    if (e.key != 0) probe(index_of(e)) = e;
  }
}

LogHistogram::Slot& LogHistogram::dense_slot(uint32_t index) {
  if (index < first_) {
    dense_.insert(dense_.begin(), first_ - index, Slot{});
    first_ = index;
  } else if (index - first_ >= dense_.size()) {
    dense_.resize(index - first_ + 1);
  }
  return dense_[index - first_];
}

bool operator==(const LogHistogram& a, const LogHistogram& b) {
  return a.resolution_ == b.resolution_ && a.adaptive_ == b.adaptive_ && a.count_ == b.count_ &&
         a.zeros_ == b.zeros_ && a.buckets() == b.buckets();
}

void LogHistogram::add(uint64_t value) {
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  ++count_;
  if (value == 0) {
    ++zeros_;
    return;
  }
  const uint32_t index = bucket_of(value, resolution_);
  const uint32_t same = same_of(index, value);
  Slot& s = slot(index);
  const uint32_t low = low_of(s);
  if (low == 0 || low == kCarry) [[unlikely]] {
    add_to(index, s, 1, same);
    coarsen_if_outgrown();
    return;
  }
  if (s.same != same) s.same = 0;
  s.key += 1u << kIndexBits;
}

void LogHistogram::add_bucket(const Bucket& b) {
  DRSIM_CHECK(b.index < bucket_count(resolution_) && b.count > 0 &&
              bucket_lower(b.index, resolution_) <= b.min && b.min <= b.max &&
              b.max <= bucket_upper(b.index, resolution_))
      << "bucket " << b.index << " count " << b.count << " [" << b.min << ", " << b.max << "]";
  min_ = count_ == 0 ? b.min : std::min(min_, b.min);
  max_ = count_ == 0 ? b.max : std::max(max_, b.max);
  count_ += b.count;
  if (b.index == 0) {
    zeros_ += b.count;
    return;
  }
  add_to(b.index, slot(b.index), b.count, b.min == b.max ? same_of(b.index, b.min) : 0);
}

void LogHistogram::merge(const LogHistogram& other) {
  DRSIM_CHECK(other.resolution_ == resolution_ || adaptive_)
      << "merging histograms of different resolutions";
  if (other.count_ == 0) return;
  if (other.resolution_ == Resolution::kCoarse && resolution_ == Resolution::kFine) coarsen();
  if (other.zeros_ > 0) add_bucket({0, other.zeros_, 0, 0});
  const bool rebucket = other.resolution_ != resolution_;  // fine buckets into coarse ones
  other.for_each_bucket([&](uint32_t index, uint64_t count, uint32_t same) {
    Bucket b = other.bounded(index, count, same);
    if (rebucket) b.index = bucket_of(b.min, resolution_);
    add_bucket(b);
  });
  coarsen_if_outgrown();
}

void LogHistogram::coarsen_if_outgrown() {
  if (adaptive_ && distinct_ > kAdaptiveFineBuckets && resolution_ == Resolution::kFine) coarsen();
}

void LogHistogram::coarsen() {
  DRSIM_CHECK(adaptive_) << "coarsening a histogram of fixed resolution";
  if (resolution_ == Resolution::kCoarse) return;
  LogHistogram coarse(Resolution::kCoarse);
  coarse.adaptive_ = true;
  coarse.merge(*this);
  *this = std::move(coarse);
}

LogHistogram::Bucket LogHistogram::bounded(uint32_t index, uint64_t count, uint32_t same) const {
  if (same != 0) {
    const uint64_t value = bucket_lower(index, resolution_) + (same - 1);
    return {index, count, value, value};
  }
  return {index, count, std::max(bucket_lower(index, resolution_), min_),
          std::min(bucket_upper(index, resolution_), max_)};
}

std::vector<LogHistogram::Bucket> LogHistogram::buckets() const {
  std::vector<Bucket> out;
  if (zeros_ > 0) out.push_back({0, zeros_, 0, 0});
  for_each_bucket([this, &out](uint32_t index, uint64_t count, uint32_t same) {
    out.push_back(bounded(index, count, same));
  });
  return out;
}

double LogHistogram::value_at_rank(uint64_t k) const {
  DRSIM_CHECK(k < count_) << "rank " << k << " of " << count_ << " values";
  if (k == 0) return static_cast<double>(min_);
  if (k == count_ - 1) return static_cast<double>(max_);
  if (k < zeros_) return 0;
  k -= zeros_;
  // The bucket's one value, or the midpoint of its bounds: within half its width of any value in
  // it.
  double found = -1;
  for_each_bucket([&](uint32_t index, uint64_t count, uint32_t same) {
    if (found >= 0) return;
    if (k < count) {
      const Bucket b = bounded(index, count, same);
      found = static_cast<double>(b.min) + static_cast<double>(b.max - b.min) / 2;
    } else {
      k -= count;
    }
  });
  DRSIM_CHECK(found >= 0) << "bucket counts do not add up to " << count_;
  return found;
}

double LogHistogram::quantile(double q) const {
  DRSIM_CHECK(count_ > 0 && q >= 0 && q <= 1) << "quantile " << q << " of " << count_ << " values";
  // The same positions as quantile_sorted (summary.h) over the sorted values.
  const double pos = q * static_cast<double>(count_ - 1);
  const auto lo = static_cast<uint64_t>(std::floor(pos));
  const uint64_t hi = std::min(lo + 1, count_ - 1);
  const double a = value_at_rank(lo);
  const double b = hi == lo ? a : value_at_rank(hi);
  return a + (b - a) * (pos - static_cast<double>(lo));
}

}  // namespace drsim::models::results
