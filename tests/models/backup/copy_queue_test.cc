// CopyQueue: cross-region snapshot copies queue per destination, at most `limit` in flight.
// Every plan uses constant durations, so every arrival is derived by hand.
#include "models/backup/copy_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "models/backup/backup_catalog.h"
#include "sim/distribution.h"

namespace drsim::models::backup::copy_queue_test {
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
  topology::Reachability reach{2, 0};
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

// One copy request of a brute-force FIFO: snapshot k of `database`, when requested and when its
// copy arrives.
struct BruteRequest {
  SimTime requested;
  int database;
  int64_t k;
  SimTime arrives;
};

// Every snapshot of database d from ks(d).first to ks(d).second (skipped ones left out), served in
// queue order (time, then database, then snapshot) through `limit` servers from an empty queue,
// copying from region 0 to region 1 under `reach`.
template <class Ks>
std::vector<BruteRequest> brute_force_fifo(const std::deque<BackupCatalog>& catalogs, int limit,
                                           const topology::Reachability& reach, Ks ks) {
  std::vector<BruteRequest> requests;
  for (int d = 0; d < static_cast<int>(catalogs.size()); ++d) {
    const BackupCatalog& c = catalogs[static_cast<size_t>(d)];
    const auto [first, last] = ks(d);
    for (int64_t k = first; k <= last; ++k) {
      if (!c.is_skipped(k)) requests.push_back({c.snapshot_complete(k), d, k, SimTime()});
    }
  }
  std::sort(requests.begin(), requests.end(), [](const BruteRequest& a, const BruteRequest& b) {
    return std::tie(a.requested, a.database, a.k) < std::tie(b.requested, b.database, b.k);
  });
  std::vector<SimTime> free_at(static_cast<size_t>(limit), requests.front().requested);
  for (BruteRequest& r : requests) {
    const auto slot = std::min_element(free_at.begin(), free_at.end());
    const SimTime start = std::max(r.requested, *slot);
    r.arrives = reach.transfer_end(0, 1, start,
                                   catalogs[static_cast<size_t>(r.database)].copy_duration(r.k, 0));
    *slot = r.arrives;
  }
  return requests;
}

// The queue against a brute-force FIFO of `limit` servers run from long before: sources on mixed
// schedules (8 h, 12 h and 24 h at different phases), some with snapshots that take a drawn time
// (so completions interleave out of schedule order), some with backup failures, random copy
// durations, and a cut of the source region. Every copy of every source over three weeks arrives
// when the brute force says, whatever the order of the questions. Without drawn snapshot
// durations every block is the first one listed, shifted (the queue's pattern); with them, every
// block is listed by sorting.
void check_against_brute_force(bool timed) {
  constexpr int kSources = 14, kLimit = 3;
  topology::Reachability reach{2, 0};
  std::deque<BackupPlan> plans;
  std::deque<BackupCatalog> catalogs;
  CopyQueue queue(kLimit, 2, &reach);
  std::string error;
  for (int d = 0; d < kSources; ++d) {
    BackupPlan p;
    p.every = Duration::hours(d % 3 == 0 ? 8 : d % 3 == 1 ? 12 : 24);
    p.phase = Duration::minutes(37 * d % (d % 3 == 0 ? 480 : 720));
    p.retention = Duration::days(7);
    p.copy_regions = {1};
    p.copy_delay =
        *sim::Distribution::uniform(Duration::minutes(10), Duration::minutes(150), &error);
    if (timed && d % 4 == 1) {
      p.snapshot_duration = *sim::Distribution::exponential(Duration::minutes(40), &error);
    }
    plans.push_back(std::move(p));
    catalogs.emplace_back(plans.back(), 7, 3, "db/" + std::to_string(d));
    catalogs.back().attach(queue, d);
  }
  ASSERT_EQ(error, "");
  catalogs[2].add_failure_window(at(Duration::hours(30)), at(Duration::hours(80)));
  catalogs[5].add_failure_window(at(Duration::hours(200)), std::nullopt);
  catalogs[9].add_failure_window(at(Duration::days(10)), at(Duration::days(11)));
  reach.cut_begins(0, at(Duration::hours(100)));
  reach.cut_ends(0, at(Duration::hours(105)));

  // Brute force: every request from day -10 on, in queue order, through `limit` servers.
  const std::vector<BruteRequest> requests = brute_force_fifo(catalogs, kLimit, reach, [&](int d) {
    const int64_t every_h = plans[static_cast<size_t>(d)].every->count_us() / 3'600'000'000;
    return std::pair<int64_t, int64_t>(-10 * 24 / every_h, 25 * 24 / every_h);
  });

  // Asked from the last to the first, so later blocks are worked out before earlier ones.
  int checked = 0, waited = 0;
  for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
    if (it->requested < at(Duration::days(0)) || it->requested > at(Duration::days(21))) continue;
    const BackupCatalog& c = catalogs[static_cast<size_t>(it->database)];
    // Whether it arrived by a moment, asked before and after the arrival itself, which the
    // queue answers from its bounds when it can.
    for (const Duration d : {Duration::hours(-3), Duration::micros(-1), Duration(),
                             Duration::hours(1), Duration::hours(30)}) {
      EXPECT_EQ(c.copy_arrived_by(it->k, 0, it->arrives + d), d >= Duration())
          << "database " << it->database << " snapshot " << it->k << " by " << d.count_us();
    }
    const SimTime got = c.copy_arrival(it->k, 0);
    EXPECT_EQ(got, it->arrives) << "database " << it->database << " snapshot " << it->k;
    ++checked;
    if (got > it->requested + c.copy_duration(it->k, 0)) ++waited;
  }
  EXPECT_GT(checked, 500);
  EXPECT_GT(waited, 50);  // the queue, not only the delays, decides many arrivals
  EXPECT_GT(queue.answered_by_bounds(), uint64_t{500});
}

