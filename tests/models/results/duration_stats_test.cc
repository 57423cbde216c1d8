// Moments and DurationStats: exact mean and variance against a naive two-pass computation, merges
// equal to adding everything, and 95 % intervals that cover the truth about 95 % of the time.
#include "models/results/duration_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/results/summary.h"
#include "sim/rng.h"

namespace drsim::models::results::duration_stats_test {
namespace {

// Two passes in long double: the reference the streaming sums must agree with.
struct TwoPass {
  long double mean = 0, variance = 0;
};
TwoPass two_pass(const std::vector<uint64_t>& xs) {
  TwoPass t;
  for (uint64_t x : xs) t.mean += static_cast<long double>(x);
  t.mean /= static_cast<long double>(xs.size());
  for (uint64_t x : xs) {
    const long double d = static_cast<long double>(x) - t.mean;
    t.variance += d * d;
  }
  t.variance /= static_cast<long double>(xs.size() - 1);
  return t;
}

double uniform01(sim::Rng& rng) { return static_cast<double>(rng.next() >> 11) * 0x1.0p-53; }

TEST(Moments, MeanAndVarianceMatchATwoPassComputation) {
  sim::Rng rng(3);
  // From microseconds to a year in microseconds, with an offset that makes cancellation hard.
  for (uint64_t scale : {uint64_t{1000}, uint64_t{90'000'000}, uint64_t{31'536'000'000'000}}) {
    std::vector<uint64_t> xs;
    Moments m;
    for (int i = 0; i < 10'000; ++i) {
      const uint64_t x = 1'000'000'000'000 + static_cast<uint64_t>(uniform01(rng) * scale);
      xs.push_back(x);
      m.add(x);
    }
    const TwoPass ref = two_pass(xs);
    EXPECT_NEAR(m.mean(), static_cast<double>(ref.mean), 1e-15 * static_cast<double>(ref.mean));
    EXPECT_NEAR(m.variance(), static_cast<double>(ref.variance),
                1e-12 * static_cast<double>(ref.variance))
        << "scale " << scale;
    EXPECT_EQ(m.n, 10'000u);
  }
}

TEST(Moments, EqualValuesHaveExactlyZeroVariance) {
  Moments m;
  for (int i = 0; i < 1000; ++i) m.add(31'536'000'000'000);  // a year in µs
  EXPECT_EQ(m.mean(), 31'536'000'000'000.0);
  EXPECT_EQ(m.variance(), 0.0);
  EXPECT_EQ(*m.mean_ci95(), (Interval{31'536'000'000'000.0, 31'536'000'000'000.0}));
}

TEST(Moments, SmallSamples) {
  Moments m;
  EXPECT_EQ(m.variance(), 0.0);
  EXPECT_FALSE(m.mean_ci95());
  m.add(4);
  EXPECT_EQ(m.mean(), 4.0);
  EXPECT_FALSE(m.mean_ci95());  // one value says nothing about the spread
  m.add(1);
  m.add(1);
  EXPECT_EQ(m.mean(), 2.0);
  EXPECT_EQ(m.variance(), 3.0);
  EXPECT_EQ(m.min, 1u);
  EXPECT_EQ(m.max, 4u);
}

// Zeros take a shortcut past the sums: the count, the extremes and the sums are those of the
// values, whether a zero comes first, between others or last, or alone.
TEST(Moments, ZerosCountAndSetTheMinimum) {
  for (const std::vector<uint64_t>& xs : std::vector<std::vector<uint64_t>>{
           {0}, {0, 0}, {0, 7, 3}, {7, 0, 3}, {7, 3, 0}, {5, 5}, {0, 9, 0, 2, 0}}) {
    Moments m;
    u128 sum = 0, sum_sq = 0;
    for (uint64_t x : xs) {
      m.add(x);
      sum += x;
      sum_sq += u128{x} * x;
    }
    EXPECT_EQ(m.n, xs.size());
    EXPECT_EQ(m.sum, sum);
    EXPECT_EQ(m.sum_sq, sum_sq);
    EXPECT_EQ(m.min, *std::min_element(xs.begin(), xs.end()));
    EXPECT_EQ(m.max, *std::max_element(xs.begin(), xs.end()));
  }
}

TEST(Moments, MergeInAnyOrderEqualsAddingEverything) {
  sim::Rng rng(8);
  Moments all, a, b, c;
  for (int i = 0; i < 999; ++i) {
    const uint64_t x = rng.next() >> 24;
    all.add(x);
    (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(x);
  }
  Moments abc = a, cba = c, empty;
  abc.merge(b);
  abc.merge(c);
  cba.merge(b);
  cba.merge(a);
  cba.merge(empty);
  EXPECT_EQ(abc, all);
  EXPECT_EQ(cba, all);
  empty.merge(all);
  EXPECT_EQ(empty, all);
}

TEST(MomentsDeathTest, OverflowIsACheckedFailureNotAWrongNumber) {
  Moments m;
  m.add(std::numeric_limits<uint64_t>::max());
  EXPECT_DEATH(m.add(std::numeric_limits<uint64_t>::max()), "statistics overflow");
}

TEST(DurationStats, SummaryMeansAreExactAndQuantilesWithinTheBound) {
  sim::Rng rng(4);
  DurationStats d;
  std::vector<double> seconds;
  for (int i = 0; i < 4001; ++i) {
    const int64_t us = 60'000'000 + static_cast<int64_t>(uniform01(rng) * 60'000'000);
    d.add(sim::Duration::micros(us));
    seconds.push_back(static_cast<double>(us) / 1e6);
  }
  const SampleStats streamed = summarize(d), exact = summarize(seconds);
  EXPECT_EQ(streamed.n, exact.n);
  EXPECT_NEAR(streamed.mean, exact.mean, 1e-12 * exact.mean);
  EXPECT_EQ(streamed.max, exact.max);
  EXPECT_NEAR(streamed.mean_ci95->lo, exact.mean_ci95->lo, 1e-9);
  EXPECT_NEAR(streamed.mean_ci95->hi, exact.mean_ci95->hi, 1e-9);
  for (auto [s, e] :
       {std::pair{streamed.p50, exact.p50}, {streamed.p95, exact.p95}, {streamed.p99, exact.p99}}) {
    EXPECT_LE(std::fabs(s - e), LogHistogram::kRelativeError * e);
  }
}

// Coverage, with fixed seeds so that it cannot flake: of 2000 intervals, each from 100 draws, the
// share containing the true value is 95 % within three binomial standard errors (0.015).
TEST(Ci95, MeanIntervalsCoverTheTrueMean) {
  sim::Rng rng(2024);
  constexpr int kRepeats = 2000, kDraws = 100;
  constexpr double kTrueMean = 500'000;  // uniform on [0, 1e6)
  int covered = 0;
  for (int r = 0; r < kRepeats; ++r) {
    Moments m;
    for (int i = 0; i < kDraws; ++i) m.add(static_cast<uint64_t>(uniform01(rng) * 1e6));
    const Interval ci = *m.mean_ci95();
    covered += ci.lo <= kTrueMean && kTrueMean <= ci.hi;
  }
  EXPECT_NEAR(static_cast<double>(covered) / kRepeats, 0.95, 0.015);
}

TEST(Ci95, WilsonIntervalsCoverTheTrueFraction) {
  sim::Rng rng(2025);
  constexpr int kRepeats = 2000, kDraws = 200;
  constexpr double kP = 0.9;
  int covered = 0;
  for (int r = 0; r < kRepeats; ++r) {
    size_t k = 0;
    for (int i = 0; i < kDraws; ++i) k += uniform01(rng) < kP;
    const Proportion p = wilson95(k, kDraws);
    covered += p.lo <= kP && kP <= p.hi;
  }
  EXPECT_NEAR(static_cast<double>(covered) / kRepeats, 0.95, 0.015);
}

}  // namespace
}  // namespace drsim::models::results::duration_stats_test
