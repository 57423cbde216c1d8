// Sweeps end to end on a small scenario whose answer is known in closed form, common random
// numbers across points, invalid points, AZ fitting, and the JSON, CSV and terminal outputs.
#include "models/sweep/sweep.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>
#include <sstream>

#include "models/report/writers.h"
#include "models/scenario/loader.h"
#include "models/simulation/simulation.h"
#include "models/sweep/sweep_writers.h"

namespace drsim::models::sweep::sweep_test {
namespace {

using nlohmann::json;

// us-east-1 is destroyed at a uniform moment of its third day. The database's snapshots (at
// 00:00, then every `every`) are copied to us-west-2 at once (copy_delay 0s) and are the only
// way back, so the RPO is the time since the last snapshot: uniform over the interval. Daily
// snapshots meet RPO 1h one time in 24 (missed); hourly ones always (met). Instances cost 1 an
// hour and nothing else costs anything, so single-az costs 730 a month and multi-az 1460.
json disaster_scenario() {
  return json::parse(R"({
    "name": "disaster", "horizon": "4d", "seed": 3, "trials": 200,
    "regions": [{"name": "us-east-1", "azs": ["use1-az1", "use1-az2", "use1-az3"]},
                {"name": "us-west-2", "azs": ["usw2-az1", "usw2-az2", "usw2-az3"]}],
    "databases": [{"name": "tracker-db", "deployment": "multi-az", "region": "us-east-1",
                   "azs": ["use1-az1", "use1-az2"], "size": "10GiB",
                   "backup": {"snapshot": {"every": "24h", "at": "00:00", "retention": "7d"},
                              "copy_to": ["us-west-2"], "copy_delay": "0s",
                              "restore": {"base": "10m"}}}],
    "services": [{"name": "tracker", "tier": 1, "uses": ["tracker-db"]}],
    "response": {"detect": "5m", "ack": "5m"},
    "faults": [{"kind": "disaster", "target": "us-east-1", "at": {"uniform": ["2d", "3d"]}}],
    "costs": {"instance_hour": {"default": 1}, "storage_gib_month": 0, "backup_gib_month": 0,
              "transfer_gib": 0, "object_storage_gib_month": 0, "object_replication_gib": 0}
  })");
}

SweepBase base_of(const json& j) { return sweep_base_from_text(j.dump(), "s.json", ""); }

std::vector<Setting> settings_of(const std::vector<std::string>& args) {
  std::vector<Setting> out;
  for (const std::string& a : args) out.push_back(parse_setting(a));
  return out;
}

SweepResult deployments_by_snapshots() {
  return run_sweep(base_of(disaster_scenario()),
                   settings_of({"databases[*].deployment=single-az,multi-az",
                                "databases[*].backup.snapshot.every=24h,1h"}),
                   {std::nullopt, std::nullopt, 2});
}

TEST(Sweep, CartesianProductVariesTheLastSettingFastest) {
  const auto product = cartesian_product(settings_of({"a=1,2", "b=x,y,z"}));
  EXPECT_EQ(product,
            (std::vector<std::vector<size_t>>{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}}));
  EXPECT_EQ(cartesian_product({}).size(), 1u);
}

TEST(Sweep, TooManyPointsIsAnError) {
  std::string values = "0";
  for (int i = 1; i < 101; ++i) values += "," + std::to_string(i);
  EXPECT_THROW(cartesian_product(settings_of({"a=" + values, "b=" + values})),
               scenario::ScenarioError);
}

