// Internal to the sweep's writers (models/sweep/sweep_writers.cc and sweep_terminal.cc): what the
// JSON and CSV writers and the terminal report share. Nothing else includes it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "models/sweep/frontier.h"
#include "models/sweep/sweep.h"

namespace drsim::models::sweep {

// `v` with `decimals` digits after the point: fixed(2.5, 2) is "2.50".
std::string fixed(double v, int decimals);

// `x - base`, or none when either is a total loss (no number says how much worse).
std::optional<double> difference(double x, double base);

// The simulated base, or nullptr.
const SweepPoint* simulated_base(const SweepResult& r);

// The outcome of `tier` at point `p`, or nullptr when it has none.
const TierOutcome* outcome_tier(const SweepPoint& p, int tier);

// Whether point `i` is on the Pareto frontier.
bool on_frontier(const SweepResult& r, size_t i);

// Why a valid point's figures are missing or cover fewer trials than asked: "" for a point
// simulated in full.
std::string interruption(const SweepPoint& p);

}  // namespace drsim::models::sweep
