// Writers of a SweepResult: the --json document of DESIGN.md §5 (points, pareto,
// cheapest_compliant, plus nearest_miss), the CSV of one row per point and tier, and the
// terminal report. They format finished values and do nothing else.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "models/sweep/sweep.h"

namespace drsim::models::sweep {

nlohmann::json sweep_to_json(const SweepResult& r);

// Header, then one row per point and tier (an invalid point, or one without tiers, has one row
// with empty tier cells).
std::string sweep_to_csv(const SweepResult& r);

// The points with their settings, cost and compliance; per tier, each point's p95/p99 RPO and
// RTO and the met fractions; then the cheapest compliant point (or the nearest miss and what it
// misses) and the Pareto frontier.
std::string sweep_to_terminal(const SweepResult& r);

// What an interrupted sweep covers: "1 of 3 valid points in full, point 1 in part (4,000 of
// 100,000 trials)", or "0 of 3 valid points".
std::string partial_extent(const SweepResult& r);

}  // namespace drsim::models::sweep