TEST(Sweep, DeploymentsBySnapshotIntervalsInClosedForm) {
  const SweepResult r = deployments_by_snapshots();
  ASSERT_EQ(r.points.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"single-az", "24h"}, {"single-az", "1h"}, {"multi-az", "24h"}, {"multi-az", "1h"}};
  for (size_t i = 0; i < 4; ++i) {
    const SweepPoint& p = r.points[i];
    ASSERT_TRUE(p.valid()) << p.errors.front();
    EXPECT_EQ(p.values[0], expected[i].first);
    EXPECT_EQ(p.values[1], expected[i].second);
    EXPECT_DOUBLE_EQ(p.cost_per_month, expected[i].first == "single-az" ? 730 : 1460);
    ASSERT_EQ(p.summary.tiers.size(), 1u);
    const results::TierSummary& t = p.summary.tiers[0];
    EXPECT_EQ(t.incidents, 200u);
    if (expected[i].second == "24h") {
      // Met one time in 24: about 8 of 200.
      EXPECT_NEAR(t.met_rpo.fraction, 1.0 / 24, 4 * std::sqrt(1.0 / 24 * 23 / 24 / 200));
      EXPECT_EQ(t.verdict, results::Verdict::kMissed);
      EXPECT_FALSE(p.outcome.compliant);
    } else {
      EXPECT_EQ(t.met_rpo.fraction, 1.0);
      EXPECT_LE(t.rpo_s.max, 3600);
      EXPECT_EQ(t.verdict, results::Verdict::kMet);
      EXPECT_TRUE(p.outcome.compliant);
    }
  }
  // The answer, and its consistency with the points' own costs and compliance.
  ASSERT_TRUE(r.cheapest_compliant.has_value());
  EXPECT_EQ(*r.cheapest_compliant, 1u);
  for (const SweepPoint& p : r.points) {
    if (p.outcome.compliant) {
      EXPECT_GE(p.cost_per_month, r.points[*r.cheapest_compliant].cost_per_month);
    }
  }
  // Snapshots cost nothing here, so hourly single-az is as cheap as daily and more compliant:
  // it dominates every other point.
  EXPECT_EQ(r.pareto, (std::vector<size_t>{1}));
  EXPECT_FALSE(r.nearest_miss.has_value());
}

// The fault lines of a trial's timeline: what the dice decided, not what the strategy did.
std::vector<std::string> fault_lines(const Plan& plan, uint64_t seed, uint64_t trial) {
  std::vector<std::string> out;
  for (const observations::TimelineEntry& e : run_trial(plan, seed, trial, true).timeline) {
    if (e.text.rfind("fault:", 0) == 0) {
      out.push_back(std::to_string(e.at.count_us()) + " " + e.text);
    }
  }
  return out;
}

TEST(Sweep, EveryPointSeesTheSameFaultDraws) {
  const SweepBase base = base_of(disaster_scenario());
  const std::vector<SweepPoint> points = prepare_points(
      base, settings_of({"databases[*].backup.snapshot.every=24h,1h"}), SweepOptions{});
  ASSERT_EQ(points.size(), 2u);
  ASSERT_TRUE(points[0].plan && points[1].plan);
  std::set<std::vector<std::string>> distinct;
  for (uint64_t trial = 0; trial < 20; ++trial) {
    const std::vector<std::string> daily = fault_lines(*points[0].plan, 3, trial);
    ASSERT_EQ(daily.size(), 1u);
    EXPECT_EQ(daily, fault_lines(*points[1].plan, 3, trial)) << "trial " << trial;
    distinct.insert(daily);
  }
  EXPECT_EQ(distinct.size(), 20u);  // the draws differ between trials, not between points
}

TEST(Sweep, AnInvalidPointIsReportedAndTheOthersRun) {
  json j = disaster_scenario();
  j["regions"][0]["azs"] = {"use1-az1", "use1-az2"};
  const SweepResult r =
      run_sweep(base_of(j), settings_of({"databases[*].deployment=multi-az,multi-az-cluster"}),
                {std::nullopt, std::nullopt, 2});
  ASSERT_EQ(r.points.size(), 2u);
  EXPECT_TRUE(r.points[0].valid());
  ASSERT_FALSE(r.points[1].valid());
  EXPECT_EQ(r.points[1].errors.front(),
            "s.json: databases[0].azs: a multi-az-cluster deployment needs exactly 3 AZs (a "
            "writer and two readable standbys), got 2");
  EXPECT_EQ(r.pareto, (std::vector<size_t>{0}));
  const json out = sweep_to_json(r);
  EXPECT_EQ(out["points"][1]["error"], r.points[1].errors.front());
  EXPECT_TRUE(out["points"][1]["cost_per_month"].is_null());
  EXPECT_FALSE(out["points"][1]["compliant"].get<bool>());
  EXPECT_NE(sweep_to_terminal(r).find("Point 1 is not a valid scenario: s.json: databases[0].azs"),
            std::string::npos);
}

