// Distribution: sample moments and quantiles against closed forms, truncation, parameter
// checks, and the normal CDF and quantile function.
#include "sim/distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/rng.h"
#include "sim/units.h"

namespace drsim::sim::distribution_test {
namespace {

constexpr int kSamples = 200'000;
constexpr double kPi = 3.14159265358979323846;
// Samples are rounded to the microsecond: allow half a tick on comparisons of single values.
constexpr double kTick = 0.5e-6;

Duration s(double seconds) { return Duration::from_seconds(seconds); }

struct Sampled {
  double mean = 0, sd = 0;
  std::vector<double> sorted_s;
  // The empirical q-quantile.
  double at(double q) const { return sorted_s[static_cast<size_t>(q * sorted_s.size())]; }
  // The fraction of samples <= x.
  double fraction_at_most(double x) const {
    return static_cast<double>(std::upper_bound(sorted_s.begin(), sorted_s.end(), x) -
                               sorted_s.begin()) /
           sorted_s.size();
  }
};

Sampled draw(const Distribution& d, uint64_t seed, int n = kSamples) {
  Rng rng = Rng::for_stream(seed, 0, "distribution-test");
  Sampled out;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng).in_seconds();
    out.sorted_s.push_back(x);
    sum += x;
    sum_sq += x * x;
  }
  out.mean = sum / n;
  out.sd = std::sqrt(std::max(0.0, sum_sq / n - out.mean * out.mean));
  std::sort(out.sorted_s.begin(), out.sorted_s.end());
  return out;
}

// The sample mean lies within 5 standard errors of mean_s().
void expect_mean_matches(const Distribution& d, const Sampled& x) {
  EXPECT_NEAR(x.mean, d.mean_s(), 5 * x.sd / std::sqrt(x.sorted_s.size()) + kTick) << d.describe();
}

// The empirical q-quantile lies between the true quantiles at q -/+ 5 standard errors of the
// empirical CDF at that point, sqrt(q (1 - q) / n).
void expect_quantiles_match(const Distribution& d, const Sampled& x) {
  for (double q : {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
    const double band = 5 * std::sqrt(q * (1 - q) / x.sorted_s.size());
    EXPECT_GE(x.at(q), d.quantile_s(q - band) - kTick) << d.describe() << " q=" << q;
    EXPECT_LE(x.at(q), d.quantile_s(q + band) + kTick) << d.describe() << " q=" << q;
  }
}

Distribution ok(std::optional<Distribution> d) {
  EXPECT_TRUE(d.has_value());
  return *d;
}

TEST(Distribution, ConstantAlwaysGivesItsValue) {
  const Distribution d = Distribution::constant(Duration::seconds(90));
  EXPECT_TRUE(d.is_constant());
  EXPECT_EQ(d.kind(), Distribution::Kind::kConstant);
  Rng rng(1);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(rng), Duration::seconds(90));
  EXPECT_EQ(d.mean_s(), 90.0);
  EXPECT_EQ(d.quantile_s(0.01), 90.0);
  EXPECT_EQ(d.quantile_s(0.99), 90.0);
}

TEST(Distribution, ASampleIsAFunctionOfOneDraw) {
  // Keyed sub-streams rely on it: sample(rng) == sample_of(the rng's next output), and a
  // constant leaves the generator untouched.
  const std::vector<Distribution> kinds = {
      ok(Distribution::uniform(s(15), s(35), nullptr)),
      ok(Distribution::exponential(s(2), nullptr)),
      ok(Distribution::normal(s(90), s(10), s(30), std::nullopt, nullptr)),
      ok(Distribution::lognormal(s(4 * 3600), s(12 * 3600), nullptr)),
      ok(Distribution::weibull(1.5, s(3600), nullptr)),
      ok(Distribution::empirical({s(62), s(75), s(81), s(118)}, nullptr))};
  for (const Distribution& d : kinds) {
    Rng rng(7), copy(7);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(rng), d.sample_of(copy.next()));
  }
  Rng rng(7), untouched(7);
  Distribution::constant(s(90)).sample(rng);
  EXPECT_EQ(rng.next(), untouched.next());
}

