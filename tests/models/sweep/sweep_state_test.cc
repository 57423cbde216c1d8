// Sweep shards: each shard's state survives JSON exactly, the shards merge (in any order) into the
// one-process sweep, and merging refuses shards of another sweep, a missing shard, or a scenario
// file that changed since the shards ran.
#include "models/sweep/sweep_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/report/chain_figures.h"
#include "models/results/results.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "models/sweep/sweep_writers.h"

namespace drsim::models::sweep::sweep_state_test {
namespace {

using nlohmann::json;

// A disaster on the second or third day; snapshots copied away are the only way back.
json scenario_json(const std::string& name = "shards") {
  return json::parse(R"({
    "name": ")" + name +
                     R"(", "horizon": "4d", "seed": 3, "trials": 60,
    "regions": [{"name": "us-east-1", "azs": ["use1-az1", "use1-az2", "use1-az3"]},
                {"name": "us-west-2", "azs": ["usw2-az1", "usw2-az2", "usw2-az3"]}],
    "databases": [{"name": "tracker-db", "deployment": "multi-az", "region": "us-east-1",
                   "azs": ["use1-az1", "use1-az2"], "size": "10GiB",
                   "backup": {"snapshot": {"every": "24h", "at": "00:00", "retention": "7d"},
                              "copy_to": ["us-west-2"], "copy_delay": "0s",
                              "restore": {"base": "10m"}}}],
    "services": [{"name": "tracker", "tier": 1, "uses": ["tracker-db"]}],
    "faults": [{"kind": "disaster", "target": "us-east-1", "at": {"uniform": ["1d", "3d"]}},
               {"kind": "instance_failure", "target": "*", "mtbf": "2d"}]
  })");
}

const std::vector<std::string> kSets = {"databases[*].deployment=single-az,multi-az,aurora",
                                        "databases[*].backup.snapshot.every=24h,1h"};

class SweepShards : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs the tests of this fixture side by side, and one of them
    // rewrites the scenario.
    dir_ = std::filesystem::path(::testing::TempDir()) /
           (std::string("sweep_shards_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    file_ = (dir_ / "s.json").string();
    write(scenario_json());
  }
  void write(const json& j) { std::ofstream(file_) << j.dump(); }

  std::vector<Setting> settings() const {
    std::vector<Setting> out;
    for (const std::string& a : sets_) out.push_back(parse_setting(a));
    return out;
  }

  // What `drsim sweep --shard K/N --state` writes, read back.
  SweepState shard(uint64_t k, uint64_t n) const {
    const SweepBase base = load_sweep_base(file_);
    SweepResult r = prepare_sweep(base, settings(), {});
    SweepState state{
        file_, results::scenario_hash(base.scenario), sets_, r.seed, r.trials, {k, n}, {}, {}};
    state.points.resize(r.points.size());
    simulate_sweep(r, {}, nullptr, [&](const SweepPoint& p) {
      MonteCarloOptions options;
      options.threads = 1;
      options.shard = {k, n};
      results::Results results = run_monte_carlo(*p.plan, p.seed, p.trials, options);
      report::add_chain_figures(*p.plan, results);
      (p.is_base ? state.base : state.points[p.index]) = results;
      return results;
    });
    return sweep_state_from_json(json::parse(sweep_state_to_json(state).dump()), "part");
  }

  std::vector<std::string> problems_of(const std::vector<SweepState>& parts) const {
    try {
      merge_sweep_shards(parts, std::vector<std::string>(parts.size(), "p"));
    } catch (const scenario::ScenarioError& e) {
      return e.problems();
    }
    return {};
  }

  std::filesystem::path dir_;
  std::string file_;
  std::vector<std::string> sets_ = kSets;
};

TEST_F(SweepShards, MergeInAnyOrderToTheOneProcessSweep) {
  const SweepResult whole =
      run_sweep(load_sweep_base(file_), settings(), {std::nullopt, std::nullopt, 1});
  const SweepResult merged =
      merge_sweep_shards({shard(2, 3), shard(0, 3), shard(1, 3)}, {"c", "a", "b"});
  EXPECT_EQ(sweep_to_json(merged), sweep_to_json(whole));
  EXPECT_EQ(sweep_to_csv(merged), sweep_to_csv(whole));
  EXPECT_EQ(merged.cheapest_compliant, whole.cheapest_compliant);
}

TEST_F(SweepShards, StateSurvivesJsonExactly) {
  const SweepState s = shard(1, 2);
  EXPECT_EQ(sweep_state_to_json(sweep_state_from_json(sweep_state_to_json(s), "x")),
            sweep_state_to_json(s));
  EXPECT_EQ(s.points.size(), 6u);
  EXPECT_EQ(s.points[0]->range, (results::TrialRange{30, 60}));
}

TEST_F(SweepShards, MergeRefusesWhatIsNotOneSweep) {
  const SweepState a = shard(0, 2), b = shard(1, 2);
  EXPECT_EQ(problems_of({a}), std::vector<std::string>{"missing shard 1 of 2"});
  SweepState other = b;
  other.sets = {kSets[0]};
  EXPECT_EQ(problems_of({a, other}),
            std::vector<std::string>{"p: is a shard of another sweep than p (scenario, settings "
                                     "or points differ)"});
  json changed = scenario_json("renamed");
  write(changed);
  ASSERT_EQ(problems_of({a, b}).size(), 1u);
  EXPECT_NE(problems_of({a, b})[0].find("the scenario changed since the shards ran"),
            std::string::npos);
}

TEST_F(SweepShards, DamagedStateIsRejectedWithItsPath) {
  json doc = sweep_state_to_json(shard(0, 2));
  doc["shard"]["index"] = 5;
  try {
    sweep_state_from_json(doc, "part.json");
    ADD_FAILURE() << "accepted";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.problems().at(0), "part.json: shard: expected index < count");
  }
  EXPECT_FALSE(is_sweep_state(json{{"format", "drsim-state"}}));
  EXPECT_THROW(sweep_state_from_json(json{{"format", "drsim-state"}}, "run.json"),
               scenario::ScenarioError);
}

