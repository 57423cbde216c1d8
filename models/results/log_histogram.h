// LogHistogram: a fixed-bucket log-linear (HDR-style) histogram of non-negative integers, for
// quantiles of millions of durations in bounded memory. Integer state only, so merging is exact
// and the result does not depend on the order of adds and merges.
#pragma once

#include <cstdint>
#include <vector>

namespace drsim::models::report {

// Buckets: 0 has its own count; 1..255 have one bucket per value (exact); above that, every
// power of two [2^e, 2^(e+1)) is split into 128 equal buckets, so a bucket is at most 2^-7 of
// its lower bound wide. Each bucket keeps its count and the smallest and largest value added to
// it; a quantile takes the midpoint of those two as the value of every order statistic in the
// bucket. Error bound, for any q: |quantile(q) - exact(q)| <= kRelativeError * exact(q), where
// exact(q) is the exact sample quantile with numpy's linear interpolation; values below 256 and
// buckets holding a single distinct value are exact.
//
// Storage is sized by what it holds. Few distinct buckets are kept sparse: (index, slot) pairs in
// an open-addressing hash table, 32 bytes each at most 3/4 full, so the thousands of per-service
// histograms of a fleet run hold a few hundred bytes each and an add costs one probe. Once at
// least kDenseFrom buckets fill at least half of the span between the lowest and the highest, a
// dense window over that span costs about as much and needs no hashing: the histogram switches
// to it, and back to sparse if a value far away would leave the window mostly empty. Reading in
// index order (buckets(), quantiles) sorts the sparse entries first.
//
// Invariant: distinct_ counts the non-empty buckets above zero. In sparse mode, table_ holds them
// (index 0 marks a free entry; its size a power of two, or zero), lo_ and hi_ are the lowest and
// highest, and dense_ is empty; in dense mode, dense_ covers exactly the indices [first_, first_ +
// dense_.size()) from the lowest to the highest of them, and table_ is empty. Which mode a
// histogram is in depends on the order of adds; equality compares contents.
class LogHistogram {
 public:
  static constexpr int kSubBucketBits = 7;
  static constexpr double kRelativeError = 1.0 / 256;  // 2^-(kSubBucketBits + 1)
  static constexpr uint32_t kBucketCount = 7424;       // index of UINT64_MAX, plus one

  struct Bucket {
    uint32_t index = 0;
    uint64_t count = 0;
    uint64_t min = 0, max = 0;  // of the values added; meaningful when count > 0
    friend bool operator==(const Bucket&, const Bucket&) = default;
  };

  // The bucket a value falls in, and the smallest and largest value of bucket `index`.
  // REQUIRES (bounds): index < kBucketCount.
  static uint32_t bucket_of(uint64_t value);
  static uint64_t bucket_lower(uint32_t index);
  static uint64_t bucket_upper(uint32_t index);

  void add(uint64_t value);
  // Adds `count` values in [min, max], all in bucket `index`, as a restored or merged bucket.
  // REQUIRES: index < kBucketCount, count > 0, bucket_lower(index) <= min <= max <=
  // bucket_upper(index); index 0 means the value 0.
  void add_bucket(const Bucket& b);
  void merge(const LogHistogram& other);

  uint64_t count() const { return count_; }
  // The non-empty buckets in increasing order (the zero bucket, index 0, first when present).
  std::vector<Bucket> buckets() const;

  // The estimate of the k-th smallest value (0-based). REQUIRES: k < count().
  double value_at_rank(uint64_t k) const;
  // The q-quantile, interpolating linearly between the order statistics around q * (count - 1)
  // as numpy does. REQUIRES: count() > 0, 0 <= q <= 1.
  double quantile(double q) const;

  // The same values, whatever the storage.
  friend bool operator==(const LogHistogram& a, const LogHistogram& b);

 private:
  struct Slot {
    uint64_t count = 0, min = 0, max = 0;
  };
  struct Entry {
    uint32_t index = 0;
    Slot slot;
  };
  // The slot of bucket `index` (index > 0), created empty when missing.
  static constexpr uint64_t kDenseFrom = 16;
  Slot& slot(uint32_t index);
  Slot& dense_slot(uint32_t index);  // grows the window to cover index
  // The table entry of `index`, or the free entry where it belongs. REQUIRES: table_ not empty.
  Entry& probe(uint32_t index);
  void grow_table();
  void make_dense();
  void make_sparse();
  uint32_t last() const { return first_ + static_cast<uint32_t>(dense_.size()) - 1; }
  // The sparse entries in increasing index order.
  std::vector<Entry> sorted_entries() const;
  // Calls f(index, slot) for every non-empty bucket above zero, in increasing index order.
  template <class F>
  void for_each_bucket(F&& f) const;

  uint64_t count_ = 0;
  uint64_t zeros_ = 0;
  uint64_t distinct_ = 0;
  std::vector<Entry> table_;
  uint32_t lo_ = 0, hi_ = 0;  // sparse mode: the lowest and highest index held
  uint32_t first_ = 0;        // bucket index of dense_[0]
  std::vector<Slot> dense_;
};

}  // namespace drsim::models::report
