// Streaming statistics of non-negative integers (durations in microseconds): Moments keeps the
// count, exact sums and extremes; DurationStats adds a LogHistogram for quantiles. Integer state
// only, so adds and merges in any order give identical objects, and memory does not grow with
// the number of values.
#pragma once

#include <cstdint>
#include <optional>

#include "models/results/log_histogram.h"
#include "sim/time.h"

namespace drsim::models::results {

using sim::Duration;
using sim::SimTime;
using u128 = unsigned __int128;

// A closed interval [lo, hi].
struct Interval {
  double lo = 0, hi = 0;
  friend bool operator==(const Interval&, const Interval&) = default;
};

// z of a two-sided 95 % normal interval.
inline constexpr double kZ95 = 1.959963984540054;

// Count, sum, sum of squares, min and max of the values added. Sums are exact (128 bits: the
// squares of 3 * 10^11 durations of a year each, in microseconds, still fit); an overflow is a
// checked failure, never a wrong number.
struct Moments {
  uint64_t n = 0;
  u128 sum = 0;
  u128 sum_sq = 0;
  uint64_t min = 0, max = 0;  // meaningful when n > 0

  void add(uint64_t value);
  void merge(const Moments& other);

  // The mean, rounded once from the exact quotient. REQUIRES: n > 0.
  double mean() const;
  // The sample variance (divisor n - 1) from the exact sums; 0 when n < 2.
  double variance() const;
  // mean ± z95 * sqrt(variance / n): the normal-approximation 95 % interval of the mean. None
  // when n < 2.
  std::optional<Interval> mean_ci95() const;

  friend bool operator==(const Moments&, const Moments&) = default;
};

// Moments and a histogram of the same non-negative integers: counts, such as lost writes.
struct CountStats {
  CountStats() = default;
  explicit CountStats(LogHistogram::Resolution r) : histogram(r) {}

  Moments moments;
  LogHistogram histogram;

  void add(uint64_t value);
  void merge(const CountStats& other);
  uint64_t count() const { return moments.n; }

  friend bool operator==(const CountStats&, const CountStats&) = default;
};

// Moments and a histogram of the same durations, in microseconds.
struct DurationStats : CountStats {
  using CountStats::CountStats;
  using CountStats::add;
  // REQUIRES: d >= 0.
  void add(sim::Duration d);

  friend bool operator==(const DurationStats&, const DurationStats&) = default;
};

}  // namespace drsim::models::results