TEST(Sweep, NoValidPointIsAnError) {
  try {
    run_sweep(base_of(disaster_scenario()), settings_of({"databases[*].deployment=multi-AZ"}),
              SweepOptions{});
    FAIL() << "expected a ScenarioError";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.problems().front(),
              "point 0 (databases[*].deployment=multi-AZ): s.json: databases[0].deployment: "
              "unknown deployment \"multi-AZ\" (did you mean \"multi-az\"?)");
  }
}

TEST(Sweep, BadSettingsAreUsageErrorsBeforeAnythingRuns) {
  const SweepBase base = base_of(disaster_scenario());
  EXPECT_THROW(prepare_points(base, settings_of({"databases[wiki].size=1GiB"}), SweepOptions{}),
               scenario::ScenarioError);
  EXPECT_THROW(prepare_points(base, settings_of({"seed=1,2", "seed=3"}), SweepOptions{}),
               scenario::ScenarioError);
}

TEST(Sweep, FitsAzsToAChangedDeployment) {
  const json base = disaster_scenario();
  json doc = base;
  doc["databases"][0]["deployment"] = "multi-az-cluster";
  EXPECT_EQ(
      fit_azs(base, doc),
      (std::vector<std::string>{
          "databases[0].azs: [\"use1-az1\",\"use1-az2\",\"use1-az3\"] for multi-az-cluster"}));
  EXPECT_EQ(doc["databases"][0]["azs"], json({"use1-az1", "use1-az2", "use1-az3"}));
  doc["databases"][0]["deployment"] = "single-az";
  doc["databases"][0]["azs"] = base["databases"][0]["azs"];
  fit_azs(base, doc);
  EXPECT_EQ(doc["databases"][0]["azs"], json({"use1-az1"}));
  // AZs the settings chose are left alone, and so is an unchanged deployment.
  doc = base;
  doc["databases"][0]["deployment"] = "aurora";
  doc["databases"][0]["azs"] = {"use1-az2", "use1-az3"};
  EXPECT_TRUE(fit_azs(base, doc).empty());
  doc = base;
  EXPECT_TRUE(fit_azs(base, doc).empty());
}

// A point's own warnings (here aurora-global with no replicas) are kept and reported; the base
// scenario's warnings (a database no service uses) are not repeated at every point.
TEST(Sweep, PointsCarryTheWarningsTheirSettingsCause) {
  json doc = disaster_scenario();
  doc["databases"].push_back(json::parse(R"({"name": "spare-db", "deployment": "single-az",
      "region": "us-west-2", "azs": ["usw2-az1"], "size": "10GiB"})"));
  const SweepBase base = base_of(doc);
  const std::vector<std::string> base_warnings = scenario::scenario_warnings(base.scenario);
  ASSERT_FALSE(base_warnings.empty());
  const SweepResult r =
      prepare_sweep(base, settings_of({"databases[tracker-db].deployment=multi-az,aurora-global"}),
                    {std::nullopt, std::nullopt, 1});
  ASSERT_EQ(r.points.size(), 2u);
  EXPECT_TRUE(r.points[0].warnings.empty());
  ASSERT_EQ(r.points[1].warnings.size(), 1u);
  EXPECT_NE(r.points[1].warnings[0].find("aurora-global with no replicas"), std::string::npos);
  for (const std::string& w : base_warnings) EXPECT_NE(r.points[1].warnings[0], w);
  SweepResult simulated =
      run_sweep(base, settings_of({"databases[tracker-db].deployment=multi-az,aurora-global"}),
                {50, std::nullopt, 1});
  const json j = sweep_to_json(simulated);
  EXPECT_FALSE(j["points"][0].contains("warnings"));
  EXPECT_EQ(j["points"][1]["warnings"], json(r.points[1].warnings));
  EXPECT_NE(sweep_to_terminal(simulated).find("Warning (point 1): " + r.points[1].warnings[0]),
            std::string::npos);
}

