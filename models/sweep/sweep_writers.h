// Writers of a SweepResult: the --json document of DESIGN.md §5 (points, pareto,
// cheapest_compliant, plus nearest_miss, base and cheapest_per_tier), the CSV of one row per
// point and tier (sweep_writers.cc), the terminal report (sweep_terminal.cc) and the HTML page
// (sweep_html.cc). They format finished values and do nothing else.
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

// `drsim sweep --html F`: one self-contained page (the run report's frame and look, inline SVG,
// no script, every scenario string escaped): what to buy per tier the base misses, the frontier
// as charts of cost against each tier's RTO p95 and RPO p95 ("frontier-tier-T-rto",
// "frontier-tier-T-rpo"), and the points with their names, cost breakdown, changes against the
// base and verdicts. The same sweep gives the same bytes.
std::string sweep_to_html(const SweepResult& r, const std::string& scenario_file,
                          const std::string& drsim_version);

// 1234.5 -> "1,234.50"; negative amounts lead with "-".
std::string money_text(double amount);
// A difference of money: "+312.40", "−86.46" (a minus sign), "±0.00".
std::string signed_money_text(double amount);

// What an interrupted sweep covers: "1 of 3 valid points in full, point 1 in part (4,000 of
// 100,000 trials)", or "0 of 3 valid points".
std::string partial_extent(const SweepResult& r);

}  // namespace drsim::models::sweep
