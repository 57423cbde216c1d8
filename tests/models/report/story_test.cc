// The story of one trial (DESIGN.md §7): RDS event IDs in order, causes before effects, a region
// fault told as one event, the closing summary against the targets, and durations without false
// precision.
#include "models/report/story_writers.h"

#include <gtest/gtest.h>

#include <string>

#include "../model_test_support.h"
#include "sim/units.h"

namespace drsim::testing::story_test {
namespace {

using models::results::Story;
using sim::Duration;

const std::string kMultiAz = R"([{"name": "db", "deployment": "multi-az", "region": "r",
    "azs": ["a1", "a2"], "replace": "30m", "write_rate": "10/s",
    "failover": {"detect": "20s", "promote": "40s", "dns": "15s"}}])";
const std::string kService = R"([{"name": "svc", "tier": 1, "uses": ["db"], "depends_on": []}])";

Story story_of(const std::string& json) {
  const auto s = models::scenario::load_scenario_text(json, "test.json", ".");
  return models::results::make_story(s, models::run_trial(models::make_plan(s), s.seed, 0, true));
}

int first(const Story& story, const std::string& field, const std::string& value) {
  for (size_t i = 0; i < story.events.size(); ++i) {
    const auto& e = story.events[i];
    if ((field == "kind" ? e.kind : e.rds_event) == value) return static_cast<int>(i);
  }
  return -1;
}

TEST(Story, MultiAzFailoverCarries0013Before0049) {
  const Story story = story_of(region_scenario(
      kMultiAz, kService, R"([{"kind": "az_outage", "target": "a1", "at": "1h", "duration": "2h"}])"));
  const int started = first(story, "rds", "RDS-EVENT-0013");
  const int completed = first(story, "rds", "RDS-EVENT-0049");
  ASSERT_GE(started, 0);
  ASSERT_GT(completed, started);
  EXPECT_EQ(story.events[static_cast<size_t>(started)].kind, "failover_started");
  EXPECT_EQ(story.events[static_cast<size_t>(completed)].kind, "failover_completed");
  EXPECT_EQ(story.events[static_cast<size_t>(completed)].at - story.events[static_cast<size_t>(started)].at,
            Duration::seconds(75));
  // The completion is told as a consequence of the start; the service's return of the completion.
  EXPECT_EQ(story.events[static_cast<size_t>(completed)].cause, started);
  const int restored = first(story, "kind", "service_restored");
  ASSERT_GE(restored, 0);
  EXPECT_EQ(story.events[static_cast<size_t>(restored)].cause, completed);
  // The console's words.
  EXPECT_NE(story.events[static_cast<size_t>(started)].text.find("Multi-AZ instance failover started."),
            std::string::npos);
  const auto j = models::report::story_json(story);
  bool seen_start = false;
  for (const auto& e : j["events"]) {
    if (e["rds_event"] == "RDS-EVENT-0013") seen_start = true;
    if (e["rds_event"] == "RDS-EVENT-0049") {
      EXPECT_TRUE(seen_start);
    }
  }
  EXPECT_TRUE(seen_start);
  ASSERT_EQ(story.summary.size(), 1u);
  EXPECT_TRUE(story.summary[0].met_rto);
  EXPECT_TRUE(story.summary[0].met_rpo);
  EXPECT_DOUBLE_EQ(story.summary[0].rto_s, 75.0);
}

