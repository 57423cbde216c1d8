// State files: Results survive the round trip through JSON exactly, damaged files are rejected
// with the JSON path, and merge_shards accepts exactly the complete shards of one run.
#include "models/report/state.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/report/writers.h"
#include "models/results/summary.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "tests/models/model_test_support.h"

namespace drsim::models::report::state_test {
namespace {

using testing::plan_of;
using testing::region_scenario;

// Failovers, total losses and censored incidents, so that every field is exercised.
std::string busy_scenario() {
  return region_scenario(
      R"([{"name": "m", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"], "replace": "30m"},
          {"name": "s", "deployment": "single-az", "region": "r", "azs": ["a3"], "replace": "1h"}])",
      R"([{"name": "p", "tier": 0, "uses": ["m"], "depends_on": []},
          {"name": "q", "tier": 2, "uses": ["s"], "depends_on": ["p"]}])",
      R"([{"kind": "instance_failure", "target": "*", "mtbf": "5d"},
          {"kind": "az_outage", "target": "a3", "rate": "1/10d", "destroys_data": true}])",
      R"(["a1", "a2", "a3"])", "10d");
}

// Object stores with incidents of every kind: outages waited out or switched away from, disasters
// switched to the replica or lost for good, some still open at the horizon. "media" (east,
// replicated to west) is tier 0 through the service that depends on its user; "docs" (west, no
// replica) tier 2.
std::string store_scenario() {
  return R"({"name": "stores", "horizon": "10d", "trials": 1,
    "regions": [{"name": "east", "azs": ["a1", "a2"]}, {"name": "west", "azs": ["b1", "b2"]}],
    "databases": [{"name": "db", "deployment": "multi-az", "region": "east", "azs": ["a1", "a2"]}],
    "object_stores": [{"name": "media", "region": "east", "replicate_to": "west",
                       "lag": {"exponential": {"mean": "2m"}}},
                      {"name": "docs", "region": "west"}],
    "services": [{"name": "thumbs", "tier": 2, "uses": ["media"], "depends_on": []},
                 {"name": "core", "tier": 0, "uses": ["db"], "depends_on": ["thumbs"]},
                 {"name": "wiki", "tier": 2, "uses": ["docs"], "depends_on": []}],
    "response": {"detect": "5m", "ack": {"uniform": ["1m", "20m"]},
                 "region_failover": {"decide_after": "30m", "execute": {"uniform": ["10m", "40m"]}}},
    "faults": [{"kind": "region_outage", "target": "*", "rate": "1/4d",
                "duration": {"uniform": ["10m", "2d"]}},
               {"kind": "disaster", "target": "*", "rate": "1/40d"}]})";
}

results::Results shard_of(const Plan& plan, uint64_t trials, results::Shard shard,
                          results::Shard part = {}) {
  MonteCarloOptions options;
  options.threads = 1;
  options.shard = shard;
  options.part = part;
  return run_monte_carlo(plan, 7, trials, options);
}

std::string report_of(const results::Results& r) { return to_json(summarize(r), false).dump(); }

TEST(State, RoundTripGivesEqualResults) {
  const Plan plan = plan_of(busy_scenario());
  results::Results r = shard_of(plan, 90, {1, 3});
  // A chain figure that needs all 17 digits must come back to the last bit.
  r.databases[0].analytic_availability = 1 - 1.0 / 3e5;
  r.databases[0].analytic_exact = true;
  ASSERT_GT(r.services[1].incidents.total_loss + r.services[1].incidents.censored, 0u);
  ASSERT_GT(r.failovers[0].total.count(), 0u);
  const nlohmann::json state = results_to_state(r);
  const results::Results back =
      results_from_state(nlohmann::json::parse(state.dump()), "part.json");
  EXPECT_EQ(results_to_state(back), state);
  EXPECT_EQ(back.services, r.services);
  EXPECT_EQ(back.failovers, r.failovers);
  ASSERT_GT(r.databases[1].downtime_us.sum, 0u);
  EXPECT_EQ(back.databases, r.databases);
  EXPECT_EQ(back.engine.trace_hash, r.engine.trace_hash);
  EXPECT_EQ(report_of(back), report_of(r));
}

