// Exact sums, and the mean and variance computed from them with a single final rounding.
#include "models/results/duration_stats.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"

namespace drsim::models::results {

void Moments::add(uint64_t value) {
  if (value == 0) {  // most of a fleet's per-trial downtimes and losses: the sums stay as they are
    min = 0;
    if (n == 0) max = 0;
    ++n;
    return;
  }
  const u128 v = value;
  const bool overflow =
      __builtin_add_overflow(sum, v, &sum) | __builtin_add_overflow(sum_sq, v * v, &sum_sq);
  DRSIM_CHECK(!overflow) << "statistics overflow after " << n << " values (adding " << value << ")";
  min = n == 0 ? value : std::min(min, value);
  max = n == 0 ? value : std::max(max, value);
  ++n;
}

void Moments::merge(const Moments& other) {
  if (other.n == 0) return;
  const bool overflow = __builtin_add_overflow(sum, other.sum, &sum) |
                        __builtin_add_overflow(sum_sq, other.sum_sq, &sum_sq);
  DRSIM_CHECK(!overflow) << "statistics overflow merging " << n << " and " << other.n << " values";
  min = n == 0 ? other.min : std::min(min, other.min);
  max = n == 0 ? other.max : std::max(max, other.max);
  n += other.n;
}

double Moments::mean() const {
  DRSIM_CHECK(n > 0) << "mean of no values";
  const u128 q = sum / n, r = sum % n;
  return static_cast<double>(q) + static_cast<double>(r) / static_cast<double>(n);
}

double Moments::variance() const {
  if (n < 2) return 0;
  // With sum = q n + r (0 <= r < n), the sum of squared deviations is
  //   sum_sq - sum^2 / n = (sum_sq - q^2 n - 2 q r) - r^2 / n.
  // The bracket is an exact integer no larger than sum_sq (Cauchy-Schwarz), and r^2 / n < n, so
  // nothing cancels catastrophically: equal values give exactly 0.
  const u128 q = sum / n, r = sum % n;
  const u128 exact = sum_sq - q * q * n - 2 * q * r;
  const double rr = static_cast<double>(r);
  const double m2 = static_cast<double>(exact) - rr * rr / static_cast<double>(n);
  return std::max(0.0, m2) / static_cast<double>(n - 1);
}

std::optional<Interval> Moments::mean_ci95() const {
  if (n < 2) return std::nullopt;
  const double m = mean();
  const double half = kZ95 * std::sqrt(variance() / static_cast<double>(n));
  return Interval{m - half, m + half};
}

void CountStats::add(uint64_t value) {
  moments.add(value);
  histogram.add(value);
}

void CountStats::merge(const CountStats& other) {
  moments.merge(other.moments);
  histogram.merge(other.histogram);
}

void DurationStats::add(sim::Duration d) {
  DRSIM_CHECK(d.count_us() >= 0) << "negative duration " << d.count_us() << " us";
  CountStats::add(static_cast<uint64_t>(d.count_us()));
}

}  // namespace drsim::models::results