// upper_bound() is never below a sample, and within a microsecond of the largest one;
// lower_bound() never above one.
TEST(Distribution, BoundsHoldEverySampleOfTheBoundedKinds) {
  std::string error;
  const Duration s30 = Duration::seconds(30), s90 = Duration::seconds(90);
  const std::vector<std::pair<Distribution, Duration>> bounded = {
      {Distribution::constant(s30), s30},
      {*Distribution::uniform(Duration::micros(1'234'567), Duration::micros(7'654'321), &error),
       Duration::micros(7'654'321)},
      {*Distribution::normal(s90, s30, std::nullopt, Duration::seconds(100), &error),
       Duration::seconds(100)},
      {*Distribution::empirical({s90, s30, Duration::seconds(60)}, &error), s90}};
  ASSERT_EQ(error, "");
  for (const auto& [d, largest] : bounded) {
    ASSERT_EQ(d.upper_bound(), largest + Duration::micros(1)) << d.describe();
    Duration seen;
    for (uint64_t i = 0; i < 20'000; ++i) {
      const Duration x = d.sample_of(splitmix64(i));
      ASSERT_LE(x, *d.upper_bound()) << d.describe();
      ASSERT_GE(x, d.lower_bound()) << d.describe();
      seen = std::max(seen, x);
    }
    EXPECT_GE(seen + Duration::micros(1), largest - Duration::seconds(1)) << d.describe();
  }
  EXPECT_EQ(Distribution::constant(s30).lower_bound(), s30 - Duration::micros(1));
  EXPECT_EQ(Distribution::exponential(s30, &error)->lower_bound(), Duration());
  EXPECT_FALSE(Distribution::exponential(s30, &error)->upper_bound());
  EXPECT_FALSE(Distribution::lognormal(s30, s90, &error)->upper_bound());
  EXPECT_FALSE(Distribution::weibull(1.5, s90, &error)->upper_bound());
  EXPECT_FALSE(Distribution::normal(s90, s30, std::nullopt, std::nullopt, &error)->upper_bound());
}

TEST(Distribution, UniformMomentsAndQuantiles) {
  const Distribution d = ok(Distribution::uniform(s(15), s(35), nullptr));
  EXPECT_FALSE(d.is_constant());
  EXPECT_DOUBLE_EQ(d.mean_s(), 25.0);
  EXPECT_DOUBLE_EQ(d.quantile_s(0.25), 20.0);
  const Sampled x = draw(d, 1);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
  EXPECT_GE(x.sorted_s.front(), 15.0);
  EXPECT_LE(x.sorted_s.back(), 35.0);
  // Variance (b - a)^2 / 12.
  EXPECT_NEAR(x.sd, 20 / std::sqrt(12.0), 0.01 * 20 / std::sqrt(12.0));
}

TEST(Distribution, UniformWithEqualBoundsIsThatValue) {
  const Distribution d = ok(Distribution::uniform(s(5), s(5), nullptr));
  Rng rng(1);
  EXPECT_EQ(d.sample(rng), s(5));
}

TEST(Distribution, ExponentialMomentsAndQuantiles) {
  const Distribution d = ok(Distribution::exponential(s(2), nullptr));
  EXPECT_DOUBLE_EQ(d.mean_s(), 2.0);
  EXPECT_NEAR(d.quantile_s(0.5), 2 * std::log(2.0), 1e-12);
  const Sampled x = draw(d, 2);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
  EXPECT_GE(x.sorted_s.front(), 0.0);
  // The standard deviation of an exponential equals its mean.
  EXPECT_NEAR(x.sd, 2.0, 0.02 * 2.0);
}