TEST(State, ObjectStoresSurviveTheRoundTripAndShardsMergeToTheOneProcessRun) {
  const Plan plan = plan_of(store_scenario());
  const results::Results whole = shard_of(plan, 120, {0, 1});
  ASSERT_EQ(whole.object_stores.size(), 2u);
  EXPECT_EQ(whole.object_stores[0].tier, 0);
  EXPECT_EQ(whole.object_stores[1].tier, 2);
  EXPECT_EQ(whole.object_stores[0].region, "east");
  EXPECT_EQ(whole.object_stores[1].region, "west");
  // Every kind of outcome is exercised.
  uint64_t total_loss = 0, censored = 0;
  bool lost = false, intact = false;  // some RPO above 0, some 0
  for (const results::ServiceResults& o : whole.object_stores) {
    total_loss += o.incidents.total_loss;
    censored += o.incidents.censored;
    lost = lost || o.incidents.rpo.moments.max > 0;
    intact = intact || (o.incidents.rpo.count() > 0 && o.incidents.rpo.moments.min == 0);
  }
  ASSERT_GT(total_loss, 0u);
  ASSERT_GT(censored, total_loss);  // some still down without being lost
  ASSERT_TRUE(lost);
  ASSERT_TRUE(intact);

  const nlohmann::json state = results_to_state(whole);
  const results::Results back = results_from_state(nlohmann::json::parse(state.dump()), "run.json");
  EXPECT_EQ(back.object_stores, whole.object_stores);
  EXPECT_EQ(results_to_state(back), state);
  EXPECT_EQ(report_of(back), report_of(whole));

  std::vector<results::Results> parts;
  for (uint64_t k : {1, 2, 0}) {
    parts.push_back(results_from_state(results_to_state(shard_of(plan, 120, {k, 3})), "p"));
  }
  const results::Results merged = merge_shards(parts, {"p1", "p2", "p0"});
  EXPECT_EQ(merged.object_stores, whole.object_stores);
  EXPECT_EQ(report_of(merged), report_of(whole));

  std::vector<results::Results> ranks;
  for (uint64_t k : {2, 0, 1}) ranks.push_back(shard_of(plan, 120, {0, 1}, {k, 3}));
  EXPECT_EQ(join_parts(ranks).object_stores, whole.object_stores);

  // A part whose stores differ is not of the same run.
  results::Results fewer = parts[0];
  fewer.object_stores.pop_back();
  try {
    merge_shards({parts[1], parts[2], fewer}, {"p2", "p0", "p1"});
    ADD_FAILURE() << "merged parts with different object stores";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.problems().at(0), "p1: services or databases differ from p2");
  }
  EXPECT_THROW(join_parts({ranks[0], ranks[1], fewer}), scenario::ScenarioError);

  // Damaged store entries are rejected with their path.
  const auto error_of = [](const nlohmann::json& j) {
    try {
      results_from_state(j, "run.json");
    } catch (const scenario::ScenarioError& e) {
      return e.problems().at(0);
    }
    return std::string("accepted");
  };
  nlohmann::json j = state;
  j["object_stores"][1]["incidents"]["censored"] = 1'000'000;
  EXPECT_EQ(error_of(j), "run.json: object_stores[1].incidents: incident counts do not add up");
  j = state;
  j["object_stores"][0]["tier"] = 7;
  EXPECT_EQ(error_of(j), "run.json: object_stores[0]: tier 7 has no targets");
  j = state;
  j["object_stores"][0]["downtime_us"]["n"] = 3;
  EXPECT_EQ(error_of(j), "run.json: object_stores[0]: downtime is not one value per trial");
  j = state;
  j["object_stores"][1].erase("region");
  EXPECT_EQ(error_of(j), "run.json: object_stores[1].region: missing");
  j = state;
  j.erase("object_stores");
  EXPECT_EQ(error_of(j), "run.json: object_stores: missing");
}

