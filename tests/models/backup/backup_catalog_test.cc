// BackupCatalog: the snapshot schedule, PITR and snapshot recovery points, copies in other
// regions, silent corruption and restore durations. Plans are built in code with constant
// distributions, so every expected time is derived by hand in the comments.
#include "models/backup/backup_catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <vector>

#include "sim/distribution.h"
#include "sim/units.h"
#include "tests/sim/time_printers.h"

namespace drsim::models::backup::backup_catalog_test {
namespace {

using sim::Distribution;
using sim::Duration;
using sim::SimTime;

SimTime at(Duration offset) { return SimTime::zero() + offset; }

// Daily snapshots at the trial start (phase 0), kept 7 days; no logs, no copies.
BackupPlan daily() {
  BackupPlan p;
  p.every = Duration::hours(24);
  p.retention = Duration::days(7);
  return p;
}

// The same database, lost at `t`: target = uploads_until = now = t.
std::optional<RecoveryPoint> lost_at(const BackupCatalog& c, SimTime t) {
  return c.home_point(t, t, t);
}

TEST(BackupCatalog, SnapshotTimeIsPhasePlusKIntervals) {
  BackupPlan p = daily();
  p.phase = Duration::hours(3);
  const BackupCatalog c(p, 1, 0, "db/x");
  EXPECT_EQ(c.snapshot_time(0), at(Duration::hours(3)));
  EXPECT_EQ(c.snapshot_time(2), at(Duration::hours(51)));  // 3h + 2 * 24h
  // Before the trial began: -1 * 24h + 3h = -21h, -3 * 24h + 3h = -69h.
  EXPECT_EQ(c.snapshot_time(-1), SimTime::from_micros(-Duration::hours(21).count_us()));
  EXPECT_EQ(c.snapshot_time(-3), SimTime::from_micros(-Duration::hours(69).count_us()));
  // Without a snapshot duration a snapshot completes when it is taken.
  EXPECT_EQ(c.snapshot_complete(2), c.snapshot_time(2));
}

scenario::BackupSpec snapshot_spec(Duration every, std::optional<Duration> time_of_day) {
  scenario::BackupSpec spec;
  spec.snapshot = scenario::SnapshotSpec{every, time_of_day, Duration::days(30), std::nullopt};
  return spec;
}

constexpr int64_t kMidnight = int64_t{20'000} * 86'400;  // some midnight UTC, in epoch seconds

TEST(BackupCatalog, PhaseLinesTheTimeOfDayUpWithTheStart) {
  const std::vector<int> none;
  // Start at midnight, snapshots at 03:00: the first one 3h into the trial.
  EXPECT_EQ(make_backup_plan(snapshot_spec(Duration::hours(24), Duration::hours(3)), std::nullopt,
                             none, kMidnight)
                .phase,
            Duration::hours(3));
  // Start at 05:00: today's 03:00 has passed, the next is 22h after the start.
  EXPECT_EQ(make_backup_plan(snapshot_spec(Duration::hours(24), Duration::hours(3)), std::nullopt,
                             none, kMidnight + 5 * 3600)
                .phase,
            Duration::hours(22));
  // Every 12h at 15:00 (and 03:00), start at midnight: 15h mod 12h = 3h.
  EXPECT_EQ(make_backup_plan(snapshot_spec(Duration::hours(12), Duration::hours(15)), std::nullopt,
                             none, kMidnight)
                .phase,
            Duration::hours(3));
  // Start at 03:00 exactly: a snapshot at the start, phase 0.
  EXPECT_EQ(make_backup_plan(snapshot_spec(Duration::hours(24), Duration::hours(3)), std::nullopt,
                             none, kMidnight + 3 * 3600)
                .phase,
            Duration());
  // No `at`: snapshots start with the trial.
  EXPECT_EQ(make_backup_plan(snapshot_spec(Duration::hours(24), std::nullopt), std::nullopt, none,
                             kMidnight + 5 * 3600)
                .phase,
            Duration());
}

TEST(BackupCatalog, PitrReachesTheLastLogUpload) {
  BackupPlan p = daily();
  p.log_upload = Duration::minutes(5);
  const BackupCatalog c(p, 1, 0, "db/x");
  // Lost at 1d10h07m30s: floor(/5m) * 5m = 1d10h05m, on top of snapshot 1 (taken at 1d).
  const auto rp = lost_at(c, at(Duration::days(1) + Duration::hours(10) + Duration::seconds(450)));
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->point, at(Duration::days(1) + Duration::hours(10) + Duration::minutes(5)));
  EXPECT_EQ(rp->snapshot, 1);
  EXPECT_TRUE(rp->via_logs);
  EXPECT_EQ(rp->corrupt_attempts, 0);
  // Lost exactly at an upload: nothing is lost.
  const SimTime boundary = at(Duration::days(1) + Duration::hours(10));
  EXPECT_EQ(lost_at(c, boundary)->point, boundary);
  // Logs uploaded only until 1d9h (then uploads stopped): PITR reaches 1d9h, not the target.
  const auto stalled =
      c.home_point(at(Duration::days(1) + Duration::hours(10)),
                   at(Duration::days(1) + Duration::hours(9) + Duration::minutes(4)),
                   at(Duration::days(1) + Duration::hours(10)));
  EXPECT_EQ(stalled->point, at(Duration::days(1) + Duration::hours(9)));
}

TEST(BackupCatalog, WithoutLogsTheNewestSnapshotIsThePoint) {
  const BackupPlan p = daily();
  const BackupCatalog c(p, 1, 0, "db/x");
  const auto rp = lost_at(c, at(Duration::days(1) + Duration::hours(10) + Duration::seconds(450)));
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->point, at(Duration::days(1)));
  EXPECT_EQ(rp->snapshot, 1);
  EXPECT_FALSE(rp->via_logs);
  // Lost at the trial start: snapshot 0, taken at 0.
  EXPECT_EQ(lost_at(c, at(Duration()))->snapshot, 0);
  // A logical fault at 2d5h found at 3d1h: the newest snapshot before the fault is 2 (at 2d).
  EXPECT_EQ(c.home_point(at(Duration::days(2) + Duration::hours(5)),
                         at(Duration::days(3) + Duration::hours(1)),
                         at(Duration::days(3) + Duration::hours(1)))
                ->point,
            at(Duration::days(2)));
}

TEST(BackupCatalog, SnapshotDurationDelaysAvailability) {
  BackupPlan p = daily();
  p.snapshot_duration = Distribution::constant(Duration::hours(2));
  const BackupCatalog c(p, 1, 0, "db/x");
  EXPECT_EQ(c.snapshot_complete(1), at(Duration::hours(26)));
  // Lost at 1d1h: snapshot 1 (started 1d) completes only at 1d2h, so snapshot 0 serves.
  const auto during = lost_at(c, at(Duration::hours(25)));
  ASSERT_TRUE(during);
  EXPECT_EQ(during->snapshot, 0);
  EXPECT_EQ(during->point, at(Duration()));
  // Lost at 1d3h: snapshot 1 is complete. Its point is when it was taken, 1d.
  EXPECT_EQ(lost_at(c, at(Duration::hours(27)))->point, at(Duration::hours(24)));
  // With logs the base is still snapshot 0, but PITR replays to 1d1h.
  BackupPlan with_logs = p;
  with_logs.log_upload = Duration::minutes(5);
  const auto pitr = lost_at(BackupCatalog(with_logs, 1, 0, "db/x"), at(Duration::hours(25)));
  EXPECT_EQ(pitr->snapshot, 0);
  EXPECT_EQ(pitr->point, at(Duration::hours(25)));
  EXPECT_TRUE(pitr->via_logs);
}

TEST(BackupCatalog, RetentionExcludesOldSnapshots) {
  BackupPlan p = daily();
  p.retention = Duration::days(2);
  const BackupCatalog c(p, 1, 0, "db/x");
  // Judged at 10d, snapshots taken before 8d are gone. A target at 8d12h still has snapshot 8.
  const SimTime now = at(Duration::days(10));
  EXPECT_EQ(c.home_point(at(Duration::days(8) + Duration::hours(12)), now, now)->snapshot, 8);
  // A target at 7d12h needs snapshot 7 or older: nothing usable.
  EXPECT_FALSE(c.home_point(at(Duration::days(7) + Duration::hours(12)), now, now));
  // Logs do not help without a base snapshot.
  BackupPlan with_logs = p;
  with_logs.log_upload = Duration::minutes(5);
  EXPECT_FALSE(BackupCatalog(with_logs, 1, 0, "db/x")
                   .home_point(at(Duration::days(7) + Duration::hours(12)), now, now));
}

TEST(BackupCatalog, NoSnapshotsNoRecoveryPoint) {
  BackupPlan p;
  p.retention = Duration::days(7);
  p.log_upload = Duration::minutes(5);  // logs alone cannot be restored
  const BackupCatalog c(p, 1, 0, "db/x");
  EXPECT_FALSE(lost_at(c, at(Duration::days(2))));
}

// Daily snapshots copied to region 7, arriving 3h after they complete.
BackupPlan copied() {
  BackupPlan p = daily();
  p.copy_regions = {7};
  p.copy_delay = Distribution::constant(Duration::hours(3));
  p.log_upload = Duration::minutes(5);
  return p;
}

TEST(BackupCatalog, CopyPointHasOnlyCopiesThatArrived) {
  const BackupPlan p = copied();
  const BackupCatalog c(p, 1, 0, "db/x");
  EXPECT_EQ(c.copy_arrival(1, 0), at(Duration::hours(27)));
  // Region lost at 1d2h: snapshot 1's copy (due at 1d3h) never arrived; snapshot 0's did.
  const SimTime lost = at(Duration::hours(26));
  const auto rp = c.copy_point(0, lost, lost, lost);
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->snapshot, 0);
  EXPECT_EQ(rp->point, at(Duration()));
  EXPECT_FALSE(rp->via_logs);  // logs are not copied
  // The same loss judged with everything that arrived by 1d3h: snapshot 1's copy is there.
  EXPECT_EQ(c.copy_point(0, lost, lost, at(Duration::hours(27)))->snapshot, 1);
  // One microsecond earlier it is not.
  EXPECT_EQ(c.copy_point(0, lost, lost, at(Duration::hours(27)) + Duration::micros(-1))->snapshot,
            0);
  // Copies after the target are never used, however long ago they arrived.
  EXPECT_EQ(c.copy_point(0, lost, lost, at(Duration::days(5)))->snapshot, 1);
}

