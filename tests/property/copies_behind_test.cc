// Copies that are behind (DESIGN.md §4) against a Markov chain built by hand: a Multi-AZ
// database in a two-AZ region whose AZs go dark independently (Poisson arrivals, exponential
// durations, overlapping outages of one AZ merge). Failover is instant and nothing is ever
// replaced (the other AZ always holds the other instance), so the state is (outages under way
// in a, in b; which copies hold every write). While writes are accepted, a copy that is dark
// falls behind; a copy that is up catches up from one that holds every write when both are up;
// writes are accepted while an up copy holds every write. The chain must match the Monte Carlo
// availability within its 99 % interval, and the chain of the old rule (a copy back from the
// dark takes the writes whatever it missed) must not.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "models/analytic/ctmc.h"
#include "property_support.h"

namespace drsim::testing::property_copies_behind_test {
namespace {

constexpr double kZ99 = 2.5758293035489;
constexpr double kRate = 1.0 / (5 * 86400);   // outages per AZ: one every 5 days
constexpr double kEnd = 1.0 / (12 * 3600);    // each lasts 12 h on average
constexpr int kMaxOutages = 5;                // P(5 or more under way) ~ 1e-7: negligible

const char* kScenario = R"({
  "name": "two AZs", "horizon": "365d", "trials": 1,
  "regions": [{"name": "r", "azs": ["a", "b"]}],
  "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a", "b"],
                 "replace": "10000d", "failover": {"detect": "0s", "promote": "0s", "dns": "0s"}}],
  "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
  "faults": [{"kind": "az_outage", "target": "*", "rate": "1/5d",
              "duration": {"exponential": {"mean": "12h"}}}]
})";

// Which copies hold every write: bit 0 the copy in a, bit 1 the copy in b.
struct ChainState {
  int a = 0, b = 0, current = 3;
  friend auto operator<=>(const ChainState&, const ChainState&) = default;
};

bool writable(const ChainState& s, bool old_rule) {
  const bool up_a = s.a == 0, up_b = s.b == 0;
  if (old_rule) return up_a || up_b;
  return (up_a && (s.current & 1)) || (up_b && (s.current & 2));
}

// Catch-up and falling behind after an AZ changes.
ChainState settle(ChainState s, bool old_rule) {
  const bool up_a = s.a == 0, up_b = s.b == 0;
  if (old_rule) {
    s.current = 3;  // the old rule: every copy is as good as any other
    return s;
  }
  if (up_a && up_b) s.current = 3;
  if (writable(s, false)) s.current &= (up_a ? 1 : 0) | (up_b ? 2 : 0);
  return s;
}

// The expected availability over the horizon from everything up.
double chain_availability(bool old_rule, double horizon_s) {
  std::map<ChainState, int> index;
  std::vector<ChainState> states{ChainState{}};
  index[ChainState{}] = 0;
  std::vector<std::tuple<int, int, double>> edges;
  for (size_t n = 0; n < states.size(); ++n) {
    const ChainState s = states[n];
    auto go = [&](ChainState next, double rate) {
      next = settle(next, old_rule);
      const auto [it, inserted] = index.emplace(next, static_cast<int>(states.size()));
      if (inserted) states.push_back(next);
      edges.emplace_back(static_cast<int>(n), it->second, rate);
    };
    if (s.a < kMaxOutages) go({s.a + 1, s.b, s.current}, kRate);
    if (s.b < kMaxOutages) go({s.a, s.b + 1, s.current}, kRate);
    if (s.a > 0) go({s.a - 1, s.b, s.current}, s.a * kEnd);
    if (s.b > 0) go({s.a, s.b - 1, s.current}, s.b * kEnd);
  }
  models::analytic::Ctmc chain(static_cast<int>(states.size()));
  for (const auto& [from, to, rate] : edges) chain.add(from, to, rate);
  std::vector<bool> up(states.size());
  for (size_t n = 0; n < states.size(); ++n) up[n] = writable(states[n], old_rule);
  return *chain.mean_occupancy(0, up, horizon_s);
}

TEST(CopiesBehind, MonteCarloAvailabilityMatchesTheChainOfCopiesThatAreBehind) {
  const models::Plan plan = plan_from_json(kScenario);
  const double horizon_s = plan.scenario.horizon.in_seconds();
  std::vector<double> availability;
  for (const auto& obs : run_checked(plan, 5, 600)) {
    for (const auto& i : obs.incidents) {
      if (i.serving_again_at) {
        EXPECT_EQ(i.rpo, sim::Duration());  // nothing is lost
      }
    }
    availability.push_back(1 - obs.database_downtime[0].in_seconds() / horizon_s);
  }
  const MeanSe mc = mean_se(availability);
  const double chain = chain_availability(false, horizon_s);
  EXPECT_NEAR(mc.mean, chain, kZ99 * mc.se)
      << "Monte Carlo " << mc.mean << " ± " << mc.se << ", chain " << chain;
  // The old rule (a copy back from the dark serves at once) is further off than the interval.
  const double old_chain = chain_availability(true, horizon_s);
  EXPECT_GT(std::fabs(mc.mean - old_chain), kZ99 * mc.se)
      << "Monte Carlo " << mc.mean << " ± " << mc.se << " does not reject the old rule's "
      << old_chain;
}

}  // namespace
}  // namespace drsim::testing::property_copies_behind_test