TEST(Sweep, JsonHasTheContractShape) {
  const SweepResult r = deployments_by_snapshots();
  const json out = sweep_to_json(r);
  ASSERT_EQ(out["points"].size(), 4u);
  const json& p = out["points"][1];
  EXPECT_EQ(p["settings"], json::parse(R"({"databases[*].deployment": "single-az",
                                           "databases[*].backup.snapshot.every": "1h"})"));
  EXPECT_EQ(p["cost_per_month"], 730.0);
  EXPECT_TRUE(p["compliant"].get<bool>());
  // Tiers exactly as `run` writes them.
  EXPECT_EQ(p["tiers"], report::to_json(r.points[1].summary, false)["tiers"]);
  EXPECT_EQ(out["pareto"], json({1}));
  EXPECT_EQ(out["cheapest_compliant"], 1);
  EXPECT_TRUE(out["nearest_miss"].is_null());
  EXPECT_EQ(out["swept"], json({"databases[*].deployment", "databases[*].backup.snapshot.every"}));
}

TEST(Sweep, NearestMissWhenNothingComplies) {
  const SweepResult r = run_sweep(base_of(disaster_scenario()),
                                  settings_of({"databases[*].backup.snapshot.every=24h,12h"}),
                                  {std::nullopt, std::nullopt, 2});
  EXPECT_FALSE(r.cheapest_compliant.has_value());
  ASSERT_TRUE(r.nearest_miss.has_value());
  EXPECT_EQ(*r.nearest_miss, 1u);  // 12h snapshots meet 1h twice as often
  ASSERT_EQ(r.nearest_misses.size(), 1u);
  EXPECT_EQ(r.nearest_misses[0].target, "rpo");
  const json out = sweep_to_json(r);
  EXPECT_TRUE(out["cheapest_compliant"].is_null());
  EXPECT_EQ(out["nearest_miss"]["point"], 1);
  EXPECT_EQ(out["nearest_miss"]["misses"][0]["tier"], 1);
  EXPECT_NE(sweep_to_terminal(r).find("Nearest miss: point 1"), std::string::npos);
}

TEST(Sweep, CsvHasOneRowPerPointAndTier) {
  const SweepResult r = deployments_by_snapshots();
  std::istringstream csv(sweep_to_csv(r));
  std::vector<std::string> lines;
  for (std::string line; std::getline(csv, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u);
  const auto columns = [](const std::string& line) {  // commas outside quotes
    size_t n = 0;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      n += c == ',' && !quoted ? 1 : 0;
    }
    return n;
  };
  for (const std::string& line : lines) EXPECT_EQ(columns(line), columns(lines[0])) << line;
  EXPECT_EQ(lines[0].substr(0, 98),
            "point,name,databases[*].deployment,databases[*].backup.snapshot.every,cost_per_month,"
            "cost_vs_base,");
  // Point 2 (multi-az, 24h) is the base: point 1 costs 730 less.
  EXPECT_EQ(lines[2].substr(0, 75),
            "1,\"tracker-db: single-az, snapshot every 1h\",single-az,1h,730.00,-730.00,1,");
}

TEST(Sweep, TerminalNamesTheCheapestCompliantPoint) {
  const std::string text = sweep_to_terminal(deployments_by_snapshots());
  EXPECT_NE(text.find("Cheapest compliant: point 1 (tracker-db: single-az, snapshot every 1h), "
                      "730.00 USD/month."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Pareto frontier (cost against each tier's RPO p95, RTO p95 and "
                      "compliance): point 1 (tracker-db: single-az, snapshot every 1h)."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("1,460.00"), std::string::npos);
}

// The CSV line of point `index` (the first one when it has several).
std::string csv_line(const std::string& csv, size_t index) {
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(std::to_string(index) + ",", 0) == 0) return line;
  }
  return "";
}

