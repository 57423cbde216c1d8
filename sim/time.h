// Simulated time: integer microsecond ticks. SimTime is an instant (µs since the trial's start),
// Duration a span. Never double: double time drifts and breaks bit-identical replays.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>

namespace drsim::sim {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration micros(int64_t us) { return Duration(us); }
  static constexpr Duration millis(int64_t ms) { return Duration(ms * 1000); }
  static constexpr Duration seconds(int64_t s) { return Duration(s * 1'000'000); }
  static constexpr Duration minutes(int64_t m) { return seconds(m * 60); }
  static constexpr Duration hours(int64_t h) { return seconds(h * 3600); }
  static constexpr Duration days(int64_t d) { return seconds(d * 86400); }
  // Rounds to the nearest microsecond, halves away from zero (as std::llround, which is a
  // library call). Saturates: a span beyond int64 microseconds (about 292,000 years), +inf and
  // NaN give max(), -inf and spans below it give -max(); so a computed duration can never wrap.
  static constexpr Duration from_seconds(double s) {
    const double us = s * 1e6;
    // 2^63 is exactly representable; anything at or above it does not fit.
    constexpr double kLimit = 9223372036854775808.0;
    if (!(us < kLimit)) return max();  // also NaN
    if (!(us > -kLimit)) return lowest();
    const auto whole = static_cast<int64_t>(us);  // towards zero
    // Exact: below 2^53 the fraction of a double is representable, and above it us is whole.
    const double fraction = us - static_cast<double>(whole);
    return Duration(whole + (fraction >= 0.5) - (fraction <= -0.5));
  }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max()); }
  // -max(): negating it stays in range.
  static constexpr Duration lowest() { return Duration(-std::numeric_limits<int64_t>::max()); }

  constexpr int64_t count_us() const { return us_; }
  constexpr double in_seconds() const { return static_cast<double>(us_) / 1e6; }

  friend constexpr auto operator<=>(Duration, Duration) = default;
  // Arithmetic saturates at ±max() instead of wrapping: a sum of huge spans (a restore of a
  // petabyte at a byte per second, plus a heavy-tailed draw) stays "longer than anything".
  friend constexpr Duration operator+(Duration a, Duration b) {
    int64_t r = 0;
    if (__builtin_add_overflow(a.us_, b.us_, &r)) return b.us_ > 0 ? max() : lowest();
    return Duration(r);
  }
  friend constexpr Duration operator-(Duration a, Duration b) {
    int64_t r = 0;
    if (__builtin_sub_overflow(a.us_, b.us_, &r)) return b.us_ < 0 ? max() : lowest();
    return Duration(r);
  }
  friend constexpr Duration operator*(Duration a, int64_t k) {
    int64_t r = 0;
    if (__builtin_mul_overflow(a.us_, k, &r)) return (a.us_ < 0) == (k < 0) ? max() : lowest();
    return Duration(r);
  }
  constexpr Duration& operator+=(Duration b) { return *this = *this + b; }

 private:
  constexpr explicit Duration(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_micros(int64_t us) { return SimTime(us); }
  static constexpr SimTime zero() { return SimTime(0); }
  // Later than every reachable instant: "never" for timers and horizons.
  static constexpr SimTime never() { return SimTime(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t count_us() const { return us_; }
  constexpr double in_seconds() const { return static_cast<double>(us_) / 1e6; }
  constexpr Duration since_start() const { return Duration::micros(us_); }

  friend constexpr auto operator<=>(SimTime, SimTime) = default;
  // Saturates at never() (and at the lowest instant), so "now + a huge duration" stays ordered.
  friend constexpr SimTime operator+(SimTime t, Duration d) {
    int64_t r = 0;
    if (__builtin_add_overflow(t.us_, d.count_us(), &r)) {
      return d.count_us() > 0 ? never() : SimTime(-std::numeric_limits<int64_t>::max());
    }
    return SimTime(r);
  }
  // Saturates like Duration's arithmetic.
  friend constexpr Duration operator-(SimTime a, SimTime b) {
    return Duration::micros(a.us_) - Duration::micros(b.us_);
  }

 private:
  constexpr explicit SimTime(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

}  // namespace drsim::sim
