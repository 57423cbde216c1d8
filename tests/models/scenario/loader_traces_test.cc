// Faults that replay a trace file (loader_traces.cc): rows read relative to the scenario's
// directory, and bad rows, headers and files named with their file and line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/loader.h"
#include "models/scenario/object_reader.h"
#include "models/scenario/writer.h"
#include "sim/units.h"
#include "tests/models/scenario/loader_test_support.h"

namespace drsim::models::scenario::loader_traces_test {
namespace {

using namespace loader_testing;  // the shared scenarios and helpers

// ---- Trace files ----

class ScenarioLoaderTrace : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::path(::testing::TempDir()) /
        ("drsim_loader_trace_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::create_directories(dir_ / "traces");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "traces" / name) << text;
  }
  // Loads a scenario (labelled "scenarios/s.json") whose only fault replays `trace`.
  Scenario load_with_trace(const std::string& trace) {
    const json j =
        fault(R"({"kind": "az_outage", "target": "use1-az1", "trace": ")" + trace + "\"}");
    return load_scenario_text(j.dump(), "scenarios/s.json", dir_.string());
  }
  std::vector<std::string> trace_problems(const std::string& trace) {
    try {
      load_with_trace(trace);
    } catch (const ScenarioError& e) {
      return e.problems();
    }
    return {};
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioLoaderTrace, ReadsRowsRelativeToTheScenarioDirectory) {
  write("t.csv",
        "start_time,end_time,status,service\r\n"
        "0.0,24962.0,0.125,atlassian_jira-software\r\n"
        "\r\n"
        "100000.5,100060,1,x\r\n");
  const Scenario s = load_with_trace("traces/t.csv");
  EXPECT_EQ(s.faults[0].trace, "traces/t.csv");
  EXPECT_EQ(s.faults[0].trace_rows,
            (std::vector<TraceRow>{{Duration(), Duration::seconds(24962), 0.125},
                                   {Duration::millis(100000500), Duration::seconds(100060), 1}}));
  EXPECT_FALSE(s.faults[0].duration.has_value());
}

TEST_F(ScenarioLoaderTrace, BadRowsNameTheFileAndLine) {
  write("bad.csv",
        "start_time,end_time,status,service\n"
        "0,10,0.5,x\n"
        "5,abc,0.1,x\n"
        "7,6,0.1,x\n"
        "8,9,1.5,x\n"
        "9,10,0.5\n"
        "20,30,0.5,x\n"
        "1,2,0.5,x\n");
  const std::string at = "scenarios/s.json: faults[0].trace: " + (dir_ / "traces/bad.csv").string();
  EXPECT_EQ(trace_problems("traces/bad.csv"),
            (std::vector<std::string>{
                at + ":3:3: end_time: expected seconds from the trace's start such as 24962.0",
                at + ":4:3: end_time is before start_time",
                at + ":5:5: status: expected a severity between 0 and 1",
                at + ":6: expected 4 comma-separated fields (start_time,end_time,status,service), "
                     "got 3",
                at + ":8:1: rows must be in order of start_time"}));
}

TEST_F(ScenarioLoaderTrace, HeaderEmptyAndMissingFiles) {
  write("header.csv", "start,end\n0,1\n");
  write("empty.csv", "start_time,end_time,status,service\n");
  const std::string traces = (dir_ / "traces").string();
  EXPECT_EQ(trace_problems("traces/header.csv").at(0),
            "scenarios/s.json: faults[0].trace: " + traces +
                "/header.csv:1: expected the header \"start_time,end_time,status,service\"");
  EXPECT_EQ(trace_problems("traces/empty.csv").at(0),
            "scenarios/s.json: faults[0].trace: " + traces +
                "/empty.csv:1: has no rows after the header, so the fault never happens");
  EXPECT_EQ(trace_problems("traces/none.csv").at(0),
            "scenarios/s.json: faults[0].trace: cannot read trace file \"" + traces +
                "/none.csv\": No such file or directory");
  EXPECT_EQ(trace_problems("traces").at(0),
            "scenarios/s.json: faults[0].trace: cannot read trace file \"" + traces +
                "\": it is a directory");
}

TEST_F(ScenarioLoaderTrace, DurationIsNotAllowedWithATrace) {
  write("t.csv", "start_time,end_time,status,service\n0,10,0.5,x\n");
  const json j = fault(R"({"kind": "az_outage", "target": "use1-az1", "trace": "traces/t.csv",
                           "duration": "1h"})");
  try {
    load_scenario_text(j.dump(), "s.json", dir_.string());
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.problems(), std::vector<std::string>{
                                "s.json: faults[0].duration: not allowed with \"trace\": each row "
                                "of the trace ends its outage at end_time"});
  }
}

}  // namespace
}  // namespace drsim::models::scenario::loader_traces_test
