// BackupCatalog: what one database's backups hold at any moment of one trial, computed from
// the schedule instead of simulated: snapshot k is taken at phase + k * every (k may be
// negative: the database had backups before the trial began), completes `duration` later and is
// kept for `retention`; transaction logs reach backup storage at every multiple of
// `log_upload`; snapshot k's copy reaches another region `copy_delay` after it starts, which
// is when it completes unless the trial's CopyQueue makes it wait for a copy slot. Per-
// snapshot randomness (duration, copy delay, silent corruption) comes from streams keyed by
// the snapshot's index, so a year of 5-minute log uploads costs nothing until a fault asks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/backup/copy_queue.h"
#include "models/scenario/scenario.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace drsim::models::backup {

using sim::Duration;
using sim::SimTime;

// a / b rounded towards minus infinity (snapshot indices before the trial start are negative).
inline int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// One database's backup configuration with names resolved. REQUIRES: every > 0.
struct BackupPlan {
  std::optional<Duration> every;      // snapshots; none: no snapshots at all
  Duration phase;                     // offset of snapshot 0 from the trial start, in [0, every)
  Duration retention;
  std::optional<sim::Distribution> snapshot_duration;
  std::optional<Duration> log_upload;  // none: no PITR
  int region = 0;                      // where the snapshots are taken (and copies start)
  std::vector<int> copy_regions;       // region indices
  std::optional<sim::Distribution> copy_delay;
  bool copy_logs = false;
  sim::Distribution restore_base;
  double restore_rate_bytes_per_s = 0;  // 0: no size-proportional part
  double replay_speed = 10;             // logs replay this many times faster than real time
  double size_bytes = 0;
  std::optional<Duration> verify_every;
  double silent_corruption = 0;
};

// Builds the plan of a database's `backup` key; the snapshot phase lines `at` (a UTC time of
// day) up with the scenario's start.
BackupPlan make_backup_plan(const scenario::BackupSpec& spec, std::optional<double> size_bytes,
                            const std::vector<int>& copy_regions, int64_t start_epoch_s);

// A recovery point a restore can reach, and what reaching it costs.
struct RecoveryPoint {
  SimTime point;                 // every write committed before it survives
  std::optional<int64_t> snapshot;  // the base snapshot's index
  bool via_logs = false;         // PITR: snapshot plus logs
  int corrupt_attempts = 0;      // restores of silently corrupt snapshots tried first
};

class BackupCatalog {
 public:
  // `stream` names the database: its keyed streams are "<stream>/snapshot-duration",
  // "<stream>/corruption" and "<stream>/copy/<region>".
  BackupCatalog(const BackupPlan& plan, uint64_t seed, uint64_t trial, sim::StreamName stream);
  BackupCatalog(const BackupPlan& plan, uint64_t seed, uint64_t trial, std::string_view stream)
      : BackupCatalog(plan, seed, trial, sim::StreamName(stream)) {}
  // As if newly constructed for (seed, trial, stream): no failure windows, no queue attached.
  // Keeps its memory, for a worker that runs trial after trial.
  void restart(uint64_t seed, uint64_t trial, sim::StreamName stream);

  SimTime snapshot_time(int64_t k) const;
  SimTime snapshot_complete(int64_t k) const;
  // Silently corrupt and not repaired by a restore test run at or before `as_of` (a test that
  // has not happened yet has found nothing).
  bool is_corrupt(int64_t k, SimTime as_of) const;
  // When snapshot k's copy is usable in copy_regions[dest]: through the trial's copy queue
  // when one is attached, else as soon as the copy (started at completion) is done.
  SimTime copy_arrival(int64_t k, size_t dest) const;
  // copy_arrival(k, dest) <= t, often without working out the queue.
  bool copy_arrived_by(int64_t k, size_t dest, SimTime t) const;
  // How long copying snapshot k to copy_regions[dest] takes once it starts (`copy_delay`):
  // plan().copy_delay's sample_of(sim::Rng::first_of_keyed(copy_key(dest), k)), or zero.
  Duration copy_duration(int64_t k, size_t dest) const;
  uint64_t copy_key(size_t dest) const { return copy_keys_[dest]; }
  // Copies of this database (index `database`) queue through `queue` from now on.
  void attach(CopyQueue& queue, int database);

