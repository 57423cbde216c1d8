// Bucket arithmetic, adds, merges and quantiles of LogHistogram.
#include "models/results/log_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sim/check.h"

namespace drsim::models::report {
namespace {

constexpr uint32_t kSubBuckets = 1u << LogHistogram::kSubBucketBits;  // 128
constexpr uint64_t kExactBelow = 2 * kSubBuckets;                     // 256

}  // namespace

uint32_t LogHistogram::bucket_of(uint64_t value) {
  if (value < kExactBelow) return static_cast<uint32_t>(value);
  const int shift = std::bit_width(value) - 1 - kSubBucketBits;  // >= 1
  // (value >> shift) is in [128, 256): the top eight bits, leading one included.
  return (static_cast<uint32_t>(shift) << kSubBucketBits) + static_cast<uint32_t>(value >> shift);
}

uint64_t LogHistogram::bucket_lower(uint32_t index) {
  DRSIM_CHECK(index < kBucketCount) << "bucket " << index;
  if (index < kExactBelow) return index;
  const uint32_t shift = (index >> kSubBucketBits) - 1;
  const uint64_t top = (index & (kSubBuckets - 1)) | kSubBuckets;
  return top << shift;
}

uint64_t LogHistogram::bucket_upper(uint32_t index) {
  DRSIM_CHECK(index < kBucketCount) << "bucket " << index;
  if (index < kExactBelow) return index;
  const uint32_t shift = (index >> kSubBucketBits) - 1;
  return bucket_lower(index) + ((uint64_t{1} << shift) - 1);
}

std::vector<LogHistogram::Entry> LogHistogram::sorted_entries() const {
  std::vector<Entry> out;
  out.reserve(distinct_);
  for (const Entry& e : table_) {
    if (e.index != 0) out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const Entry& x, const Entry& y) { return x.index < y.index; });
  return out;
}

template <class F>
void LogHistogram::for_each_bucket(F&& f) const {
  if (!table_.empty()) {
    for (const Entry& e : sorted_entries()) f(e.index, e.slot);
  }
  for (size_t i = 0; i < dense_.size(); ++i) {
    if (dense_[i].count > 0) f(first_ + static_cast<uint32_t>(i), dense_[i]);
  }
}

LogHistogram::Entry& LogHistogram::probe(uint32_t index) {
  // Fibonacci hashing, then linear probing: bucket indices are small consecutive integers.
  const size_t mask = table_.size() - 1;
  size_t i = (index * uint64_t{0x9e3779b97f4a7c15}) >> 40 & mask;
  while (table_[i].index != 0 && table_[i].index != index) i = (i + 1) & mask;
  return table_[i];
}

void LogHistogram::grow_table() {
  std::vector<Entry> old = std::move(table_);
  table_.assign(old.empty() ? 8 : 2 * old.size(), Entry{});
  for (const Entry& e : old) {
    if (e.index != 0) probe(e.index) = e;
  }
}

LogHistogram::Slot& LogHistogram::slot(uint32_t index) {
  // Callers add to the slot returned, so an empty one is a bucket that is about to be new.
  if (!dense_.empty()) {
    if (index >= first_ && index - first_ < dense_.size()) {
      Slot& s = dense_[index - first_];
      if (s.count == 0) ++distinct_;
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
    Entry& e = probe(index);
    if (e.index == index) return e.slot;
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
  if (4 * distinct_ > 3 * table_.size()) grow_table();
  Entry& e = probe(index);
  e.index = index;
  return e.slot;
}

void LogHistogram::make_dense() {
  const std::vector<Entry> entries = sorted_entries();
  first_ = lo_;
  dense_.assign(hi_ - lo_ + 1, Slot{});
  for (const Entry& e : entries) dense_[e.index - first_] = e.slot;
  table_.clear();
  table_.shrink_to_fit();
}

void LogHistogram::make_sparse() {
  lo_ = first_;
  hi_ = last();
  const std::vector<Slot> dense = std::move(dense_);
  dense_.clear();
  size_t size = 8;
  while (4 * (distinct_ + 1) > 3 * size) size *= 2;
  table_.assign(size, Entry{});
  for (size_t i = 0; i < dense.size(); ++i) {
    if (dense[i].count == 0) continue;
    const uint32_t index = first_ + static_cast<uint32_t>(i);
    Entry& e = probe(index);
    e.index = index;
    e.slot = dense[i];
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
  return a.count_ == b.count_ && a.zeros_ == b.zeros_ && a.buckets() == b.buckets();
}

void LogHistogram::add(uint64_t value) {
  ++count_;
  if (value == 0) {
    ++zeros_;
    return;
  }
  Slot& s = slot(bucket_of(value));
  if (s.count == 0) {
    s.min = s.max = value;
  } else {
    s.min = std::min(s.min, value);
    s.max = std::max(s.max, value);
  }
  ++s.count;
}

void LogHistogram::add_bucket(const Bucket& b) {
  DRSIM_CHECK(b.index < kBucketCount && b.count > 0 && bucket_lower(b.index) <= b.min &&
              b.min <= b.max && b.max <= bucket_upper(b.index))
      << "bucket " << b.index << " count " << b.count << " [" << b.min << ", " << b.max << "]";
  count_ += b.count;
  if (b.index == 0) {
    zeros_ += b.count;
    return;
  }
  Slot& s = slot(b.index);
  if (s.count == 0) {
    s.min = b.min;
    s.max = b.max;
  } else {
    s.min = std::min(s.min, b.min);
    s.max = std::max(s.max, b.max);
  }
  s.count += b.count;
}

void LogHistogram::merge(const LogHistogram& other) {
  if (other.zeros_ > 0) add_bucket({0, other.zeros_, 0, 0});
  other.for_each_bucket(
      [this](uint32_t index, const Slot& s) { add_bucket({index, s.count, s.min, s.max}); });
}

std::vector<LogHistogram::Bucket> LogHistogram::buckets() const {
  std::vector<Bucket> out;
  if (zeros_ > 0) out.push_back({0, zeros_, 0, 0});
  for_each_bucket([&out](uint32_t index, const Slot& s) {
    out.push_back({index, s.count, s.min, s.max});
  });
  return out;
}

double LogHistogram::value_at_rank(uint64_t k) const {
  DRSIM_CHECK(k < count_) << "rank " << k << " of " << count_ << " values";
  if (k < zeros_) return 0;
  k -= zeros_;
  const auto midpoint = [](const Slot& s) {
    // The midpoint of the values seen: within half the bucket's width of any of them.
    return static_cast<double>(s.min) + static_cast<double>(s.max - s.min) / 2;
  };
  if (!table_.empty()) {
    for (const Entry& e : sorted_entries()) {
      if (k < e.slot.count) return midpoint(e.slot);
      k -= e.slot.count;
    }
  }
  for (const Slot& s : dense_) {
    if (k < s.count) return midpoint(s);
    k -= s.count;
  }
  DRSIM_CHECK(false) << "bucket counts do not add up to " << count_;
  return 0;
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

}  // namespace drsim::models::report
