// LogHistogram: a fixed-bucket log-linear (HDR-style) histogram of non-negative integers, for
// quantiles of millions of durations in bounded memory. Integer state only, so merging is exact
// and the result does not depend on the order of adds and merges.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace drsim::models::results {

// How finely a LogHistogram splits each power of two. kAdaptive: fine while it holds at most
// LogHistogram::kAdaptiveFineBuckets buckets above zero, coarse for good from then on (as a
// resolution of buckets, it means fine).
enum class HistogramResolution : uint8_t { kFine, kCoarse, kAdaptive };
// Each power of two above the exact values splits into 2^bits buckets: 128 fine, 16 coarse.
constexpr int histogram_sub_bucket_bits(HistogramResolution r) {
  return r == HistogramResolution::kCoarse ? 4 : 7;
}
// 2^-(bits + 1): 2^-8 fine, 2^-5 coarse.
constexpr double histogram_relative_error(HistogramResolution r) {
  return 1.0 / static_cast<double>(2u << histogram_sub_bucket_bits(r));
}
// The index of UINT64_MAX, plus one: 7424 fine, 976 coarse.
constexpr uint32_t histogram_bucket_count(HistogramResolution r) {
  return static_cast<uint32_t>(65 - histogram_sub_bucket_bits(r)) << histogram_sub_bucket_bits(r);
}

// Buckets, at the fine resolution (the default): 0 has its own count; 1..255 have one bucket per
// value (exact); above that, every power of two [2^e, 2^(e+1)) is split into 128 equal buckets,
// so a bucket is at most 2^-7 of its lower bound wide. The coarse resolution splits each power of
// two into 16 (values below 32 exact, buckets at most 2^-4 wide, error bound 2^-5). The thousands
// of per-service histograms of a fleet are adaptive: fine until they outgrow
// kAdaptiveFineBuckets, then coarse, which holds at most 976 buckets, so their memory stays
// bounded however many trials run. A bucket keeps its count and, while every value in it is the
// same, that value (as its offset in the bucket, when that is below 2^32 - 1, as it is for every
// value below 2^39 µs, about 6.4 days, at the fine resolution and below 2^36 µs, about 19 hours,
// at the coarse one); the histogram keeps the smallest and the largest value added. The k-th
// smallest value is estimated as the value of its bucket when the bucket holds one, else as the
// midpoint of the bucket's bounds narrowed to [smallest, largest]; the smallest and largest are
// exact. Error bound, for any q: |quantile(q) - exact(q)| <= relative_error(resolution) *
// exact(q), where exact(q) is the exact sample quantile with numpy's linear interpolation; values
// below 2 << sub_bucket_bits (256, or 32 when coarse), and buckets holding a single distinct
// value whose offset fits, are exact.
//
// Storage is sized by what it holds: a bucket is one 8-byte slot, its index and the low part of
// its count packed in one word (a count that passes 2^19 - 1 carries into a side list, so counts
// never wrap), its `same` in the other. Few distinct buckets are kept sparse: slots in an
// open-addressing hash table at most 7/8 full, so the thousands of per-service histograms of a
// fleet run hold a few hundred bytes each and an add costs one probe.
// Once at least kDenseFrom buckets fill at least half of the span between the lowest and the
// highest, a dense window of slots over that span costs no more and needs no hashing: the
// histogram switches to it, and back to sparse if a value far away would leave the window less
// than half full. Reading in index order (buckets(), quantiles) sorts the sparse entries first.
//
// Invariant: distinct_ counts the non-empty buckets above zero. A slot's key is 0 when it is free
// or empty, else index | low << kIndexBits with low in [1, kCarry]; the bucket's count is low plus
// kCarry times its entry in carries_ (sorted by index, usually empty), and `same` is 1 + the
// offset of its one value from bucket_lower, or 0 when it holds different values (or one whose
// offset does not fit). In sparse mode, table_ holds the non-empty slots (its size a power of
// two, or zero), lo_ and hi_ are the lowest and highest index, and dense_ is empty; in dense mode,
// dense_[i] is bucket first_ + i's slot for exactly the indices from the lowest to the highest,
// and table_ is empty. Which mode a histogram is in depends on the order of
// adds; equality compares contents.
class LogHistogram {
 public:
  using Resolution = HistogramResolution;
  static constexpr int sub_bucket_bits(Resolution r) { return histogram_sub_bucket_bits(r); }
  static constexpr double relative_error(Resolution r) { return histogram_relative_error(r); }
  static constexpr uint32_t bucket_count(Resolution r) { return histogram_bucket_count(r); }
  // The fine resolution's figures.
  static constexpr int kSubBucketBits = histogram_sub_bucket_bits(Resolution::kFine);
  static constexpr double kRelativeError = histogram_relative_error(Resolution::kFine);
  static constexpr uint32_t kBucketCount = histogram_bucket_count(Resolution::kFine);

  // An adaptive histogram turns coarse when it would hold more than this many fine buckets.
  static constexpr uint64_t kAdaptiveFineBuckets = 256;

  LogHistogram() = default;
  explicit LogHistogram(Resolution r)
      : resolution_(r == Resolution::kCoarse ? r : Resolution::kFine),
        adaptive_(r == Resolution::kAdaptive) {}
  // The resolution of its buckets now: kFine or kCoarse, never kAdaptive.
  Resolution resolution() const { return resolution_; }
  bool is_adaptive() const { return adaptive_; }
  // Turns the histogram coarse, exactly: the same as having added every value at the coarse
  // resolution (fine buckets nest in coarse ones). REQUIRES: is_adaptive().
  void coarsen();

