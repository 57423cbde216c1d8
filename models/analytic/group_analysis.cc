// The protection group's mean times to write loss and to total loss, and its expected
// availability over a horizon, from its chains (group_chain.cc).
#include "models/analytic/protection_group.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sim/check.h"
#include "models/analytic/group_parts.h"

namespace drsim::models::analytic {

using namespace group;

namespace {

// E[max(T_home, T_1, …, T_n)] for T_i ~ Exp(rate_i) independent of T_home, with
// home_mean_s = E[T_home] (infinite: never) and home_laplace(s) = ∫ P(T_home > t) e^{−st} dt = E[min(T_home, Exp(s))]:
//   E[max] = ∫ (1 − F_home(t) ∏ (1 − e^{−rate_i t})) dt
//          = E[T_home] + Σ_{S ≠ ∅} (−1)^{|S|+1} (1/r_S − home_laplace(r_S)),   r_S = Σ_{i∈S} rate_i.
// nullopt when infinite (T_home infinite, or a place nothing destroys), or when a solve fails
// (*failed is set then).
template <class Laplace>
std::optional<double> mean_time_to_last_loss(double home_mean_s, const Laplace& home_laplace,
                                             std::vector<double> rates, bool* failed) {
  *failed = false;
  if (!std::isfinite(home_mean_s)) return std::nullopt;
  for (double r : rates) {
    if (r <= 0) return std::nullopt;
  }
  std::sort(rates.begin(), rates.end());
  if (rates.size() > kMaxRemotePlaces) rates.resize(kMaxRemotePlaces);
  double total = home_mean_s;
  const uint32_t subsets = uint32_t{1} << rates.size();
  for (uint32_t set = 1; set < subsets; ++set) {
    double rate = 0;
    for (size_t i = 0; i < rates.size(); ++i) {
      if (set & (uint32_t{1} << i)) rate += rates[i];
    }
    const std::optional<double> laplace = home_laplace(rate);
    if (!laplace) {
      *failed = true;
      return std::nullopt;
    }
    const double term = 1 / rate - *laplace;
    total += (std::popcount(set) % 2 == 1) ? term : -term;
  }
  return total;
}

}  // namespace

std::optional<GroupAnalysis> analyze_group(const ProtectionGroup& group) {
  GroupAnalysis a;
  const std::optional<GroupChain> up = build_chain(group, false);
  if (!up) return std::nullopt;
  const std::optional<Eigen::VectorXd> pi = up->chain.steady_state();
  if (!pi) return std::nullopt;
  double unavailability = 0;
  for (int n = 0; n < up->chain.size(); ++n) {
    if (!up->writable[static_cast<size_t>(n)]) unavailability += (*pi)(n);
  }
  a.availability = 1 - unavailability;
  a.downtime_s_per_year = unavailability * kSecondsPerYear;
  a.states = up->chain.size();
  a.leaves_start = !up->chain.recurrent(up->start);
  a.lost_for_good = std::find(up->lost.begin(), up->lost.end(), true) != up->lost.end();

  // Write loss: the data-loss chain, unless only the disaster destroys data (at the same rate in
  // every state).
  const bool fires = std::any_of(group.outages.begin(), group.outages.end(),
                                 [](const OutageStream& s) { return s.destroys_data; });
  const double disaster = group.disaster_rate_per_s;
  std::optional<GroupChain> loss;
  if (fires || group.storage_failure_rate_per_s > 0) {
    loss = build_chain(group, true);
    if (!loss) return std::nullopt;
    a.loss_states = loss->chain.size();
    a.mean_time_to_write_loss_s = loss->chain.mean_time_to_reach(loss->start, loss->lost);
    if (a.mean_time_to_write_loss_s && std::isnan(*a.mean_time_to_write_loss_s)) {
      return std::nullopt;  // the solve failed: no answer, never "never"
    }
  } else if (disaster > 0) {
    a.mean_time_to_write_loss_s = 1 / disaster;
  }

  // Total loss: the last of the places to go. With backups, the home region's place lasts until
  // its disaster; without, until the write loss.
  std::vector<double> remote_rates;
  for (const RemotePlace& p : group.remote_places) remote_rates.push_back(p.disaster_rate_per_s);
  auto exponential_laplace = [disaster](double s) -> std::optional<double> {
    return 1 / (disaster + s);
  };
  auto chain_laplace = [&loss](double s) -> std::optional<double> {
    // E[min(T, Exp(s))]: the mean time to the loss in the chain with a killing rate s added to
    // every state, the killed states joining the loss.
    Ctmc killed = loss->chain;
    const auto lost = static_cast<int>(std::find(loss->lost.begin(), loss->lost.end(), true) -
                                       loss->lost.begin());
    for (int n = 0; n < killed.size(); ++n) {
      if (n != lost) killed.add(n, lost, s);
    }
    const std::optional<double> m = killed.mean_time_to_reach(loss->start, loss->lost);
    if (!m || std::isnan(*m)) return std::optional<double>{};  // a solve failed
    return m;
  };
  constexpr double kNever = std::numeric_limits<double>::infinity();
  const double write_loss_s = a.mean_time_to_write_loss_s.value_or(kNever);
  bool failed = false;
  if (group.has_backups) {
    const double home_s = disaster > 0 ? 1 / disaster : kNever;
    a.mttdl_s = mean_time_to_last_loss(home_s, exponential_laplace, remote_rates, &failed);
  } else if (!loss) {
    a.mttdl_s = mean_time_to_last_loss(write_loss_s, exponential_laplace, remote_rates, &failed);
  } else {
    a.mttdl_s = mean_time_to_last_loss(write_loss_s, chain_laplace, remote_rates, &failed);
  }
  if (failed) return std::nullopt;
  return a;
}

std::optional<double> expected_availability(const ProtectionGroup& group, sim::Duration horizon) {
  const std::optional<GroupChain> up = build_chain(group, false);
  if (!up || horizon.count_us() <= 0) return std::nullopt;
  // The extrapolated transient can overshoot by rounding: a share of time lies in [0, 1].
  const std::optional<double> a =
      up->chain.mean_occupancy(up->start, up->writable, horizon.in_seconds());
  if (!a || std::isnan(*a)) return std::nullopt;
  return std::clamp(*a, 0.0, 1.0);
}

}  // namespace drsim::models::analytic
