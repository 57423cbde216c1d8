// Ctmc: a finite continuous-time Markov chain on Eigen. States are 0..n-1; the generator Q is
// built from transitions with rates. Offers what availability and data-loss questions need: the
// stationary distribution, mean times to reach a set of states, and expected occupation of a set
// over a finite horizon.
#pragma once

#include <optional>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/Sparse>

namespace drsim::models::analytic {

// Invariant: every stored rate is finite and > 0 and joins two different states.
class Ctmc {
 public:
  // Chains up to this many states are solved with a dense LU, larger ones with a sparse LU.
  static constexpr int kDenseLimit = 400;
  static constexpr int kOccupancySteps = 1024;

  // REQUIRES: states >= 1.
  explicit Ctmc(int states);

  int size() const { return static_cast<int>(out_.size()); }

  // Adds `rate_per_s` to the rate from `from` to `to`; parallel transitions add up, and a zero
  // rate adds nothing. REQUIRES: both states in range, from != to, rate finite and >= 0.
  void add(int from, int to, double rate_per_s);
  // The rate from `from` to `to` (0 without a transition).
  double rate(int from, int to) const;
  // The total rate out of `state`, -Q(state, state).
  double exit_rate(int state) const;

  // Q: the rates off the diagonal, each diagonal entry minus its row's sum (rows sum to zero).
  Eigen::SparseMatrix<double> generator() const;

  // The stationary distribution π: πQ = 0 and Σπ = 1, solved with one balance equation
  // replaced by the normalisation. nullopt when it is not unique: the chain has more than one
  // closed class of states (a chain with transient states and one closed class is fine: they
  // get probability 0).
  std::optional<Eigen::VectorXd> steady_state() const;

  // Expected time from `start` until the chain first enters a state of `targets` (one flag per
  // state): the solution m of -Q_TT m = 1 over the non-target states T reachable from `start`.
  // 0 when `start` is a target. nullopt (infinite) when, from `start`, the chain can reach a state
  // from which no target is reachable (in particular, when no target is reachable at all).
  // NaN when the linear solve fails (singular in double precision): not an answer.
  std::optional<double> mean_time_to_reach(int start, const std::vector<bool>& targets) const;

  // The expected fraction of [0, horizon_s] the chain spends in `set`, starting in `start`:
  // π(set) + (h(start) − p(T)·h) / T for T = horizon_s, where h solves the Poisson equation
  // Q h = π(set)·1 − 1_set (h = D·1_set for the deviation matrix D) and p(T) is the distribution
  // at T. The p(T)·h term matters when the chain relaxes slowly against T (a database that
  // drifts, over years, away from the one AZ whose outages the scenario injects); p(T) comes from
  // backward-Euler steps with Richardson extrapolation, whose error is second order in the slow
  // rates times the step (T / kOccupancySteps) and which damps the fast modes as they truly are
  // by T. nullopt when steady_state() is. REQUIRES: horizon_s > 0.
  std::optional<double> mean_occupancy(int start, const std::vector<bool>& set,
                                       double horizon_s) const;

  // The distribution at t_s of the chain started in `start`, as above (second order in the slow
  // rates times t_s / kOccupancySteps). nullopt when a solve fails. REQUIRES: t_s > 0.
  std::optional<Eigen::VectorXd> distribution_at(int start, double t_s) const;

  // True when `state` lies in the chain's only closed class: the chain keeps coming back to it.
  // False when it is transient (left for good sooner or later) or there are several classes.
  bool recurrent(int state) const;

 private:
  // A state of the chain's only closed class (a set of states the chain never leaves once
  // inside: a strong component with no transition out); nullopt when there are several.
  std::optional<int> closed_class_state() const;
  // States reachable from `start` (flags).
  std::vector<bool> reachable_from(int start) const;

  // out_[i]: (j, rate) for every transition i -> j, merged per j.
  std::vector<std::vector<std::pair<int, double>>> out_;
};

// Solves a x = b with a dense LU up to Ctmc::kDenseLimit unknowns and a sparse LU above.
// nullopt when the factorisation fails (a singular matrix).
std::optional<Eigen::VectorXd> solve_linear(const Eigen::SparseMatrix<double>& a,
                                            const Eigen::VectorXd& b);

}  // namespace drsim::models::analytic
