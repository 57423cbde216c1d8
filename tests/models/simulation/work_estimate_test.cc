// The work estimate: close enough to the real work to be useful, and the refusal of what
// cannot finish or fit, with the numbers.
#include "models/simulation/work_estimate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../model_test_support.h"
#include "models/scenario/loader.h"

namespace drsim::testing::work_estimate_test {
namespace {

std::string busy(const std::string& horizon, const std::string& mtbf) {
  return R"({"name": "busy", "horizon": ")" + horizon + R"(", "trials": 4,
    "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]},
                  {"name": "other", "deployment": "single-az", "region": "r", "azs": ["a3"]}],
    "services": [{"name": "svc", "tier": 1, "uses": ["db"]},
                 {"name": "app", "tier": 2, "uses": ["other"], "depends_on": ["svc"]}],
    "faults": [{"kind": "instance_failure", "target": "*", "mtbf": ")" + mtbf + R"("},
               {"kind": "az_outage", "target": "*", "rate": "1/20d", "duration": "2h"}]})";
}

TEST(WorkEstimate, IsWithinASmallFactorOfTheRealWork) {
  const models::Plan plan = plan_of(busy("365d", "5d"));
  const models::WorkEstimate w = models::estimate_work(plan);
  double events = 0, incidents = 0;
  const int trials = 40;
  for (int t = 0; t < trials; ++t) {
    const auto obs = models::run_trial(plan, 1, static_cast<uint64_t>(t));
    events += static_cast<double>(obs.events);
    incidents += static_cast<double>(obs.incidents.size());
  }
  events /= trials;
  incidents /= trials;
  EXPECT_GT(w.events, events / 3) << w.events << " estimated, " << events << " run";
  EXPECT_LT(w.events, events * 3) << w.events << " estimated, " << events << " run";
  EXPECT_GT(w.incidents, incidents / 3) << w.incidents << " estimated, " << incidents << " run";
  EXPECT_LT(w.incidents, incidents * 3) << w.incidents << " estimated, " << incidents << " run";
}

std::string refusal(const std::string& json, int threads) {
  try {
    models::check_work(plan_of(json), threads, "--allow-huge");
  } catch (const models::scenario::ScenarioError& e) {
    return e.problems().at(0);
  }
  return "";
}

TEST(WorkEstimate, AThousandYearsOfHourlyFailuresIsRefusedWithTheNumbers) {
  // 1000 y x 3 instances x 8760 failures a year: 2.6e7 failures per trial.
  const std::string error = refusal(busy("1000y", "1h"), 2);
  EXPECT_NE(error.find("test.json: "), std::string::npos) << error;
  EXPECT_NE(error.find("incidents per trial"), std::string::npos) << error;
  EXPECT_NE(error.find("GiB"), std::string::npos) << error;
  EXPECT_NE(error.find("--allow-huge"), std::string::npos) << error;
}

TEST(WorkEstimate, TooManyEventsPerTrialAreRefused) {
  // 200 Multi-AZ databases whose instances fail every 10 s (each rate within the loader's
  // per-target bound) for two years: about 2.5e9 failures per trial.
  std::string dbs;
  for (int d = 0; d < 200; ++d) {
    dbs += std::string(d ? ", " : "") + R"({"name": "d)" + std::to_string(d) +
           R"(", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]})";
  }
  const std::string json = R"({"name": "many", "horizon": "2y", "trials": 1,
    "regions": [{"name": "r", "azs": ["a1", "a2"]}], "databases": [)" + dbs + R"(],
    "faults": [{"kind": "instance_failure", "target": "*", "rate": "1/10s"}]})";
  const std::string error = refusal(json, 1);
  EXPECT_NE(error.find("events"), std::string::npos) << error;
  EXPECT_NE(error.find("about 15 minutes of one core per trial"), std::string::npos) << error;
}

TEST(WorkEstimate, EveryBundledScenarioAndTheReferenceFleetPass) {
  const std::filesystem::path root(DRSIM_SOURCE_DIR);
  std::vector<std::filesystem::path> files{root / "bench" / "reference_fleet_1080.json"};
  for (const auto& e : std::filesystem::directory_iterator(root / "scenarios")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  for (const auto& f : files) {
    const models::Plan plan = models::make_plan(models::scenario::load_scenario_file(f.string()));
    EXPECT_NO_THROW(models::check_work(plan, 2, "--allow-huge")) << f;
  }
}

TEST(WorkEstimate, HeavyTrialsRunInBlocksOfOne) {
  EXPECT_EQ(models::block_size_for(models::estimate_work(plan_of(busy("7d", "1y")))), 16u);
  EXPECT_EQ(models::block_size_for(models::estimate_work(plan_of(busy("100y", "1h")))), 1u);
}

}  // namespace
}  // namespace drsim::testing::work_estimate_test