TEST(Distribution, NormalFarFromZeroIsAlmostUntruncated) {
  const Distribution d = ok(Distribution::normal(s(90), s(10), s(30), std::nullopt, nullptr));
  EXPECT_NEAR(d.mean_s(), 90.0, 1e-6);
  // Cutting off the 6-sd lower tail (mass 1e-9) moves the median up by only ~1.2e-8 s.
  EXPECT_NEAR(d.quantile_s(0.5), 90.0, 1e-7);
  EXPECT_NEAR(d.quantile_s(0.975), 90 + 10 * 1.959963984540054, 1e-6);
  const Sampled x = draw(d, 3);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
  EXPECT_NEAR(x.sd, 10.0, 0.1);
}

TEST(Distribution, NormalDefaultsToNonNegativeHalfNormal) {
  // Normal(0, 1) truncated at the default min of 0: the half-normal, mean sqrt(2 / pi).
  const Distribution d = ok(Distribution::normal(s(0), s(1), std::nullopt, std::nullopt, nullptr));
  EXPECT_NEAR(d.mean_s(), std::sqrt(2 / kPi), 1e-12);
  const Sampled x = draw(d, 4);
  EXPECT_GE(x.sorted_s.front(), 0.0);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
}

TEST(Distribution, TruncatedNormalRespectsMinAndMax) {
  const Distribution d = ok(Distribution::normal(s(10), s(5), s(8), s(12), nullptr));
  EXPECT_NEAR(d.mean_s(), 10.0, 1e-12);  // symmetric truncation keeps the mean
  const Sampled x = draw(d, 5);
  EXPECT_GE(x.sorted_s.front(), 8.0);
  EXPECT_LE(x.sorted_s.back(), 12.0);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
  // Nearly flat on [8, 12] (sd 5 is wide): the median is the midpoint.
  EXPECT_NEAR(d.quantile_s(0.5), 10.0, 1e-9);
}

TEST(Distribution, TruncatedNormalInTheTail) {
  // Normal(0, 10) truncated to [20 s, inf): mean = mu + sd * pdf(2) / (1 - cdf(2)).
  const Distribution d = ok(Distribution::normal(s(0), s(10), s(20), std::nullopt, nullptr));
  const double pdf2 = std::exp(-2.0) / std::sqrt(2 * kPi);
  const double tail2 = 0.5 * std::erfc(2 / std::sqrt(2.0));
  EXPECT_NEAR(d.mean_s(), 10 * pdf2 / tail2, 1e-9);
  const Sampled x = draw(d, 6);
  EXPECT_GE(x.sorted_s.front(), 20.0);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
}

TEST(Distribution, LognormalReproducesMedianAndP95) {
  const Distribution d =
      ok(Distribution::lognormal(Duration::hours(4), Duration::hours(12), nullptr));
  EXPECT_NEAR(d.quantile_s(0.5), 14400.0, 14400.0 * 1e-12);
  EXPECT_NEAR(d.quantile_s(0.95), 43200.0, 43200.0 * 1e-9);
  const double mu = std::log(14400.0), sigma = std::log(3.0) / 1.6448536269514722;
  EXPECT_NEAR(d.mean_s(), std::exp(mu + sigma * sigma / 2), 1e-6);
  const Sampled x = draw(d, 7);
  EXPECT_NEAR(x.fraction_at_most(14400.0), 0.5, 5 * std::sqrt(0.25 / kSamples));
  EXPECT_NEAR(x.fraction_at_most(43200.0), 0.95, 5 * std::sqrt(0.95 * 0.05 / kSamples));
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
}

TEST(Distribution, WeibullMomentsAndQuantiles) {
  const Distribution d = ok(Distribution::weibull(1.5, Duration::hours(2), nullptr));
  EXPECT_NEAR(d.mean_s(), 7200 * 0.9027452929509336, 1e-6);  // scale * Gamma(1 + 1/1.5)
  EXPECT_NEAR(d.quantile_s(0.5), 7200 * std::pow(std::log(2.0), 1 / 1.5), 1e-6);
  const Sampled x = draw(d, 8);
  expect_mean_matches(d, x);
  expect_quantiles_match(d, x);
}

