// The same scenario, seed and trial count give bit-identical results for any thread count,
// and repeated runs give identical trace hashes.
#include <gtest/gtest.h>

#include "models/report/summary.h"
#include "models/report/writers.h"
#include "property_support.h"

namespace drsim::testing {
namespace {

constexpr const char* kBusyScenario = R"({
  "name": "busy", "horizon": "30d", "trials": 10,
  "regions": [{"name": "r", "azs": ["a1", "a2", "a3"]}],
  "databases": [
    {"name": "m", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"], "replace": "30m"},
    {"name": "s", "deployment": "single-az", "region": "r", "azs": ["a3"], "replace": "1h"}],
  "services": [
    {"name": "p", "tier": 0, "uses": ["m"], "depends_on": []},
    {"name": "q", "tier": 2, "uses": ["s"], "depends_on": ["p"]}],
  "faults": [
    {"kind": "instance_failure", "target": "*", "mtbf": "10d"},
    {"kind": "az_outage", "target": "*", "rate": "1/20d", "duration": {"lognormal": {"median": "2h", "p95": "8h"}}}]
})";

TEST(Determinism, OneAndTwoThreadsGiveIdenticalJson) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  const auto one = models::run_monte_carlo(plan, 3, 301, 1);
  const auto two = models::run_monte_carlo(plan, 3, 301, 2);
  const auto eight = models::run_monte_carlo(plan, 3, 301, 8);
  const std::string a = models::report::to_json(models::report::summarize(one), false).dump();
  EXPECT_EQ(a, models::report::to_json(models::report::summarize(two), false).dump());
  EXPECT_EQ(a, models::report::to_json(models::report::summarize(eight), false).dump());
  EXPECT_EQ(one.engine.trace_hash, two.engine.trace_hash);
  EXPECT_EQ(one.engine.trace_hash, eight.engine.trace_hash);
  EXPECT_EQ(one.engine.events, two.engine.events);
  EXPECT_GT(one.engine.events, 301u * 4);  // the scenario really is busy
}

TEST(Determinism, RepeatedTrialsReplayExactly) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  for (uint64_t t = 0; t < 20; ++t) {
    const auto a = models::run_trial(plan, 5, t);
    const auto b = models::run_trial(plan, 5, t);
    EXPECT_EQ(a.trace_hash, b.trace_hash);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.incidents.size(), b.incidents.size());
  }
  EXPECT_NE(models::run_trial(plan, 5, 0).trace_hash, models::run_trial(plan, 6, 0).trace_hash);
}

TEST(Determinism, TracingDoesNotChangeTheTrial) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  const auto quiet = models::run_trial(plan, 8, 4, false);
  const auto traced = models::run_trial(plan, 8, 4, true);
  EXPECT_EQ(quiet.trace_hash, traced.trace_hash);
  EXPECT_FALSE(traced.timeline.empty());
  EXPECT_TRUE(quiet.timeline.empty());
}

}  // namespace
}  // namespace drsim::testing