TEST(BackupCatalog, CopiedLogsTrailByOneUploadInterval) {
  BackupPlan p = copied();
  p.copy_logs = true;
  const BackupCatalog c(p, 1, 0, "db/x");
  // Lost at 1d10h07m30s, judged then: home PITR reaches 1d10h05m; the copied logs reach
  // floor((1d10h07m30s - 5m) / 5m) * 5m = 1d10h00m, on top of snapshot 1's copy (1d3h).
  const SimTime lost = at(Duration::days(1) + Duration::hours(10) + Duration::seconds(450));
  EXPECT_EQ(lost_at(c, lost)->point,
            at(Duration::days(1) + Duration::hours(10) + Duration::minutes(5)));
  const auto rp = c.copy_point(0, lost, lost, lost);
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->point, at(Duration::days(1) + Duration::hours(10)));
  EXPECT_EQ(rp->snapshot, 1);
  EXPECT_TRUE(rp->via_logs);
  // Judged an hour later (the home region only unreachable), the last upload has been copied.
  EXPECT_EQ(c.copy_point(0, lost, lost, lost + Duration::hours(1))->point,
            at(Duration::days(1) + Duration::hours(10) + Duration::minutes(5)));
}

TEST(BackupCatalog, CertainCorruptionLeavesNothingUsable) {
  BackupPlan p = daily();
  p.silent_corruption = 1;
  const BackupCatalog c(p, 1, 0, "db/x");
  const SimTime later = at(Duration::days(30));
  for (int64_t k = -3; k < 10; ++k) EXPECT_TRUE(c.is_corrupt(k, later)) << "snapshot " << k;
  EXPECT_FALSE(lost_at(c, at(Duration::days(10) + Duration::hours(1))));
  BackupPlan with_logs = p;  // PITR needs a usable base snapshot too
  with_logs.log_upload = Duration::minutes(5);
  EXPECT_FALSE(
      lost_at(BackupCatalog(with_logs, 1, 0, "db/x"), at(Duration::days(10) + Duration::hours(1))));
}