TEST(Distribution, WeibullWithShapeOneIsExponential) {
  const Distribution w = ok(Distribution::weibull(1.0, s(3), nullptr));
  const Distribution e = ok(Distribution::exponential(s(3), nullptr));
  EXPECT_NEAR(w.mean_s(), 3.0, 1e-12);
  for (double q : {0.1, 0.5, 0.9}) EXPECT_NEAR(w.quantile_s(q), e.quantile_s(q), 1e-12);
}

TEST(Distribution, EmpiricalDrawsListedValuesEqually) {
  const std::vector<Duration> values = {s(81), s(62), s(118), s(75)};
  const Distribution d = ok(Distribution::empirical(values, nullptr));
  EXPECT_DOUBLE_EQ(d.mean_s(), (62 + 75 + 81 + 118) / 4.0);
  std::map<int64_t, int> counts;
  Rng rng(9);
  for (int i = 0; i < kSamples; ++i) ++counts[d.sample(rng).count_us()];
  ASSERT_EQ(counts.size(), 4u);
  for (Duration v : values) {
    EXPECT_NEAR(counts[v.count_us()], kSamples / 4.0, 5 * std::sqrt(kSamples * 0.25 * 0.75));
  }
  expect_mean_matches(d, draw(d, 9));
}

TEST(Distribution, EmpiricalQuantileIsTheInverseCdf) {
  const Distribution d = ok(Distribution::empirical({s(81), s(62), s(118), s(75)}, nullptr));
  EXPECT_EQ(d.quantile_s(0.1), 62.0);
  EXPECT_EQ(d.quantile_s(0.25), 62.0);
  EXPECT_EQ(d.quantile_s(0.3), 75.0);
  EXPECT_EQ(d.quantile_s(0.5), 75.0);
  EXPECT_EQ(d.quantile_s(0.74), 81.0);
  EXPECT_EQ(d.quantile_s(0.99), 118.0);
  // The spec keeps the values as given, unsorted.
  EXPECT_EQ(d.spec().spans, (std::vector<Duration>{s(81), s(62), s(118), s(75)}));
}

TEST(Distribution, SameSeedSameSamples) {
  const Distribution d = ok(Distribution::lognormal(s(30), s(600), nullptr));
  Rng a = Rng::for_stream(1, 2, "lag"), b = Rng::for_stream(1, 2, "lag");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(a), d.sample(b));
}

TEST(Distribution, SpecEqualityAndDescribe) {
  const Distribution u = ok(Distribution::uniform(s(15), s(30), nullptr));
  EXPECT_EQ(u.describe(),
            "uniform(" + format_duration(s(15)) + ", " + format_duration(s(30)) + ")");
  EXPECT_EQ(u.spec().spans, (std::vector<Duration>{s(15), s(30)}));
  EXPECT_EQ(u, ok(Distribution::uniform(s(15), s(30), nullptr)));
  EXPECT_FALSE(u == ok(Distribution::uniform(s(15), s(31), nullptr)));
  const Distribution n = ok(Distribution::normal(s(90), s(10), s(30), std::nullopt, nullptr));
  EXPECT_EQ(n.spec().min, s(30));
  EXPECT_FALSE(n.spec().max.has_value());
  EXPECT_EQ(ok(Distribution::weibull(1.5, s(7), nullptr)).spec().shape, 1.5);
  EXPECT_FALSE(Distribution::constant(s(15)) == ok(Distribution::uniform(s(15), s(15), nullptr)));
}

// Each factory rejects unusable parameters and says why.
void expect_rejected(std::optional<Distribution> (*make)(std::string*), const char* what) {
  std::string error;
  EXPECT_FALSE(make(&error).has_value()) << what;
  EXPECT_FALSE(error.empty()) << what;
  EXPECT_FALSE(make(nullptr).has_value()) << what;  // the error pointer is optional
}

