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
  std::deque<BackupPlan> plans;
  std::deque<BackupCatalog> catalogs;
  CopyQueue queue;
  Fleet(int databases, int limit, Duration copy) : queue(limit, 2) {
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

}  // namespace
}  // namespace drsim::models::backup