TEST(State, DamagedFilesAreRejectedWithTheJsonPath) {
  const Plan plan = plan_of(busy_scenario());
  const nlohmann::json good = results_to_state(shard_of(plan, 30, {0, 1}));
  const auto error_of = [](const nlohmann::json& j) {
    try {
      results_from_state(j, "part.json");
    } catch (const scenario::ScenarioError& e) {
      return e.problems().at(0);
    }
    return std::string("accepted");
  };
  nlohmann::json j = good;
  j["version"] = 99;
  EXPECT_EQ(error_of(j), "part.json: (top): state version 99, this drsim reads version 6");
  j = good;
  j["services"][0]["incidents"]["rto_met"] = 1'000'000;
  EXPECT_EQ(error_of(j), "part.json: services[0].incidents: incident counts do not add up");
  j = good;
  j["failovers"][0]["total"]["histogram"][0][2] = 1;  // min outside its bucket
  EXPECT_EQ(error_of(j), "part.json: failovers[0].total.histogram[0]: bucket " +
                             j["failovers"][0]["total"]["histogram"][0][0].dump() +
                             " is empty or holds values outside it");
  // A service's histogram turned coarse has coarse bucket indices; a tier's is always fine.
  j = good;
  ASSERT_FALSE(j["services"][0]["incidents"]["rto"]["histogram"].empty());
  ASSERT_EQ(j["services"][0]["incidents"]["rto"]["coarse"], false);
  j["services"][0]["incidents"]["rto"]["coarse"] = true;
  j["services"][0]["incidents"]["rto"]["histogram"] = nlohmann::json::array({{2000, 1, 1, 1}});
  EXPECT_EQ(error_of(j), "part.json: services[0].incidents.rto.histogram[0]: bucket indices must "
                         "increase and stay below 976");
  // The tiers' own incidents must be their services' together.
  size_t busy = 0;
  while (busy < good["tiers"].size() &&
         (good["tiers"][busy]["incidents"].is_null() ||
          good["tiers"][busy]["incidents"]["rpo_met"].get<uint64_t>() == 0)) {
    ++busy;
  }
  ASSERT_LT(busy, good["tiers"].size());
  const std::string tier = good["tiers"][busy]["tier"].dump();
  j = good;
  j["tiers"][busy]["incidents"]["rpo_met"] = j["tiers"][busy]["incidents"]["rpo_met"].get<uint64_t>() - 1;
  EXPECT_EQ(error_of(j), "part.json: (top): tier " + tier + "'s incidents are not its services' together");
  j = good;
  j["tiers"][busy]["incidents"]["rpo"]["coarse"] = true;
  EXPECT_EQ(error_of(j), "part.json: tiers[" + std::to_string(busy) +
                             "].incidents.rpo: a coarse histogram where only fine ones are kept");
  j = good;
  j["tiers"][busy]["incidents"] = nullptr;
  EXPECT_EQ(error_of(j), "part.json: (top): tier " + tier + " has services but no incidents entry");
  j = good;
  j["services"][1]["downtime_us"]["sum"] = "12x";
  EXPECT_EQ(error_of(j), "part.json: services[1].downtime_us.sum: expected a decimal integer");
  j = good;
  j["databases"][0]["downtime_us"]["n"] = 29;
  EXPECT_EQ(error_of(j), "part.json: databases[0]: downtime is not one value per trial");
  j = good;
  j["databases"][1]["analytic_availability"] = 1.5;
  EXPECT_EQ(error_of(j), "part.json: databases[1]: analytic_availability outside [0, 1]");
  j = good;
  j["databases"].erase(1);
  EXPECT_EQ(error_of(j), "part.json: (top): failover_index and databases differ in length");
  j = good;
  j.erase("seed");
  EXPECT_EQ(error_of(j), "part.json: seed: missing");
  EXPECT_EQ(error_of(nlohmann::json::array()),
            "part.json: not a drsim state file (drsim run --state writes them)");
  EXPECT_EQ(error_of(nlohmann::json{{"name", "a scenario"}}),
            "part.json: not a drsim state file (drsim run --state writes them)");
}

