// scenario_to_json: exact texts, and the round trip load -> write -> load that gives an equal
// Scenario, for a full, a minimal and every bundled scenario.
#include "models/scenario/writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/object_reader.h"
#include "sim/units.h"
#include "tests/models/scenario/loader_test_support.h"

namespace drsim::models::scenario::writer_test {
namespace {

using namespace loader_testing;  // the shared scenarios and helpers

// ---- Round trip ----

void expect_round_trip(const Scenario& s, const std::string& base_dir) {
  const json written = scenario_to_json(s);
  const Scenario again = load_scenario_text(written.dump(2), "written.json", base_dir);
  EXPECT_EQ(again, s) << written.dump(2);
  EXPECT_EQ(scenario_to_json(again), written);
}

TEST(ScenarioRoundTrip, FullScenario) { expect_round_trip(load(full()), ""); }
TEST(ScenarioRoundTrip, MinimalScenario) { expect_round_trip(load(minimal()), ""); }

TEST(ScenarioRoundTrip, OddValuesSurvive) {
  json j = full();
  j["horizon"] = "30d1234567us";
  j["start"] = "2026-03-03T13:37:12Z";
  j["databases"][0]["size"] = "0.3GiB";
  j["databases"][0]["write_rate"] = "1/7m";
  j["databases"][0]["backup"]["snapshot"]["at"] = "03:15:30";
  j["databases"][0]["backup"]["restore"]["rate"] = "123.456MB/s";
  j["links"][0]["bandwidth"] = "1.5kbps";
  j["faults"][2]["rate"] = "3.7/d";
  j["faults"][4]["mtbf"] = "1y3d7h";
  j["databases"][0]["failover"]["promote"] = {{"normal", {{"mean", "45.5s"}, {"sd", "1ms"}}}};
  expect_round_trip(load(j), "");
}

TEST(ScenarioWriter, ExactTexts) {
  EXPECT_EQ(format_duration_exact(Duration()), "0s");
  EXPECT_EQ(format_duration_exact(Duration::seconds(90)), "90s");
  EXPECT_EQ(format_duration_exact(Duration::seconds(120)), "120s");
  EXPECT_EQ(format_duration_exact(Duration::minutes(10)), "10m");
  EXPECT_EQ(format_duration_exact(Duration::hours(24)), "24h");
  EXPECT_EQ(format_duration_exact(Duration::hours(26)), "26h");
  EXPECT_EQ(format_duration_exact(Duration::minutes(90)), "1h30m");
  EXPECT_EQ(format_duration_exact(Duration::days(3) + Duration::hours(13) + Duration::minutes(37)),
            "3d13h37m");
  EXPECT_EQ(format_duration_exact(Duration::days(30)), "30d");
  EXPECT_EQ(format_duration_exact(Duration::millis(1500)), "1500ms");
  EXPECT_EQ(format_duration_exact(Duration::micros(1234567)), "1234567us");
  EXPECT_EQ(format_rate_exact(400), "400/s");
  EXPECT_EQ(format_rate_exact(*sim::parse_rate_per_s("1/5y")), "1/5y");
  EXPECT_EQ(format_rate_exact(*sim::parse_rate_per_s("2/h")), "2/h");
  EXPECT_EQ(format_size_exact(800.0 * 1024 * 1024 * 1024), "800GiB");
  EXPECT_EQ(format_size_exact(2e12), "2TB");
  EXPECT_EQ(format_throughput_exact(5e9 / 8), "5Gbps");
  EXPECT_EQ(format_throughput_exact(150.0 * 1024 * 1024), "150MiB/s");
  EXPECT_EQ(format_time_of_day(Duration::hours(3)), "03:00");
  EXPECT_EQ(format_utc_instant(*sim::parse_utc_instant("2026-03-03T13:37:12Z")),
            "2026-03-03T13:37:12Z");
}

// Every bundled scenario: load, write, load again, and get the same Scenario.
std::vector<std::string> bundled_scenarios() {
  std::vector<std::string> files;
  const std::filesystem::path dir = std::filesystem::path(DRSIM_SOURCE_DIR) / "scenarios";
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().stem().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ScenarioRoundTripBundled : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioRoundTripBundled, LoadWriteLoadGivesAnEqualScenario) {
  const std::string dir = std::string(DRSIM_SOURCE_DIR) + "/scenarios";
  expect_round_trip(load_scenario_file(dir + "/" + GetParam() + ".json"), dir);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ScenarioRoundTripBundled);
INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioRoundTripBundled,
                         ::testing::ValuesIn(bundled_scenarios()), loader_testing::file_param_name);
}  // namespace
}  // namespace drsim::models::scenario::writer_test
