// Tabletop branches against closed forms (DESIGN.md §7): a region outage with only daily snapshot
// copies elsewhere, played three ways. Every duration is a constant, so the outcomes are exact.
#include "models/simulation/tabletop.h"

#include <gtest/gtest.h>

#include "../model_test_support.h"

namespace drsim::testing::tabletop_test {
namespace {

using sim::Duration;

// r (a1) holds the database; s holds its snapshot copies, each arriving 2 h after the 03:00
// snapshot. Restores take 1 h, a region failover 20 min more. Tier 1: RPO 1 h, RTO 6 h. r goes
// dark at 1d10h for 12 h. On-call acknowledges at 1d10h15m and waits 30 min: decision 1 at
// 1d10h45m. The newest copy that arrived is the 1d03h snapshot: restoring it loses 7 h (more than
// the 1 h target) and takes 1 h 20 min, so the automatic rule waits until the last moment that
// still meets the RTO: 1d10h + 6 h - 1 h 20 min = 1d14h40m, decision 2, where it restores.
const std::string kScenario = R"({"name": "t", "horizon": "3d", "trials": 1, "seed": 1,
  "regions": [{"name": "r", "azs": ["a1", "a2"]}, {"name": "s", "azs": ["b1", "b2"]}],
  "databases": [{"name": "db", "deployment": "single-az", "region": "r", "azs": ["a1"],
    "write_rate": "10/s",
    "backup": {"snapshot": {"every": "24h", "at": "03:00", "retention": "7d"}, "log_upload": "5m",
               "copy_to": ["s"], "copy_delay": "2h", "restore": {"base": "1h"}}}],
  "services": [{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}],
  "response": {"detect": "5m", "ack": "10m",
               "region_failover": {"decide_after": "30m", "execute": "20m"}},
  "faults": [{"kind": "region_outage", "target": "r", "at": "1d10h", "duration": "12h"}]})";

models::Tabletop play(const std::map<int, std::string>& choices) {
  const auto s = models::scenario::load_scenario_text(kScenario, "test.json", ".");
  models::TabletopOptions o;
  o.seed = 1;
  o.choices = choices;
  o.preview_samples = 5;
  return models::play_tabletop(s, models::make_plan(s), o);
}

double hours(double h) { return h * 3600; }

TEST(Tabletop, AutomaticWaitsThenRestoresAtTheLastMomentThatMeetsTheRto) {
  const models::Tabletop t = play({});
  ASSERT_TRUE(t.problems.empty());
  ASSERT_EQ(t.story.decisions.size(), 2u);
  const auto& d1 = t.story.decisions[0];
  EXPECT_EQ(d1.at.since_start(), Duration::hours(34) + Duration::minutes(45));
  EXPECT_EQ(d1.automatic, "wait");
  ASSERT_EQ(d1.options.size(), 2u);
  EXPECT_EQ(d1.options[0].id, "wait");
  EXPECT_EQ(d1.options[0].rpo_s, 0.0);
  EXPECT_FALSE(d1.options[0].duration_p95_s.has_value());  // nobody knows when r returns
  EXPECT_TRUE(d1.options[0].undoable);
  EXPECT_EQ(d1.options[1].id, "restore-copy:s");
  EXPECT_EQ(d1.options[1].rpo_s, hours(7));
  EXPECT_EQ(d1.options[1].duration_p50_s, hours(1) + 20 * 60);  // the preview: execute + restore
  EXPECT_EQ(d1.options[1].duration_p95_s, hours(1) + 20 * 60);
  EXPECT_EQ(d1.options[1].meets_rpo, false);
  EXPECT_EQ(d1.options[1].meets_rto, true);  // 45 min gone + 1 h 20 min <= 6 h
  EXPECT_FALSE(d1.options[1].undoable);
  const auto& d2 = t.story.decisions[1];
  EXPECT_EQ(d2.at.since_start(), Duration::hours(38) + Duration::minutes(40));
  EXPECT_EQ(d2.automatic, "restore-copy:s");
  // Serving at 1d16h: RTO 6 h, RPO 7 h.
  ASSERT_EQ(t.story.summary.size(), 1u);
  EXPECT_DOUBLE_EQ(t.story.summary[0].rto_s, hours(6));
  EXPECT_EQ(t.story.summary[0].rpo_s, hours(7));
  EXPECT_EQ(t.story.summary[0].lost_writes, 7u * 3600 * 10);
}

