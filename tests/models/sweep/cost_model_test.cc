// The cost model against totals computed by hand from docs/sweep.md.
#include "models/sweep/cost_model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace drsim::models::sweep::cost_model_test {
namespace {

using scenario::Deployment;
using sim::Duration;

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// Every price zero, so that each test turns on only the terms it checks.
scenario::Scenario free_scenario() {
  scenario::Scenario s;
  s.costs.instance_hour = {{"default", 0}};
  s.costs.standby_multiplier = 1;
  s.costs.replica_multiplier = 1;
  s.costs.storage_gib_month = 0;
  s.costs.backup_gib_month = 0;
  s.costs.transfer_gib = 0;
  s.costs.object_storage_gib_month = 0;
  s.costs.object_replication_gib = 0;
  s.costs.change_per_day = 0.05;
  return s;
}

scenario::DatabaseSpec database(Deployment d, double size_gib) {
  scenario::DatabaseSpec db;
  db.name = "db";
  db.deployment = d;
  db.size_bytes = size_gib * kGiB;
  return db;
}

TEST(CostModel, InstancesByDeploymentClassAndMultipliers) {
  scenario::Scenario s = free_scenario();
  s.costs.instance_hour = {{"default", 1.0}, {"db.big", 2.0}};
  s.costs.standby_multiplier = 0.5;
  s.costs.replica_multiplier = 0.25;
  s.databases = {database(Deployment::kSingleAz, 10), database(Deployment::kMultiAz, 10),
                 database(Deployment::kMultiAzCluster, 10), database(Deployment::kAurora, 10),
                 database(Deployment::kAuroraGlobal, 10)};
  s.databases[1].instance_class = "db.big";
  s.databases[4].replicas.push_back({"us-west-2", sim::Distribution::constant(Duration()),
                                     sim::Distribution::constant(Duration()), std::nullopt});
  // 730 h × (1 + 2 × (1 + 0.5) + (1 + 2 × 0.5) + (1 + 0.5) + (1 + 0.5 + 0.25)).
  const double hand = 730 * (1 + 3 + 2 + 1.5 + 1.75);
  EXPECT_DOUBLE_EQ(monthly_cost(s).instances, hand);
  EXPECT_DOUBLE_EQ(monthly_cost(s).total(), hand);
  // The same split by role: standbys and readers 730 × (2 × 0.5 + 2 × 0.5 + 0.5 + 0.5),
  // the one replica 730 × 0.25, and a primary per database 730 × (1 + 2 + 1 + 1 + 1).
  const CostBreakdown c = monthly_cost(s);
  EXPECT_DOUBLE_EQ(c.standby_instances, 730 * (1 + 1 + 0.5 + 0.5));
  EXPECT_DOUBLE_EQ(c.replica_instances, 730 * 0.25);
  EXPECT_DOUBLE_EQ(c.primary_instances(), 730 * 6);
}

TEST(CostModel, MultiAzCostsTwiceSingleAz) {
  scenario::Scenario single = free_scenario();
  single.costs.instance_hour = {{"default", 0.5}};
  single.costs.storage_gib_month = 0.1;
  single.databases = {database(Deployment::kSingleAz, 100)};
  scenario::Scenario multi = single;
  multi.databases[0].deployment = Deployment::kMultiAz;
  EXPECT_DOUBLE_EQ(monthly_cost(single).total(), 365 + 10);
  EXPECT_DOUBLE_EQ(monthly_cost(multi).total(), 2 * (365 + 10));
}

TEST(CostModel, StorageCopiesAndReplicaStreams) {
  scenario::Scenario s = free_scenario();
  s.costs.storage_gib_month = 0.1;
  s.costs.transfer_gib = 0.02;
  s.databases = {database(Deployment::kMultiAzCluster, 200), database(Deployment::kAurora, 200)};
  s.databases[1].replicas.resize(2);
  const CostBreakdown c = monthly_cost(s);
  EXPECT_DOUBLE_EQ(c.storage, 200 * 0.1 * 3 + 200 * 0.1 * (1 + 2));
  // Each replica receives 5 % of 200 GiB a day for 730/24 days.
  EXPECT_DOUBLE_EQ(c.transfer, 2 * 200 * 0.05 * (730.0 / 24) * 0.02);
}

TEST(CostModel, IncrementalSnapshotsLogsAndCopies) {
  scenario::Scenario s = free_scenario();
  s.costs.backup_gib_month = 0.1;
  s.costs.transfer_gib = 0.02;
  s.databases = {database(Deployment::kSingleAz, 1000)};
  scenario::BackupSpec b;
  b.snapshot = scenario::SnapshotSpec{Duration::hours(24), std::nullopt, Duration::days(7), {}};
  b.log_upload = Duration::minutes(5);
  b.copy_to = {"us-west-2", "eu-west-1"};
  b.copy_logs = true;
  s.databases[0].backup = b;
  const double inc = 1 - std::exp(-0.05);         // one day of 5 % writes, coalesced
  const double snapshots = 1000 * (1 + 6 * inc);  // 7 kept: one full, six increments
  const double logs = 1000 * 0.05 * 7;            // 7 days of writes
  const CostBreakdown c = monthly_cost(s);
  EXPECT_NEAR(c.backups, 3 * (snapshots + logs) * 0.1, 1e-9);  // home and two copy regions
  const double per_copy_region = 1000 * inc * (730.0 / 24) + 1000 * 0.05 * (730.0 / 24);
  EXPECT_NEAR(c.transfer, 2 * per_copy_region * 0.02, 1e-9);
  EXPECT_DOUBLE_EQ(c.instances + c.storage + c.object_stores, 0);
}

TEST(CostModel, AReplicasOwnBackupsAreKeptInItsRegion) {
  // The same backup on the database and on its replica: twice the backup storage, and the
  // replica's own backups send nothing across regions.
  scenario::Scenario s = free_scenario();
  s.costs.backup_gib_month = 0.1;
  s.databases = {database(Deployment::kMultiAz, 1000)};
  scenario::BackupSpec b;
  b.snapshot = scenario::SnapshotSpec{Duration::hours(24), std::nullopt, Duration::days(7), {}};
  b.log_upload = Duration::minutes(5);
  s.databases[0].backup = b;
  const double alone = monthly_cost(s).backups;
  scenario::ReplicaSpec replica{"us-west-2", sim::Distribution::constant(Duration::seconds(2)),
                                sim::Distribution::constant(Duration::minutes(5)), b};
  s.databases[0].replicas = {replica};
  const CostBreakdown c = monthly_cost(s);
  const double inc = 1 - std::exp(-0.05);
  EXPECT_NEAR(alone, (1000 * (1 + 6 * inc) + 1000 * 0.05 * 7) * 0.1, 1e-9);
  EXPECT_NEAR(c.backups, 2 * alone, 1e-9);
  EXPECT_DOUBLE_EQ(c.transfer, 0);  // transfer_gib is 0; the replica stream is priced there
}

TEST(CostModel, FrequentSnapshotsKeepMoreIncrementsButEachIsSmaller) {
  EXPECT_DOUBLE_EQ(incremental_fraction(0, 1), 0);
  EXPECT_NEAR(incremental_fraction(0.05, 1), 0.048770575, 1e-9);
  EXPECT_NEAR(incremental_fraction(0.05, 1.0 / 24), 0.0020811, 1e-7);
  EXPECT_NEAR(incremental_fraction(1, 100), 1, 1e-12);  // a long interval: a full copy
  scenario::Scenario daily = free_scenario();
  daily.costs.backup_gib_month = 0.1;
  daily.databases = {database(Deployment::kSingleAz, 100)};
  daily.databases[0].backup = scenario::BackupSpec{};
  daily.databases[0].backup->snapshot =
      scenario::SnapshotSpec{Duration::hours(24), std::nullopt, Duration::days(30), {}};
  scenario::Scenario hourly = daily;
  hourly.databases[0].backup->snapshot->every = Duration::hours(1);
  EXPECT_NEAR(monthly_cost(daily).backups, 100 * (1 + 29 * (1 - std::exp(-0.05))) * 0.1, 1e-9);
  EXPECT_NEAR(monthly_cost(hourly).backups, 100 * (1 + 719 * (1 - std::exp(-0.05 / 24))) * 0.1,
              1e-9);
  EXPECT_GT(monthly_cost(hourly).backups, monthly_cost(daily).backups);
}

TEST(CostModel, ObjectStoresAndTheirReplication) {
  scenario::Scenario s = free_scenario();
  s.costs.object_storage_gib_month = 0.023;
  s.costs.transfer_gib = 0.02;
  s.costs.object_replication_gib = 0.015;
  scenario::ObjectStoreSpec local{"local", "us-east-1", 100 * kGiB, std::nullopt, std::nullopt};
  scenario::ObjectStoreSpec replicated{"media", "us-east-1", 2048 * kGiB, "us-west-2",
                                       std::nullopt};
  s.object_stores = {local, replicated};
  const CostBreakdown c = monthly_cost(s);
  EXPECT_DOUBLE_EQ(c.object_stores, 100 * 0.023 + 2 * 2048 * 0.023);
  EXPECT_DOUBLE_EQ(c.transfer, 2048 * 0.05 * (730.0 / 24) * (0.02 + 0.015));
}

TEST(CostModel, WithoutASizeOnlyInstancesCostAndANoteSaysSo) {
  scenario::Scenario s = free_scenario();
  s.costs = scenario::CostSpec{};
  scenario::DatabaseSpec db = database(Deployment::kMultiAz, 0);
  db.size_bytes.reset();
  db.backup = scenario::BackupSpec{};
  db.backup->copy_to = {"us-west-2"};
  s.databases = {db};
  s.object_stores = {{"media", "us-east-1", std::nullopt, "us-west-2", std::nullopt}};
  const CostBreakdown c = monthly_cost(s);
  EXPECT_DOUBLE_EQ(c.total(), 730 * 0.5 * 2);
  ASSERT_EQ(c.notes.size(), 2u);
  EXPECT_EQ(c.notes[0],
            "databases[0] (\"db\"): no size, so its storage, backups and transfers cost nothing");
  EXPECT_EQ(c.notes[1],
            "object_stores[0] (\"media\"): no size, so its storage and replication cost nothing");
}

TEST(CostModel, DefaultPricesOfAReferenceDatabase) {
  // 500 GiB multi-az with daily snapshots kept 30 days and 5-minute logs, defaults throughout:
  // instances 730 × 0.5 × 2 = 730; storage 500 × 0.115 × 2 = 115;
  // backups (500 × (1 + 29 × (1 − e^−0.05)) + 500 × 0.05 × 30) × 0.095.
  scenario::Scenario s;
  s.databases = {database(Deployment::kMultiAz, 500)};
  s.databases[0].backup = scenario::BackupSpec{};
  s.databases[0].backup->snapshot =
      scenario::SnapshotSpec{Duration::hours(24), std::nullopt, Duration::days(30), {}};
  s.databases[0].backup->log_upload = Duration::minutes(5);
  const double backups = (500 * (1 + 29 * (1 - std::exp(-0.05))) + 750) * 0.095;
  EXPECT_NEAR(monthly_cost(s).total(), 730 + 115 + backups, 1e-9);
  EXPECT_DOUBLE_EQ(round_to_cents(monthly_cost(s).total()), 1030.93);
}

}  // namespace
}  // namespace drsim::models::sweep::cost_model_test