TEST(Sweep, AnInterruptLeavesTheLaterPointsNotSimulated) {
  SweepResult r = prepare_sweep(base_of(disaster_scenario()),
                                settings_of({"databases[*].backup.snapshot.every=24h,1h,12h"}), {});
  std::atomic<bool> interrupt{false};
  simulate_sweep(r, {std::nullopt, std::nullopt, 1, &interrupt}, nullptr, [&](const SweepPoint& p) {
    results::Results results = run_monte_carlo(*p.plan, p.seed, p.trials, 1);
    interrupt.store(true);  // Ctrl-C once the first point is done
    return results;
  });
  EXPECT_TRUE(r.partial);
  EXPECT_TRUE(r.points[0].simulated);
  EXPECT_FALSE(r.points[0].summary.partial);
  EXPECT_FALSE(r.points[1].simulated);
  EXPECT_FALSE(r.points[2].simulated);
  // Only the simulated point takes part in the choice: daily snapshots miss RPO 1h.
  EXPECT_FALSE(r.cheapest_compliant);
  EXPECT_EQ(r.nearest_miss, 0u);
  EXPECT_EQ(r.pareto, std::vector<size_t>{0});

  const json j = sweep_to_json(r);
  EXPECT_EQ(j["partial"], true);
  EXPECT_FALSE(j["points"][0].contains("simulated"));
  EXPECT_EQ(j["points"][0]["compliant"], false);
  EXPECT_EQ(j["points"][1]["simulated"], false);
  EXPECT_TRUE(j["points"][1]["compliant"].is_null());  // unknown, not "does not comply"
  EXPECT_TRUE(j["points"][1]["tiers"].empty());
  EXPECT_EQ(j["points"][1]["cost_per_month"], 1460.0);  // the price needs no simulation

  const std::string csv = sweep_to_csv(r);
  EXPECT_EQ(csv_line(csv, 1),
            "1,tracker-db: snapshot every 1h,1h,1460.00,0.00,,0,,,,,,,,,,,,,,,,,,,,not simulated: "
            "the sweep was interrupted first");
  EXPECT_EQ(csv_line(csv, 0).back(), ',');  // a point simulated in full has no note

  const std::string text = sweep_to_terminal(r);
  EXPECT_NE(text.find("PARTIAL: interrupted; simulated 1 of 3 valid points in full;"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("not simulated"), std::string::npos) << text;
}

TEST(Sweep, APointCutShortByAnInterruptIsPartial) {
  SweepResult r = prepare_sweep(base_of(disaster_scenario()),
                                settings_of({"databases[*].backup.snapshot.every=1h,24h"}), {});
  std::atomic<bool> interrupt{false};
  simulate_sweep(r, {std::nullopt, std::nullopt, 1, &interrupt}, nullptr, [&](const SweepPoint& p) {
    MonteCarloOptions options;
    options.threads = 1;
    options.interrupt = &interrupt;
    options.each = [&](const observations::TrialObservations& obs) {
      if (obs.trial == 49) interrupt.store(true);  // Ctrl-C during trial 50
    };
    return run_monte_carlo(*p.plan, p.seed, p.trials, options);
  });
  ASSERT_TRUE(r.partial);
  ASSERT_TRUE(r.points[0].simulated);
  EXPECT_TRUE(r.points[0].summary.partial);
  EXPECT_EQ(r.points[0].summary.trials, 50u);
  EXPECT_FALSE(r.points[1].simulated);

  const json j = sweep_to_json(r);
  EXPECT_EQ(j["points"][0]["partial"], true);
  EXPECT_EQ(j["points"][0]["trials_run"], 50);
  EXPECT_EQ(j["points"][0]["trials"], 200);
  const std::string line = csv_line(sweep_to_csv(r), 0);
  EXPECT_NE(line.find(",partial: interrupted after 50 of 200 trials"), std::string::npos) << line;
  const std::string text = sweep_to_terminal(r);
  EXPECT_NE(text.find("Point 0 is partial: interrupted after 50 of 200 trials."), std::string::npos)
      << text;
  EXPECT_NE(text.find("(partial)"), std::string::npos) << text;
  EXPECT_EQ(partial_extent(r), "0 of 2 valid points in full, point 0 in part (50 of 200 trials)");
}

TEST(Sweep, AnInterruptBeforeTheFirstPointSimulatesNothing) {
  SweepResult r = prepare_sweep(base_of(disaster_scenario()),
                                settings_of({"databases[*].backup.snapshot.every=1h,24h"}), {});
  const std::atomic<bool> interrupt{true};
  simulate_sweep(r, {std::nullopt, std::nullopt, 1, &interrupt});
  EXPECT_TRUE(r.partial);
  for (const SweepPoint& p : r.points) EXPECT_FALSE(p.simulated) << p.index;
  EXPECT_TRUE(r.pareto.empty());
  EXPECT_FALSE(r.cheapest_compliant);
  EXPECT_FALSE(r.nearest_miss);
  EXPECT_EQ(sweep_to_terminal(r).find("Pareto frontier"), std::string::npos);
  EXPECT_EQ(partial_extent(r), "0 of 2 valid points");
}

TEST(Sweep, ACompleteSweepSaysItIsNotPartial) {
  const SweepResult r = deployments_by_snapshots();
  EXPECT_FALSE(r.partial);
  const json j = sweep_to_json(r);
  EXPECT_EQ(j["partial"], false);
  for (const json& p : j["points"]) {
    EXPECT_FALSE(p.contains("simulated"));
    EXPECT_FALSE(p.contains("partial"));
  }
  EXPECT_EQ(sweep_to_terminal(r).find("PARTIAL"), std::string::npos);
}

TEST(Sweep, PointsAreNamedByWhatTheyChangeAgainstTheBase) {
  const SweepResult r = deployments_by_snapshots();
  ASSERT_EQ(r.points.size(), 4u);
  EXPECT_EQ(r.points[0].name, "tracker-db: single-az");
  EXPECT_EQ(r.points[1].name, "tracker-db: single-az, snapshot every 1h");
  EXPECT_EQ(r.points[2].name, "base");  // multi-az with daily snapshots: the file as given
  EXPECT_EQ(r.points[3].name, "tracker-db: snapshot every 1h");
  // The base is among the points: nothing more is simulated.
  EXPECT_EQ(r.base_point, 2u);
  EXPECT_FALSE(r.base.has_value());
  const json j = sweep_to_json(r);
  EXPECT_EQ(j["points"][1]["name"], "tracker-db: single-az, snapshot every 1h");
  EXPECT_EQ(j["base"]["point"], 2);
  EXPECT_EQ(j["base"]["name"], "base");
  EXPECT_EQ(j["points"][1]["vs_base"]["cost_per_month"], -730.0);
  // A value equal to the base's, even spelt otherwise, is not named.
  const SweepResult same =
      prepare_sweep(base_of(disaster_scenario()),
                    settings_of({"databases[*].backup.snapshot.every=1d,1h"}), {});
  EXPECT_EQ(same.points[0].name, "base");
  EXPECT_EQ(same.base_point, 0u);
}

// Single-az only: no point is the base (multi-az, daily snapshots), so the base is simulated
// too, with the same seed and trials, and every point is compared with it.
TEST(Sweep, TheBaseIsSimulatedWhenNoPointIsIt) {
  const SweepBase base = base_of(disaster_scenario());
  const SweepResult r = run_sweep(base,
                                  settings_of({"databases[*].deployment=single-az",
                                               "databases[*].backup.snapshot.every=24h,1h"}),
                                  {std::nullopt, std::nullopt, 2});
  ASSERT_EQ(r.points.size(), 2u);
  ASSERT_TRUE(r.base.has_value());
  EXPECT_FALSE(r.base_point.has_value());
  EXPECT_TRUE(r.base->simulated);
  EXPECT_TRUE(r.base->is_base);
  EXPECT_EQ(r.base->cost_per_month, 1460);
  // The base's figures are exactly a run of the file as given.
  const results::Summary direct =
      results::summarize(run_monte_carlo(make_plan(base.scenario), 3, 200, 1));
  EXPECT_EQ(report::to_json(r.base->summary, false)["tiers"],
            report::to_json(direct, false)["tiers"]);
  // Not a point: the indices keep their meaning, and it is never on the frontier.
  for (size_t i : r.pareto) EXPECT_LT(i, r.points.size());

  const json j = sweep_to_json(r);
  EXPECT_EQ(j["points"].size(), 2u);
  EXPECT_TRUE(j["base"]["point"].is_null());
  EXPECT_EQ(j["base"]["name"], "base");
  EXPECT_EQ(j["base"]["cost_per_month"], 1460.0);
  EXPECT_FALSE(j["base"].contains("index"));
  EXPECT_EQ(j["points"][0]["vs_base"]["cost_per_month"], -730.0);
  // Same faults, same restore: the single-az point's RTO p95 is the base's; daily snapshots
  // lose what the base loses.
  EXPECT_EQ(j["points"][0]["vs_base"]["tiers[1].rpo_p95_s"], 0.0);

  // Tier 1 misses RPO 1h in the base; hourly snapshots meet it, for 730 less.
  ASSERT_EQ(r.cheapest_per_tier.size(), 1u);
  EXPECT_EQ(r.cheapest_per_tier[0].tier, 1);
  EXPECT_EQ(r.cheapest_per_tier[0].point, 1u);
  ASSERT_EQ(r.cheapest_per_tier[0].misses.size(), 1u);
  EXPECT_EQ(r.cheapest_per_tier[0].misses[0].target, "rpo");
  EXPECT_EQ(j["cheapest_per_tier"][0]["point"], 1);
  EXPECT_EQ(j["cheapest_per_tier"][0]["cost_per_month"], 730.0);
  EXPECT_EQ(j["cheapest_per_tier"][0]["delta_per_month"], -730.0);
  const std::string text = sweep_to_terminal(r);
  EXPECT_NE(text.find("\nbase   base  "), std::string::npos) << text;
  EXPECT_NE(text.find("Tier 1 misses RPO 1 h (met by "), std::string::npos) << text;
  EXPECT_NE(text.find("in the base; cheapest change that meets it: tracker-db: single-az, "
                      "snapshot every 1h (point 1), −730.00 USD/month (730.00 USD/month)."),
            std::string::npos)
      << text;
}

TEST(Sweep, ATierNoPointMeetsIsSaid) {
  const SweepResult r = run_sweep(base_of(disaster_scenario()),
                                  settings_of({"databases[*].backup.snapshot.every=24h,12h"}),
                                  {std::nullopt, std::nullopt, 2});
  ASSERT_EQ(r.cheapest_per_tier.size(), 1u);
  EXPECT_FALSE(r.cheapest_per_tier[0].point.has_value());
  EXPECT_TRUE(sweep_to_json(r)["cheapest_per_tier"][0]["point"].is_null());
  EXPECT_NE(sweep_to_terminal(r).find("in the base; no point of the sweep meets it."),
            std::string::npos);
}

// The acceptance case end to end: hourly snapshots meet RPO 1h and a two-hour restore meets RTO
// 6h, so compliance alone cannot tell a replica in us-west-2 (promoted in minutes) from the
// restore; the replica costs more and cuts the RTO p95 to less than half: it is on the
// frontier. Doubling the instance price buys nothing: those points are off it.
TEST(Sweep, AReplicaThatHalvesTheRtoIsOnTheFrontier) {
  json j = disaster_scenario();
  j["databases"][0]["backup"]["snapshot"]["every"] = "1h";
  j["databases"][0]["backup"]["restore"]["base"] = "2h";
  const SweepResult r =
      run_sweep(base_of(j),
                settings_of({R"(databases[*].replicas=[],[{"region":"us-west-2","lag":"1s"}])",
                             "costs.instance_hour.default=1,2"}),
                {std::nullopt, std::nullopt, 2});
  ASSERT_EQ(r.points.size(), 4u);
  const SweepPoint &restore = r.points[0], &replica = r.points[2];
  EXPECT_EQ(replica.name, "tracker-db: replica us-west-2");
  EXPECT_EQ(r.points[1].name, "instance_hour default 2");
  ASSERT_TRUE(restore.outcome.compliant && replica.outcome.compliant);
  EXPECT_GT(replica.cost_per_month, restore.cost_per_month);
  const double restore_rto = restore.outcome.tiers.at(1).rto_p95_s;
  const double replica_rto = replica.outcome.tiers.at(1).rto_p95_s;
  EXPECT_GE(restore_rto, 2 * 3600);
  EXPECT_LE(replica_rto, restore_rto / 2);
  EXPECT_EQ(r.pareto, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(sweep_to_json(r)["pareto_objectives"],
            json({"cost_per_month", "tiers[1].rpo_p95_s", "tiers[1].rto_p95_s",
                  "tiers[1].met_rpo_lo", "tiers[1].met_rto_lo"}));
}

}  // namespace
}  // namespace drsim::models::sweep::sweep_test
