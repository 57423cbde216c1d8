// Report statistics: quantiles, Wilson intervals, verdicts, censoring and total losses.
#include "models/results/summary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "models/report/writers.h"

namespace drsim::models::results::summary_test {
namespace {

TEST(Summary, QuantilesInterpolateBetweenOrderStatistics) {
  const SampleStats s = summarize(std::vector<double>{4, 1, 3, 2, 5});
  EXPECT_EQ(s.n, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_DOUBLE_EQ(s.p50, 3);
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
  EXPECT_DOUBLE_EQ(s.p99, 4.96);
  EXPECT_DOUBLE_EQ(s.max, 5);
  EXPECT_EQ(summarize(std::vector<double>{}).n, 0u);
}

TEST(Summary, WilsonIntervalMatchesReferenceValues) {
  // Reference: 95 % Wilson interval for 8/10 is [0.4902, 0.9433]; for 0/20, [0, 0.1611].
  const Proportion p = wilson95(8, 10);
  EXPECT_NEAR(p.lo, 0.4902, 1e-4);
  EXPECT_NEAR(p.hi, 0.9433, 1e-4);
  const Proportion z = wilson95(0, 20);
  EXPECT_DOUBLE_EQ(z.lo, 0);
  EXPECT_NEAR(z.hi, 0.1611, 1e-4);
  const Proportion all = wilson95(1000, 1000);
  EXPECT_DOUBLE_EQ(all.hi, 1);
  EXPECT_NEAR(all.lo, 0.99617, 1e-5);
}

TEST(Summary, VerdictIsMetMissedOrUncertainByTheIntervals) {
  EXPECT_EQ(verdict_for(wilson95(1000, 1000), wilson95(1000, 1000), 0.95), Verdict::kMet);
  EXPECT_EQ(verdict_for(wilson95(1000, 1000), wilson95(500, 1000), 0.95), Verdict::kMissed);
  EXPECT_EQ(verdict_for(wilson95(19, 20), wilson95(20, 20), 0.95), Verdict::kUncertain);
  EXPECT_EQ(verdict_for(wilson95(0, 0), wilson95(0, 0), 0.95), Verdict::kMet);
}

// One incident of service 0: `rpo_s` none is a total loss; a censored incident is still open at
// the horizon (1000 s) after `rto_s`.
observations::Incident incident(std::optional<int64_t> rpo_s, int64_t rto_s, bool censored) {
  observations::Incident i;
  i.started_at = censored ? SimTime::from_micros((1000 - rto_s) * 1'000'000) : SimTime::zero();
  i.stopped_committing_at = i.started_at;
  if (!censored) i.serving_again_at = i.started_at + sim::Duration::seconds(rto_s);
  i.rpo = rpo_s ? std::optional(sim::Duration::seconds(*rpo_s)) : std::nullopt;
  i.total_loss = !rpo_s;
  return i;
}

// Ten trials of 1000 s of one tier-1 service (targets: RPO 100 s, RTO 200 s); trial 0 has these
// incidents and 50 s of downtime.
Results one_tier_results(std::vector<observations::Incident> incidents) {
  Results r;
  r.scenario = "x";
  r.horizon = sim::Duration::seconds(1000);
  r.tiers[1] = {sim::Duration::seconds(100), sim::Duration::seconds(200)};
  ServiceResults svc;
  svc.name = "svc";
  svc.tier = 1;
  r.services.push_back(svc);
  for (uint64_t t = 0; t < 10; ++t) {
    observations::TrialObservations obs;
    obs.trial = t;
    obs.service_downtime = {sim::Duration::seconds(t == 0 ? 50 : 0)};
    if (t == 0) obs.incidents = incidents;
    r.add(obs);
  }
  return r;
}

TEST(Summary, TotalLossIsCountedAndNeverFoldedIntoTheRpo) {
  const Summary s =
      summarize(one_tier_results({incident(10, 20, false), incident(std::nullopt, 30, false)}));
  ASSERT_EQ(s.tiers.size(), 1u);
  const TierSummary& t = s.tiers[0];
  EXPECT_EQ(t.total_loss, 1u);
  EXPECT_EQ(t.rpo_s.n, 1u);
  EXPECT_DOUBLE_EQ(t.rpo_s.max, 10);
  EXPECT_EQ(t.met_rpo.successes, 1u);
  EXPECT_EQ(t.met_rpo.trials, 2u);  // the total loss is a miss
}

TEST(Summary, CensoredIncidentsMissTheRtoOnlyOnceOpenLongerThanTheTarget) {
  const Summary s = summarize(
      one_tier_results({incident(0, 50, false), incident(0, 150, true), incident(0, 250, true)}));
  const TierSummary& t = s.tiers[0];
  EXPECT_EQ(t.censored, 2u);
  EXPECT_EQ(t.met_rto.trials, 2u);  // 50 s met; open 250 s missed; open 150 s unknown
  EXPECT_EQ(t.met_rto.successes, 1u);
}

// DESIGN §4: censored incidents stay in the RTO statistics at their open duration, and the
// statistics that depend on them are marked as lower bounds.
TEST(Summary, CensoredIncidentsStayInTheRtoStatisticsAsLowerBounds) {
  const Summary s = summarize(
      one_tier_results({incident(0, 50, false), incident(0, 150, true), incident(0, 250, true)}));
  const TierSummary& t = s.tiers[0];
  ASSERT_EQ(t.rto_s.n, 3u);
  EXPECT_DOUBLE_EQ(t.rto_s.mean, 150);
  EXPECT_DOUBLE_EQ(t.rto_s.max, 250);
  EXPECT_DOUBLE_EQ(t.rto_s.p50, 150);
  EXPECT_TRUE(t.rto_s.lower_bound.mean);
  EXPECT_TRUE(t.rto_s.lower_bound.max);
  EXPECT_TRUE(t.rto_s.lower_bound.p50);  // the open 150 s is at the median
  EXPECT_TRUE(t.rto_s.lower_bound.p95);
  // The JSON names them; the numbers stay numbers.
  const auto j = report::to_json(s, false)["tiers"][0]["rto_s"];
  EXPECT_EQ(j["lower_bound"], nlohmann::json({"mean", "p50", "p95", "p99", "max"}));
  EXPECT_DOUBLE_EQ(j["max"].get<double>(), 250);
  EXPECT_FALSE(report::to_json(s, false)["tiers"][0]["rpo_s"].contains("lower_bound"));
  // The terminal prints them as "≥".
  EXPECT_NE(report::to_terminal(s).find("≥ 2m 30s"), std::string::npos) << report::to_terminal(s);
}

// A quantile below every open duration does not depend on them: it is exact.
TEST(Summary, AQuantileBelowEveryOpenIncidentIsExact) {
  std::vector<observations::Incident> incidents;
  for (int k = 0; k < 99; ++k) incidents.push_back(incident(0, 10, false));
  incidents.push_back(incident(0, 500, true));
  const TierSummary t = summarize(one_tier_results(incidents)).tiers[0];
  EXPECT_DOUBLE_EQ(t.rto_s.p50, 10);
  EXPECT_FALSE(t.rto_s.lower_bound.p50);
  EXPECT_FALSE(t.rto_s.lower_bound.p95);
  EXPECT_TRUE(t.rto_s.lower_bound.mean);
  EXPECT_TRUE(t.rto_s.lower_bound.max);
}

// A database that never comes back never shows a short RTO p95: one incident open for 900 s of
// a 1000 s horizon, beside quick ones.
TEST(Summary, ANeverRecoveredIncidentNeverShowsAShortRto) {
  std::vector<observations::Incident> incidents;
  for (int k = 0; k < 3; ++k) incidents.push_back(incident(0, 10, false));
  incidents.push_back(incident(std::nullopt, 900, true));  // total loss, open to the horizon
  const TierSummary t = summarize(one_tier_results(incidents)).tiers[0];
  EXPECT_GE(t.rto_s.p95, 700);
  EXPECT_TRUE(t.rto_s.lower_bound.p95);
  EXPECT_DOUBLE_EQ(t.rto_s.max, 900);
}

// A censored incident whose database is still down has no RPO yet: it is neither in the RPO
// statistics nor in the RPO fraction, and its lost writes are not known.
TEST(Summary, ACensoredIncidentWithItsDataStillDownHasNoRpoYet) {
  observations::Incident open = incident(0, 300, true);
  open.rpo.reset();
  open.lost_writes.reset();
  observations::Incident done = incident(30, 20, false);
  done.lost_writes = 3000;
  const TierSummary t = summarize(one_tier_results({done, open})).tiers[0];
  EXPECT_EQ(t.rpo_unknown, 1u);
  EXPECT_EQ(t.rpo_s.n, 1u);
  EXPECT_EQ(t.met_rpo.trials, 1u);
  EXPECT_EQ(t.lost_writes.n, 1u);
  EXPECT_DOUBLE_EQ(t.lost_writes.max, 3000);
  EXPECT_EQ(t.lost_writes_unknown, 1u);
  const auto j = report::to_json(summarize(one_tier_results({done, open})), false)["tiers"][0];
  EXPECT_EQ(j["lost_writes"]["max"], 3000.0);
  EXPECT_EQ(j["lost_writes"]["unknown"], 1);
  EXPECT_EQ(j["rpo_unknown"], 1);
}

TEST(Summary, AvailabilityAndNinesComeFromDowntime) {
  const Summary s = summarize(one_tier_results({}));
  ASSERT_EQ(s.services.size(), 1u);
  EXPECT_DOUBLE_EQ(s.services[0].availability, 1 - 50.0 / 10000);
  EXPECT_EQ(s.services[0].incidents.verdict, Verdict::kMet);
  EXPECT_NEAR(*s.services[0].nines, 2.30103, 1e-5);
}

// Trials of 1000 s of one database with these downtimes (seconds), folded in as run does.
Results database_results(const std::vector<int64_t>& downtime_s) {
  Results r;
  r.scenario = "x";
  r.horizon = sim::Duration::seconds(1000);
  DatabaseResults db;
  db.name = "db";
  db.analytic_availability = 0.99;
  db.analytic_exact = true;
  r.databases.push_back(db);
  for (size_t t = 0; t < downtime_s.size(); ++t) {
    observations::TrialObservations obs;
    obs.trial = t;
    obs.database_downtime = {sim::Duration::seconds(downtime_s[t])};
    r.add(obs);
  }
  return r;
}

TEST(Summary, DatabaseAvailabilityIntervalComesFromTheTrialToTrialVariance) {
  // Four trials of 1000 s with 0, 10, 20 and 30 s of downtime: per-trial availabilities
  // 1, 0.99, 0.98, 0.97 (mean 0.985, sample sd 0.0129), standard error 0.00645.
  const Summary s = summarize(database_results({0, 10, 20, 30}));
  ASSERT_EQ(s.databases.size(), 1u);
  const DatabaseSummary& db = s.databases[0];
  EXPECT_DOUBLE_EQ(db.availability, 0.985);
  const double se = std::sqrt(0.0005 / 3 / 4);
  EXPECT_NEAR(db.availability_se, se, 1e-15);
  EXPECT_NEAR(db.ci95_lo, 0.985 - kZ95 * se, 1e-12);
  EXPECT_NEAR(db.ci95_hi, 0.985 + kZ95 * se, 1e-12);
  EXPECT_EQ(db.analytic_availability, 0.99);
  EXPECT_TRUE(db.analytic_exact);
}

TEST(Summary, DatabaseAvailabilityWithOneTrialHasNoInterval) {
  Results r = database_results({5});
  r.databases[0].analytic_availability.reset();
  const DatabaseSummary db = summarize(r).databases[0];
  EXPECT_DOUBLE_EQ(db.availability, 0.995);
  EXPECT_EQ(db.ci95_lo, 0);
  EXPECT_EQ(db.ci95_hi, 1);
  EXPECT_FALSE(db.analytic_availability);
}

TEST(Summary, DatabaseDowntimeMergesInAnyOrder) {
  // Integer sums: two parts merged either way equal the one-pass fold.
  const Results all = database_results({0, 10, 20, 30});
  Results a = database_results({0, 10}), b = database_results({20, 30});
  Results ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(ab.databases, all.databases);
  EXPECT_EQ(ba.databases, all.databases);
}

TEST(Summary, PrecisionNeedsTwoValuesOfEveryMeanAndSomeIncidents) {
  Results none = one_tier_results({});
  none.precision = 0.5;
  EXPECT_FALSE(precision_status(none).achieved);  // nothing measured yet
  EXPECT_FALSE(*precision_status(none).reached);
  EXPECT_FALSE(precision_status(none).trials_needed);
  Results one = one_tier_results({incident(10, 20, false)});
  EXPECT_FALSE(precision_status(one).achieved);  // a mean of one value has no interval
  EXPECT_FALSE(precision_status(one).target);
  EXPECT_FALSE(precision_status(one).reached);
}

TEST(Summary, PrecisionIsTheWidestHalfWidth) {
  Results r =
      one_tier_results({incident(10, 20, false), incident(10, 20, false), incident(30, 60, false)});
  r.precision = 0.01;
  const PrecisionStatus p = precision_status(r);
  // RPO 10, 10, 30 s: mean 50/3, sd 11.547; RTO twice that. Relative half-widths are equal:
  // 1.96 * 11.547 / sqrt(3) / (50 / 3) = 0.784. Met fractions: 3/3 (RPO <= 100 s) and
  // 3/3 (RTO <= 200 s), Wilson half-width 0.2808.
  EXPECT_NEAR(*p.achieved, kZ95 * std::sqrt(400.0 / 3) / std::sqrt(3.0) / (50.0 / 3), 1e-9);
  EXPECT_FALSE(*p.reached);
  // (0.784 / 0.01)^2 * 10 trials = 61,440, rounded up to whole checkpoints.
  EXPECT_EQ(*p.trials_needed, 62'000u);
}

// ---- Object stores: a verdict of their own, beside the tiers ----

// Ten trials of 1000 s: one tier-1 service without incidents (targets RPO 100 s, RTO 200 s) and
// one object store "media" in "east" judged against tier 1, with `incidents` in trial 0 and
// 40 s of downtime there.
Results results_with_a_store(const std::vector<observations::Incident>& incidents) {
  Results r;
  r.scenario = "x";
  r.horizon = sim::Duration::seconds(1000);
  r.tiers[1] = {sim::Duration::seconds(100), sim::Duration::seconds(200)};
  ServiceResults svc;
  svc.name = "svc";
  svc.tier = 1;
  r.services.push_back(svc);
  ServiceResults store;
  store.name = "media";
  store.region = "east";
  store.tier = 1;
  r.object_stores.push_back(store);
  for (uint64_t t = 0; t < 10; ++t) {
    observations::TrialObservations obs;
    obs.trial = t;
    obs.service_downtime = {sim::Duration()};
    obs.store_downtime = {sim::Duration::seconds(t == 0 ? 40 : 0)};
    if (t == 0) obs.store_incidents = incidents;  // Incident::service 0: the store
    r.add(obs);
  }
  return r;
}

// Forty store incidents each losing 300 s against an RPO target of 100 s: the store misses its
// RPO target (0 of 40 within it), while the tier, over services only, has no incident at all.
TEST(ObjectStoreSummary, AStoreIsJudgedBesideTheTiersNotInThem) {
  const Summary s = summarize(
      results_with_a_store(std::vector<observations::Incident>(40, incident(300, 50, false))));
  ASSERT_EQ(s.tiers.size(), 1u);
  EXPECT_EQ(s.tiers[0].incidents, 0u);
  EXPECT_EQ(s.tiers[0].verdict, Verdict::kMet);
  ASSERT_EQ(s.object_stores.size(), 1u);
  const ServiceSummary& store = s.object_stores[0];
  EXPECT_EQ(store.name, "media");
  EXPECT_EQ(store.region, "east");
  EXPECT_EQ(store.incidents.incidents, 40u);
  EXPECT_EQ(store.incidents.met_rpo.successes, 0u);
  EXPECT_EQ(store.incidents.met_rto.successes, 40u);
  EXPECT_EQ(store.incidents.verdict, Verdict::kMissed);
  // 40 s down in one trial of ten, each of 1000 s: 1 - 4 / 1000.
  EXPECT_DOUBLE_EQ(store.availability, 0.996);
  EXPECT_NEAR(*store.nines, -std::log10(0.004), 1e-12);

  const nlohmann::json j = report::to_json(s, false);
  ASSERT_EQ(j["object_stores"].size(), 1u);
  const nlohmann::json& o = j["object_stores"][0];
  EXPECT_EQ(o["name"], "media");
  EXPECT_EQ(o["region"], "east");
  EXPECT_EQ(o["tier"], 1);
  EXPECT_EQ(o["target"], nlohmann::json({{"rpo_s", 100.0}, {"rto_s", 200.0}}));
  EXPECT_EQ(o["incidents"], 40);
  EXPECT_EQ(o["verdict"], "missed");
  EXPECT_EQ(o["met_rpo"]["fraction"], 0.0);
  EXPECT_DOUBLE_EQ(o["rpo_s"]["max"].get<double>(), 300);
  EXPECT_DOUBLE_EQ(o["rto_s"]["mean"].get<double>(), 50);
  EXPECT_EQ(o["total_loss"], 0);
  EXPECT_EQ(o["censored"], 0);
  EXPECT_FALSE(o.contains("lost_writes"));  // uploads carry no rate
  EXPECT_EQ(j["tiers"][0]["incidents"], 0);

  // The terminal: the verdict beside the target, which target it missed and by how much.
  const std::string text = report::to_terminal(s);
  EXPECT_NE(text.find("Object store"), std::string::npos) << text;
  EXPECT_NE(text.find("1m 40s / 3m 20s  missed: RPO < 1m 40s met by 0.0% of incidents; needs 95%"),
            std::string::npos)
      << text;
}

// Too few incidents to tell: the verdict says how low the 95 % interval reaches. A store still
// destroyed at the horizon: a total loss, still open.
TEST(ObjectStoreSummary, UncertainAndTotalLossSayWhy) {
  const Summary few = summarize(results_with_a_store({incident(10, 20, false)}));
  EXPECT_EQ(few.object_stores[0].incidents.verdict, Verdict::kUncertain);
  EXPECT_NE(
      report::to_terminal(few).find("uncertain: RPO < 1m 40s and RTO < 3m 20s met by ≥ 20.7% of "
                                    "incidents (95% confidence); needs 95%"),
      std::string::npos)
      << report::to_terminal(few);
  const Summary lost = summarize(results_with_a_store({incident(std::nullopt, 900, true)}));
  const nlohmann::json o = report::to_json(lost, false)["object_stores"][0];
  EXPECT_EQ(o["total_loss"], 1);
  EXPECT_EQ(o["censored"], 1);
  EXPECT_EQ(o["rpo_s"]["mean"], nullptr);
  EXPECT_EQ(o["verdict"], "missed");
  EXPECT_NE(report::to_terminal(lost).find("(1 total losses)  (1 still open at the horizon)"),
            std::string::npos)
      << report::to_terminal(lost);
}

TEST(ObjectStoreSummary, WithoutStoresTheListIsEmptyAndTheTerminalSilent) {
  const Summary s = summarize(one_tier_results({incident(10, 20, false)}));
  EXPECT_TRUE(s.object_stores.empty());
  EXPECT_EQ(report::to_json(s, false)["object_stores"], nlohmann::json::array());
  EXPECT_EQ(report::to_terminal(s).find("Object store"), std::string::npos);
}

// Store incidents and downtime merge like a service's: either order gives the same object, whose
// incident statistics are those of all the incidents together.
TEST(ObjectStoreSummary, StoreResultsMergeInAnyOrder) {
  const observations::Incident quick = incident(10, 20, false), open = incident(300, 900, true);
  const Results a = results_with_a_store({quick}), b = results_with_a_store({open});
  Results ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(ab.object_stores, ba.object_stores);
  EXPECT_EQ(ab.object_stores[0].incidents,
            results_with_a_store({quick, open}).object_stores[0].incidents);
  EXPECT_EQ(ab.object_stores[0].downtime_us.n, 20u);
  EXPECT_EQ(ab.object_stores[0].downtime_us.sum, 80'000'000u);
}

}  // namespace
}  // namespace drsim::models::results::summary_test