  // The newest point at or before `target` restorable from the home region's backup storage,
  // judged at `now`, when the database's logs were uploaded until `uploads_until`: PITR to
  // min(target, the last log upload) when logs are kept, else the newest complete snapshot at
  // or before `target`. Corrupt snapshots are found by restoring them (each costs an attempt)
  // and skipped. nullopt: nothing usable. For a lost database target = uploads_until = the
  // moment it stopped; for a logical corruption, target = just before the corruption.
  std::optional<RecoveryPoint> home_point(SimTime target, SimTime uploads_until, SimTime now) const;
  // The same from the copies in copy_regions[dest]: only what arrived by `arrived_by`. With
  // `copy_logs`, the shipped logs trail the uploads by one upload interval and stop where the
  // link to the copy region was last up (`logs_by`, at most `arrived_by`).
  std::optional<RecoveryPoint> copy_point(size_t dest, SimTime target, SimTime uploads_until,
                                          SimTime arrived_by,
                                          SimTime logs_by = SimTime::never()) const;

  // When the newest snapshot due at or before `target` was taken (taken or not): no plain
  // snapshot restore can reach later than this. nullopt without snapshots.
  std::optional<SimTime> newest_snapshot_time(SimTime target) const;

  // How long one restore attempt takes: base + size / rate. Draws the base from `rng`.
  Duration restore_duration(sim::Rng& rng) const;
  // A conservative (95th-percentile) restore duration, for decisions made before the restore.
  Duration restore_duration_p95() const;
  // The q-quantile of one restore's duration, 0 < q < 1.
  Duration restore_duration_quantile(double q) const;
  // Replaying the logs from the base snapshot up to the recovery point (zero without logs).
  Duration replay_duration(const RecoveryPoint& rp) const;

  const BackupPlan& plan() const { return plan_; }

  // Snapshots due in [from, until) are not taken (a backup_failure). Without `until`, only the
  // first snapshot due at or after `from` is skipped.
  void add_failure_window(SimTime from, std::optional<SimTime> until);
  bool is_skipped(int64_t k) const;
  // Whether any snapshot can be skipped (a backup failure was added).
  bool has_failure_windows() const { return !failure_windows_.empty(); }

 private:
  // The newest snapshot index with snapshot_time(k) <= t; nullopt without snapshots.
  std::optional<int64_t> newest_at_or_before(SimTime t) const;
  // Walks back from snapshot `k` to the first usable one, counting corrupt attempts; stops at
  // the retention limit `oldest`. `usable(k)` filters by availability; restore tests count
  // only up to `as_of`.
  template <class Usable>
  std::optional<RecoveryPoint> walk_back(int64_t k, SimTime oldest, SimTime as_of,
                                         Usable usable) const;

  const BackupPlan& plan_;
  CopyQueue* queue_ = nullptr;
  int database_ = 0;
  std::vector<std::pair<SimTime, SimTime>> failure_windows_;
  // Keys of the streams "<stream>/snapshot-duration", "<stream>/corruption" and, by copy
  // destination, "<stream>/copy/<region>" (see sim::Rng::for_keyed).
  uint64_t duration_key_ = 0, corruption_key_ = 0;
  std::vector<uint64_t> copy_keys_;
  // The names of those streams, hashed when `stream` was last a different one: a worker's
  // catalog restarts with the same stream every trial.
  std::optional<uint64_t> stream_hash_;
  sim::StreamName duration_name_{""}, corruption_name_{""};
  std::vector<sim::StreamName> copy_names_;
};

}  // namespace drsim::models::backup
