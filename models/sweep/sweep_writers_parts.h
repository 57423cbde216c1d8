// Internal to the sweep's writers (models/sweep/sweep_writers.cc, sweep_terminal.cc and
// sweep_html.cc): what the JSON and CSV writers, the terminal report and the HTML report share.
// Nothing else includes it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

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

// The label of a point in tables: its index, or "base" for the separate base.
std::string point_label(const SweepPoint& p);

// The points in table order: the separate base first, then every point.
std::vector<const SweepPoint*> table_rows(const SweepResult& r);

// Why a valid point's figures are missing or cover fewer trials than asked: "" for a point
// simulated in full.
std::string interruption(const SweepPoint& p);

}  // namespace drsim::models::sweep
