// Sampling, means and quantiles of the scenario distributions.
#include "sim/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "sim/check.h"
#include "sim/units.h"

namespace drsim::sim {
namespace {

constexpr double kZ95 = 1.6448536269514722;  // standard normal 95th percentile
constexpr double kPi = 3.14159265358979323846;

void set_error(std::string* error, std::string message) {
  if (error) *error = std::move(message);
}

double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * kPi); }

}  // namespace

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double normal_quantile(double p) {
  DRSIM_CHECK(p > 0 && p < 1) << "normal_quantile(" << p << ")";
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  // One Halley step against the exact CDF.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * kPi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

Distribution Distribution::constant(Duration value) {
  Distribution d;
  d.kind_ = Kind::kConstant;
  d.a_ = value.in_seconds();
  d.spec_.spans = {value};
  return d;
}

std::optional<Distribution> Distribution::uniform(Duration lo, Duration hi, std::string* error) {
  if (lo < Duration()) {
    set_error(error, "uniform bounds must not be negative");
    return std::nullopt;
  }
  if (hi < lo) {
    set_error(error, "uniform bounds are reversed (" + format_duration(lo) + " > " +
                         format_duration(hi) + ")");
    return std::nullopt;
  }
  Distribution d;
  d.kind_ = Kind::kUniform;
  d.spec_.spans = {lo, hi};
  d.a_ = lo.in_seconds();
  d.b_ = hi.in_seconds();
  return d;
}

std::optional<Distribution> Distribution::exponential(Duration mean, std::string* error) {
  if (mean.count_us() <= 0) {
    set_error(error, "exponential mean must be greater than zero");
    return std::nullopt;
  }
  Distribution d;
  d.kind_ = Kind::kExponential;
  d.spec_.spans = {mean};
  d.a_ = mean.in_seconds();
  return d;
}

std::optional<Distribution> Distribution::normal(Duration mean, Duration sd,
                                                 std::optional<Duration> min,
                                                 std::optional<Duration> max, std::string* error) {
  if (min && *min < Duration()) {
    set_error(error, "normal min must not be negative");
    return std::nullopt;
  }
  Distribution d;
  d.kind_ = Kind::kNormal;
  d.spec_.spans = {mean, sd};
  d.spec_.min = min;
  d.spec_.max = max;
  d.a_ = mean.in_seconds();
  d.b_ = sd.in_seconds();
  d.lo_ = min ? min->in_seconds() : 0.0;
  d.hi_ = max ? max->in_seconds() : std::numeric_limits<double>::infinity();
  if (d.hi_ < d.lo_) {
    set_error(error, "normal bounds are reversed (min > max)");
    return std::nullopt;
  }
  if (d.b_ <= 0) {
    set_error(error, "normal sd must be greater than zero");
    return std::nullopt;
  }
  const double mass = normal_cdf((d.hi_ - d.a_) / d.b_) - normal_cdf((d.lo_ - d.a_) / d.b_);
  if (!(mass > 1e-9)) {
    set_error(error, "normal bounds [min, max] hold almost none of the distribution's probability");
    return std::nullopt;
  }
  return d;
}

std::optional<Distribution> Distribution::lognormal(Duration median, Duration p95,
                                                    std::string* error) {
  if (median.count_us() <= 0 || p95 <= median) {
    set_error(error, "lognormal needs 0 < median < p95");
    return std::nullopt;
  }
  Distribution d;
  d.kind_ = Kind::kLognormal;
  d.spec_.spans = {median, p95};
  d.a_ = std::log(median.in_seconds());
  d.b_ = (std::log(p95.in_seconds()) - d.a_) / kZ95;
  return d;
}

std::optional<Distribution> Distribution::weibull(double shape, Duration scale,
                                                  std::string* error) {
  if (!(shape > 0) || !std::isfinite(shape) || scale.count_us() <= 0) {
    set_error(error, "weibull needs shape > 0 and scale > 0");
    return std::nullopt;
  }
  Distribution d;
  d.kind_ = Kind::kWeibull;
  d.spec_.spans = {scale};
  d.spec_.shape = shape;
  d.a_ = shape;
  d.b_ = scale.in_seconds();
  return d;
}

std::optional<Distribution> Distribution::empirical(std::vector<Duration> values,
                                                    std::string* error) {
  if (values.empty()) {
    set_error(error, "empirical needs at least one value");
    return std::nullopt;
  }
  for (Duration v : values) {
    if (v < Duration()) {
      set_error(error, "empirical values must not be negative");
      return std::nullopt;
    }
  }
  Distribution d;
  d.kind_ = Kind::kEmpirical;
  d.spec_.spans = values;
  for (Duration v : values) d.values_s_.push_back(v.in_seconds());
  std::sort(d.values_s_.begin(), d.values_s_.end());
  return d;
}

Duration Distribution::sample_of(uint64_t output) const {
  double s = 0;
  switch (kind_) {
    case Kind::kConstant:
      s = a_;
      break;
    case Kind::kUniform:
      s = a_ + (b_ - a_) * Rng::uniform01(output);
      break;
    case Kind::kExponential:
      s = -a_ * std::log(Rng::uniform01(output));
      break;
    case Kind::kNormal: {
      // Inverse-CDF sampling of the truncated normal: one draw, no rejection loop to hang.
      const double plo = normal_cdf((lo_ - a_) / b_), phi = normal_cdf((hi_ - a_) / b_);
      const double p = std::clamp(plo + (phi - plo) * Rng::uniform01(output), 1e-300, 1 - 1e-16);
      s = std::clamp(a_ + b_ * normal_quantile(p), lo_, hi_);
      break;
    }
    case Kind::kLognormal:
      s = std::exp(a_ + b_ * normal_quantile(Rng::uniform01(output)));
      break;
    case Kind::kWeibull:
      s = b_ * std::pow(-std::log(Rng::uniform01(output)), 1.0 / a_);
      break;
    case Kind::kEmpirical:
      s = values_s_[Rng::below(output, values_s_.size())];
      break;
  }
  s = std::clamp(s, 0.0, 9.0e12);  // ~285,000 years: keeps the µs count inside int64
  return Duration::from_seconds(s);
}

std::optional<Duration> Distribution::given_bound(bool largest) const {
  switch (kind_) {
    case Kind::kConstant:
    case Kind::kUniform:
    case Kind::kEmpirical:
      return largest ? *std::max_element(spec_.spans.begin(), spec_.spans.end())
                     : *std::min_element(spec_.spans.begin(), spec_.spans.end());
    case Kind::kNormal:
      return largest ? spec_.max : spec_.min;
    case Kind::kExponential:
    case Kind::kLognormal:
    case Kind::kWeibull:
      break;
  }
  return std::nullopt;
}

std::optional<Duration> Distribution::upper_bound() const {
  const std::optional<Duration> largest = given_bound(true);
  if (!largest) return std::nullopt;
  return *largest + Duration::micros(1);
}

Duration Distribution::lower_bound() const {
  const std::optional<Duration> smallest = given_bound(false);
  if (!smallest || *smallest <= Duration::micros(1)) return Duration();
  return *smallest - Duration::micros(1);
}

double Distribution::mean_s() const {
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kUniform:
      return (a_ + b_) / 2;
    case Kind::kExponential:
      return a_;
    case Kind::kNormal: {
      const double alpha = (lo_ - a_) / b_, beta = (hi_ - a_) / b_;
      const double mass = normal_cdf(beta) - normal_cdf(alpha);
      const double pdf_beta = std::isfinite(beta) ? normal_pdf(beta) : 0.0;
      return a_ + b_ * (normal_pdf(alpha) - pdf_beta) / mass;
    }
    case Kind::kLognormal:
      return std::exp(a_ + b_ * b_ / 2);
    case Kind::kWeibull:
      return b_ * std::tgamma(1 + 1 / a_);
    case Kind::kEmpirical: {
      double sum = 0;
      for (double v : values_s_) sum += v;
      return sum / static_cast<double>(values_s_.size());
    }
  }
  return 0;
}

