// SimTime and Duration: integer microsecond arithmetic, rounding and saturation at never().
#include "sim/time.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace drsim::sim::time_test {
namespace {

constexpr int64_t kMaxUs = std::numeric_limits<int64_t>::max();

TEST(Duration, FactoriesCountMicroseconds) {
  EXPECT_EQ(Duration::micros(7).count_us(), 7);
  EXPECT_EQ(Duration::millis(250).count_us(), 250'000);
  EXPECT_EQ(Duration::seconds(90).count_us(), 90'000'000);
  EXPECT_EQ(Duration::minutes(5).count_us(), 300'000'000);
  EXPECT_EQ(Duration::hours(2).count_us(), 7'200'000'000);
  EXPECT_EQ(Duration::days(30).count_us(), 2'592'000'000'000);
  EXPECT_EQ(Duration().count_us(), 0);
  EXPECT_EQ(Duration::max().count_us(), kMaxUs);
}

TEST(Duration, FromSecondsRoundsToNearestMicrosecond) {
  EXPECT_EQ(Duration::from_seconds(1.5).count_us(), 1'500'000);
  EXPECT_EQ(Duration::from_seconds(0.0000014).count_us(), 1);
  EXPECT_EQ(Duration::from_seconds(0.0000016).count_us(), 2);
  EXPECT_EQ(Duration::from_seconds(0.0000004).count_us(), 0);
  EXPECT_EQ(Duration::from_seconds(-2.5).count_us(), -2'500'000);
  EXPECT_EQ(Duration::from_seconds(86400.0 * 365).count_us(), 31'536'000'000'000);
}

TEST(Duration, FromSecondsRoundsAsLlround) {
  // Halves go away from zero; the neighbours of halves and whole numbers stay put.
  for (double us : {0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994,
                    4503599627370495.5, 4503599627370497.0, 9007199254740993.0, 1e18, -1e18}) {
    for (double x : {us, std::nextafter(us, 0.0), std::nextafter(us, 2 * us)}) {
      EXPECT_EQ(Duration::from_seconds(x / 1e6).count_us(), std::llround(x / 1e6 * 1e6)) << x;
    }
  }
  uint64_t bits = 0x9e3779b97f4a7c15u;
  for (int i = 0; i < 100'000; ++i) {
    bits = bits * 6364136223846793005u + 1442695040888963407u;
    const double s = static_cast<double>(bits >> 11) * 0x1.0p-53 * 1e7 - 5e6;  // [-5e6, 5e6) s
    EXPECT_EQ(Duration::from_seconds(s).count_us(), std::llround(s * 1e6)) << s;
  }
}

TEST(Duration, InSecondsIsExactForWholeSeconds) {
  EXPECT_EQ(Duration::hours(1).in_seconds(), 3600.0);
  EXPECT_EQ(Duration::millis(250).in_seconds(), 0.25);
}

TEST(Duration, ArithmeticAndOrdering) {
  EXPECT_EQ(Duration::minutes(1) + Duration::seconds(30), Duration::seconds(90));
  EXPECT_EQ(Duration::minutes(1) - Duration::seconds(90), Duration::seconds(-30));
  EXPECT_EQ(Duration::seconds(3) * 4, Duration::seconds(12));
  Duration d = Duration::seconds(1);
  d += Duration::millis(500);
  EXPECT_EQ(d, Duration::millis(1500));
  EXPECT_LT(Duration::micros(999'999), Duration::seconds(1));
  EXPECT_GT(Duration::hours(24), Duration::minutes(1439));
}

TEST(SimTime, ZeroSinceStartAndDifference) {
  const SimTime t = SimTime::from_micros(3'600'000'000);
  EXPECT_EQ(SimTime().count_us(), 0);
  EXPECT_EQ(SimTime::zero(), SimTime());
  EXPECT_EQ(t.since_start(), Duration::hours(1));
  EXPECT_EQ(t.in_seconds(), 3600.0);
  EXPECT_EQ(t - SimTime::zero(), Duration::hours(1));
  EXPECT_EQ(SimTime::zero() - t, Duration::hours(-1));
  EXPECT_EQ(SimTime::zero() + Duration::hours(1), t);
  EXPECT_LT(SimTime::zero(), t);
}

TEST(SimTime, NeverIsLaterThanEveryInstant) {
  EXPECT_EQ(SimTime::never().count_us(), kMaxUs);
  EXPECT_LT(SimTime::from_micros(kMaxUs - 1), SimTime::never());
  EXPECT_LT(SimTime::zero() + Duration::days(365 * 1000), SimTime::never());
}

TEST(SimTime, AdditionSaturatesAtNever) {
  const SimTime t = SimTime::from_micros(kMaxUs - 10);
  EXPECT_EQ(t + Duration::micros(9), SimTime::from_micros(kMaxUs - 1));
  EXPECT_EQ(t + Duration::micros(10), SimTime::never());
  EXPECT_EQ(t + Duration::micros(11), SimTime::never());
  EXPECT_EQ(SimTime::from_micros(5) + Duration::max(), SimTime::never());
  EXPECT_EQ(SimTime::never() + Duration::micros(1), SimTime::never());
  EXPECT_EQ(SimTime::never() + Duration(), SimTime::never());
  // Saturation keeps "now + a huge delay" ordered after "now + a smaller delay".
  const SimTime now = SimTime::from_micros(1'000'000);
  EXPECT_LT(now + Duration::days(1), now + Duration::max());
}

TEST(SimTime, AdditionOfNegativeSpansMovesBack) {
  EXPECT_EQ(SimTime::from_micros(100) + Duration::micros(-40), SimTime::from_micros(60));
}

}  // namespace
}  // namespace drsim::sim::time_test

namespace drsim::sim::time_test {
namespace {

TEST(SimTimeArithmetic, NegativeInstantsAddWithoutSaturating) {
  // Backups taken before the trial began have negative instants; adding a delay must not
  // overflow into "never".
  const SimTime before_start = SimTime::from_micros(-Duration::days(3).count_us());
  EXPECT_EQ(before_start + Duration::hours(2), SimTime::from_micros(-Duration::days(3).count_us() +
                                                                    Duration::hours(2).count_us()));
  EXPECT_EQ(SimTime::from_micros(5) + Duration::max(), SimTime::never());
}

}  // namespace
}  // namespace drsim::sim::time_test

namespace drsim::sim::time_test {
namespace {

TEST(Duration, FromSecondsSaturatesInsteadOfWrapping) {
  // A petabyte restored at a byte per second, a replay 1e-300 times real time: spans far beyond
  // the clock become "longer than anything", never a negative or wrapped number.
  EXPECT_EQ(Duration::from_seconds(1.1259e15), Duration::max());
  EXPECT_EQ(Duration::from_seconds(1e300), Duration::max());
  EXPECT_EQ(Duration::from_seconds(INFINITY), Duration::max());
  EXPECT_EQ(Duration::from_seconds(NAN), Duration::max());
  EXPECT_EQ(Duration::from_seconds(-1e300), Duration::lowest());
  EXPECT_EQ(Duration::from_seconds(-INFINITY), Duration::lowest());
  // The largest span that fits is still exact.
  EXPECT_EQ(Duration::from_seconds(9.2e12).count_us(), 9'200'000'000'000'000'000);
}

TEST(Duration, ArithmeticSaturates) {
  EXPECT_EQ(Duration::max() + Duration::seconds(1), Duration::max());
  EXPECT_EQ(Duration::seconds(1) + Duration::max(), Duration::max());
  EXPECT_EQ(Duration::lowest() + Duration::seconds(-1), Duration::lowest());
  EXPECT_EQ(Duration::lowest() - Duration::seconds(1), Duration::lowest());
  EXPECT_EQ(Duration::seconds(1) - Duration::lowest(), Duration::max());
  EXPECT_EQ(Duration::max() * 2, Duration::max());
  EXPECT_EQ(Duration::max() * -2, Duration::lowest());
  Duration d = Duration::max();
  d += Duration::days(1);
  EXPECT_EQ(d, Duration::max());
  // Ordinary values are untouched.
  EXPECT_EQ(Duration::seconds(5) - Duration::seconds(7), Duration::seconds(-2));
  EXPECT_EQ(Duration::seconds(5) * 3, Duration::seconds(15));
}

TEST(SimTime, DifferencesSaturate) {
  EXPECT_EQ(SimTime::never() - SimTime::from_micros(-5), Duration::max());
  EXPECT_EQ(SimTime::from_micros(-5) - SimTime::never(), Duration::lowest());
  EXPECT_EQ(SimTime::zero() + Duration::lowest() + Duration::lowest(),
            SimTime::zero() + Duration::lowest());
}

}  // namespace
}  // namespace drsim::sim::time_test