TEST_F(SweepShards, MergeRefusesAPartialShard) {
  const SweepState a = shard(0, 2);
  SweepState b = shard(1, 2);
  b.partial = true;  // what an interrupted `drsim sweep --shard 1/2 --state` writes
  const SweepState read = sweep_state_from_json(json::parse(sweep_state_to_json(b).dump()), "x");
  EXPECT_TRUE(read.partial);
  EXPECT_EQ(problems_of({a, read}),
            std::vector<std::string>{"p: is partial (the shard was interrupted): run it again"});
  // A state written before sweeps could be interrupted has no "partial": it is complete.
  json old = sweep_state_to_json(a);
  old.erase("partial");
  EXPECT_FALSE(sweep_state_from_json(old, "old").partial);
}

// No point is the base (multi-az, daily snapshots): each shard simulates its part of the base
// too, and the merge joins it as it joins a point.
TEST_F(SweepShards, TheSeparateBaseSurvivesShardAndMerge) {
  sets_ = {"databases[*].deployment=single-az,aurora", "databases[*].backup.snapshot.every=1h"};
  const SweepResult whole =
      run_sweep(load_sweep_base(file_), settings(), {std::nullopt, std::nullopt, 1});
  ASSERT_TRUE(whole.base.has_value());
  ASSERT_FALSE(whole.base_point.has_value());
  const SweepState a = shard(0, 2), b = shard(1, 2);
  ASSERT_TRUE(a.base.has_value());
  EXPECT_EQ(a.base->range, (results::TrialRange{0, 30}));
  const SweepResult merged = merge_sweep_shards({b, a}, {"b", "a"});
  ASSERT_TRUE(merged.base.has_value());
  EXPECT_TRUE(merged.base->simulated);
  EXPECT_EQ(sweep_to_json(merged), sweep_to_json(whole));
  EXPECT_EQ(sweep_to_terminal(merged), sweep_to_terminal(whole));
  SweepState without = b;
  without.base.reset();
  EXPECT_EQ(problems_of({a, without}),
            std::vector<std::string>{
                "p: has no results for the base scenario, which no point of the sweep is"});
}

TEST_F(SweepShards, AStateOfAnotherVersionIsRefused) {
  json doc = sweep_state_to_json(shard(0, 2));
  doc["version"] = 1;
  try {
    sweep_state_from_json(doc, "old.json");
    ADD_FAILURE() << "accepted";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.problems().at(0),
              "old.json: sweep state version 1, but this drsim reads 2: run the shards again");
  }
}

}  // namespace
}  // namespace drsim::models::sweep::sweep_state_test
