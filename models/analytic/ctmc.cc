// The chain's generator and its linear solves. Every solve works on the rows of Q divided by
// their exit rates (the embedded jump chain, P − I): rates of very different sizes (an outage
// every few years, a failover of seconds) then meet as probabilities, which keeps the LU well
// conditioned.
#include "models/analytic/ctmc.h"

#include <algorithm>
#include <cmath>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "sim/check.h"

namespace drsim::models::analytic {

using Eigen::VectorXd;
using Triplet = Eigen::Triplet<double>;

Ctmc::Ctmc(int states) : out_(static_cast<size_t>(states)) {
  DRSIM_CHECK(states >= 1) << "a chain needs a state, got " << states;
}

void Ctmc::add(int from, int to, double rate_per_s) {
  DRSIM_CHECK(from >= 0 && from < size() && to >= 0 && to < size() && from != to)
      << "transition " << from << " -> " << to << " in a chain of " << size() << " states";
  DRSIM_CHECK(std::isfinite(rate_per_s) && rate_per_s >= 0)
      << "rate " << rate_per_s << " of " << from << " -> " << to;
  if (rate_per_s == 0) return;
  for (auto& [j, r] : out_[static_cast<size_t>(from)]) {
    if (j == to) {
      r += rate_per_s;
      return;
    }
  }
  out_[static_cast<size_t>(from)].emplace_back(to, rate_per_s);
}

double Ctmc::rate(int from, int to) const {
  for (const auto& [j, r] : out_[static_cast<size_t>(from)]) {
    if (j == to) return r;
  }
  return 0;
}

double Ctmc::exit_rate(int state) const {
  double q = 0;
  for (const auto& [j, r] : out_[static_cast<size_t>(state)]) q += r;
  return q;
}

Eigen::SparseMatrix<double> Ctmc::generator() const {
  std::vector<Triplet> entries;
  for (int i = 0; i < size(); ++i) {
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) entries.emplace_back(i, j, r);
    entries.emplace_back(i, i, -exit_rate(i));
  }
  Eigen::SparseMatrix<double> q(size(), size());
  q.setFromTriplets(entries.begin(), entries.end());
  return q;
}

std::optional<int> Ctmc::closed_class_state() const {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(static_cast<size_t>(size()));
  for (int i = 0; i < size(); ++i) {
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) boost::add_edge(i, j, g);
  }
  std::vector<int> component(static_cast<size_t>(size()));
  const int components = boost::strong_components(g, component.data());
  std::vector<bool> leaves(static_cast<size_t>(components), false);
  for (int i = 0; i < size(); ++i) {
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) {
      if (component[static_cast<size_t>(i)] != component[static_cast<size_t>(j)]) {
        leaves[static_cast<size_t>(component[static_cast<size_t>(i)])] = true;
      }
    }
  }
  if (std::count(leaves.begin(), leaves.end(), false) != 1) return std::nullopt;
  for (int i = 0; i < size(); ++i) {
    if (!leaves[static_cast<size_t>(component[static_cast<size_t>(i)])]) return i;
  }
  return std::nullopt;
}

std::vector<bool> Ctmc::reachable_from(int start) const {
  std::vector<bool> seen(static_cast<size_t>(size()), false);
  std::vector<int> stack{start};
  seen[static_cast<size_t>(start)] = true;
  while (!stack.empty()) {
    const int i = stack.back();
    stack.pop_back();
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) {
      if (!seen[static_cast<size_t>(j)]) {
        seen[static_cast<size_t>(j)] = true;
        stack.push_back(j);
      }
    }
  }
  return seen;
}

bool Ctmc::recurrent(int state) const {
  const std::optional<int> closed = closed_class_state();
  return closed && reachable_from(*closed)[static_cast<size_t>(state)];
}

std::optional<VectorXd> solve_linear(const Eigen::SparseMatrix<double>& a, const VectorXd& b) {
  VectorXd x;
  if (a.rows() <= Ctmc::kDenseLimit) {
    const Eigen::FullPivLU<Eigen::MatrixXd> lu{Eigen::MatrixXd(a)};
    if (!lu.isInvertible()) return std::nullopt;
    x = lu.solve(b);
  } else {
    Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
    lu.analyzePattern(a);
    lu.factorize(a);
    if (lu.info() != Eigen::Success) return std::nullopt;
    x = lu.solve(b);
    if (lu.info() != Eigen::Success) return std::nullopt;
  }
  if (!x.allFinite()) return std::nullopt;
  return x;
}

