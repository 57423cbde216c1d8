// The per-destination queue of cross-region snapshot copies.
#include "models/backup/copy_queue.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <tuple>

#include "models/backup/backup_catalog.h"
#include "sim/check.h"

namespace drsim::models::backup {
CopyQueue::CopyQueue(int limit, int region_count)
    : limit_(limit),
      sources_(static_cast<size_t>(region_count)),
      lookback_(static_cast<size_t>(region_count), sim::Duration::hours(24)),
      computed_blocks_(static_cast<size_t>(region_count)) {
  DRSIM_CHECK(limit >= 1) << "a copy queue needs at least one copy in flight";
}

void CopyQueue::add_source(int database, const BackupCatalog& catalog) {
  const BackupPlan& plan = catalog.plan();
  if (!plan.every) return;
  for (size_t d = 0; d < plan.copy_regions.size(); ++d) {
    const auto r = static_cast<size_t>(plan.copy_regions[d]);
    sources_[r].push_back({database, d, &catalog});
    source_of_.emplace(key(database, d, 0), std::pair(static_cast<int>(r), &catalog));
    lookback_[r] = std::max(lookback_[r], *plan.every);
  }
}

uint64_t CopyQueue::key(int database, size_t dest, int64_t k) {
  // 24 bits of database, 8 of destination, 32 of snapshot index (k is small in magnitude).
  return (static_cast<uint64_t>(database) << 40) | (static_cast<uint64_t>(dest) << 32) |
         static_cast<uint32_t>(static_cast<int32_t>(k));
}

sim::SimTime CopyQueue::arrival(int database, size_t dest, int64_t k) {
  if (const auto it = arrivals_.find(key(database, dest, k)); it != arrivals_.end()) {
    return it->second;
  }
  const auto source = source_of_.find(key(database, dest, 0));
  DRSIM_CHECK(source != source_of_.end())
      << "database " << database << " copies nothing to destination " << dest;
  const auto [region, catalog] = source->second;
  const int64_t w = lookback_[static_cast<size_t>(region)].count_us();
  compute_block(region, floor_div(catalog->snapshot_complete(k).count_us(), w));
  const auto it = arrivals_.find(key(database, dest, k));
  DRSIM_CHECK(it != arrivals_.end()) << "snapshot " << k << " missing from its copy block";
  return it->second;
}

void CopyQueue::compute_block(int region, int64_t block) {
  if (!computed_blocks_[static_cast<size_t>(region)].insert(block).second) return;
  const int64_t w = lookback_[static_cast<size_t>(region)].count_us();
  const sim::SimTime from = sim::SimTime::from_micros((block - 1) * w);
  const sim::SimTime keep_from = sim::SimTime::from_micros(block * w);
  const sim::SimTime until = sim::SimTime::from_micros((block + 1) * w);
  // (requested at, database, snapshot, destination index, copy duration)
  using Request = std::tuple<sim::SimTime, int, int64_t, size_t, sim::Duration>;
  std::vector<Request> requests;
  for (const Source& s : sources_[static_cast<size_t>(region)]) {
    const BackupPlan& plan = s.catalog->plan();
    const int64_t every = plan.every->count_us();
    // Snapshots taken up to one interval before `from` may complete inside the window.
    const int64_t first = floor_div(from.count_us() - plan.phase.count_us(), every) - 1;
    const int64_t last = floor_div(until.count_us() - plan.phase.count_us(), every);
    for (int64_t k = first; k <= last; ++k) {
      if (s.catalog->is_skipped(k)) continue;
      const sim::SimTime requested = s.catalog->snapshot_complete(k);
      if (requested < from || requested >= until) continue;
      requests.emplace_back(requested, s.database, k, s.dest, s.catalog->copy_duration(k, s.dest));
    }
  }
  std::sort(requests.begin(), requests.end());
  // When each of the `limit` copy slots is next free.
  std::priority_queue<sim::SimTime, std::vector<sim::SimTime>, std::greater<>> free_at;
  for (int i = 0; i < limit_; ++i) free_at.push(from);
  for (const auto& [requested, database, k, dest, duration] : requests) {
    const sim::SimTime start = std::max(requested, free_at.top());
    free_at.pop();
    const sim::SimTime arrives = start + duration;
    free_at.push(arrives);
    if (requested >= keep_from) arrivals_.emplace(key(database, dest, k), arrives);
  }
}

}  // namespace drsim::models::backup