TEST(CopyQueue, MatchesABruteForceFifoOverMixedSchedulesFailuresAndACut) {
  check_against_brute_force(false);
}

TEST(CopyQueue, MatchesABruteForceFifoWhenSnapshotsTakeADrawnTime) {
  check_against_brute_force(true);
}

// A fleet's nightly burst: 40 databases snapshot at 03:00 and one every hour, all copied to one
// region at most 8 at a time, in 30 min to 2 h. The burst drains long before midnight, so each
// block serves its warm-up only from its last hourly copies (the warm start), and every answer
// is still the brute force's, also on the days a cut of the source region falls in the warm-up
// (where the whole warm-up is served) or in the block's own day.
TEST(CopyQueue, ABlockSkipsADrainedWarmUpAndStillMatchesABruteForceFifo) {
  constexpr int kSources = 41, kLimit = 8;
  topology::Reachability reach{2, 0};
  std::deque<BackupPlan> plans;
  std::deque<BackupCatalog> catalogs;
  CopyQueue queue(kLimit, 2, &reach);
  std::string error;
  for (int d = 0; d < kSources; ++d) {
    BackupPlan p = copied_daily(Duration());
    if (d == 17) {
      p.every = Duration::hours(1);
      p.phase = Duration::minutes(20);
    }
    p.copy_delay = *sim::Distribution::uniform(Duration::minutes(30), Duration::hours(2), &error);
    plans.push_back(std::move(p));
    catalogs.emplace_back(plans.back(), 11, 4, "db/" + std::to_string(d));
    catalogs.back().attach(queue, d);
  }
  ASSERT_EQ(error, "");
  catalogs[30].add_failure_window(at(Duration::days(3)), at(Duration::days(5)));
  // From day 7's warm-up into its burst: copies made before 22:20 are still in flight at 03:00.
  reach.cut_begins(0, at(Duration::days(6) + Duration::hours(21)));
  reach.cut_ends(0, at(Duration::days(7) + Duration::hours(4)));
  reach.cut_begins(0, at(Duration::days(9) + Duration::hours(4)));  // in day 9's own burst
  reach.cut_ends(0, at(Duration::days(9) + Duration::hours(6)));

  // Brute force: days -3 to 13, in queue order, through `limit` servers.
  const std::vector<BruteRequest> requests = brute_force_fifo(catalogs, kLimit, reach, [](int d) {
    const int64_t per_day = d == 17 ? 24 : 1;
    return std::pair<int64_t, int64_t>(-3 * per_day, 14 * per_day - 1);
  });
  int checked = 0, waited = 0;
  for (const BruteRequest& r : requests) {
    if (r.requested < at(Duration::days(1)) || r.requested >= at(Duration::days(13))) continue;
    const BackupCatalog& c = catalogs[static_cast<size_t>(r.database)];
    for (const Duration d : {Duration::hours(-1), Duration::micros(-1), Duration(),
                             Duration::minutes(1), Duration::hours(20)}) {
      EXPECT_EQ(c.copy_arrived_by(r.k, 0, r.arrives + d), d >= Duration())
          << "database " << r.database << " snapshot " << r.k << " by " << d.count_us();
    }
    const SimTime got = c.copy_arrival(r.k, 0);
    EXPECT_EQ(got, r.arrives) << "database " << r.database << " snapshot " << r.k;
    ++checked;
    if (got > r.requested + c.copy_duration(r.k, 0)) ++waited;
  }
  EXPECT_EQ(checked, 12 * (40 + 24) - 2);  // less database 30 on days 3 and 4
  EXPECT_GT(waited, 12 * 20);
  // The warm-up lists 64 requests: hourly at 00:20, 01:20, 02:20, the burst at 03:00, hourly
  // from 03:20 to 23:20. Even at 2 h each, the burst and the hourly copies queued behind it have
  // started by early evening, the later hourly copies start when made, and all but those of
  // 22:20 and 23:20 arrive by midnight: a block serves its warm-up from 22:20 on.
  EXPECT_EQ(queue.warm_start(1), 62u);
  EXPECT_GT(queue.answered_by_bounds(), uint64_t{500});
}

