// Distribution: the random (or constant) durations of scenario files, with our own portable
// sampling code (std::*_distribution differs between standard libraries). Parameters are in
// seconds; samples are non-negative Durations rounded to the microsecond.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/rng.h"
#include "sim/time.h"

namespace drsim::sim {

class Distribution {
 public:
  enum class Kind { kConstant, kUniform, kExponential, kNormal, kLognormal, kWeibull, kEmpirical };

  // The constant zero.
  Distribution() { spec_.spans = {Duration()}; }

  // Factories. Each returns nullopt and sets `error` (when given) if the parameters are unusable:
  // negative spans, min > max, p95 <= median, shape <= 0, an empty list, a normal whose bounds
  // hold almost no probability.
  static Distribution constant(Duration value);
  static std::optional<Distribution> uniform(Duration lo, Duration hi, std::string* error);
  static std::optional<Distribution> exponential(Duration mean, std::string* error);
  // Normal(mean, sd) truncated to [min, max]; min defaults to 0 since durations are >= 0.
  static std::optional<Distribution> normal(Duration mean, Duration sd, std::optional<Duration> min,
                                            std::optional<Duration> max, std::string* error);
  // Lognormal given its median and 95th percentile.
  static std::optional<Distribution> lognormal(Duration median, Duration p95, std::string* error);
  static std::optional<Distribution> weibull(double shape, Duration scale, std::string* error);
  // Each listed value with equal probability.
  static std::optional<Distribution> empirical(std::vector<Duration> values, std::string* error);

  // A constant draws nothing from `rng`; every other kind draws exactly one number, so a
  // sample is a function of that number.
  Duration sample(Rng& rng) const { return sample_of(is_constant() ? 0 : rng.next()); }
  // The sample drawn when the generator's next output is `output` (a constant ignores it).
  Duration sample_of(uint64_t output) const;
  double mean_s() const;
  // A bound no sample exceeds (the largest value, plus a microsecond for rounding), or nullopt
  // when samples are unbounded (exponential, lognormal, weibull, a normal without max).
  std::optional<Duration> upper_bound() const;
  // A bound no sample is below (the smallest value, less a microsecond for rounding, never
  // negative): zero for the kinds that reach down to zero.
  Duration lower_bound() const;
  // The q-quantile, 0 < q < 1, in seconds.
  double quantile_s(double q) const;
  Kind kind() const { return kind_; }
  // The arguments the distribution was made from, exactly as given (for writing it back).
  struct Spec {
    std::vector<Duration> spans;  // constant: value; uniform: lo, hi; exponential: mean;
                                  // normal: mean, sd; lognormal: median, p95; weibull: scale;
                                  // empirical: the values in the given order
    std::optional<Duration> min, max;  // normal only
    double shape = 0;                  // weibull only
    friend bool operator==(const Spec&, const Spec&) = default;
  };
  const Spec& spec() const { return spec_; }
  bool is_constant() const { return kind_ == Kind::kConstant; }
  // A short readable form for reports: "90s", "uniform(15s, 30s)".
  std::string describe() const;

  friend bool operator==(const Distribution& x, const Distribution& y) {
    return x.kind_ == y.kind_ && x.spec_ == y.spec_;
  }

 private:
  // The smallest or largest value the kind can give, as the scenario gave it; nullopt for the
  // unbounded kinds (and a normal without that bound).
  std::optional<Duration> given_bound(bool largest) const;

  Kind kind_ = Kind::kConstant;
  // Meaning by kind: constant a; uniform [a, b]; exponential mean a; normal mean a, sd b,
  // bounds [lo, hi]; lognormal mu a, sigma b (of the log in seconds); weibull shape a, scale b.
  double a_ = 0, b_ = 0, lo_ = 0, hi_ = 0;
  std::vector<double> values_s_;  // empirical, sorted
  Spec spec_;
};

// Standard normal CDF and its inverse (Acklam's rational approximation refined by one Halley
// step, relative error below 1e-12 over (0, 1)).
double normal_cdf(double z);
double normal_quantile(double p);

}  // namespace drsim::sim