  struct Bucket {
    uint32_t index = 0;
    uint64_t count = 0;
    // Bounds of the values in it: the bucket's own, narrowed to the smallest and largest value
    // the histogram holds. An added bucket's bounds widen those two.
    uint64_t min = 0, max = 0;
    friend bool operator==(const Bucket&, const Bucket&) = default;
  };

  // The bucket a value falls in, and the smallest and largest value of bucket `index`, at
  // resolution r. REQUIRES (bounds): index < bucket_count(r).
  static uint32_t bucket_of(uint64_t value, Resolution r = Resolution::kFine);
  static uint64_t bucket_lower(uint32_t index, Resolution r = Resolution::kFine);
  static uint64_t bucket_upper(uint32_t index, Resolution r = Resolution::kFine);

  void add(uint64_t value);
  // A hint that add(value) comes soon: starts loading the memory it will touch. Changes nothing.
  void prefetch(uint64_t value) const;
  // Adds `count` values in [min, max], all in bucket `index` (of resolution()), as a restored or
  // merged bucket. REQUIRES: index < bucket_count(resolution()), count > 0, bucket_lower(index)
  // <= min <= max <= bucket_upper(index); index 0 means the value 0. An adaptive histogram turns
  // coarse only in add() and merge(), so restoring a fine one's buckets keeps it fine.
  void add_bucket(const Bucket& b);
  // Adds every value of `other`. REQUIRES: the same resolution, or this histogram adaptive (it
  // turns coarse for a coarse `other`, and a fine `other` is read at its own resolution).
  void merge(const LogHistogram& other);

  uint64_t count() const { return count_; }
  // The non-empty buckets in increasing order (the zero bucket, index 0, first when present).
  std::vector<Bucket> buckets() const;

  // The smallest and largest value added. REQUIRES: count() > 0.
  uint64_t min() const { return min_; }
  uint64_t max() const { return max_; }

  // The estimate of the k-th smallest value (0-based). REQUIRES: k < count().
  double value_at_rank(uint64_t k) const;
  // The q-quantile, interpolating linearly between the order statistics around q * (count - 1)
  // as numpy does. REQUIRES: count() > 0, 0 <= q <= 1.
  double quantile(double q) const;

  // The same resolution, adaptivity and values, whatever the storage.
  friend bool operator==(const LogHistogram& a, const LogHistogram& b);

 private:
  static constexpr int kIndexBits = 13;
  static_assert(histogram_bucket_count(Resolution::kFine) <= (1u << kIndexBits) &&
                histogram_bucket_count(Resolution::kCoarse) <= (1u << kIndexBits));
  static constexpr uint32_t kCarry = (1u << (32 - kIndexBits)) - 1;  // a low part wraps to 1
  struct Slot {
    uint32_t key = 0;
    uint32_t same = 0;
  };
  static uint32_t index_of(const Slot& s) { return s.key & ((1u << kIndexBits) - 1); }
  static uint32_t low_of(const Slot& s) { return s.key >> kIndexBits; }
  struct Carry {
    uint32_t index = 0;
    uint64_t times = 0;
  };
  static constexpr uint64_t kDenseFrom = 16;
  // The slot of bucket `index` (index > 0), free (key 0) when the bucket is new: the caller
  // adds to it at once.
  Slot& slot(uint32_t index);
  Slot& dense_slot(uint32_t index);  // grows the window to cover index
  // Slot::same for `value` alone in bucket `index`.
  uint32_t same_of(uint32_t index, uint64_t value) const;
  // Adds `n` values to the slot `s` of bucket `index`, carrying into carries_; `same` as Slot's.
  void add_to(uint32_t index, Slot& s, uint64_t n, uint32_t same);
  // The full count of a bucket whose stored count is `low`.
  uint64_t full_count(uint32_t index, uint32_t low) const;
  // The table slot of `index`, or the free slot where it belongs. REQUIRES: table_ not empty.
  Slot& probe(uint32_t index);
  // Where probing for `index` starts in a table of `table_size` slots (a power of two).
  static size_t home_of(uint32_t index, size_t table_size);
  void grow_table();
  // An adaptive fine histogram holding more than kAdaptiveFineBuckets turns coarse.
  void coarsen_if_outgrown();
  void make_dense();
  void make_sparse();
  uint32_t last() const { return first_ + static_cast<uint32_t>(dense_.size()) - 1; }
  // The sparse slots in increasing index order.
  std::vector<Slot> sorted_entries() const;
  // Calls f(index, count, same) for every non-empty bucket above zero, in increasing index order.
  template <class F>
  void for_each_bucket(F&& f) const;
  // What buckets() reports for bucket `index`: min == max is its one value.
  Bucket bounded(uint32_t index, uint64_t count, uint32_t same) const;

  uint64_t count_ = 0;
  uint64_t zeros_ = 0;
  uint64_t distinct_ = 0;
  uint64_t min_ = 0, max_ = 0;  // meaningful when count_ > 0
  std::vector<Slot> table_;
  uint32_t lo_ = 0, hi_ = 0;  // sparse mode: the lowest and highest index held
  uint32_t first_ = 0;        // bucket index of dense_[0]
  Resolution resolution_ = Resolution::kFine;
  bool adaptive_ = false;
  std::vector<Slot> dense_;
  std::vector<Carry> carries_;
};

}  // namespace drsim::models::results
