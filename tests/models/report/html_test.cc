// The HTML report: one self-contained, deterministic document; scenario strings escaped; the
// sections and charts present; total losses, open incidents and lower bounds said as such.
#include "models/report/html.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "models/results/summary.h"

namespace drsim::models::report::html_test {
using sim::SimTime;
namespace {

constexpr const char* kHostile = "<script>alert(1)</script>\"'&";

size_t count_of(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

SimTime at_s(int64_t s) { return SimTime::from_micros(s * 1'000'000); }

// 20 trials of 72 h. Tier 1 (RPO 1 h, RTO 6 h) holds the hostile service: a failover with RPO 0
// in every trial, except a total loss in trial 3 (10 h down) and an incident still open at the
// horizon in trial 5 (2 h). Tier 2 (RPO 8 h, RTO 24 h) holds "wiki", restored from snapshots in
// every other trial. The hostile service's database fails over in 70 to 127 s.
results::Results sample_results() {
  results::Results r;
  r.scenario = "sample";
  r.seed = 7;
  r.trials_requested = 20;
  r.range = {0, 20};
  r.horizon = sim::Duration::hours(72);
  r.tiers[1] = {sim::Duration::hours(1), sim::Duration::hours(6)};
  r.tiers[2] = {sim::Duration::hours(8), sim::Duration::hours(24)};
  results::ServiceResults hostile;
  hostile.name = kHostile;
  hostile.tier = 1;
  results::ServiceResults wiki;
  wiki.name = "wiki";
  wiki.tier = 2;
  r.services = {hostile, wiki};
  results::DatabaseResults db;
  db.name = kHostile;
  r.databases = {db};
  results::FailoverResults f;
  f.database = kHostile;
  r.failovers = {f};
  r.failover_index = {0};
  for (uint64_t t = 0; t < 20; ++t) {
    observations::TrialObservations obs;
    obs.trial = t;
    observations::Incident i;
    i.service = 0;
    i.started_at = at_s(3600);
    i.stopped_committing_at = i.started_at;
    i.serving_again_at = at_s(3600 + 90);
    i.lost_writes = 0;
    if (t == 3) {
      i.serving_again_at = at_s(3600 + 10 * 3600);
      i.rpo.reset();
      i.total_loss = true;
      i.lost_writes.reset();
    } else if (t == 5) {
      i.started_at = at_s(70 * 3600);
      i.stopped_committing_at = i.started_at;
      i.serving_again_at.reset();
      i.rpo.reset();
      i.lost_writes.reset();
    } else {
      observations::FailoverRecord fo;
      fo.database = 0;
      fo.started_at = i.started_at;
      fo.detect = sim::Duration::seconds(20);
      fo.promote = sim::Duration::seconds(40 + static_cast<int64_t>(t) * 3);
      fo.dns = sim::Duration::seconds(10);
      obs.failovers.push_back(fo);
    }
    obs.incidents.push_back(i);
    sim::Duration wiki_down;
    if (t % 2 == 0) {
      observations::Incident w;
      w.service = 1;
      w.started_at = at_s(7200);
      w.stopped_committing_at = w.started_at;
      w.serving_again_at = at_s(7200 + 3 * 3600);
      w.rpo = sim::Duration::minutes(30 + static_cast<int64_t>(t));
      w.lost_writes = 1000 * (t + 1);
      obs.incidents.push_back(w);
      wiki_down = sim::Duration::hours(3);
    }
    const SimTime end = obs.incidents[0].serving_again_at.value_or(SimTime::zero() + r.horizon);
    obs.service_downtime = {end - obs.incidents[0].started_at, wiki_down};
    obs.database_downtime = {obs.service_downtime[0]};
    r.add(obs);
  }
  return r;
}

results::ServiceOutcome outcome(std::string name, int tier, double rto_s,
                                std::optional<double> rpo_s) {
  results::ServiceOutcome o;
  o.service = std::move(name);
  o.tier = tier;
  o.target = {sim::Duration::hours(1), sim::Duration::hours(6)};
  o.incidents = 1;
  o.rto_s = rto_s;
  o.rpo_s = rpo_s;
  o.met_rto = rto_s <= 6 * 3600;
  o.met_rpo = rpo_s && *rpo_s <= 3600;
  return o;
}

// One trial told: us-east-1 goes dark at 01:00, the hostile service's database is lost for good,
// a decision restores it from a copy, and wiki is still down at the horizon.
results::Story sample_story() {
  results::Story st;
  st.scenario = kHostile;
  st.description = std::string("A region outage. ") + kHostile;
  st.seed = 7;
  st.trial = 3;
  st.start_epoch_s = 1772323200;  // Sun 2026-03-01 00:00:00 UTC
  st.horizon = sim::Duration::hours(72);
  st.why_this_trial = std::string("the longest outage of ") + kHostile;
  st.events = {
      {at_s(3600), "us-east-1", "fault", "", "us-east-1 goes dark", -1},
      {at_s(3600), "us-east-1", "region_down", "", "every AZ of us-east-1 is down", 0},
      {at_s(3600), kHostile, "writes_stopped", "RDS-EVENT-0004", std::string(kHostile) + " stops",
       1},
      {at_s(5400), kHostile, "decision", "", "decide how to bring it back", -1},
      {at_s(5400), kHostile, "restore_started", "RDS-EVENT-0043", "restore from the copy", 3},
      {at_s(3600 + 7200), kHostile, "writes_resumed", "", "writes resume", 4},
      {at_s(3600 + 7200), kHostile, "service_restored", "", "serves again", 5},
      {at_s(4000), "wiki", "something_new", "", "a kind this report does not know", -1},
  };
  st.summary = {outcome(kHostile, 1, 7200, std::nullopt),
                outcome("wiki", 2, 68 * 3600, std::nullopt)};
  st.summary[0].total_loss = true;
  st.summary[0].met_rpo = false;
  st.summary[0].lost_writes.reset();
  st.summary[1].censored = true;
  st.summary[1].met_rto = false;
  st.databases = {kHostile, "wiki-db"};
  st.object_stores = {"attachments"};
  st.intervals = {
      {kHostile, "service", at_s(3600), at_s(3600 + 7200), false},
      {"wiki", "service", at_s(3600), std::nullopt, false},
      {kHostile, "database", at_s(3600), at_s(3600 + 7200), true},
      {"wiki-db", "database", at_s(3600), std::nullopt, false},
  };
  results::DecisionRecord d;
  d.n = 1;
  d.at = at_s(5400);
  d.database = kHostile;
  d.tier = 1;
  d.outage_since = at_s(3600);
  d.automatic = "wait";
  d.chosen = "restore-copy:us-west-2";
  d.why = "no path meets the RPO target yet";
  results::DecisionOption wait;
  wait.id = "wait";
  wait.description = "wait for us-east-1 to return";
  wait.rpo_s = 0;
  wait.meets_rpo = true;
  wait.undoable = true;
  results::DecisionOption copy;
  copy.id = "restore-copy:us-west-2";
  copy.description = std::string("restore from the copy in us-west-2 ") + kHostile;
  copy.rpo_s = 5400;
  copy.duration_p50_s = 3000;
  copy.duration_p95_s = 5000;
  copy.meets_rpo = false;
  copy.meets_rto = true;
  d.options = {wait, copy};
  st.decisions = {d};
  return st;
}

struct Sample {
  results::Results results = sample_results();
  results::Summary summary = summarize(results);
  results::Story story = sample_story();

  HtmlReport report() const {
    HtmlReport r;
    r.title = kHostile;
    r.scenario_file = std::string("scenarios/") + kHostile + ".json";
    r.drsim_version = "drsim 0.1 (test)";
    r.results = &results;
    r.summary = &summary;
    r.story = &story;
    r.branches = {{"chosen", "", story.summary}, {kHostile, "", story.summary}};
    r.branches[1].summary[0].total_loss = false;
    r.branches[1].summary[0].rpo_s = 0.0;
    r.branches[1].summary[0].met_rpo = true;
    return r;
  }
};

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape(kHostile), "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
  EXPECT_EQ(html_escape("tracker-db ≥ wiki"), "tracker-db ≥ wiki");
  EXPECT_EQ(html_escape(""), "");
}

TEST(HtmlReport, IsOneSelfContainedDocument) {
  const Sample s;
  const std::string html = render_html(s.report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count_of(html, "<style>"), 1u);
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "http://"));
  EXPECT_FALSE(contains(html, "https://"));
  EXPECT_FALSE(contains(html, "<link"));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "@import"));
  EXPECT_FALSE(contains(html, " src="));
  EXPECT_FALSE(contains(html, "xmlns"));
  // Links and url() references stay inside the page.
  EXPECT_EQ(count_of(html, "href=\""), count_of(html, "href=\"#"));
  EXPECT_EQ(count_of(html, "url("), count_of(html, "url(#"));
  // Elements that wrap others are closed.
  for (const char* tag : {"svg", "section", "table", "figure", "ol", "main"}) {
    EXPECT_EQ(
        count_of(html, std::string("<") + tag + " ") + count_of(html, std::string("<") + tag + ">"),
        count_of(html, std::string("</") + tag + ">"))
        << tag;
  }
  EXPECT_TRUE(contains(html, "@media print"));
  EXPECT_TRUE(contains(html, "</html>\n"));
}

