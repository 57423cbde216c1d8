// LogHistogram: bucket arithmetic, the documented error bound over many decades, exactness where
// promised, merges equal to adding everything, and quantiles of known distributions.
#include "models/results/log_histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/results/summary.h"
#include "sim/rng.h"

namespace drsim::models::results::log_histogram_test {
namespace {

constexpr double kBound = LogHistogram::kRelativeError;
// Room for the rounding of the final double arithmetic, nothing more.
constexpr double kSlack = 1 + 1e-12;

// Log-uniform integers from 1 to about 10^15 µs (30 years): every decade equally often.
std::vector<uint64_t> log_uniform(uint64_t seed, size_t n) {
  sim::Rng rng(seed);
  std::vector<uint64_t> values;
  for (size_t i = 0; i < n; ++i) {
    const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
    values.push_back(static_cast<uint64_t>(std::exp(u * std::log(1e15))));
  }
  return values;
}

// The q-quantile of histogram buckets, computed from the list alone (the smallest and largest
// value exact, the midpoint of each bucket's min and max for every other value in it, numpy's
// interpolation between ranks).
double quantile_sorted_buckets(const std::vector<LogHistogram::Bucket>& buckets, double q) {
  uint64_t count = 0;
  for (const auto& b : buckets) count += b.count;
  const auto at_rank = [&](uint64_t k) {
    if (k == 0) return static_cast<double>(buckets.front().min);
    if (k == count - 1) return static_cast<double>(buckets.back().max);
    for (const auto& b : buckets) {
      if (k < b.count) return static_cast<double>(b.min) + static_cast<double>(b.max - b.min) / 2;
      k -= b.count;
    }
    return std::nan("");
  };
  const double pos = q * static_cast<double>(count - 1);
  const auto lo = static_cast<uint64_t>(std::floor(pos));
  const uint64_t hi = std::min(lo + 1, count - 1);
  const double a = at_rank(lo), b = hi == lo ? a : at_rank(hi);
  return a + (b - a) * (pos - static_cast<double>(lo));
}

LogHistogram histogram_of(const std::vector<uint64_t>& values) {
  LogHistogram h;
  for (uint64_t v : values) h.add(v);
  return h;
}

TEST(LogHistogram, BucketsTileEveryValueWithBoundedWidth) {
  EXPECT_EQ(LogHistogram::bucket_of(0), 0u);
  EXPECT_EQ(LogHistogram::bucket_of(255), 255u);
  EXPECT_EQ(LogHistogram::bucket_of(std::numeric_limits<uint64_t>::max()),
            LogHistogram::kBucketCount - 1);
  EXPECT_EQ(LogHistogram::bucket_upper(LogHistogram::kBucketCount - 1),
            std::numeric_limits<uint64_t>::max());
  for (uint32_t i = 0; i < LogHistogram::kBucketCount; ++i) {
    const uint64_t lo = LogHistogram::bucket_lower(i), hi = LogHistogram::bucket_upper(i);
    ASSERT_LE(lo, hi) << i;
    ASSERT_EQ(LogHistogram::bucket_of(lo), i);
    ASSERT_EQ(LogHistogram::bucket_of(hi), i);
    if (i + 1 < LogHistogram::kBucketCount) {
      ASSERT_EQ(LogHistogram::bucket_lower(i + 1), hi + 1);
    }
    // Width relative to the smallest value in the bucket: at most 2^-7.
    ASSERT_LE(static_cast<double>(hi - lo + 1),
              static_cast<double>(std::max<uint64_t>(lo, 1)) / 128 + 1)
        << i;
  }
}

TEST(LogHistogram, CoarseBucketsTileEveryValueWithBoundedWidth) {
  using R = LogHistogram::Resolution;
  const uint32_t count = LogHistogram::bucket_count(R::kCoarse);
  EXPECT_EQ(count, 976u);
  EXPECT_EQ(LogHistogram::relative_error(R::kCoarse), 1.0 / 32);
  EXPECT_EQ(LogHistogram::bucket_of(31, R::kCoarse), 31u);
  EXPECT_EQ(LogHistogram::bucket_of(std::numeric_limits<uint64_t>::max(), R::kCoarse), count - 1);
  EXPECT_EQ(LogHistogram::bucket_upper(count - 1, R::kCoarse),
            std::numeric_limits<uint64_t>::max());
  for (uint32_t i = 0; i < count; ++i) {
    const uint64_t lo = LogHistogram::bucket_lower(i, R::kCoarse);
    const uint64_t hi = LogHistogram::bucket_upper(i, R::kCoarse);
    ASSERT_LE(lo, hi) << i;
    ASSERT_EQ(LogHistogram::bucket_of(lo, R::kCoarse), i);
    ASSERT_EQ(LogHistogram::bucket_of(hi, R::kCoarse), i);
    if (i + 1 < count) {
      ASSERT_EQ(LogHistogram::bucket_lower(i + 1, R::kCoarse), hi + 1);
    }
    // At most 2^-4 of the smallest value in the bucket wide.
    ASSERT_LE(static_cast<double>(hi - lo + 1),
              static_cast<double>(std::max<uint64_t>(lo, 1)) / 16 + 1)
        << i;
  }
  // Every fine bucket lies inside one coarse bucket.
  for (uint32_t i = 0; i < LogHistogram::kBucketCount; ++i) {
    ASSERT_EQ(LogHistogram::bucket_of(LogHistogram::bucket_lower(i), R::kCoarse),
              LogHistogram::bucket_of(LogHistogram::bucket_upper(i), R::kCoarse))
        << i;
  }
}

TEST(LogHistogram, CoarseOrderStatisticsAreWithinTheirBoundAndValuesBelow32Exact) {
  using R = LogHistogram::Resolution;
  const double bound = LogHistogram::relative_error(R::kCoarse);
  std::vector<uint64_t> values = log_uniform(12, 20'000);
  for (uint64_t v = 0; v < 32; ++v) values.insert(values.end(), v % 3 + 1, v);
  LogHistogram h(R::kCoarse);
  for (uint64_t v : values) h.add(v);
  EXPECT_EQ(h.resolution(), R::kCoarse);
  std::sort(values.begin(), values.end());
  double worst = 0;
  for (uint64_t k = 0; k < values.size(); ++k) {
    const double exact = static_cast<double>(values[k]);
    const double error = std::fabs(h.value_at_rank(k) - exact);
    if (values[k] < 32) {
      ASSERT_EQ(error, 0.0) << "rank " << k << " value " << values[k];
    }
    ASSERT_LE(error, bound * exact * kSlack) << "rank " << k << " value " << values[k];
    worst = std::max(worst, error / exact);
  }
  EXPECT_GT(worst, bound / 2);  // the coarse bound is nearly reached: it is the right one
  // A repeated value stays exact beside others while its offset fits (below 2^36 µs).
  LogHistogram same(R::kCoarse);
  for (int i = 0; i < 100; ++i) same.add(14'400'000'000);  // 4 h
  same.add(14'400'000'001);                                // the same bucket, another value
  same.add(1);
  same.add(uint64_t{1} << 40);  // the largest value lies beyond the bucket, which keeps its bounds
  const uint32_t index = LogHistogram::bucket_of(14'400'000'000, R::kCoarse);
  const double lo = static_cast<double>(LogHistogram::bucket_lower(index, R::kCoarse));
  const double hi = static_cast<double>(LogHistogram::bucket_upper(index, R::kCoarse));
  EXPECT_EQ(same.value_at_rank(50), lo + (hi - lo) / 2);  // no longer one value: the midpoint
  LogHistogram alone(R::kCoarse);
  for (int i = 0; i < 100; ++i) alone.add(14'400'000'000);
  alone.add(1);
  alone.add(uint64_t{1} << 40);
  EXPECT_EQ(alone.value_at_rank(50), 14'400'000'000.0);
}

TEST(LogHistogram, CoarseMergesAndRestoresEqualAddingEverything) {
  using R = LogHistogram::Resolution;
  const std::vector<uint64_t> values = log_uniform(6, 3000);
  LogHistogram all(R::kCoarse), a(R::kCoarse), b(R::kCoarse);
  for (size_t i = 0; i < values.size(); ++i) {
    all.add(values[i]);
    (i % 3 == 0 ? a : b).add(values[i]);
  }
  a.merge(b);
  EXPECT_EQ(a, all);
  LogHistogram restored(R::kCoarse);
  for (const LogHistogram::Bucket& bucket : all.buckets()) restored.add_bucket(bucket);
  EXPECT_EQ(restored, all);
  // The same values at the fine resolution are a different histogram.
  EXPECT_FALSE(histogram_of(values) == all);
  EXPECT_DEATH(all.merge(histogram_of(values)), "different resolutions");
}

TEST(LogHistogram, AnAdaptiveHistogramTurnsCoarseExactlyWhenItOutgrowsItsFineBuckets) {
  using R = LogHistogram::Resolution;
  const std::vector<uint64_t> values = log_uniform(8, 4000);
  LogHistogram adaptive(R::kAdaptive), coarse(R::kCoarse);
  EXPECT_TRUE(adaptive.is_adaptive());
  EXPECT_EQ(adaptive.resolution(), R::kFine);
  size_t turned = values.size();
  for (size_t i = 0; i < values.size(); ++i) {
    adaptive.add(values[i]);
    coarse.add(values[i]);
    if (turned == values.size() && adaptive.resolution() == R::kCoarse) turned = i;
  }
  // It turned when its 257th distinct fine bucket came, and holds what coarse adds would.
  std::vector<uint32_t> fine_buckets;
  for (size_t i = 0; i <= turned; ++i) fine_buckets.push_back(LogHistogram::bucket_of(values[i]));
  std::sort(fine_buckets.begin(), fine_buckets.end());
  fine_buckets.erase(std::unique(fine_buckets.begin(), fine_buckets.end()), fine_buckets.end());
  EXPECT_EQ(fine_buckets.size(), LogHistogram::kAdaptiveFineBuckets + 1);
  EXPECT_EQ(adaptive.buckets(), coarse.buckets());
  EXPECT_EQ(adaptive.min(), coarse.min());
  EXPECT_EQ(adaptive.max(), coarse.max());
  for (double q : {0.01, 0.5, 0.95, 0.99}) EXPECT_EQ(adaptive.quantile(q), coarse.quantile(q));
  // A small one stays fine: the same answers as a fine histogram.
  LogHistogram few(R::kAdaptive);
  for (size_t i = 0; i < 100; ++i) few.add(values[i]);
  EXPECT_EQ(few.resolution(), R::kFine);
  EXPECT_EQ(few.buckets(), histogram_of({values.begin(), values.begin() + 100}).buckets());
}

TEST(LogHistogram, AdaptiveMergesInAnyOrderEqualAddingEverything) {
  using R = LogHistogram::Resolution;
  const std::vector<uint64_t> values = log_uniform(9, 3000);
  LogHistogram all(R::kAdaptive);
  for (uint64_t v : values) all.add(v);
  ASSERT_EQ(all.resolution(), R::kCoarse);
  // Parts small enough to stay fine, merged in two orders and in a tree.
  std::vector<LogHistogram> parts;
  for (size_t i = 0; i < values.size(); i += 100) {
    LogHistogram p(R::kAdaptive);
    for (size_t j = i; j < std::min(values.size(), i + 100); ++j) p.add(values[j]);
    ASSERT_EQ(p.resolution(), R::kFine);
    parts.push_back(p);
  }
  LogHistogram forward(R::kAdaptive), backward(R::kAdaptive);
  for (const LogHistogram& p : parts) forward.merge(p);
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) backward.merge(*it);
  LogHistogram left(R::kAdaptive), right(R::kAdaptive);
  for (size_t i = 0; i < parts.size(); ++i) (i < 2 ? left : right).merge(parts[i]);
  ASSERT_EQ(left.resolution(), R::kFine);  // 200 values: at most 200 buckets
  ASSERT_EQ(right.resolution(), R::kCoarse);
  right.merge(left);  // fine buckets into a coarse histogram
  EXPECT_EQ(forward, all);
  EXPECT_EQ(backward, all);
  EXPECT_EQ(right, all);
  LogHistogram fine_into(R::kAdaptive);
  fine_into.merge(parts[0]);
  fine_into.merge(all);  // a fine histogram takes a coarse one: it turns coarse first
  LogHistogram expected(R::kAdaptive);
  for (size_t j = 0; j < 100; ++j) expected.add(values[j]);
  for (uint64_t v : values) expected.add(v);
  EXPECT_EQ(fine_into, expected);
  // A histogram of fixed fine resolution never takes coarse buckets.
  LogHistogram fixed;
  EXPECT_DEATH(fixed.merge(all), "different resolutions");
  EXPECT_DEATH(fixed.coarsen(), "fixed resolution");
}

TEST(LogHistogram, ValuesBelow256AreExact) {
  std::vector<uint64_t> values;
  for (uint64_t v = 0; v < 256; ++v) values.insert(values.end(), v % 7 + 1, v);
  const LogHistogram h = histogram_of(values);
  for (uint64_t k = 0; k < values.size(); ++k) EXPECT_EQ(h.value_at_rank(k), values[k]) << k;
}

TEST(LogHistogram, ARepeatedValueIsExactBesideOthers) {
  LogHistogram h;
  for (int i = 0; i < 1000; ++i) h.add(14'400'000'000);  // 4 h in µs
  for (double q : {0.0, 0.5, 0.95, 0.99, 1.0}) EXPECT_EQ(h.quantile(q), 14'400'000'000.0);
  h.add(0);
  h.add(1'000'000'000'000);
  EXPECT_EQ(h.quantile(0.5), 14'400'000'000.0);
  LogHistogram copy;
  for (const LogHistogram::Bucket& b : h.buckets()) copy.add_bucket(b);
  EXPECT_EQ(copy.quantile(0.5), 14'400'000'000.0);
}

TEST(LogHistogram, EveryOrderStatisticIsWithinTheBoundAcrossFifteenDecades) {
  std::vector<uint64_t> values = log_uniform(11, 20'000);
  const LogHistogram h = histogram_of(values);
  std::sort(values.begin(), values.end());
  ASSERT_LT(values.front(), 10u);
  ASSERT_GT(values.back(), 100'000'000'000'000u);
  double worst = 0;
  for (uint64_t k = 0; k < values.size(); ++k) {
    const double exact = static_cast<double>(values[k]);
    const double error = std::fabs(h.value_at_rank(k) - exact);
    ASSERT_LE(error, kBound * exact * kSlack) << "rank " << k << " value " << values[k];
    worst = std::max(worst, error / exact);
  }
  EXPECT_GT(worst, kBound / 2);  // the bound is nearly reached: it is the right one
}

TEST(LogHistogram, QuantilesAreWithinTheBoundOfNumpysInterpolation) {
  for (uint64_t seed : {1, 2, 3}) {
    std::vector<uint64_t> values = log_uniform(seed, 5001);
    const LogHistogram h = histogram_of(values);
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    for (double q : {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
      const double exact = quantile_sorted(sorted, q);
      EXPECT_LE(std::fabs(h.quantile(q) - exact), kBound * exact * kSlack)
          << "seed " << seed << " q " << q;
    }
  }
}

TEST(LogHistogram, MergeInAnyOrderEqualsAddingEverything) {
  const std::vector<uint64_t> values = log_uniform(5, 3000);
  std::vector<uint64_t> with_zeros = values;
  with_zeros.insert(with_zeros.end(), 17, 0);
  const LogHistogram all = histogram_of(with_zeros);
  LogHistogram parts[3];
  for (size_t i = 0; i < with_zeros.size(); ++i) parts[(i * 7) % 3].add(with_zeros[i]);
  for (const auto& order : {std::vector<int>{0, 1, 2}, {2, 1, 0}, {1, 2, 0}}) {
    LogHistogram merged;
    for (int p : order) merged.merge(parts[p]);
    EXPECT_EQ(merged, all);
    EXPECT_EQ(merged.buckets(), all.buckets());
  }
  // Rebuilding from the buckets (as a state file does) gives the same histogram.
  LogHistogram rebuilt;
  for (const LogHistogram::Bucket& b : all.buckets()) rebuilt.add_bucket(b);
  EXPECT_EQ(rebuilt, all);
}

// Storage follows the contents (sparse for a few buckets, a dense window once they fill half
// their span), and the order of adds decides when it switches: never what it answers.
TEST(LogHistogram, StorageNeverChangesTheAnswers) {
  // 4,000 values filling the ~180 buckets from 10^6 to 2 x 10^6, then one far away, then more:
  // the storage goes dense, then back to sparse.
  std::vector<uint64_t> clustered;
  for (uint64_t v = 1'000'000; v < 2'000'000; v += 250) clustered.push_back(v);
  clustered.push_back(uint64_t{1} << 60);
  for (uint64_t v = 1'000; v < 1'300; ++v) clustered.push_back(v);
  for (const size_t n : {1u, 3u, 40u, 700u, 20000u, 0u}) {
    std::vector<uint64_t> values = n == 0 ? clustered : log_uniform(n, n);
    values.push_back(0);
    values.push_back(values[0]);
    std::vector<uint64_t> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    std::vector<uint64_t> reversed(sorted.rbegin(), sorted.rend());
    const LogHistogram a = histogram_of(values), b = histogram_of(sorted), c = histogram_of(reversed);
    // The reference: every bucket's count from bucket_of alone; its one value, or when it holds
    // several (or one 2^32 - 1 or more past the bucket's lower bound), its bounds narrowed to the
    // smallest and largest value.
    std::vector<LogHistogram::Bucket> expected;
    for (size_t i = 0; i < sorted.size(); ++i) {
      const uint64_t v = sorted[i];
      const uint32_t index = LogHistogram::bucket_of(v);
      if (expected.empty() || expected.back().index != index) expected.push_back({index, 0, v, v});
      ++expected.back().count;
      if (v != expected.back().min || v - LogHistogram::bucket_lower(index) >= UINT32_MAX) {
        expected.back().min = std::max(LogHistogram::bucket_lower(index), sorted.front());
        expected.back().max = std::min(LogHistogram::bucket_upper(index), sorted.back());
      }
    }
    EXPECT_EQ(a.buckets(), expected) << n;
    EXPECT_EQ(a, b) << n;
    EXPECT_EQ(a, c) << n;
    for (const double q : {0.0, 0.05, 0.5, 0.95, 0.99, 1.0}) {
      EXPECT_EQ(a.quantile(q), b.quantile(q)) << n << " " << q;
      EXPECT_EQ(a.quantile(q), c.quantile(q)) << n << " " << q;
      EXPECT_EQ(a.quantile(q), quantile_sorted_buckets(expected, q)) << n << " " << q;
    }
  }
  LogHistogram one, other;
  one.add(1000);
  other.add(1001);
  EXPECT_NE(one, other);
}

TEST(LogHistogram, TheSmallestAndLargestAreExact) {
  LogHistogram h;
  for (uint64_t v : {1'000'003u, 1'500'000u, 2'000'001u, 2'000'777u}) h.add(v);
  EXPECT_EQ(h.min(), 1'000'003u);
  EXPECT_EQ(h.max(), 2'000'777u);
  EXPECT_EQ(h.quantile(0), 1'000'003.0);
  EXPECT_EQ(h.quantile(1), 2'000'777.0);
  // An inner rank alone in its bucket is exact; one that shares it is the midpoint of the
  // bucket's bounds, within the bound but not exact.
  EXPECT_EQ(h.value_at_rank(1), 1'500'000.0);
  h.add(1'500'001);
  EXPECT_NE(h.value_at_rank(1), 1'500'000.0);
  EXPECT_LE(std::fabs(h.value_at_rank(1) - 1'500'000.0), kBound * 1'500'000.0);
}

// A bucket's count passes 2^32 - 1 without wrapping: the carry is kept beside it, in both
// storages and through merges and state-file buckets.
TEST(LogHistogram, CountsPastTwoToTheThirtyTwoDoNotWrap) {
  constexpr uint64_t kHuge = (uint64_t{1} << 33) + 5;
  LogHistogram sparse;
  sparse.add_bucket({LogHistogram::bucket_of(5000), kHuge, 5000, 5000});
  sparse.add(5000);
  EXPECT_EQ(sparse.count(), kHuge + 1);
  ASSERT_EQ(sparse.buckets().size(), 1u);
  EXPECT_EQ(sparse.buckets()[0].count, kHuge + 1);
  EXPECT_EQ(sparse.quantile(0.5), 5000.0);

  // One add at a time across the carry, in a dense window.
  LogHistogram dense;
  for (uint64_t v = 1000; v < 1100; ++v) dense.add(v);
  const uint32_t index = LogHistogram::bucket_of(1050);
  dense.add_bucket({index, (uint64_t{1} << 32) - 3, 1050, 1050});
  for (int i = 0; i < 5; ++i) dense.add(1050);
  uint64_t in_bucket = 0;
  for (const LogHistogram::Bucket& b : dense.buckets()) {
    if (b.index == index) in_bucket = b.count;
  }
  EXPECT_EQ(in_bucket, (uint64_t{1} << 32) - 3 + 5 + 8);  // 1048..1055 from the loop
  // One at a time past every multiple of the packed low part (2^19 - 1) up to 2^21.
  LogHistogram ones;
  for (uint64_t i = 0; i < (uint64_t{1} << 21); ++i) ones.add(777'777);
  ASSERT_EQ(ones.buckets().size(), 1u);
  EXPECT_EQ(ones.buckets()[0].count, uint64_t{1} << 21);
  EXPECT_EQ(ones.quantile(0.5), 777'777.0);
  LogHistogram merged;
  merged.merge(dense);
  merged.merge(sparse);
  EXPECT_EQ(merged.count(), dense.count() + sparse.count());
  LogHistogram rebuilt;
  for (const LogHistogram::Bucket& b : merged.buckets()) rebuilt.add_bucket(b);
  EXPECT_EQ(rebuilt, merged);
  EXPECT_EQ(rebuilt.quantile(1), 5000.0);
}

// A value 2^32 - 1 or more into its bucket (possible from 2^39 µs on) cannot be kept as the
// bucket's one value: the bucket reads as mixed, within the bound, and its state-file row says so.
TEST(LogHistogram, AValueTooFarIntoItsBucketIsEstimatedWithinTheBound) {
  const uint32_t index = LogHistogram::bucket_of(uint64_t{3} << 38);  // 2^32 wide
  const uint64_t far = LogHistogram::bucket_lower(index) + UINT32_MAX;
  ASSERT_EQ(LogHistogram::bucket_of(far), index);
  LogHistogram h;
  h.add(1);
  for (int i = 0; i < 3; ++i) h.add(far);
  h.add(uint64_t{1} << 50);
  const double exact = static_cast<double>(far);
  EXPECT_NE(h.quantile(0.5), exact);
  EXPECT_LE(std::fabs(h.quantile(0.5) - exact), kBound * exact);
  const std::vector<LogHistogram::Bucket> buckets = h.buckets();
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_LT(buckets[1].min, buckets[1].max);
  LogHistogram rebuilt;
  for (const LogHistogram::Bucket& b : buckets) rebuilt.add_bucket(b);
  EXPECT_EQ(rebuilt, h);
  EXPECT_EQ(rebuilt.quantile(0.5), h.quantile(0.5));
}

// A carried count survives the storage switching: dense, back to sparse, and merged.
TEST(LogHistogram, ACarriedCountSurvivesTheStorageSwitching) {
  LogHistogram h;
  h.add_bucket({LogHistogram::bucket_of(1'000'000), uint64_t{3} << 20, 1'000'000, 1'000'000});
  for (uint64_t v = 1'000'000; v < 1'100'000; v += 500) h.add(v);  // dense
  h.add(uint64_t{1} << 60);                                        // sparse again
  uint64_t in_bucket = 0;
  for (const LogHistogram::Bucket& b : h.buckets()) {
    if (b.index == LogHistogram::bucket_of(1'000'000)) in_bucket = b.count;
  }
  // 1,000,000 + 500 j for j < 200 shares the bucket [999,424, 1,003,519] with 1,000,000 for j <= 7.
  EXPECT_EQ(in_bucket, (uint64_t{3} << 20) + 8);
  EXPECT_EQ(h.count(), (uint64_t{3} << 20) + 200 + 1);
  LogHistogram merged;
  merged.merge(h);
  EXPECT_EQ(merged, h);
}

TEST(LogHistogram, UniformIntegersGiveTheirClosedFormQuantiles) {
  // 1..N once each: the q-quantile (numpy interpolation) is 1 + q (N - 1).
  constexpr uint64_t kN = 1'000'000;
  LogHistogram h;
  for (uint64_t v = 1; v <= kN; ++v) h.add(v);
  for (double q : {0.01, 0.25, 0.5, 0.9, 0.99}) {
    const double exact = 1 + q * static_cast<double>(kN - 1);
    EXPECT_LE(std::fabs(h.quantile(q) - exact), kBound * exact) << q;
  }
}

TEST(LogHistogram, ExponentialQuantilesMatchTheInverseCdf) {
  // The inverse CDF of Exp(mean 90 s) on a fine deterministic grid: the sample quantiles are the
  // distribution's, -mean ln(1 - q), up to the grid's spacing and the histogram's bound.
  constexpr double kMeanUs = 90e6;
  constexpr int kN = 200'000;
  LogHistogram h;
  for (int i = 0; i < kN; ++i) {
    const double u = (i + 0.5) / kN;
    h.add(static_cast<uint64_t>(std::llround(-kMeanUs * std::log(1 - u))));
  }
  for (double q : {0.1, 0.5, 0.95, 0.99}) {
    const double exact = -kMeanUs * std::log(1 - q);
    EXPECT_NEAR(h.quantile(q), exact, kBound * exact + 1e-3 * exact) << q;
  }
}

}  // namespace
}  // namespace drsim::models::results::log_histogram_test
