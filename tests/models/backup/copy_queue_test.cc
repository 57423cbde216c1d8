// CopyQueue: cross-region snapshot copies queue per destination, at most `limit` in flight.
// Every plan uses constant durations, so every arrival is derived by hand.
#include "models/backup/copy_queue.h"

#include <gtest/gtest.h>

#include <deque>
#include <memory>
#include <vector>

#include "models/backup/backup_catalog.h"
#include "sim/distribution.h"

namespace drsim::models::backup {
namespace {

using sim::Duration;
using sim::SimTime;

SimTime at(Duration offset) { return SimTime::zero() + offset; }

// Daily snapshots at 03:00, copied to region 1 in `copy`.
BackupPlan copied_daily(Duration copy) {
  BackupPlan p;
  p.every = Duration::hours(24);
  p.phase = Duration::hours(3);
  p.retention = Duration::days(7);
  p.copy_regions = {1};
  p.copy_delay = sim::Distribution::constant(copy);
  return p;
}

struct Fleet {
  topology::Reachability reach{2};
  std::deque<BackupPlan> plans;
  std::deque<BackupCatalog> catalogs;
  CopyQueue queue;
  Fleet(int databases, int limit, Duration copy) : queue(limit, 2, &reach) {
    for (int d = 0; d < databases; ++d) {
      plans.push_back(copied_daily(copy));
      catalogs.emplace_back(plans.back(), 1, 0, "db/" + std::to_string(d));
      catalogs.back().attach(queue, d);
    }
  }
};

TEST(CopyQueue, WithinTheLimitEveryCopyArrivesAfterItsDelay) {
  Fleet fleet(20, 20, Duration::hours(2));
  for (int d = 0; d < 20; ++d) {
    for (int64_t k = -1; k <= 3; ++k) {
      EXPECT_EQ(fleet.catalogs[static_cast<size_t>(d)].copy_arrival(k, 0),
                at(Duration::hours(3 + 24 * k + 2)))
          << "database " << d << " snapshot " << k;
    }
  }
}

TEST(CopyQueue, BeyondTheLimitCopiesWaitInWavesInDatabaseOrder) {
  // 45 databases, 20 copies in flight, 2 h each: databases 0-19 arrive at 05:00, 20-39 at
  // 07:00, 40-44 at 09:00, every day.
  Fleet fleet(45, 20, Duration::hours(2));
  for (int64_t k : {0, 2, -1}) {
    for (int d = 0; d < 45; ++d) {
      const int wave = d / 20;
      EXPECT_EQ(fleet.catalogs[static_cast<size_t>(d)].copy_arrival(k, 0),
                at(Duration::hours(3 + 24 * k + 2 * (wave + 1))))
          << "database " << d << " snapshot " << k;
    }
  }
}

TEST(CopyQueue, TheAnswerDoesNotDependOnTheOrderOfQuestions) {
  Fleet forward(30, 7, Duration::hours(3));
  Fleet backward(30, 7, Duration::hours(3));
  std::vector<SimTime> a, b(30 * 4);
  for (int d = 0; d < 30; ++d) {
    for (int64_t k = 0; k < 4; ++k)
      a.push_back(forward.catalogs[static_cast<size_t>(d)].copy_arrival(k, 0));
  }
  for (int d = 29; d >= 0; --d) {
    for (int64_t k = 3; k >= 0; --k) {
      b[static_cast<size_t>(d * 4 + k)] =
          backward.catalogs[static_cast<size_t>(d)].copy_arrival(k, 0);
    }
  }
  EXPECT_EQ(a, b);
}

TEST(CopyQueue, SkippedSnapshotsAreNotCopied) {
  // 21 databases with a limit of 20: database 20 waits for a slot, unless database 0's
  // snapshot was skipped (a backup failure) and left the slot free.
  Fleet fleet(21, 20, Duration::hours(2));
  fleet.catalogs[0].add_failure_window(at(Duration::hours(26)), at(Duration::hours(28)));
  EXPECT_EQ(fleet.catalogs[20].copy_arrival(0, 0), at(Duration::hours(7)));
  EXPECT_EQ(fleet.catalogs[20].copy_arrival(1, 0), at(Duration::hours(29)));
}


// Copies need their source: region 0 (every source) is cut off 04:00-06:00 on day 0. Copies in
// flight stall and hold their slots: with 20 slots, databases 0-19 (started 03:00, 1h done)
// arrive at 07:00 instead of 05:00, and databases 20-24 start then and arrive at 09:00.
TEST(CopyQueue, CopiesStallWhileTheirSourceIsCutOffAndHoldTheirSlots) {
  Fleet fleet(25, 20, Duration::hours(2));
  // What was asked before the cut is worked out again once the cut is known.
  EXPECT_EQ(fleet.catalogs[0].copy_arrival(0, 0), at(Duration::hours(5)));
  fleet.reach.cut_begins(0, at(Duration::hours(4)));
  EXPECT_EQ(fleet.catalogs[0].copy_arrival(0, 0), SimTime::never());  // as far as anyone knows
  fleet.reach.cut_ends(0, at(Duration::hours(6)));
  for (int d = 0; d < 25; ++d) {
    EXPECT_EQ(fleet.catalogs[static_cast<size_t>(d)].copy_arrival(0, 0),
              at(Duration::hours(d < 20 ? 7 : 9)))
        << "database " << d;
  }
  // The next day is untouched.
  EXPECT_EQ(fleet.catalogs[24].copy_arrival(1, 0), at(Duration::hours(24 + 7)));
}

TEST(CopyQueue, ACopyInFlightFromADestroyedRegionNeverArrives) {
  Fleet fleet(2, 20, Duration::hours(2));
  fleet.reach.destroyed(0, at(Duration::hours(4)));
  EXPECT_EQ(fleet.catalogs[0].copy_arrival(0, 0), SimTime::never());
  EXPECT_EQ(fleet.catalogs[1].copy_arrival(-1, 0), at(Duration::hours(5 - 24)));  // arrived before
}

}  // namespace
}  // namespace drsim::models::backup