TEST(BackupCatalog, RestoreTestsRepairTheNewestSnapshot) {
  BackupPlan p = daily();
  p.retention = Duration::days(30);
  p.silent_corruption = 1;
  p.verify_every = Duration::days(7);
  const BackupCatalog c(p, 1, 0, "db/x");
  // The tests at 0 and 7d find snapshots 0 and 7 (the newest complete then) and repair them.
  const SimTime later = at(Duration::days(30));
  EXPECT_FALSE(c.is_corrupt(0, later));
  EXPECT_FALSE(c.is_corrupt(7, later));
  EXPECT_TRUE(c.is_corrupt(6, later));
  EXPECT_TRUE(c.is_corrupt(8, later));
  // Before the test at 7d has run, snapshot 7 is still corrupt.
  EXPECT_TRUE(c.is_corrupt(7, at(Duration::days(7)) + Duration::micros(-1)));
  EXPECT_FALSE(c.is_corrupt(7, at(Duration::days(7))));
  // Lost at 10d1h: snapshots 10, 9 and 8 are restored and found corrupt, then 7 serves.
  const auto rp = lost_at(c, at(Duration::days(10) + Duration::hours(1)));
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->snapshot, 7);
  EXPECT_EQ(rp->point, at(Duration::days(7)));
  EXPECT_EQ(rp->corrupt_attempts, 3);
  // With logs the same three attempts come first, then PITR from snapshot 7 to 10d1h.
  BackupPlan with_logs = p;
  with_logs.log_upload = Duration::minutes(5);
  const auto pitr =
      lost_at(BackupCatalog(with_logs, 1, 0, "db/x"), at(Duration::days(10) + Duration::hours(1)));
  EXPECT_EQ(pitr->snapshot, 7);
  EXPECT_EQ(pitr->point, at(Duration::days(10) + Duration::hours(1)));
  EXPECT_EQ(pitr->corrupt_attempts, 3);
}

