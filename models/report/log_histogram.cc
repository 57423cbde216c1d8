// Bucket arithmetic, adds, merges and quantiles of LogHistogram.
#include "models/report/log_histogram.h"

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

LogHistogram::Slot& LogHistogram::slot(uint32_t index) {
  if (buckets_.empty()) {
    first_ = index;
    buckets_.resize(1);
  } else if (index < first_) {
    buckets_.insert(buckets_.begin(), first_ - index, Slot{});
    first_ = index;
  } else if (index - first_ >= buckets_.size()) {
    buckets_.resize(index - first_ + 1);
  }
  return buckets_[index - first_];
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
  for (size_t i = 0; i < other.buckets_.size(); ++i) {
    const Slot& s = other.buckets_[i];
    if (s.count > 0) add_bucket({other.first_ + static_cast<uint32_t>(i), s.count, s.min, s.max});
  }
}

std::vector<LogHistogram::Bucket> LogHistogram::buckets() const {
  std::vector<Bucket> out;
  if (zeros_ > 0) out.push_back({0, zeros_, 0, 0});
  for (size_t i = 0; i < buckets_.size(); ++i) {
    const Slot& s = buckets_[i];
    if (s.count > 0) out.push_back({first_ + static_cast<uint32_t>(i), s.count, s.min, s.max});
  }
  return out;
}

double LogHistogram::value_at_rank(uint64_t k) const {
  DRSIM_CHECK(k < count_) << "rank " << k << " of " << count_ << " values";
  if (k < zeros_) return 0;
  k -= zeros_;
  for (const Slot& s : buckets_) {
    if (k < s.count) {
      // The midpoint of the values seen: within half the bucket's width of any of them.
      return static_cast<double>(s.min) + static_cast<double>(s.max - s.min) / 2;
    }
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