TEST(State, ShardsMergeInAnyOrderToTheOneProcessRun) {
  const Plan plan = plan_of(busy_scenario());
  const results::Results whole = shard_of(plan, 100, {0, 1});
  std::vector<results::Results> parts;
  for (uint64_t k : {2, 0, 3, 1}) {
    parts.push_back(results_from_state(results_to_state(shard_of(plan, 100, {k, 4})), "p"));
  }
  const results::Results merged = merge_shards(parts, {"p2", "p0", "p3", "p1"});
  EXPECT_EQ(report_of(merged), report_of(whole));
  EXPECT_EQ(merged.services, whole.services);
  EXPECT_EQ(merged.failovers, whole.failovers);
  EXPECT_EQ(merged.databases, whole.databases);
  EXPECT_EQ(merged.engine.events, whole.engine.events);
  EXPECT_EQ(merged.engine.trace_hash, whole.engine.trace_hash);
  EXPECT_EQ(merged.engine.ranks, 4);
  EXPECT_EQ(merged.trials, 100u);
}

TEST(State, MergeRejectsPartsThatAreNotOneCompleteRun) {
  const Plan plan = plan_of(busy_scenario());
  const results::Results p0 = shard_of(plan, 60, {0, 3}), p1 = shard_of(plan, 60, {1, 3}),
                         p2 = shard_of(plan, 60, {2, 3});
  const auto problems_of = [](const std::vector<results::Results>& parts,
                              const std::vector<std::string>& names) {
    try {
      merge_shards(parts, names);
    } catch (const scenario::ScenarioError& e) {
      return e.problems();
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(problems_of({p0, p2}, {"a", "c"}), std::vector<std::string>{"missing shard 1 of 3"});
  EXPECT_EQ(problems_of({p0, p1, p1, p2}, {"a", "b", "b2", "c"}),
            std::vector<std::string>{"shard 1/3 is given more than once: b, b2"});
  results::Results other_seed = p1;
  other_seed.seed = 8;
  EXPECT_EQ(problems_of({p0, other_seed, p2}, {"a", "b", "c"}),
            std::vector<std::string>{"b: has seed 8, but a has 7"});
  results::Results partial = p2;
  partial.partial = true;
  EXPECT_EQ(problems_of({p0, p1, partial}, {"a", "b", "c"}),
            std::vector<std::string>{"c: shard 2/3 is partial (20 of 20 trials); run it again"});
  const results::Results of_four = shard_of(plan, 60, {3, 4});
  EXPECT_EQ(problems_of({p0, p1, p2, of_four}, {"a", "b", "c", "d"}),
            std::vector<std::string>{"d: is a shard of 4 shards, but a has 3 shards"});
  const results::Results other_trials = shard_of(plan, 61, {2, 3});
  EXPECT_EQ(problems_of({p0, p1, other_trials}, {"a", "b", "c"}),
            std::vector<std::string>{"c: is a run of 61 trials, but a has 60 trials"});
  const Plan other = plan_of(region_scenario(
      R"([{"name": "m", "deployment": "multi-az", "region": "r", "azs": ["a1", "a2"]}])",
      R"([{"name": "p", "tier": 0, "uses": ["m"], "depends_on": []}])", "[]"));
  EXPECT_EQ(problems_of({p0, p1, shard_of(other, 60, {2, 3})}, {"a", "b", "c"})
                .at(0)
                .rfind("c: is a different scenario: \"t\" (", 0),
            0u);
}

TEST(State, ShardRangesCoverEveryTrialOnce) {
  for (uint64_t trials : {0u, 1u, 7u, 100u, 1'000'003u}) {
    for (uint64_t n : {1u, 2u, 3u, 8u, 13u}) {
      uint64_t next = 0;
      for (uint64_t k = 0; k < n; ++k) {
        const results::TrialRange r = results::shard_range(trials, {k, n});
        EXPECT_EQ(r.first, next);
        EXPECT_LE(r.size(), trials / n + 1);
        next = r.end;
      }
      EXPECT_EQ(next, trials);
    }
  }
}

// MPI ranks: each runs a part of the shard; rank 0 joins the parts (through their state files).
TEST(State, RankPartsJoinToTheShardOneProcessRuns) {
  const Plan plan = plan_of(busy_scenario());
  for (const results::Shard shard : {results::Shard{0, 1}, results::Shard{1, 3}}) {
    const results::Results alone = shard_of(plan, 90, shard);
    std::vector<results::Results> parts;
    for (uint64_t k : {2, 0, 1}) {
      results::Results part = shard_of(plan, 90, shard, {k, 3});
      part.engine.wall_s = 1.0 + static_cast<double>(k);
      parts.push_back(results_from_state(results_to_state(part), "rank"));
    }
    const results::Results joined = join_parts(parts);
    EXPECT_EQ(report_of(joined), report_of(alone));
    EXPECT_EQ(joined.services, alone.services);
    EXPECT_EQ(joined.databases, alone.databases);
    EXPECT_EQ(joined.engine.trace_hash, alone.engine.trace_hash);
    EXPECT_EQ(joined.range, alone.range);
    EXPECT_EQ(joined.shard, shard);
    EXPECT_EQ(joined.engine.ranks, 3);
    EXPECT_EQ(joined.engine.wall_s, 3.0);  // side by side: the longest part
    EXPECT_FALSE(joined.partial);
    // A joined shard is a shard like any other: merge_shards takes it.
    if (shard.count == 1) {
      EXPECT_EQ(report_of(merge_shards({joined}, {"j"})), report_of(alone));
    }
  }
}

TEST(State, JoinRejectsPartsThatDoNotCoverTheShard) {
  const Plan plan = plan_of(busy_scenario());
  const results::Results p0 = shard_of(plan, 60, {0, 1}, {0, 2}),
                         p1 = shard_of(plan, 60, {0, 1}, {1, 2});
  const auto problems_of = [](const std::vector<results::Results>& parts) {
    try {
      join_parts(parts);
    } catch (const scenario::ScenarioError& e) {
      return e.problems();
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(problems_of({p1}), (std::vector<std::string>{
                                   "the parts do not cover trials 0..60 exactly once: a part "
                                   "starts at 30, expected 0"}));
  EXPECT_EQ(problems_of({p0}),
            std::vector<std::string>{"the parts end at trial 30, expected 60"});
  EXPECT_FALSE(problems_of({p0, p1, p1}).empty());
  results::Results other_seed = p1;
  other_seed.seed = 8;
  EXPECT_EQ(problems_of({p0, other_seed}),
            std::vector<std::string>{"a part of trials 30..60 is of another run or shard"});
  // A rank's part is not a shard: merge says which trials it lacks.
  try {
    merge_shards({p0}, {"rank0.json"});
    ADD_FAILURE() << "merge took a part";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.problems().at(0), "rank0.json: holds trials 0..30, not all of shard 0/1");
  }
}

TEST(State, SplitRangesCoverTheWholeOnce) {
  for (const results::TrialRange whole :
       {results::TrialRange{0, 0}, results::TrialRange{5, 6}, results::TrialRange{10, 110},
        results::TrialRange{333, 1'000'336}}) {
    for (uint64_t n : {1u, 2u, 3u, 7u}) {
      uint64_t next = whole.first;
      for (uint64_t k = 0; k < n; ++k) {
        const results::TrialRange r = split_range(whole, {k, n});
        EXPECT_EQ(r.first, next);
        EXPECT_LE(r.size(), whole.size() / n + 1);
        next = r.end;
      }
      EXPECT_EQ(next, whole.end);
    }
  }
}

}  // namespace
}  // namespace drsim::models::report::state_test