TEST(Distribution, InvalidParametersRejected) {
  expect_rejected([](std::string* e) { return Distribution::uniform(s(35), s(15), e); },
                  "uniform reversed");
  expect_rejected([](std::string* e) { return Distribution::exponential(s(0), e); },
                  "exponential zero mean");
  expect_rejected([](std::string* e) { return Distribution::exponential(s(-1), e); },
                  "exponential negative mean");
  expect_rejected([](std::string* e) { return Distribution::uniform(s(-10), s(10), e); },
                  "uniform negative lower bound");
  expect_rejected(
      [](std::string* e) { return Distribution::normal(s(90), s(10), s(-5), std::nullopt, e); },
      "normal negative min");
  expect_rejected([](std::string* e) { return Distribution::empirical({s(5), s(-1)}, e); },
                  "empirical negative value");
  expect_rejected(
      [](std::string* e) {
        return Distribution::normal(s(90), s(0), std::nullopt, std::nullopt, e);
      },
      "normal zero sd");
  expect_rejected(
      [](std::string* e) {
        return Distribution::normal(s(90), s(-5), std::nullopt, std::nullopt, e);
      },
      "normal negative sd");
  expect_rejected(
      [](std::string* e) { return Distribution::normal(s(90), s(10), s(100), s(80), e); },
      "normal min > max");
  expect_rejected(
      [](std::string* e) { return Distribution::normal(s(0), s(1), s(100), std::nullopt, e); },
      "normal bounds hold no probability");
  expect_rejected(
      [](std::string* e) { return Distribution::normal(s(90), s(10), std::nullopt, s(-1), e); },
      "normal max below the default min of 0");
  expect_rejected([](std::string* e) { return Distribution::lognormal(s(10), s(10), e); },
                  "lognormal p95 == median");
  expect_rejected([](std::string* e) { return Distribution::lognormal(s(10), s(5), e); },
                  "lognormal p95 < median");
  expect_rejected([](std::string* e) { return Distribution::lognormal(s(0), s(5), e); },
                  "lognormal zero median");
  expect_rejected([](std::string* e) { return Distribution::weibull(0, s(5), e); },
                  "weibull zero shape");
  expect_rejected([](std::string* e) { return Distribution::weibull(-1, s(5), e); },
                  "weibull negative shape");
  expect_rejected(
      [](std::string* e) {
        return Distribution::weibull(std::numeric_limits<double>::quiet_NaN(), s(5), e);
      },
      "weibull NaN shape");
  expect_rejected(
      [](std::string* e) {
        return Distribution::weibull(std::numeric_limits<double>::infinity(), s(5), e);
      },
      "weibull infinite shape");
  expect_rejected([](std::string* e) { return Distribution::weibull(1.5, s(0), e); },
                  "weibull zero scale");
  expect_rejected([](std::string* e) { return Distribution::empirical({}, e); }, "empirical empty");
}

TEST(NormalFunctions, QuantileMatchesReferenceValues) {
  // Reference values of the standard normal quantile (to double precision).
  const std::pair<double, double> cases[] = {
      {1e-10, -6.361340902404056},
      {0.001, -3.090232306167813},
      {0.02, -2.0537489106318225},
      {0.3, -0.5244005127080407},
      {0.5, 0.0},
      {0.95, 1.6448536269514722},
      {0.975, 1.959963984540054},
      {0.999, 3.090232306167813},
  };
  for (const auto& [p, z] : cases) {
    EXPECT_NEAR(normal_quantile(p), z, 1e-12 * std::max(1.0, std::abs(z))) << "p=" << p;
  }
}

TEST(NormalFunctions, CdfAndQuantileAreInverse) {
  EXPECT_DOUBLE_EQ(normal_cdf(0), 0.5);
  EXPECT_NEAR(normal_cdf(1.959963984540054), 0.975, 1e-15);
  EXPECT_NEAR(normal_cdf(-1.959963984540054), 0.025, 1e-15);
  for (double p = 0.0005; p < 1; p += 0.0173) {
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-14) << p;
  }
  for (double p : {1e-15, 1e-12, 1e-8, 1e-5}) {
    EXPECT_NEAR(normal_cdf(normal_quantile(p)) / p, 1.0, 1e-10) << p;
  }
}

}  // namespace
}  // namespace drsim::sim::distribution_test