double Distribution::quantile_s(double q) const {
  DRSIM_CHECK(q > 0 && q < 1) << "quantile " << q;
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kUniform:
      return a_ + (b_ - a_) * q;
    case Kind::kExponential:
      return -a_ * std::log1p(-q);
    case Kind::kNormal: {
      const double plo = normal_cdf((lo_ - a_) / b_), phi = normal_cdf((hi_ - a_) / b_);
      const double p = std::clamp(plo + (phi - plo) * q, 1e-300, 1 - 1e-16);
      return std::clamp(a_ + b_ * normal_quantile(p), lo_, hi_);
    }
    case Kind::kLognormal:
      return std::exp(a_ + b_ * normal_quantile(q));
    case Kind::kWeibull:
      return b_ * std::pow(-std::log1p(-q), 1.0 / a_);
    case Kind::kEmpirical: {
      const auto n = static_cast<double>(values_s_.size());
      const size_t index = static_cast<size_t>(std::min(n - 1, std::ceil(q * n) - 1));
      return values_s_[index];
    }
  }
  return 0;
}

std::string Distribution::describe() const {
  auto fmt = [](double s) { return format_duration(Duration::from_seconds(s)); };
  std::ostringstream out;
  switch (kind_) {
    case Kind::kConstant:
      out << fmt(a_);
      break;
    case Kind::kUniform:
      out << "uniform(" << fmt(a_) << ", " << fmt(b_) << ")";
      break;
    case Kind::kExponential:
      out << "exponential(mean " << fmt(a_) << ")";
      break;
    case Kind::kNormal:
      out << "normal(mean " << fmt(a_) << ", sd " << fmt(b_) << ")";
      break;
    case Kind::kLognormal:
      out << "lognormal(median " << fmt(std::exp(a_)) << ", p95 " << fmt(std::exp(a_ + kZ95 * b_))
          << ")";
      break;
    case Kind::kWeibull:
      out << "weibull(shape " << a_ << ", scale " << fmt(b_) << ")";
      break;
    case Kind::kEmpirical:
      out << "empirical(" << values_s_.size() << " values)";
      break;
  }
  return out.str();
}

}  // namespace drsim::sim