TEST(HtmlReport, EscapesEveryStringFromTheScenario) {
  const Sample s;
  const std::string html = render_html(s.report());
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_FALSE(contains(html, "alert(1)</"));
  EXPECT_FALSE(contains(html, "\"'&"));
  const std::string escaped = html_escape(kHostile);
  // The title, the file, the description, the service, its database (lanes, failover chart),
  // story texts, an option's description and a branch name.
  EXPECT_GE(count_of(html, escaped), 12u);
  EXPECT_TRUE(contains(html, "<title>" + escaped + " · drsim report</title>"));
  EXPECT_TRUE(contains(html, "<th>" + escaped + "</th>"));
}

TEST(HtmlReport, IsDeterministic) {
  const Sample a, b;
  const std::string first = render_html(a.report());
  EXPECT_EQ(first, render_html(a.report()));
  EXPECT_EQ(first, render_html(b.report()));
}

TEST(HtmlReport, HasItsSectionsInOrderAndItsCharts) {
  const Sample s;
  const std::string html = render_html(s.report());
  size_t last = 0;
  for (const char* id : {"verdicts", "distributions", "failovers", "availability", "trial",
                         "decisions", "branches"}) {
    const size_t at = html.find(std::string("<section id=\"") + id + "\">");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    last = at;
    EXPECT_TRUE(contains(html, std::string("<a href=\"#") + id + "\">")) << id;
  }
  for (const char* id : {"rpo-cdf-tier-1", "rto-cdf-tier-1", "rpo-cdf-tier-2", "rto-cdf-tier-2",
                         "failover-hist-1", "availability-chart", "gantt"}) {
    const size_t at = html.find(std::string("<svg id=\"") + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    const std::string open = html.substr(at, html.find('>', at) - at);
    EXPECT_TRUE(contains(open, "viewBox=\"0 0 ")) << id;
    EXPECT_TRUE(contains(open, "role=\"img\"")) << id;
    EXPECT_TRUE(contains(open, "aria-label=\"")) << id;
    EXPECT_EQ(html.find("<title>", at), html.find('>', at) + 1) << id;
  }
  EXPECT_TRUE(contains(html, "RPO target 1 h"));
  EXPECT_TRUE(contains(html, "RTO target 6 h"));
  EXPECT_TRUE(contains(html, "RTO target 1 d"));
}

TEST(HtmlReport, StatesTheRuleAndTheVerdicts) {
  const Sample s;
  const std::string html = render_html(s.report());
  EXPECT_TRUE(contains(html,
                       "with 95 % confidence, at least 95 % of its incidents recover "
                       "within the RPO and RTO targets"));
  EXPECT_TRUE(contains(html, "RPO &lt; 1 h<br>RTO &lt; 6 h"));
  EXPECT_TRUE(contains(html, "RPO &lt; 8 h<br>RTO &lt; 1 d"));
  // Tier 1: 18 of 19 judged incidents meet the RPO; tier 2: all 10 meet both targets. Neither
  // is enough to show 95 % with 95 % confidence.
  ASSERT_EQ(s.summary.tiers.size(), 2u);
  EXPECT_EQ(s.summary.tiers[0].verdict, results::Verdict::kUncertain);
  EXPECT_EQ(s.summary.tiers[1].verdict, results::Verdict::kUncertain);
  EXPECT_TRUE(contains(html,
                       "<span class=\"badge uncertain\">? uncertain</span><div "
                       "class=\"why\">too few incidents to tell: with 95 % confidence at "
                       "least "));
  // Availability with three decimals, the failover verdict.
  EXPECT_TRUE(contains(html, "%</td>"));
  EXPECT_TRUE(contains(html, "✓ holds") || contains(html, "✗ does not hold"));
}

TEST(HtmlReport, SaysWhichTargetATierMissedAndByHowMuch) {
  // Tier 2 with its RTO target cut to 1 h: wiki's 3 h restores all miss it.
  results::Results r = sample_results();
  r.tiers[2].rto = sim::Duration::hours(1);
  r.services[1].incidents = results::IncidentStats(results::LogHistogram::Resolution::kAdaptive);
  r.tier_incidents[2] = results::IncidentStats();  // wiki is tier 2's only service
  for (int k = 0; k < 10; ++k) {
    observations::Incident w;
    w.service = 1;
    w.started_at = at_s(7200);
    w.stopped_committing_at = w.started_at;
    w.serving_again_at = at_s(7200 + 3 * 3600);
    w.rpo = sim::Duration::minutes(30);
    r.services[1].incidents.add(w, SimTime::zero() + r.horizon, r.tiers.at(2));
    r.tier_incidents[2].add(w, SimTime::zero() + r.horizon, r.tiers.at(2));
  }
  const results::Summary summary = summarize(r);
  ASSERT_EQ(summary.tiers[1].verdict, results::Verdict::kMissed);
  HtmlReport report;
  report.results = &r;
  report.summary = &summary;
  const std::string html = render_html(report);
  EXPECT_TRUE(contains(html,
                       "<span class=\"badge missed\">✗ MISSED</span><div class=\"why\">"
                       "RTO met by 0.0 % of incidents; needs 95 %</div>"));
  EXPECT_TRUE(contains(html, "RPO &lt; 8 h<br>RTO &lt; 1 h"));
}

// An object store's own verdict stands in the verdict section, beside its targets, with the
// target it missed and by how much; the tiers stay over services. Without stores, no table.
TEST(HtmlReport, GivesEachObjectStoreItsVerdict) {
  const Sample s;
  EXPECT_FALSE(contains(render_html(s.report()), "<h3>Object stores</h3>"));
  results::Results r = sample_results();
  results::ServiceResults store;
  store.name = kHostile;
  store.region = "us-east-1";
  store.tier = 1;
  for (int k = 0; k < 10; ++k) {  // each loses 2 h of uploads against tier 1's RPO of 1 h
    observations::Incident i;
    i.started_at = at_s(3600);
    i.stopped_committing_at = i.started_at;
    i.serving_again_at = at_s(3600 + 1800);
    i.rpo = sim::Duration::hours(2);
    i.lost_writes.reset();
    store.incidents.add(i, SimTime::zero() + r.horizon, r.tiers.at(1));
  }
  r.object_stores = {store};
  const results::Summary summary = summarize(r);
  ASSERT_EQ(summary.object_stores.size(), 1u);
  ASSERT_EQ(summary.object_stores[0].incidents.verdict, results::Verdict::kMissed);
  EXPECT_EQ(summary.tiers[0].incidents, s.summary.tiers[0].incidents);  // tiers: services only
  EXPECT_EQ(summary.tiers[0].verdict, s.summary.tiers[0].verdict);
  HtmlReport report;
  report.results = &r;
  report.summary = &summary;
  const std::string html = render_html(report);
  EXPECT_TRUE(contains(html, "<h3>Object stores</h3>"));
  EXPECT_FALSE(contains(html, kHostile));  // escaped, as every scenario string
  EXPECT_TRUE(contains(html, "<br><small>us-east-1</small></td><td class=\"num\">1</td><td class=\"nowrap\">"
                             "RPO &lt; 1 h<br>RTO &lt; 6 h</td><td class=\"num\">10</td>"));
  EXPECT_TRUE(contains(html,
                       "<span class=\"badge missed\">✗ MISSED</span><div class=\"why\">"
                       "RPO met by 0.0 % of incidents; needs 95 %</div>"));
}

TEST(HtmlReport, SaysWhatTheChartsLeaveOut) {
  const Sample s;
  const std::string html = render_html(s.report());
  EXPECT_TRUE(contains(html, "1 incident lost everything: not on this chart"));
  EXPECT_TRUE(contains(html,
                       "1 incident still open at the horizon is drawn at the time it had "
                       "been open (≥)"));
  EXPECT_TRUE(contains(html, "with the loss not known yet: not on this chart"));
}

TEST(HtmlReport, PrintsLowerBoundsWithGe) {
  const Sample s;
  // The open incident decides the tier's RTO p95: only a lower bound.
  ASSERT_TRUE(s.summary.tiers[0].rto_s.lower_bound.p95);
  const std::string html = render_html(s.report());
  const size_t verdicts = html.find("<section id=\"verdicts\">");
  const size_t end = html.find("</section>", verdicts);
  const std::string section = html.substr(verdicts, end - verdicts);
  EXPECT_TRUE(contains(section, "<td class=\"num\">≥ "));
  EXPECT_TRUE(contains(section, "≥: a lower bound"));
  // In the trial: the service still down reads "≥".
  EXPECT_TRUE(contains(html, "≥ 2 d 20 h<br><small>still down at the horizon</small>"));
}

TEST(HtmlReport, TellsTheTrial) {
  const Sample s;
  const std::string html = render_html(s.report());
  // The header says which trial and why.
  EXPECT_TRUE(contains(html, "The trial told below: the longest outage of &lt;script"));
  // Times with their zone; consequences at the same instant indented under their cause.
  EXPECT_TRUE(contains(html, "<time>Sun 01:00:00 UTC</time>"));
  EXPECT_TRUE(contains(html, "<li class=\"d1\">"));
  EXPECT_TRUE(contains(html, "<li class=\"d2\">"));
  EXPECT_TRUE(contains(html, "<code class=\"rds\">RDS-EVENT-0004</code>"));
  EXPECT_TRUE(contains(html, "a kind this report does not know"));
  // The Gantt chart: a hatched total loss, bars still open at the horizon, numbered decisions.
  const size_t gantt = html.find("<svg id=\"gantt\"");
  const std::string chart = html.substr(gantt, html.find("</svg>", gantt) - gantt);
  EXPECT_TRUE(contains(chart, "fill=\"url(#hatch-loss)\""));
  EXPECT_TRUE(contains(chart, ">total loss</text>"));
  EXPECT_TRUE(contains(chart, "still at the horizon"));
  EXPECT_TRUE(contains(chart, ">1</text>"));
  EXPECT_TRUE(contains(chart, ">attachments</text>"));
  EXPECT_TRUE(contains(chart, ">Object stores</text>"));
  // The closing table.
  EXPECT_TRUE(contains(html, "✗ total loss"));
  EXPECT_TRUE(contains(html, "✗ still down</span> <small>RTO by ≥ 2 d 14 h</small>"));
}

TEST(HtmlReport, ListsTheOptionsOfEachDecision) {
  const Sample s;
  const std::string html = render_html(s.report());
  const size_t at = html.find("<section id=\"decisions\">");
  ASSERT_NE(at, std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  EXPECT_TRUE(contains(section, "Decision 1 · Sun 01:30:00 UTC"));
  EXPECT_TRUE(contains(section, "<code>wait</code><span class=\"tag\">automatic rule</span>"));
  EXPECT_TRUE(contains(section, "<tr class=\"chosen\"><td><code>restore-copy:us-west-2</code>"));
  EXPECT_TRUE(contains(section, "50 min / 1 h 23 min"));
  EXPECT_TRUE(contains(section, "1 h 30 min"));
}

TEST(HtmlReport, PutsTheBranchesSideBySide) {
  const Sample s;
  const std::string html = render_html(s.report());
  const size_t at = html.find("<section id=\"branches\">");
  ASSERT_NE(at, std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  EXPECT_TRUE(contains(section, "<th>chosen</th>"));
  EXPECT_EQ(count_of(section, "<tr><td class=\"name\">"), 2u);
  EXPECT_TRUE(contains(section, "✗ total loss"));
  EXPECT_TRUE(contains(section, "RPO 0 s"));
}

TEST(HtmlReport, LeavesOutWhatItIsNotGiven) {
  // Nothing at all: still a document.
  const std::string bare = render_html(HtmlReport{});
  EXPECT_TRUE(contains(bare, "<h1>drsim report</h1>"));
  EXPECT_FALSE(contains(bare, "<section"));
  EXPECT_FALSE(contains(bare, "<nav>"));
  // An empty story.
  const results::Story empty;
  HtmlReport only_story;
  only_story.story = &empty;
  const std::string story_html = render_html(only_story);
  EXPECT_TRUE(contains(story_html, "Nothing happens in this trial."));
  EXPECT_FALSE(contains(story_html, "id=\"gantt\""));
  EXPECT_FALSE(contains(story_html, "id=\"verdicts\""));
  // Results without a summary: the charts, no verdicts.
  const Sample s;
  HtmlReport no_summary;
  no_summary.results = &s.results;
  const std::string charts = render_html(no_summary);
  EXPECT_TRUE(contains(charts, "id=\"rpo-cdf-tier-1\""));
  EXPECT_TRUE(contains(charts, "id=\"failover-hist-1\""));
  EXPECT_FALSE(contains(charts, "id=\"verdicts\""));
  EXPECT_FALSE(contains(charts, "id=\"availability\""));
  // Results with no incidents and no failovers: nothing to draw.
  results::Results quiet = s.results;
  for (results::ServiceResults& svc : quiet.services)
    svc.incidents = results::IncidentStats(results::LogHistogram::Resolution::kAdaptive);
  for (auto& [tier, stats] : quiet.tier_incidents) stats = results::IncidentStats();
  quiet.failovers[0] = results::FailoverResults();
  const results::Summary quiet_summary = summarize(quiet);
  HtmlReport calm;
  calm.results = &quiet;
  calm.summary = &quiet_summary;
  const std::string calm_html = render_html(calm);
  EXPECT_FALSE(contains(calm_html, "id=\"distributions\""));
  EXPECT_FALSE(contains(calm_html, "id=\"failovers\""));
  EXPECT_TRUE(contains(calm_html, "no incidents"));
  EXPECT_TRUE(contains(calm_html, "<span class=\"badge met\">✓ met</span>"));
  EXPECT_FALSE(contains(calm_html, "badge missed"));
}

TEST(HtmlReport, DrawsAChartWhenEveryIncidentLostEverything) {
  results::Results r = sample_results();
  r.services[0].incidents = results::IncidentStats(results::LogHistogram::Resolution::kAdaptive);
  r.tier_incidents[1] = results::IncidentStats();  // the tracker is tier 1's only service
  observations::Incident lost;
  lost.service = 0;
  lost.started_at = at_s(10);
  lost.stopped_committing_at = lost.started_at;
  lost.serving_again_at = at_s(100);
  lost.rpo.reset();
  lost.total_loss = true;
  lost.lost_writes.reset();
  r.services[0].incidents.add(lost, SimTime::zero() + r.horizon, r.tiers.at(1));
  r.tier_incidents[1].add(lost, SimTime::zero() + r.horizon, r.tiers.at(1));
  HtmlReport report;
  report.results = &r;
  const std::string html = render_html(report);
  EXPECT_TRUE(contains(html, "id=\"rpo-cdf-tier-1\""));
  EXPECT_TRUE(contains(html, "no incident has a known RPO"));
}

}  // namespace
}  // namespace drsim::models::report::html_test