TEST(BackupCatalog, ARestoreTestNotYetRunRepairsNothing) {
  BackupPlan p = daily();
  p.phase = Duration::hours(1);
  p.retention = Duration::days(30);
  p.silent_corruption = 1;
  p.verify_every = Duration::days(7);
  const BackupCatalog c(p, 1, 0, "db/x");
  // Snapshot 6 (6d1h) is the newest complete one when the test runs at 7d, which repairs it.
  // Lost at 6d2h, before that test: snapshots 6 down to 0 are all still corrupt; snapshot -1
  // (taken at -23h, the newest at the test at 0) was repaired then. 7 corrupt attempts.
  const auto rp = lost_at(c, at(Duration::days(6) + Duration::hours(2)));
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->snapshot, -1);
  EXPECT_EQ(rp->corrupt_attempts, 7);
  // Lost at 7d1h30m (snapshot 7 at 7d1h is corrupt, its test at 14d is still ahead), after the
  // test at 7d: snapshot 6 serves.
  const auto later = lost_at(c, at(Duration::days(7) + Duration::minutes(90)));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->snapshot, 6);
  EXPECT_EQ(later->corrupt_attempts, 1);
}

TEST(BackupCatalog, CorruptionIsKeyedBySeedTrialAndSnapshot) {
  BackupPlan p = daily();
  p.silent_corruption = 0.5;
  auto pattern = [&](uint64_t seed, uint64_t trial, bool backwards) {
    const BackupCatalog c(p, seed, trial, "db/x");
    std::vector<bool> out(200);
    for (int i = 0; i < 200; ++i) {
      const int idx = backwards ? 199 - i : i;
      out[static_cast<size_t>(idx)] = c.is_corrupt(idx - 100, SimTime::zero());
    }
    return out;
  };
  const std::vector<bool> first = pattern(1, 0, false);
  // The same (seed, trial, k) gives the same answer, in whatever order it is asked.
  EXPECT_EQ(pattern(1, 0, true), first);
  // Another trial or seed draws afresh.
  EXPECT_NE(pattern(1, 1, false), first);
  EXPECT_NE(pattern(2, 0, false), first);
  // And the draws are not degenerate: about half of 200 (binomial sd ~ 7).
  const auto corrupt = std::count(first.begin(), first.end(), true);
  EXPECT_GT(corrupt, 60);
  EXPECT_LT(corrupt, 140);
}

