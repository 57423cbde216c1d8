// Golden tests: each scenarios/X.json, run with its own seed and trials, gives the --json
// result (without the engine block) stored in tests/golden/X.json. Numbers compare to 1e-9
// relative, so a libm difference in the last bit does not fail the suite but any model change
// does. DRSIM_UPDATE_GOLDENS=1 rewrites the files (tools/update_goldens.sh).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/plan/plan.h"
#include "models/report/chain_figures.h"
#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"

namespace drsim::golden_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> bundled_scenarios() {
  std::vector<std::string> stems;
  for (const auto& entry : fs::directory_iterator(fs::path(DRSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() == ".json") stems.push_back(entry.path().stem().string());
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

// Empty when equal; otherwise the JSON path of the first difference.
std::string first_difference(const json& a, const json& b, const std::string& path) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    const double scale = std::max({1.0, std::fabs(x), std::fabs(y)});
    return std::fabs(x - y) <= 1e-9 * scale ? "" : path + ": " + a.dump() + " != " + b.dump();
  }
  if (a.type() != b.type()) return path + ": " + a.dump() + " != " + b.dump();
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return path + "." + it.key() + ": missing in the golden";
      const std::string d = first_difference(it.value(), b.at(it.key()), path + "." + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key())) return path + "." + it.key() + ": missing in the result";
    }
    return "";
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return path + ": array sizes differ";
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string d = first_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  return a == b ? "" : path + ": " + a.dump() + " != " + b.dump();
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ResultMatchesTheStoredGolden) {
  const fs::path root(DRSIM_SOURCE_DIR);
  const std::string rel = "scenarios/" + GetParam() + ".json";
  const auto scenario = models::scenario::load_scenario_file((root / rel).string());
  const models::Plan plan = models::make_plan(scenario);
  auto results = models::run_monte_carlo(plan, scenario.seed, scenario.trials, 2);
  models::report::add_chain_figures(plan, results);
  const json result = models::report::to_json(models::results::summarize(results), false);
  const fs::path golden = root / "tests" / "golden" / (GetParam() + ".json");
  if (std::getenv("DRSIM_UPDATE_GOLDENS")) {
    std::ofstream(golden) << result.dump(2) << "\n";
    GTEST_SKIP() << "rewrote " << golden;
  }
  std::ifstream in(golden);
  ASSERT_TRUE(in) << "no golden for " << rel << ": run tools/update_goldens.sh";
  const json expected = json::parse(in);
  EXPECT_EQ(first_difference(result, expected, "result"), "");
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Golden, ::testing::ValuesIn(bundled_scenarios()),
                         [](const auto& info) {
                           // tracker_multi_az -> TrackerMultiAz
                           std::string name;
                           bool upper = true;
                           for (char c : info.param) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) {
                               upper = true;
                               continue;
                             }
                             name += upper ? static_cast<char>(std::toupper(c)) : c;
                             upper = false;
                           }
                           return name;
                         });

}  // namespace
}  // namespace drsim::golden_test