// A fleet of `sources` databases copying to region 1, at most 4 at a time, each copy taking
// 1 h to 5 h (drawn per snapshot): the queue decides many arrivals. `skip` leaves one database
// out (-1: none).
struct Trial {
  topology::Reachability reach{2, 0};
  std::deque<BackupPlan> plans;
  std::deque<BackupCatalog> catalogs;
  explicit Trial(int sources) {
    std::string error;
    for (int d = 0; d < sources; ++d) {
      BackupPlan p = copied_daily(Duration());
      p.copy_delay = *sim::Distribution::uniform(Duration::hours(1), Duration::hours(5), &error);
      plans.push_back(std::move(p));
      catalogs.emplace_back(plans.back(), 5, 0, "db/" + std::to_string(d));
    }
  }
  // Every catalog as in `trial`, attached to `queue` but for database `skip`.
  void start(CopyQueue& queue, uint64_t trial, int skip) {
    for (int d = 0; d < static_cast<int>(catalogs.size()); ++d) {
      BackupCatalog& c = catalogs[static_cast<size_t>(d)];
      c.restart(5, trial, sim::StreamName("db/" + std::to_string(d)));
      if (d != skip) c.attach(queue, d);
    }
  }
  // Snapshots 0-5 of every attached database, arrivals and arrived-by an hour before them.
  std::vector<std::pair<SimTime, bool>> answers(int skip) const {
    std::vector<std::pair<SimTime, bool>> out;
    for (int64_t k = 5; k >= 0; --k) {
      for (int d = 0; d < static_cast<int>(catalogs.size()); ++d) {
        if (d == skip) continue;
        const BackupCatalog& c = catalogs[static_cast<size_t>(d)];
        const SimTime arrives = c.copy_arrival(k, 0);
        out.emplace_back(arrives, c.copy_arrived_by(k, 0, arrives + Duration::hours(-1)));
      }
    }
    return out;
  }
};

TEST(CopyQueue, ARestartedQueueAnswersAsANewOne) {
  // Trial 1 asks about day 9 first, trial 2 about day 5: the queue's pattern, found in trial 1,
  // serves trial 2 shifted, and every answer of trial 2 is a new queue's.
  constexpr int kSources = 30;
  Trial reused(kSources);
  topology::Reachability& reach = reused.reach;
  CopyQueue queue(4, 2, &reach);
  reused.start(queue, 1, -1);
  const SimTime day9 = reused.catalogs[0].copy_arrival(9, 0);
  queue.restart();
  reach = topology::Reachability(2, 0);
  reused.start(queue, 2, -1);
  const auto got = reused.answers(-1);

  Trial fresh(kSources);
  CopyQueue new_queue(4, 2, &fresh.reach);
  fresh.start(new_queue, 2, -1);
  EXPECT_EQ(got, fresh.answers(-1));
  // The trials differ: the same question had another answer in trial 1.
  EXPECT_NE(day9, fresh.catalogs[0].copy_arrival(9, 0));
  int waited = 0;
  for (int d = 0; d < kSources; ++d) {
    const BackupCatalog& c = fresh.catalogs[static_cast<size_t>(d)];
    if (c.copy_arrival(2, 0) > c.snapshot_complete(2) + c.copy_duration(2, 0)) ++waited;
  }
  EXPECT_GT(waited, 10);
}

TEST(CopyQueue, ASourceNotRegisteredAgainAfterARestartIsDropped) {
  // Database 3 is not registered in trial 2: the others no longer queue behind its copies.
  constexpr int kSources = 12;
  Trial reused(kSources);
  CopyQueue queue(4, 2, &reused.reach);
  reused.start(queue, 1, -1);
  reused.catalogs[7].copy_arrival(2, 0);
  queue.restart();
  reused.start(queue, 2, 3);
  const auto got = reused.answers(3);

  Trial fresh(kSources);
  CopyQueue new_queue(4, 2, &fresh.reach);
  fresh.start(new_queue, 2, 3);
  EXPECT_EQ(got, fresh.answers(3));
  Trial all(kSources);
  CopyQueue full_queue(4, 2, &all.reach);
  all.start(full_queue, 2, -1);
  // With database 3 queued, the same questions (less its own) have other answers.
  const auto with_3 = all.answers(-1);
  std::vector<std::pair<SimTime, bool>> others;
  for (size_t i = 0; i < with_3.size(); ++i) {
    if (i % kSources != 3) others.push_back(with_3[i]);
  }
  EXPECT_NE(got, others);
}

}  // namespace
}  // namespace drsim::models::backup::copy_queue_test