std::optional<VectorXd> Ctmc::steady_state() const {
  const std::optional<int> pinned = closed_class_state();
  if (!pinned) return std::nullopt;
  const int n = size();
  // x = π·diag(q) solves xM = 0 for M = diag(q)^-1 Q (absorbing states keep scale 1). The rows of
  // Mᵀ sum to zero, so any one balance equation follows from the others: the one of a state in
  // the closed class, where x > 0, is replaced by x = 1 there (a single entry keeps the matrix
  // sparse), and π is normalised afterwards.
  const auto k = static_cast<size_t>(*pinned);
  std::vector<double> scale(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double q = exit_rate(i);
    scale[static_cast<size_t>(i)] = q > 0 ? q : 1;
  }
  std::vector<Triplet> entries;
  for (int i = 0; i < n; ++i) {
    // Row i of M becomes column i of Mᵀ: entries (j, i).
    if (static_cast<size_t>(i) == k) {
      entries.emplace_back(i, i, 1.0);
    } else if (exit_rate(i) > 0) {
      entries.emplace_back(i, i, -1.0);
    }
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) {
      if (static_cast<size_t>(j) == k) continue;
      entries.emplace_back(j, i, r / scale[static_cast<size_t>(i)]);
    }
  }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(entries.begin(), entries.end());
  VectorXd b = VectorXd::Zero(n);
  b(*pinned) = 1;
  std::optional<VectorXd> x = solve_linear(a, b);
  if (!x) return std::nullopt;
  VectorXd pi(n);
  for (int i = 0; i < n; ++i) {
    // Round-off can leave a probability a hair below zero; it is zero.
    pi(i) = std::max(0.0, (*x)(i) / scale[static_cast<size_t>(i)]);
  }
  const double total = pi.sum();
  if (!(total > 0) || !std::isfinite(total)) return std::nullopt;
  return pi / total;
}

std::optional<double> Ctmc::mean_time_to_reach(int start, const std::vector<bool>& targets) const {
  DRSIM_CHECK(static_cast<int>(targets.size()) == size())
      << targets.size() << " target flags for " << size() << " states";
  if (targets[static_cast<size_t>(start)]) return 0.0;
  // Which states can reach a target: search backwards from the targets.
  std::vector<std::vector<int>> into(static_cast<size_t>(size()));
  for (int i = 0; i < size(); ++i) {
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) {
      into[static_cast<size_t>(j)].push_back(i);
    }
  }
  std::vector<bool> reaches = targets;
  std::vector<int> stack;
  for (int i = 0; i < size(); ++i) {
    if (targets[static_cast<size_t>(i)]) stack.push_back(i);
  }
  while (!stack.empty()) {
    const int j = stack.back();
    stack.pop_back();
    for (int i : into[static_cast<size_t>(j)]) {
      if (!reaches[static_cast<size_t>(i)]) {
        reaches[static_cast<size_t>(i)] = true;
        stack.push_back(i);
      }
    }
  }
  const std::vector<bool> reachable = reachable_from(start);
  std::vector<int> index(static_cast<size_t>(size()), -1);
  int t = 0;
  for (int i = 0; i < size(); ++i) {
    if (!reachable[static_cast<size_t>(i)]) continue;
    // Stuck forever with a probability above zero: the mean is infinite.
    if (!reaches[static_cast<size_t>(i)]) return std::nullopt;
    if (!targets[static_cast<size_t>(i)]) index[static_cast<size_t>(i)] = t++;
  }
  // (I − P_TT) m = 1/q: the rows of −Q_TT m = 1 divided by their exit rates.
  std::vector<Triplet> entries;
  VectorXd b(t);
  for (int i = 0; i < size(); ++i) {
    const int row = index[static_cast<size_t>(i)];
    if (row < 0) continue;
    const double q = exit_rate(i);  // > 0: the state reaches a target
    entries.emplace_back(row, row, 1.0);
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) {
      const int col = index[static_cast<size_t>(j)];
      if (col >= 0) entries.emplace_back(row, col, -r / q);
    }
    b(row) = 1 / q;
  }
  Eigen::SparseMatrix<double> a(t, t);
  a.setFromTriplets(entries.begin(), entries.end());
  const std::optional<VectorXd> m = solve_linear(a, b);
  // A failed solve is not "never": NaN, which the caller reports as no answer.
  if (!m) return std::numeric_limits<double>::quiet_NaN();
  const double mean = (*m)(index[static_cast<size_t>(start)]);
  return mean >= 0 ? mean : std::numeric_limits<double>::quiet_NaN();
}