TEST(Tabletop, RestoringAtOnceAndWaitingForTheRegionGiveTheirClosedForms) {
  // Restore at decision 1: serving at 1d10h45m + 1 h 20 min: RTO 2 h 5 min, RPO 7 h.
  const models::Tabletop now = play({{1, "restore-copy:s"}});
  ASSERT_TRUE(now.problems.empty());
  ASSERT_EQ(now.branches.size(), 2u);
  EXPECT_EQ(now.branches[0].name, "chosen");
  EXPECT_DOUBLE_EQ(now.branches[0].summary[0].rto_s, hours(2) + 5 * 60);
  EXPECT_EQ(now.branches[0].summary[0].rpo_s, hours(7));
  EXPECT_TRUE(now.branches[0].summary[0].met_rto);
  EXPECT_FALSE(now.branches[0].summary[0].met_rpo);
  // Beside it the automatic rule's branch: RTO 6 h, RPO 7 h.
  EXPECT_EQ(now.branches[1].name, "automatic");
  EXPECT_DOUBLE_EQ(now.branches[1].summary[0].rto_s, hours(6));
  // Waiting at decision 2 too: r returns at 1d22h holding every write: RTO 12 h, RPO 0.
  const models::Tabletop wait = play({{2, "wait"}});
  ASSERT_TRUE(wait.problems.empty());
  EXPECT_DOUBLE_EQ(wait.branches[0].summary[0].rto_s, hours(12));
  EXPECT_EQ(wait.branches[0].summary[0].rpo_s, 0.0);
  EXPECT_FALSE(wait.branches[0].summary[0].met_rto);
  EXPECT_TRUE(wait.branches[0].summary[0].met_rpo);
  EXPECT_EQ(wait.story.decisions[1].chosen, "wait");
  EXPECT_EQ(wait.story.decisions[1].automatic, "restore-copy:s");
}

TEST(Tabletop, OptionIdsAreExactWhenOneRegionNameStartsAnother) {
  // Copies to "s2" and to "s": two options, neither numbered as a second of the other.
  std::string two = kScenario;
  two.replace(two.find(R"({"name": "s", "azs": ["b1", "b2"]})"), 34,
              R"({"name": "s", "azs": ["b1", "b2"]}, {"name": "s2", "azs": ["c1"]})");
  two.replace(two.find(R"("copy_to": ["s"])"), 16, R"("copy_to": ["s2", "s"])");
  const auto s = models::scenario::load_scenario_text(two, "test.json", ".");
  models::TabletopOptions o;
  o.seed = 1;
  o.preview_samples = 2;
  const models::Tabletop t = models::play_tabletop(s, models::make_plan(s), o);
  ASSERT_FALSE(t.story.decisions.empty());
  std::vector<std::string> ids;
  for (const auto& option : t.story.decisions[0].options) ids.push_back(option.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"wait", "restore-copy:s2", "restore-copy:s"}));
}

TEST(Tabletop, AnswersThatMatchNothingAreProblems) {
  const models::Tabletop bad_option = play({{1, "promote:s"}});
  ASSERT_EQ(bad_option.problems.size(), 1u);
  EXPECT_NE(bad_option.problems[0].find("its options are wait, restore-copy:s"), std::string::npos)
      << bad_option.problems[0];
  const models::Tabletop bad_number = play({{5, "wait"}});
  ASSERT_EQ(bad_number.problems.size(), 1u);
  EXPECT_NE(bad_number.problems[0].find("the trial has 2 decisions"), std::string::npos)
      << bad_number.problems[0];
}

}  // namespace
}  // namespace drsim::testing::tabletop_test
