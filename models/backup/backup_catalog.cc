// Backup schedule arithmetic and keyed per-snapshot randomness.
#include "models/backup/backup_catalog.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"

namespace drsim::models::backup {
BackupPlan make_backup_plan(const scenario::BackupSpec& spec, std::optional<double> size_bytes,
                            const std::vector<int>& copy_regions, int64_t start_epoch_s) {
  BackupPlan p;
  if (spec.snapshot) {
    p.every = spec.snapshot->every;
    p.retention = spec.snapshot->retention;
    p.snapshot_duration = spec.snapshot->duration;
    if (spec.snapshot->at) {
      // Snapshots at `at` UTC every `every`: the first one at or after the trial start.
      const int64_t start_tod_us = (start_epoch_s % 86400) * 1'000'000;
      const int64_t every_us = p.every->count_us();
      const int64_t offset = spec.snapshot->at->count_us() - start_tod_us;
      p.phase = Duration::micros(((offset % every_us) + every_us) % every_us);
    }
  }
  p.log_upload = spec.log_upload;
  p.copy_regions = copy_regions;
  p.copy_delay = spec.copy_delay;
  p.copy_logs = spec.copy_logs;
  if (spec.restore) {
    p.restore_base = spec.restore->base;
    p.restore_rate_bytes_per_s = spec.restore->rate_bytes_per_s;
    p.replay_speed = spec.restore->replay_speed;
  }
  p.size_bytes = size_bytes.value_or(0);
  p.verify_every = spec.verify_every;
  p.silent_corruption = spec.silent_corruption;
  return p;
}

BackupCatalog::BackupCatalog(const BackupPlan& plan, uint64_t seed, uint64_t trial,
                             sim::StreamName stream)
    : plan_(plan) {
  restart(seed, trial, stream);
}

void BackupCatalog::restart(uint64_t seed, uint64_t trial, sim::StreamName stream) {
  queue_ = nullptr;
  database_ = 0;
  failure_windows_.clear();
  if (stream_hash_ != stream.hash()) {
    stream_hash_ = stream.hash();
    duration_name_ = stream.then("/snapshot-duration");
    corruption_name_ = stream.then("/corruption");
    const sim::StreamName copy = stream.then("/copy/");
    copy_names_.clear();
    for (int region : plan_.copy_regions) copy_names_.push_back(copy.then(std::to_string(region)));
  }
  duration_key_ = sim::Rng::stream_key(seed, trial, duration_name_);
  corruption_key_ = sim::Rng::stream_key(seed, trial, corruption_name_);
  copy_keys_.clear();
  for (const sim::StreamName& name : copy_names_) {
    copy_keys_.push_back(sim::Rng::stream_key(seed, trial, name));
  }
}

SimTime BackupCatalog::snapshot_time(int64_t k) const {
  return SimTime::from_micros(plan_.phase.count_us() + k * plan_.every->count_us());
}

SimTime BackupCatalog::snapshot_complete(int64_t k) const {
  if (!plan_.snapshot_duration) return snapshot_time(k);
  // Each keyed stream gives one number: its first.
  return snapshot_time(k) + plan_.snapshot_duration->sample_of(
                                sim::Rng::first_of_keyed(duration_key_, static_cast<uint64_t>(k)));
}

bool BackupCatalog::is_corrupt(int64_t k, SimTime as_of) const {
  if (plan_.silent_corruption <= 0) return false;
  const uint64_t draw = sim::Rng::first_of_keyed(corruption_key_, static_cast<uint64_t>(k));
  if (sim::Rng::uniform01(draw) >= plan_.silent_corruption) return false;
  if (plan_.verify_every) {
    // A restore test at j * verify_every checks the newest complete snapshot and repairs it.
    const int64_t v = plan_.verify_every->count_us();
    // It stays the newest until the next snapshot that was actually taken completes.
    int64_t next = k + 1;
    while (is_skipped(next)) ++next;
    const int64_t from = snapshot_complete(k).count_us();
    const int64_t until = snapshot_complete(next).count_us();
    const int64_t first_test = (from >= 0 ? (from + v - 1) / v : floor_div(from, v) + 1) * v;
    if (first_test < until && first_test <= as_of.count_us()) return false;
  }
  return true;
}

Duration BackupCatalog::copy_duration(int64_t k, size_t dest) const {
  if (!plan_.copy_delay) return Duration();
  return plan_.copy_delay->sample_of(
      sim::Rng::first_of_keyed(copy_keys_[dest], static_cast<uint64_t>(k)));
}

SimTime BackupCatalog::copy_arrival(int64_t k, size_t dest) const {
  if (queue_) return queue_->arrival(database_, dest, k);
  return snapshot_complete(k) + copy_duration(k, dest);
}

bool BackupCatalog::copy_arrived_by(int64_t k, size_t dest, SimTime t) const {
  if (queue_) return queue_->arrived_by(database_, dest, k, t);
  return copy_arrival(k, dest) <= t;
}

void BackupCatalog::attach(CopyQueue& queue, int database) {
  queue_ = &queue;
  database_ = database;
  queue.add_source(database, *this);
}

std::optional<int64_t> BackupCatalog::newest_at_or_before(SimTime t) const {
  if (!plan_.every) return std::nullopt;
  return floor_div(t.count_us() - plan_.phase.count_us(), plan_.every->count_us());
}

std::optional<SimTime> BackupCatalog::newest_snapshot_time(SimTime target) const {
  const std::optional<int64_t> k = newest_at_or_before(target);
  if (!k) return std::nullopt;
  return snapshot_time(*k);
}

void BackupCatalog::add_failure_window(SimTime from, std::optional<SimTime> until) {
  if (!plan_.every) return;
  if (!until) {
    const int64_t k = *newest_at_or_before(from + Duration::micros(-1)) + 1;
    until = snapshot_time(k) + Duration::micros(1);
  }
  failure_windows_.emplace_back(from, *until);
}

bool BackupCatalog::is_skipped(int64_t k) const {
  const SimTime t = snapshot_time(k);
  for (const auto& [from, until] : failure_windows_) {
    if (t >= from && t < until) return true;
  }
  return false;
}

template <class Usable>
std::optional<RecoveryPoint> BackupCatalog::walk_back(int64_t k, SimTime oldest, SimTime as_of,
                                                      Usable usable) const {
  RecoveryPoint rp;
  // Bounded by the retention window: at most retention / every + 2 snapshots.
  const int64_t limit = plan_.retention.count_us() / plan_.every->count_us() + 2;
  for (int64_t i = 0; i < limit && snapshot_time(k) >= oldest; ++i, --k) {
    if (is_skipped(k) || !usable(k)) continue;
    if (is_corrupt(k, as_of)) {
      ++rp.corrupt_attempts;
      continue;
    }
    rp.snapshot = k;
    rp.point = snapshot_time(k);
    return rp;
  }
  return std::nullopt;
}

std::optional<RecoveryPoint> BackupCatalog::home_point(SimTime target, SimTime uploads_until,
                                                       SimTime now) const {
  const std::optional<int64_t> newest = newest_at_or_before(target);
  if (!newest) return std::nullopt;
  const SimTime oldest = now + Duration::micros(-plan_.retention.count_us());
  std::optional<RecoveryPoint> rp =
      walk_back(*newest, oldest, now, [&](int64_t k) { return snapshot_complete(k) <= now; });
  if (!rp || !plan_.log_upload) return rp;
  // PITR: the base snapshot plus the logs, up to the target or the last upload.
  const int64_t l = plan_.log_upload->count_us();
  const SimTime last_log = std::min(
      target, SimTime::from_micros(floor_div(std::min(uploads_until, now).count_us(), l) * l));
  if (last_log > rp->point) {
    rp->point = last_log;
    rp->via_logs = true;
  }
  return rp;
}

std::optional<RecoveryPoint> BackupCatalog::copy_point(size_t dest, SimTime target,
                                                       SimTime uploads_until, SimTime arrived_by,
                                                       SimTime logs_by) const {
  const std::optional<int64_t> newest = newest_at_or_before(target);
  if (!newest) return std::nullopt;
  const SimTime oldest = arrived_by + Duration::micros(-plan_.retention.count_us());
  std::optional<RecoveryPoint> rp = walk_back(
      *newest, oldest, arrived_by, [&](int64_t k) { return copy_arrived_by(k, dest, arrived_by); });
  if (!rp || !plan_.copy_logs || !plan_.log_upload) return rp;
  // Copied logs trail the uploads by one upload interval.
  const int64_t l = plan_.log_upload->count_us();
  const int64_t newest_copied =
      std::min(uploads_until.count_us(), std::min(arrived_by, logs_by).count_us() - l);
  const SimTime last_log =
      std::min(target, SimTime::from_micros(floor_div(newest_copied, l) * l));
  if (last_log > rp->point) {
    rp->point = last_log;
    rp->via_logs = true;
  }
  return rp;
}

Duration BackupCatalog::restore_duration(sim::Rng& rng) const {
  Duration d = plan_.restore_base.sample(rng);
  if (plan_.restore_rate_bytes_per_s > 0) {
    d += Duration::from_seconds(plan_.size_bytes / plan_.restore_rate_bytes_per_s);
  }
  return d;
}

Duration BackupCatalog::replay_duration(const RecoveryPoint& rp) const {
  if (!rp.via_logs || !rp.snapshot) return Duration();
  const Duration window = rp.point - snapshot_time(*rp.snapshot);
  return Duration::from_seconds(window.in_seconds() / plan_.replay_speed);
}

Duration BackupCatalog::restore_duration_p95() const { return restore_duration_quantile(0.95); }

Duration BackupCatalog::restore_duration_quantile(double q) const {
  Duration d = Duration::from_seconds(plan_.restore_base.quantile_s(q));
  if (plan_.restore_rate_bytes_per_s > 0) {
    d += Duration::from_seconds(plan_.size_bytes / plan_.restore_rate_bytes_per_s);
  }
  return d;
}

}  // namespace drsim::models::backup
