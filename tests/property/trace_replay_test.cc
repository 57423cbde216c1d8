// Replaying a trace reproduces the trace's own downtime: a single-AZ database in a region whose
// outages are the trace's rows (no response, so each is waited out) is down exactly during the
// union of the rows' intervals, clipped to the horizon.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "models/plan/plan.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"

namespace drsim::testing::property_trace_replay_test {
namespace {

TEST(TraceReplay, ReproducesTheTracesOwnDowntime) {
  const std::string dir = std::string(DRSIM_SOURCE_DIR) + "/scenarios";
  const auto scenario = models::scenario::load_scenario_file(dir + "/jira_trace_replay.json");
  const models::Plan plan = models::make_plan(scenario);
  const double horizon_s = scenario.horizon.in_seconds();

  // The closed form, straight from the CSV: merge the intervals, clip them to the horizon.
  std::ifstream csv(dir + "/traces/atlassian_jira-software_operator_reported.csv");
  std::string line;
  std::getline(csv, line);  // header
  std::vector<std::pair<double, double>> rows;
  while (std::getline(csv, line)) {
    std::istringstream fields(line);
    std::string start, end;
    std::getline(fields, start, ',');
    std::getline(fields, end, ',');
    rows.emplace_back(std::min(std::stod(start), horizon_s), std::min(std::stod(end), horizon_s));
  }
  ASSERT_EQ(rows.size(), 35u);
  std::sort(rows.begin(), rows.end());
  double down_s = 0, from = rows[0].first, to = rows[0].second;
  size_t merged = 1;
  for (const auto& [a, b] : rows) {
    if (a <= to) {
      to = std::max(to, b);
    } else {
      down_s += to - from;
      from = a;
      to = b;
      ++merged;
    }
  }
  down_s += to - from;

  const auto obs = models::run_trial(plan, scenario.seed, 0);
  EXPECT_NEAR(obs.service_downtime[0].in_seconds(), down_s, 1e-3 * static_cast<double>(merged));
  EXPECT_EQ(obs.incidents.size(), merged);
}

}  // namespace
}  // namespace drsim::testing::property_trace_replay_test