TEST(BackupCatalog, RestoreDurationIsBasePlusSizeOverRate) {
  BackupPlan p = daily();
  p.restore_base = Distribution::constant(Duration::minutes(20));
  p.size_bytes = 9000.0 * 1024 * 1024;               // 9000 MiB
  p.restore_rate_bytes_per_s = 150.0 * 1024 * 1024;  // at 150 MiB/s: 60 s
  const BackupCatalog c(p, 1, 0, "db/x");
  sim::Rng rng(7);
  EXPECT_EQ(c.restore_duration(rng), Duration::minutes(21));
  EXPECT_EQ(c.restore_duration_p95(), Duration::minutes(21));
  // A uniform base of 10m..30m has a p95 of 10m + 0.95 * 20m = 29m; plus 60 s.
  BackupPlan uniform = p;
  uniform.restore_base =
      *Distribution::uniform(Duration::minutes(10), Duration::minutes(30), nullptr);
  const BackupCatalog u(uniform, 1, 0, "db/x");
  EXPECT_EQ(u.restore_duration_p95(), Duration::minutes(30));
  const Duration drawn = u.restore_duration(rng);
  EXPECT_GE(drawn, Duration::minutes(11));
  EXPECT_LE(drawn, Duration::minutes(31));
  // No rate: the base alone, whatever the size.
  BackupPlan no_rate = p;
  no_rate.restore_rate_bytes_per_s = 0;
  EXPECT_EQ(BackupCatalog(no_rate, 1, 0, "db/x").restore_duration(rng), Duration::minutes(20));
}

TEST(BackupCatalog, LogReplayTakesTheWindowOverTheReplaySpeed) {
  BackupPlan p = daily();
  p.log_upload = Duration::minutes(5);
  p.replay_speed = 12;
  const BackupCatalog c(p, 1, 0, "db/x");
  // Lost at 2d6h: PITR from snapshot 2 (2d) replays 6h of logs at 12x: 30m.
  const auto rp = lost_at(c, at(Duration::days(2) + Duration::hours(6)));
  ASSERT_TRUE(rp);
  EXPECT_TRUE(rp->via_logs);
  EXPECT_EQ(c.replay_duration(*rp), Duration::minutes(30));
  // A snapshot restore without logs replays nothing.
  const auto plain = lost_at(BackupCatalog(daily(), 1, 0, "db/x"), at(Duration::days(2) + Duration::hours(6)));
  ASSERT_TRUE(plain);
  EXPECT_EQ(BackupCatalog(daily(), 1, 0, "db/x").replay_duration(*plain), Duration());
}

TEST(BackupCatalog, ARestoreTestAfterASkippedSnapshotStillChecksThePreviousOne) {
  BackupPlan p = daily();
  p.phase = Duration::hours(1);
  p.retention = Duration::days(30);
  p.silent_corruption = 1;
  p.verify_every = Duration::days(7);
  BackupCatalog c(p, 1, 0, "db/x");
  // Tests run at 7d and 14d and repair the newest complete snapshot then: 6 (6d1h) and 13.
  EXPECT_FALSE(c.is_corrupt(13, at(Duration::days(20))));
  EXPECT_TRUE(c.is_corrupt(12, at(Duration::days(20))));
  // Snapshot 13 is skipped (a backup failure): at 14d the newest complete snapshot is 12, which
  // that test repairs.
  c.add_failure_window(at(Duration::days(13)), at(Duration::days(13) + Duration::hours(2)));
  EXPECT_FALSE(c.is_corrupt(12, at(Duration::days(20))));
}

}  // namespace
}  // namespace drsim::models::backup::backup_catalog_test