TEST(Story, DisasterIsOneEventWithItsConsequencesAndNoFailoverInside) {
  const Story story = story_of(region_scenario(
      kMultiAz, kService, R"([{"kind": "disaster", "target": "r", "at": "1h"}])", R"(["a1", "a2", "a3"])"));
  EXPECT_EQ(first(story, "kind", "failover_started"), -1);
  EXPECT_EQ(first(story, "kind", "replacement_ordered"), -1);
  const int fault = first(story, "kind", "fault");
  const int destroyed = first(story, "kind", "region_destroyed");
  const int stopped = first(story, "kind", "writes_stopped");
  const int down = first(story, "kind", "service_down");
  ASSERT_EQ(fault, 0);
  EXPECT_EQ(story.events[static_cast<size_t>(destroyed)].cause, fault);
  EXPECT_EQ(story.events[static_cast<size_t>(stopped)].cause, destroyed);
  EXPECT_EQ(story.events[static_cast<size_t>(down)].cause, stopped);
  EXPECT_NE(story.events[static_cast<size_t>(down)].text.find("because db is down"), std::string::npos);
  // No AZ is told going dark on its own: the region is one line.
  EXPECT_EQ(first(story, "kind", "az_down"), -1);
  ASSERT_EQ(story.summary.size(), 1u);
  EXPECT_TRUE(story.summary[0].total_loss);
  EXPECT_TRUE(story.summary[0].censored);
  EXPECT_FALSE(story.summary[0].met_rpo);
  const std::string text = models::report::format_story(story);
  EXPECT_NE(text.find("TOTAL LOSS"), std::string::npos) << text;
  // Consequences are indented under their cause.
  EXPECT_NE(text.find("UTC    ↳ r is destroyed"), std::string::npos) << text;
}

TEST(Story, SummarySaysWhichTargetWasMissedAndByHowMuch) {
  // A single-AZ database in an AZ dark for 7 h: RTO 7 h against 6 h, RPO 0.
  const std::string single = R"([{"name": "db", "deployment": "single-az", "region": "r",
      "azs": ["a1"], "write_rate": "10/s"}])";
  const Story story = story_of(region_scenario(
      single, kService, R"([{"kind": "az_outage", "target": "a1", "at": "1h", "duration": "7h"}])"));
  ASSERT_EQ(story.summary.size(), 1u);
  EXPECT_FALSE(story.summary[0].met_rto);
  EXPECT_TRUE(story.summary[0].met_rpo);
  const std::string text = models::report::format_story(story);
  EXPECT_NE(text.find("MISSED the RTO target by 1 h — RTO 7 h, RPO 0"), std::string::npos) << text;
  // Times carry their zone.
  EXPECT_NE(text.find(":00 UTC  fault: AZ outage of a1"), std::string::npos) << text;
  // The Gantt bars: the database and the service, both closed.
  ASSERT_EQ(story.intervals.size(), 2u);
  for (const auto& bar : story.intervals) {
    ASSERT_TRUE(bar.to.has_value());
    EXPECT_EQ(*bar.to - bar.from, Duration::hours(7));
  }
}

TEST(SpokenDuration, HasNoFalsePrecision) {
  EXPECT_EQ(sim::spoken_duration(Duration()), "0 s");
  EXPECT_EQ(sim::spoken_duration(Duration::micros(147'417)), "147 ms");
  EXPECT_EQ(sim::spoken_duration(Duration::micros(500)), "under 1 ms");
  EXPECT_EQ(sim::spoken_duration(Duration::micros(10'700'000)), "11 s");
  EXPECT_EQ(sim::spoken_duration(Duration::micros(5'840'000)), "5.8 s");
  EXPECT_EQ(sim::spoken_duration(Duration::seconds(185)), "3 min 5 s");
  EXPECT_EQ(sim::spoken_duration(Duration::seconds(56 * 60 + 31)), "57 min");
  EXPECT_EQ(sim::spoken_duration(Duration::seconds(10 * 3600 + 46 * 60 + 10)), "10 h 46 min");
  EXPECT_EQ(sim::spoken_duration(Duration::hours(6)), "6 h");
  EXPECT_EQ(sim::spoken_duration(Duration::hours(4 * 24 + 21) + Duration::minutes(14)), "4 d 21 h");
  EXPECT_EQ(sim::spoken_duration(Duration::seconds(-90)), "-1 min 30 s");
  EXPECT_EQ(sim::grouped_count(0), "0");
  EXPECT_EQ(sim::grouped_count(999), "999");
  EXPECT_EQ(sim::grouped_count(31'290'000), "31,290,000");
}

}  // namespace
}  // namespace drsim::testing::story_test