std::optional<double> Ctmc::mean_occupancy(int start, const std::vector<bool>& set,
                                           double horizon_s) const {
  DRSIM_CHECK(static_cast<int>(set.size()) == size())
      << set.size() << " flags for " << size() << " states";
  DRSIM_CHECK(horizon_s > 0) << "horizon " << horizon_s << " s";
  const std::optional<VectorXd> pi = steady_state();
  if (!pi) return std::nullopt;
  const int n = size();
  double in_set = 0;
  for (int i = 0; i < n; ++i) {
    if (set[static_cast<size_t>(i)]) in_set += (*pi)(i);
  }
  // Rows of Q h = r divided by their exit rates. Their combination with weights π_i·q_i is zero,
  // so the row of a state in the closed class (weight > 0) follows from the others; it is
  // replaced by h = 0 there, and the solution shifted afterwards to π·h = 0 (solutions differ by
  // constants, since Q·1 = 0).
  const int pinned = *closed_class_state();
  std::vector<Triplet> entries;
  VectorXd b(n);
  for (int i = 0; i < n; ++i) {
    if (i == pinned) {
      entries.emplace_back(i, i, 1.0);
      b(i) = 0;
      continue;
    }
    const double q = exit_rate(i);
    const double scale = q > 0 ? q : 1;
    entries.emplace_back(i, i, -q / scale);
    for (const auto& [j, r] : out_[static_cast<size_t>(i)]) entries.emplace_back(i, j, r / scale);
    b(i) = (in_set - (set[static_cast<size_t>(i)] ? 1.0 : 0.0)) / scale;
  }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(entries.begin(), entries.end());
  std::optional<VectorXd> h = solve_linear(a, b);
  if (!h) return std::nullopt;
  const std::optional<VectorXd> at_horizon = distribution_at(start, horizon_s);
  if (!at_horizon) return std::nullopt;
  return in_set + ((*h)(start)-at_horizon->dot(*h)) / horizon_s;
}

std::optional<VectorXd> Ctmc::distribution_at(int start, double t_s) const {
  const int n = size();
  const Eigen::SparseMatrix<double> q_transposed = generator().transpose();
  Eigen::SparseMatrix<double> identity(n, n);
  identity.setIdentity();
  // p_{k+1} (I − Δt Q) = p_k, as columns: (I − Δt Qᵀ) p_{k+1}ᵀ = p_kᵀ. The matrix is a
  // diagonally dominant M-matrix for any Δt, so the sparse LU is stable.
  const auto backward_euler = [&](int steps) -> std::optional<VectorXd> {
    const Eigen::SparseMatrix<double> m = identity - (t_s / steps) * q_transposed;
    Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
    lu.analyzePattern(m);
    lu.factorize(m);
    if (lu.info() != Eigen::Success) return std::nullopt;
    VectorXd p = VectorXd::Zero(n);
    p(start) = 1;
    for (int k = 0; k < steps; ++k) p = lu.solve(p);
    if (lu.info() != Eigen::Success || !p.allFinite()) return std::nullopt;
    return p;
  };
  const std::optional<VectorXd> coarse = backward_euler(kOccupancySteps);
  const std::optional<VectorXd> fine = backward_euler(2 * kOccupancySteps);
  if (!coarse || !fine) return std::nullopt;
  return VectorXd(2 * *fine - *coarse);  // Richardson: the first-order errors cancel
}

}  // namespace drsim::models::analytic
