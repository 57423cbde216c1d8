// Rng: reference vectors for the hash and mixer, xoshiro256** against a reference
// implementation, stream independence, and the uniform helpers.
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

namespace drsim::sim::rng_test {
namespace {

constexpr int kN = 100'000;

std::vector<uint64_t> first_words(Rng rng, int n = 16) {
  std::vector<uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rng.next());
  return out;
}

// Pearson correlation of the uniform01 draws of two streams.
double correlation(Rng x, Rng y, int n) {
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (int i = 0; i < n; ++i) {
    const double a = x.uniform01(), b = y.uniform01();
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const double cov = sxy / n - (sx / n) * (sy / n);
  return cov / std::sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
}

// Under independence the sample correlation has standard error ~ 1/sqrt(n).
bool is_uncorrelated(Rng x, Rng y) { return std::abs(correlation(x, y, kN)) < 5 / std::sqrt(kN); }

TEST(Rng, Fnv1aReferenceVectors) {
  EXPECT_EQ(fnv1a(""), 0xcbf29ce484222325u);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cu);
  EXPECT_EQ(fnv1a("foobar"), 0x85944171f73967e8u);
}

TEST(Rng, StreamNamesHashAsTheWholeString) {
  const StreamName db = StreamName("db/").then("tracker-db");
  EXPECT_EQ(db.hash(), fnv1a("db/tracker-db"));
  EXPECT_EQ(db.then("/failure").hash(), fnv1a("db/tracker-db/failure"));
  EXPECT_EQ(Rng::stream_key(7, 3, db.then("/copy/").then("2")),
            Rng::stream_key(7, 3, "db/tracker-db/copy/2"));
  Rng a = Rng::for_stream(7, 3, db), b = Rng::for_stream(7, 3, "db/tracker-db");
  EXPECT_EQ(a.next(), b.next());
}

TEST(Rng, FirstOfKeyedIsTheKeyedStreamsFirstOutput) {
  for (uint64_t key : {uint64_t{0}, uint64_t{42}, Rng::stream_key(1, 2, "db/x/copy/3")}) {
    for (uint64_t index : {uint64_t{0}, uint64_t{1}, uint64_t{365}, ~uint64_t{0}}) {
      EXPECT_EQ(Rng::first_of_keyed(key, index), Rng::for_keyed(key, index).next());
    }
  }
}

TEST(Rng, Splitmix64ReferenceVector) {
  // The first output of the reference SplitMix64 generator seeded with 0.
  EXPECT_EQ(splitmix64(0), 0xe220a8397b1dcdafu);
}

// The published xoshiro256** algorithm, written out separately.
struct ReferenceXoshiro {
  uint64_t s[4];
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t next() {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
};

TEST(Rng, ReferenceXoshiroKnownOutputs) {
  ReferenceXoshiro ref{{1, 2, 3, 4}};
  EXPECT_EQ(ref.next(), 11520u);
  EXPECT_EQ(ref.next(), 0u);
}

TEST(Rng, MatchesXoshiro256StarStarSeededBySplitmix) {
  // Rng(seed) fills its state with splitmix64(seed + k * golden), k = 1..4.
  constexpr uint64_t kGolden = 0x9e3779b97f4a7c15u;
  const uint64_t seed = 12345;
  ReferenceXoshiro ref{};
  for (uint64_t k = 0; k < 4; ++k) ref.s[k] = splitmix64(seed + (k + 1) * kGolden);
  Rng rng(seed);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(rng.next(), ref.next()) << i;
}

TEST(Rng, SameInputsGiveIdenticalSequences) {
  EXPECT_EQ(first_words(Rng(7)), first_words(Rng(7)));
  EXPECT_EQ(first_words(Rng::for_stream(1, 2, "db")), first_words(Rng::for_stream(1, 2, "db")));
  EXPECT_EQ(first_words(Rng::for_stream(1, 2, "db", 3)),
            first_words(Rng::for_stream(1, 2, "db", 3)));
}

TEST(Rng, DifferentInputsGiveDifferentSequences) {
  std::set<std::vector<uint64_t>> seen;
  const std::vector<Rng> streams = {
      Rng::for_stream(1, 0, "a"),
      Rng::for_stream(1, 0, "b"),
      Rng::for_stream(1, 0, "ab"),
      Rng::for_stream(1, 0, "ba"),
      Rng::for_stream(1, 0, ""),
      Rng::for_stream(1, 1, "a"),
      Rng::for_stream(2, 0, "a"),
      Rng::for_stream(0, 1, "a"),
      Rng::for_stream(1, 0, "a", 0),
      Rng::for_stream(1, 0, "a", 1),
      Rng::for_stream(1, 1, "a", 0),
      Rng::for_stream(1, 0, "b", 0),
      Rng(0),
      Rng(1),
  };
  for (const Rng& r : streams) seen.insert(first_words(r, 4));
  EXPECT_EQ(seen.size(), streams.size());
}

TEST(Rng, SeedAndTrialDoNotCommute) {
  // seed 1 trial 2 and seed 2 trial 1 are different experiments.
  EXPECT_NE(first_words(Rng::for_stream(1, 2, "x")), first_words(Rng::for_stream(2, 1, "x")));
}

TEST(Rng, StreamsOfDifferentNamesAreUncorrelated) {
  EXPECT_TRUE(is_uncorrelated(Rng::for_stream(1, 0, "db/a"), Rng::for_stream(1, 0, "db/b")));
  EXPECT_TRUE(is_uncorrelated(Rng::for_stream(1, 0, "x"), Rng::for_stream(1, 0, "y")));
}

TEST(Rng, StreamsOfAdjacentTrialsSeedsAndIndicesAreUncorrelated) {
  EXPECT_TRUE(is_uncorrelated(Rng::for_stream(1, 0, "f"), Rng::for_stream(1, 1, "f")));
  EXPECT_TRUE(is_uncorrelated(Rng::for_stream(1, 0, "f"), Rng::for_stream(2, 0, "f")));
  EXPECT_TRUE(is_uncorrelated(Rng::for_stream(1, 0, "f", 0), Rng::for_stream(1, 0, "f", 1)));
  EXPECT_TRUE(is_uncorrelated(Rng(0), Rng(1)));
}

TEST(Rng, CorrelationCheckDetectsDependentStreams) {
  // The check above can fail: the same stream against itself has correlation 1.
  EXPECT_NEAR(correlation(Rng(3), Rng(3), 1000), 1.0, 1e-12);
  EXPECT_FALSE(is_uncorrelated(Rng(3), Rng(3)));
}

TEST(Rng, Uniform01IsInsideOpenIntervalWithUniformMoments) {
  Rng rng = Rng::for_stream(9, 0, "u");
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kN; ++i) {
    const double u = rng.uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / kN, var = sum_sq / kN - mean * mean;
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / kN));
  // The variance estimate's standard error is sqrt((mu4 - sigma^4) / n), mu4 = 1/80.
  EXPECT_NEAR(var, 1.0 / 12, 5 * std::sqrt((1.0 / 80 - 1.0 / 144) / kN));
}

TEST(Rng, BelowStaysInRangeAndIsUniform) {
  Rng rng = Rng::for_stream(4, 0, "below");
  constexpr uint64_t kBins = 10;
  std::vector<int> counts(kBins, 0);
  for (int i = 0; i < kN; ++i) {
    const uint64_t k = rng.below(kBins);
    ASSERT_LT(k, kBins);
    ++counts[k];
  }
  // Chi-square with 9 degrees of freedom; P(X > 27.88) = 0.001.
  double chi2 = 0;
  const double expected = static_cast<double>(kN) / kBins;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi2, 27.88);
  EXPECT_EQ(rng.below(1), 0u);
}

TEST(Rng, BelowCoversLargeRanges) {
  Rng rng(5);
  const uint64_t n = (uint64_t{1} << 63) + 12345;
  uint64_t high = 0;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t k = rng.below(n);
    ASSERT_LT(k, n);
    if (k >= n / 2) ++high;
  }
  EXPECT_NEAR(static_cast<double>(high), 500.0, 5 * std::sqrt(250.0));
}

}  // namespace
}  // namespace drsim::sim::rng_test
