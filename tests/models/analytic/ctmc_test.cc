// Ctmc against hand-solved closed forms: the two-state repairable unit, two units in parallel
// with one repair crew, birth-death chains (dense and sparse solves), and the edges (absorbing
// states, several closed classes, unreachable targets).
#include "models/analytic/ctmc.h"

#include <gtest/gtest.h>

#include <cmath>

namespace drsim::models::analytic::ctmc_test {
namespace {

TEST(Ctmc, GeneratorRowsSumToZero) {
  Ctmc c(3);
  c.add(0, 1, 2.0);
  c.add(0, 1, 0.5);  // parallel transitions add up
  c.add(1, 2, 1.0);
  c.add(2, 0, 4.0);
  c.add(2, 1, 0.0);  // adds nothing
  EXPECT_DOUBLE_EQ(c.rate(0, 1), 2.5);
  EXPECT_DOUBLE_EQ(c.rate(2, 1), 0.0);
  EXPECT_DOUBLE_EQ(c.exit_rate(2), 4.0);
  const Eigen::MatrixXd q(c.generator());
  EXPECT_NEAR(q.rowwise().sum().cwiseAbs().maxCoeff(), 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(q(0, 0), -2.5);
}

TEST(Ctmc, TwoStateAvailabilityIsRepairOverFailurePlusRepair) {
  const double lambda = 1 / (365 * 86400.0), mu = 1 / 3600.0;  // fails yearly, repaired in 1 h
  Ctmc c(2);
  c.add(0, 1, lambda);
  c.add(1, 0, mu);
  const Eigen::VectorXd pi = *c.steady_state();
  EXPECT_NEAR(pi(0), mu / (lambda + mu), 1e-15);
  // The small probability is computed to full relative precision, not as 1 − something.
  EXPECT_NEAR(pi(1) / (lambda / (lambda + mu)), 1.0, 1e-12);
  EXPECT_NEAR(*c.mean_time_to_reach(0, {false, true}) * lambda, 1.0, 1e-12);
  EXPECT_NEAR(*c.mean_time_to_reach(1, {true, false}) * mu, 1.0, 1e-12);
}

TEST(Ctmc, MeanOccupancyAddsTheStartUpTransient) {
  // From "up", P(up at t) = A + (1 − A)·exp(−(λ+μ)t), so the mean over [0, H] is
  // A + (1 − A)(1 − exp(−(λ+μ)H)) / ((λ+μ)H).
  const double lambda = 0.1, mu = 0.9, s = lambda + mu, a = mu / s;
  Ctmc c(2);
  c.add(0, 1, lambda);
  c.add(1, 0, mu);
  for (double horizon : {50.0, 200.0, 1e4}) {
    const double exact = a + (1 - a) * (1 - std::exp(-s * horizon)) / (s * horizon);
    EXPECT_NEAR(*c.mean_occupancy(0, {true, false}, horizon), exact, 1e-12) << horizon;
    const double from_down = a - a * (1 - std::exp(-s * horizon)) / (s * horizon);
    EXPECT_NEAR(*c.mean_occupancy(1, {true, false}, horizon), from_down, 1e-12) << horizon;
  }
}

TEST(Ctmc, MeanOccupancyHoldsForHorizonsShorterThanTheRelaxation) {
  // The same closed forms as above at horizons down to a tenth of the relaxation time 1/(λ+μ),
  // where the start-up transient has not died out by the horizon.
  const double lambda = 0.1, mu = 0.9, s = lambda + mu, a = mu / s;
  Ctmc c(2);
  c.add(0, 1, lambda);
  c.add(1, 0, mu);
  for (double horizon : {0.1, 1.0, 3.0}) {
    const double exact = a + (1 - a) * (1 - std::exp(-s * horizon)) / (s * horizon);
    EXPECT_NEAR(*c.mean_occupancy(0, {true, false}, horizon), exact, 1e-7) << horizon;
    const std::optional<Eigen::VectorXd> p = c.distribution_at(0, horizon);
    ASSERT_TRUE(p);
    EXPECT_NEAR((*p)(0), a + (1 - a) * std::exp(-s * horizon), 1e-7) << horizon;
    EXPECT_NEAR(p->sum(), 1.0, 1e-12);
  }
}

TEST(Ctmc, MeanOccupancyOfASlowlyLeftStateIsTheClosedForm) {
  // State 0 is left for good at the slow rate ε into a fast two-state class {1, 2}: the mean
  // time in 0 over [0, H] is (1 − exp(−εH)) / (εH), far from the long-run answer 0 when εH ≈ 1.
  // A database that drifts, over years, away from the one AZ the scenario's outages target is
  // this shape.
  const double epsilon = 1 / (3 * 365 * 86400.0);
  Ctmc c(3);
  c.add(0, 1, epsilon);
  c.add(1, 2, 1 / 60.0);
  c.add(2, 1, 1 / 3600.0);
  for (double horizon : {86400.0, 365 * 86400.0, 3 * 365 * 86400.0, 30 * 365 * 86400.0}) {
    const double x = epsilon * horizon;
    EXPECT_NEAR(*c.mean_occupancy(0, {true, false, false}, horizon), (1 - std::exp(-x)) / x, 1e-6)
        << horizon;
  }
}

// Two identical units in parallel, one repair crew: state = units down (0, 1, 2).
Ctmc parallel_pair(double lambda, double mu, bool repair_both_down) {
  Ctmc c(3);
  c.add(0, 1, 2 * lambda);
  c.add(1, 0, mu);
  c.add(1, 2, lambda);
  if (repair_both_down) c.add(2, 1, mu);
  return c;
}

TEST(Ctmc, ParallelPairMeanTimeToFailureIsTheClosedForm) {
  const double lambda = 1 / 1000.0, mu = 1 / 10.0;
  const Ctmc c = parallel_pair(lambda, mu, false);
  const double mttf = (3 * lambda + mu) / (2 * lambda * lambda);
  EXPECT_NEAR(*c.mean_time_to_reach(0, {false, false, true}) / mttf, 1.0, 1e-12);
  // From both up the first step is always to one down, after 1/(2λ) on average: m0 = 1/(2λ) + m1.
  EXPECT_NEAR(*c.mean_time_to_reach(1, {false, false, true}), mttf - 1 / (2 * lambda), 1e-6);
}

TEST(Ctmc, ParallelPairAvailabilityIsTheClosedForm) {
  const double lambda = 0.02, mu = 0.5;
  const Ctmc c = parallel_pair(lambda, mu, true);
  // Birth-death balance: π1 = π0·2λ/μ, π2 = π1·λ/μ.
  const double r1 = 2 * lambda / mu, r2 = r1 * lambda / mu;
  const Eigen::VectorXd pi = *c.steady_state();
  EXPECT_NEAR(pi(0), 1 / (1 + r1 + r2), 1e-14);
  EXPECT_NEAR(pi(2), r2 / (1 + r1 + r2), 1e-14);
}

// M/M/1/K: arrivals λ, service μ, at most K waiting: π_k ∝ ρ^k.
Ctmc birth_death(int states, double lambda, double mu) {
  Ctmc c(states);
  for (int k = 0; k + 1 < states; ++k) {
    c.add(k, k + 1, lambda);
    c.add(k + 1, k, mu);
  }
  return c;
}

TEST(Ctmc, BirthDeathStationaryIsGeometricWithDenseAndSparseSolves) {
  for (int states : {5, Ctmc::kDenseLimit + 200}) {
    const double lambda = 0.7, mu = 1.0, rho = lambda / mu;
    const Eigen::VectorXd pi = *birth_death(states, lambda, mu).steady_state();
    const double norm = (1 - rho) / (1 - std::pow(rho, states));
    for (int k : {0, 1, 3, states - 1}) {
      EXPECT_NEAR(pi(k) / (norm * std::pow(rho, k)), 1.0, 1e-9) << states << " states, k " << k;
    }
  }
}

TEST(Ctmc, BirthDeathMeanFirstPassageUpward) {
  // Pure birth-death from 0 to N with rates λ up, μ down: the passage k -> k+1 takes
  // T_k = 1/λ + (μ/λ)·T_{k−1}, T_0 = 1/λ.
  for (int states : {6, Ctmc::kDenseLimit + 50}) {
    const double lambda = 2.0, mu = 1.0;
    const Ctmc c = birth_death(states, lambda, mu);
    double expected = 0, t = 0;
    for (int k = 0; k + 1 < states; ++k) {
      t = 1 / lambda + (k == 0 ? 0 : mu / lambda * t);
      expected += t;
    }
    std::vector<bool> top(static_cast<size_t>(states), false);
    top.back() = true;
    EXPECT_NEAR(*c.mean_time_to_reach(0, top) / expected, 1.0, 1e-10) << states;
  }
}

TEST(Ctmc, AbsorbingChainHasItsAbsorbingStateAsSteadyState) {
  Ctmc c(3);
  c.add(0, 1, 1.0);
  c.add(1, 0, 1.0);
  c.add(1, 2, 0.5);
  const Eigen::VectorXd pi = *c.steady_state();
  EXPECT_NEAR(pi(2), 1.0, 1e-15);
  EXPECT_NEAR(pi(0), 0.0, 1e-15);
  // m0 = 1 + m1, m1 = 1/1.5 + (1/1.5)·m0 → m0 = 5.
  EXPECT_NEAR(*c.mean_time_to_reach(0, {false, false, true}), 5.0, 1e-12);
  EXPECT_EQ(*c.mean_time_to_reach(2, {false, false, true}), 0.0);
}

TEST(Ctmc, TwoClosedClassesHaveNoUniqueSteadyState) {
  Ctmc c(4);
  c.add(0, 1, 1.0);
  c.add(0, 2, 1.0);
  c.add(2, 3, 1.0);
  c.add(3, 2, 1.0);
  EXPECT_FALSE(c.steady_state());
  EXPECT_FALSE(c.mean_occupancy(0, {true, false, false, false}, 10.0));
}

TEST(Ctmc, TargetNeverReachedIsInfinite) {
  Ctmc c(3);
  c.add(0, 1, 1.0);
  c.add(1, 0, 1.0);
  EXPECT_FALSE(c.mean_time_to_reach(0, {false, false, true}));
  // Reachable, but the chain may wander into a class that never gets there.
  Ctmc d(4);
  d.add(0, 1, 1.0);
  d.add(0, 2, 1.0);
  d.add(2, 3, 1.0);
  d.add(3, 2, 1.0);
  EXPECT_FALSE(d.mean_time_to_reach(0, {false, true, false, false}));
}

}  // namespace
}  // namespace drsim::models::analytic::ctmc_test
