// The same scenario, seed and trial count give bit-identical results for any thread count,
// and repeated runs give identical trace hashes.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "models/report/writers.h"
#include "models/results/results.h"
#include "models/results/summary.h"
#include "property_support.h"

namespace drsim::testing::property_determinism_test {
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
  const std::string a = models::report::to_json(models::results::summarize(one), false).dump();
  EXPECT_EQ(a, models::report::to_json(models::results::summarize(two), false).dump());
  EXPECT_EQ(a, models::report::to_json(models::results::summarize(eight), false).dump());
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

models::results::Results run_shard(const models::Plan& plan, uint64_t trials,
                                   models::results::Shard shard, int threads) {
  models::MonteCarloOptions options;
  options.threads = threads;
  options.shard = shard;
  return models::run_monte_carlo(plan, 3, trials, options);
}

TEST(Determinism, ShardsOnAnyThreadsMergeToTheOneProcessRun) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  const auto whole = models::run_monte_carlo(plan, 3, 301, 1);
  models::results::Results merged = run_shard(plan, 301, {2, 3}, 2);
  merged.merge(run_shard(plan, 301, {0, 3}, 1));
  merged.merge(run_shard(plan, 301, {1, 3}, 3));
  merged.shard = {0, 1};
  merged.range = {0, 301};
  EXPECT_EQ(models::report::to_json(models::results::summarize(merged), false),
            models::report::to_json(models::results::summarize(whole), false));
  EXPECT_EQ(merged.engine.trace_hash, whole.engine.trace_hash);
  EXPECT_EQ(merged.engine.events, whole.engine.events);
}

TEST(Determinism, PrecisionStopsAtTheSameCheckpointForAnyThreadCount) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  models::MonteCarloOptions options;
  options.precision = 0.02;
  std::string first;
  for (int threads : {1, 2, 4}) {
    options.threads = threads;
    const auto r = models::run_monte_carlo(plan, 3, 100'000, options);
    const auto s = models::results::summarize(r);
    EXPECT_FALSE(r.partial);
    EXPECT_EQ(r.trials % models::results::kPrecisionCheckTrials, 0u);
    EXPECT_LT(r.trials, 100'000u);
    EXPECT_TRUE(*s.precision.reached);
    EXPECT_LE(*s.precision.achieved, 0.02);
    EXPECT_GT(r.trials,
              1000u);  // several checkpoints, so the first-one check below means something
    const std::string json = models::report::to_json(s, false).dump();
    if (first.empty()) first = json;
    EXPECT_EQ(json, first) << threads << " threads";
  }
  // The checkpoint before the stop had not reached the target: the stop is the first one.
  const auto before = models::run_monte_carlo(
      plan, 3, nlohmann::json::parse(first)["trials"].get<uint64_t>() - 1000, 2);
  EXPECT_FALSE(models::results::precision_reached(before, 0.02));
}

TEST(Determinism, PrecisionNotReachedWithinTheCapEstimatesTheTrialsNeeded) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  models::MonteCarloOptions options;
  options.precision = 0.001;
  options.threads = 2;
  const auto r = models::run_monte_carlo(plan, 3, 1500, options);
  const auto p = models::results::summarize(r).precision;
  EXPECT_EQ(r.trials, 1500u);
  EXPECT_FALSE(r.partial);
  EXPECT_FALSE(*p.reached);
  ASSERT_TRUE(p.trials_needed);
  // Half-widths shrink as 1/sqrt(trials): (achieved / target)^2 times the trials run.
  const double expected = 1500 * (*p.achieved / 0.001) * (*p.achieved / 0.001);
  EXPECT_GE(static_cast<double>(*p.trials_needed), expected);
  EXPECT_LT(static_cast<double>(*p.trials_needed), expected + 1000);
}

TEST(Determinism, AnInterruptGivesAPartialPrefix) {
  const models::Plan plan = plan_from_json(kBusyScenario);
  std::atomic<bool> interrupt{false};
  models::MonteCarloOptions options;
  options.threads = 2;
  options.interrupt = &interrupt;
  std::vector<uint64_t> seen;
  options.each = [&](const models::observations::TrialObservations& obs) {
    seen.push_back(obs.trial);
    if (obs.trial == 40) interrupt.store(true);
  };
  const auto r = models::run_monte_carlo(plan, 3, 100'000, options);
  EXPECT_TRUE(r.partial);
  EXPECT_GT(r.trials, 40u);
  EXPECT_LT(r.trials, 100'000u);
  ASSERT_EQ(seen.size(), r.trials);
  for (uint64_t t = 0; t < seen.size(); ++t) ASSERT_EQ(seen[t], t);
  // A prefix of trials gives what a run of that many trials gives, apart from the flags.
  auto prefix = models::run_monte_carlo(plan, 3, r.trials, 1);
  EXPECT_EQ(prefix.services, r.services);
  EXPECT_EQ(prefix.engine.trace_hash, r.engine.trace_hash);
}

}  // namespace
}  // namespace drsim::testing::property_determinism_test
