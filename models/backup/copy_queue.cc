// The per-destination queue of cross-region snapshot copies.
#include "models/backup/copy_queue.h"

#include <algorithm>

#include "models/backup/backup_catalog.h"
#include "sim/check.h"
#include "sim/rng.h"
#include "sim/slots.h"

namespace drsim::models::backup {
namespace {

// Snapshot indices are stored offset by this, in 32 bits.
constexpr int64_t kSnapshotOffset = int64_t{1} << 31;

}  // namespace

CopyQueue::CopyQueue(int limit, int region_count, const topology::Reachability* reach)
    : limit_(limit), reach_(reach), destinations_(static_cast<size_t>(region_count)) {
  DRSIM_CHECK(limit >= 1) << "a copy queue needs at least one copy in flight";
}

void CopyQueue::add_source(int database, const BackupCatalog& catalog) {
  const BackupPlan& plan = catalog.plan();
  if (!plan.every) return;
  DRSIM_CHECK(database >= 0) << "database index " << database;
  const auto d = static_cast<size_t>(database);
  if (catalog_of_.size() <= d) catalog_of_.resize(d + 1);
  catalog_of_[d] = &catalog;
  for (size_t dest = 0; dest < plan.copy_regions.size(); ++dest) {
    Destination& to = destinations_[static_cast<size_t>(plan.copy_regions[dest])];
    // Requests name their source by its index, so the sources are complete before any block
    // is listed; keeping them in database order makes the index break ties as the database.
    DRSIM_CHECK(to.blocks.empty()) << "database " << database << " added after the first copy";
    const auto at = std::lower_bound(to.sources.begin(), to.sources.end(), database,
                                     [](const Source& s, int db) { return s.database < db; });
    if (at != to.sources.end() && at->database == database) {
      DRSIM_CHECK(at->trial != trial_)
          << "database " << database << " copies to region " << plan.copy_regions[dest] << " twice";
      // Registered in an earlier trial: the same plan, so only this trial's key changes.
      DRSIM_CHECK(at->catalog == &catalog && at->dest == dest)
          << "database " << database << " comes back with another catalog";
      at->copy_key = catalog.copy_key(dest);
      at->trial = trial_;
      continue;
    }
    to.sources.insert(at, {database, dest, &catalog, plan.region, catalog.copy_key(dest),
                           plan.copy_delay ? &*plan.copy_delay : nullptr,
                           plan.copy_delay ? plan.copy_delay->lower_bound() : sim::Duration(),
                           plan.copy_delay ? plan.copy_delay->upper_bound() : sim::Duration(),
                           plan.phase.count_us(), plan.every->count_us(),
                           plan.snapshot_duration.has_value(), 0, trial_});
    to.derived = false;
    to.lookback = std::max(to.lookback, *plan.every);
  }
}

void CopyQueue::restart() {
  ++trial_;
  reach_version_ = 0;
  answered_by_bounds_ = 0;
  std::fill(catalog_of_.begin(), catalog_of_.end(), nullptr);
  for (Destination& to : destinations_) to.blocks.clear();
}

uint64_t CopyQueue::request_order(size_t source, int64_t k) {
  DRSIM_CHECK(k >= -kSnapshotOffset && k < kSnapshotOffset) << "snapshot index " << k;
  return (static_cast<uint64_t>(source) << 32) | static_cast<uint64_t>(k + kSnapshotOffset);
}

int64_t CopyQueue::snapshot_of(const Request& r) {
  return static_cast<int64_t>(r.order & 0xffffffffu) - kSnapshotOffset;
}

std::pair<CopyQueue::Destination*, size_t> CopyQueue::destination_of(int database, size_t dest) {
  const auto d = static_cast<size_t>(database);
  const BackupCatalog* catalog = d < catalog_of_.size() ? catalog_of_[d] : nullptr;
  DRSIM_CHECK(catalog && dest < catalog->plan().copy_regions.size())
      << "database " << database << " copies nothing to destination " << dest;
  Destination& to = destinations_[static_cast<size_t>(catalog->plan().copy_regions[dest])];
  if (to.checked != trial_) {
    // The first question of the trial: sources not registered again since restart() are gone.
    to.checked = trial_;
    const auto stale = std::remove_if(to.sources.begin(), to.sources.end(),
                                      [this](const Source& s) { return s.trial != trial_; });
    if (stale != to.sources.end()) {
      to.sources.erase(stale, to.sources.end());
      to.derived = false;
    }
  }
  const auto source = std::lower_bound(to.sources.begin(), to.sources.end(), database,
                                       [](const Source& s, int db) { return s.database < db; });
  if (!to.derived) find_schedules(to);
  return {&to, static_cast<size_t>(source - to.sources.begin())};
}

bool CopyQueue::arrived_by(int database, size_t dest, int64_t k, sim::SimTime t) {
  const auto [to, from] = destination_of(database, dest);
  const Source& source = to->sources[from];
  const sim::SimTime requested = source.catalog->snapshot_complete(k);
  // Cuts only delay a copy: it takes at least its shortest copy_delay once requested.
  if (requested + source.shortest > t) {
    ++answered_by_bounds_;
    return false;
  }
  const int64_t w = to->lookback.count_us();
  const int64_t b = floor_div(requested.count_us(), w);
  if (to->periodic && to->pattern_b && !to->upper.empty()) {
    const int64_t shift = b - *to->pattern_b;
    const Request asked{requested + sim::Duration::micros(-shift * w),
                        request_order(from, k - shift * source.per_block)};
    const auto it = std::lower_bound(to->pattern.begin(), to->pattern.end(), asked);
    DRSIM_CHECK(it != to->pattern.end() && !(asked < *it))
        << "snapshot " << k << " of database " << database << " missing from its copy pattern";
    const sim::SimTime upper =
        to->upper[static_cast<size_t>(it - to->pattern.begin())] + sim::Duration::micros(shift * w);
    if (upper <= t &&
        (!reach_ || !reach_->any_cut_during(sim::SimTime::from_micros((b - 1) * w), upper))) {
      ++answered_by_bounds_;
      return true;
    }
  }
  return arrival(database, dest, k) <= t;
}

sim::SimTime CopyQueue::arrival(int database, size_t dest, int64_t k) {
  follow_reachability();
  const auto [to_pointer, from] = destination_of(database, dest);
  Destination& to = *to_pointer;
  const Source& source = to.sources[from];
  const int region = source.catalog->plan().copy_regions[dest];
  const sim::SimTime requested = source.catalog->snapshot_complete(k);
  Block& b = block(to, floor_div(requested.count_us(), to.lookback.count_us()));
  // The request as the block's list holds it: shifted back to the pattern's block.
  const Request asked{requested + sim::Duration::micros(-b.shift * to.lookback.count_us()),
                      request_order(from, k - b.shift * source.per_block)};
  const std::vector<Request>& requests = requests_of(to, b);
  const auto it = std::lower_bound(requests.begin(), requests.end(), asked);
  const auto i = static_cast<size_t>(it - requests.begin());
  DRSIM_CHECK(it != requests.end() && !(asked < *it) &&
              !std::binary_search(b.skipped.begin(), b.skipped.end(), i))
      << "snapshot " << k << " of database " << database << " missing from its copy block";
  serve_through(region, to, b, i);
  return b.arrives[i];
}

void CopyQueue::follow_reachability() {
  if (reach_ == nullptr || reach_->version() == reach_version_) return;
  // Copies that had arrived before the first change are what they were; any later answer may
  // move (a copy in flight stalls, or a stall ends), and with it the slots after it.
  const sim::SimTime changed = reach_->change_time(reach_version_);
  reach_version_ = reach_->version();
  for (Destination& to : destinations_) {
    for (auto& [b, block] : to.blocks) {
      const bool affected = std::any_of(block.arrives.begin(), block.arrives.end(),
                                        [&](sim::SimTime arrives) { return arrives > changed; });
      if (!affected) continue;
      block.arrives.clear();
      block.free_at.assign(block.free_at.size(), sim::SimTime::from_micros((b - 1) * to.lookback.count_us()));
    }
  }
}

CopyQueue::Block& CopyQueue::block(Destination& to, int64_t b) {
  const auto [it, listed_now] = to.blocks.try_emplace(b);
  Block& block = it->second;
  if (!listed_now) return block;
  // The requests are listed now, once: a backup failure added later does not change them.
  const int64_t w = to.lookback.count_us();
  const sim::SimTime from = sim::SimTime::from_micros((b - 1) * w);
  const sim::SimTime until = sim::SimTime::from_micros((b + 1) * w);
  block.free_at.assign(static_cast<size_t>(limit_), from);
  if (to.periodic) {
    if (!to.pattern_b) {
      list_by_schedule(to, from, until, false, to.pattern);
      to.pattern_b = b;
      bound_pattern(to);
    }
    block.shift = b - *to.pattern_b;
    block.arrives.reserve(to.pattern.size());
    const bool any_skip = std::any_of(to.sources.begin(), to.sources.end(), [](const Source& s) {
      return s.catalog->has_failure_windows();
    });
    if (!any_skip) return block;
    for (size_t j = 0; j < to.pattern.size(); ++j) {
      const Request& r = to.pattern[j];
      const Source& s = to.sources[source_of(r)];
      if (s.catalog->has_failure_windows() &&
          s.catalog->is_skipped(snapshot_of(r) + block.shift * s.per_block)) {
        block.skipped.push_back(static_cast<uint32_t>(j));
      }
    }
    return block;
  }
  block.own.reserve(to.listed_last);
  if (!to.schedules.empty()) {
    list_by_schedule(to, from, until, true, block.own);
    to.listed_last = block.own.size();
    return block;
  }
  for (size_t source = 0; source < to.sources.size(); ++source) {
    const Source& s = to.sources[source];
    const int64_t every = s.every_us;
    // Snapshots taken up to one interval before `from` may complete inside the window; without
    // a snapshot duration, exactly those taken inside it complete there.
    const int64_t first = s.timed ? floor_div(from.count_us() - s.phase_us, every) - 1
                                  : floor_div(from.count_us() - s.phase_us - 1, every) + 1;
    const int64_t last = s.timed ? floor_div(until.count_us() - s.phase_us, every)
                                 : floor_div(until.count_us() - s.phase_us - 1, every);
    if (!s.timed && !s.catalog->has_failure_windows()) {
      // Every snapshot is taken, and completes when it is taken: inside the window by `first`.
      for (int64_t k = first; k <= last; ++k) {
        block.own.push_back(
            {sim::SimTime::from_micros(s.phase_us + k * every), request_order(source, k)});
      }
      continue;
    }
    for (int64_t k = first; k <= last; ++k) {
      if (s.catalog->is_skipped(k)) continue;
      const sim::SimTime requested = s.catalog->snapshot_complete(k);
      if (requested < from || requested >= until) continue;
      block.own.push_back({requested, request_order(source, k)});
    }
  }
  // Into queue order: by time, then source and snapshot. No two requests share (time, order), so
  // an unstable sort gives the one order, without the temporary buffer a stable sort allocates.
  std::sort(block.own.begin(), block.own.end());
  to.listed_last = block.own.size();
  block.arrives.reserve(block.own.size());
  return block;
}

void CopyQueue::find_schedules(Destination& to) {
  to.derived = true;
  to.schedules.clear();
  to.periodic = false;
  to.pattern_b.reset();
  to.pattern.clear();
  to.warm_start = 0;
  to.upper.clear();
  for (uint32_t i = 0; i < to.sources.size(); ++i) {
    const Source& s = to.sources[i];
    if (s.timed) {
      to.schedules.clear();  // a completion is drawn: only sorting finds the order
      return;
    }
    auto it = std::find_if(to.schedules.begin(), to.schedules.end(), [&](const Schedule& g) {
      return g.phase_us == s.phase_us && g.every_us == s.every_us;
    });
    if (it == to.schedules.end()) {
      to.schedules.push_back({s.phase_us, s.every_us, {}});
      it = to.schedules.end() - 1;
    }
    it->sources.push_back(i);
  }
  const int64_t w = to.lookback.count_us();
  to.periodic =
      !to.schedules.empty() && std::all_of(to.schedules.begin(), to.schedules.end(),
                                           [w](const Schedule& g) { return w % g.every_us == 0; });
  if (!to.periodic) return;
  for (Source& s : to.sources) s.per_block = w / s.every_us;
}

void CopyQueue::list_by_schedule(const Destination& to, sim::SimTime from, sim::SimTime until,
                                 bool skip, std::vector<Request>& out) {
  // Every instant in [from, until) at which a schedule takes snapshots: a handful (two nightly
  // batches, or 48 hourly ones), so sorting them costs little.
  instants_.clear();
  for (uint32_t g = 0; g < to.schedules.size(); ++g) {
    const Schedule& s = to.schedules[g];
    const int64_t first = floor_div(from.count_us() - s.phase_us - 1, s.every_us) + 1;
    const int64_t last = floor_div(until.count_us() - s.phase_us - 1, s.every_us);
    for (int64_t k = first; k <= last; ++k) instants_.emplace_back(s.phase_us + k * s.every_us, g);
  }
  std::sort(instants_.begin(), instants_.end());
  // At each instant, the sources of the schedules due then, in source order (the queue order).
  for (size_t i = 0; i < instants_.size();) {
    const int64_t at = instants_[i].first;
    size_t j = i;
    merged_.clear();
    for (; j < instants_.size() && instants_[j].first == at; ++j) {
      const std::vector<uint32_t>& sources = to.schedules[instants_[j].second].sources;
      merging_.resize(merged_.size() + sources.size());
      std::merge(merged_.begin(), merged_.end(), sources.begin(), sources.end(), merging_.begin());
      merged_.swap(merging_);
    }
    i = j;
    for (uint32_t source : merged_) {
      const Source& s = to.sources[source];
      const int64_t k = (at - s.phase_us) / s.every_us;  // exact: `at` is on its schedule
      if (skip && s.catalog->has_failure_windows() && s.catalog->is_skipped(k)) continue;
      out.push_back({sim::SimTime::from_micros(at), request_order(source, k)});
    }
  }
}

void CopyQueue::bound_pattern(Destination& to) const {
  to.upper.clear();
  to.warm_start = 0;
  const int64_t w = to.lookback.count_us();
  const sim::SimTime end = sim::SimTime::from_micros(*to.pattern_b * w);  // of the warm-up
  std::vector<sim::SimTime> free_at(static_cast<size_t>(limit_), end + sim::Duration::micros(-w));
  std::vector<sim::SimTime> upper;
  upper.reserve(to.pattern.size());
  size_t warm = 0;            // the warm-up's requests
  size_t waited_through = 0;  // one past the last warm-up request that waited for a slot
  size_t gone_before = 0;     // the largest j such that requests [0, j) all arrived by `end`
  sim::SimTime latest;        // the latest arrival of the warm-up requests so far
  for (const Request& r : to.pattern) {
    const std::optional<sim::Duration>& longest = to.sources[source_of(r)].longest;
    if (!longest) return;
    const bool warming = r.requested < end;
    if (warming) {
      if (latest <= end) gone_before = warm;
      if (free_at[0] > r.requested) waited_through = warm + 1;
    }
    const sim::SimTime arrives = std::max(r.requested, free_at[0]) + *longest;
    sim::take_earliest_slot(free_at, arrives);
    upper.push_back(arrives);
    if (warming) {
      latest = std::max(latest, arrives);
      ++warm;
    }
  }
  if (latest <= end) gone_before = warm;
  to.upper = std::move(upper);
  to.warm_start = gone_before >= waited_through ? gone_before : 0;
}

void CopyQueue::serve_through(int region, const Destination& to, Block& block, size_t i) const {
  const std::vector<Request>& requests = requests_of(to, block);
  std::vector<sim::SimTime>& free_at = block.free_at;
  const int64_t w = to.lookback.count_us();
  const sim::Duration shift_time = sim::Duration::micros(block.shift * w);
  if (block.arrives.empty() && to.warm_start > 0) {
    // The block's own W starts at b W, its warm-up one W before (b = pattern_b + shift).
    const sim::SimTime own = sim::SimTime::from_micros((*to.pattern_b + block.shift) * w);
    if (!reach_ || !reach_->any_cut_during(own + sim::Duration::micros(-w), own)) {
      block.arrives.assign(to.warm_start, sim::SimTime());  // never asked about
    }
  }
  auto skip = std::lower_bound(block.skipped.begin(), block.skipped.end(), block.arrives.size());
  for (size_t j = block.arrives.size(); j <= i; ++j) {
    if (skip != block.skipped.end() && *skip == j) {
      ++skip;
      block.arrives.push_back(sim::SimTime());  // not copied: never asked about
      continue;
    }
    const Request& r = requests[j];
    const Source& source = to.sources[source_of(r)];
    const int64_t k = snapshot_of(r) + block.shift * source.per_block;
    // The earliest free slot takes the next request and is busy until its copy arrives.
    const sim::SimTime start = std::max(r.requested + shift_time, free_at[0]);
    const sim::Duration work = source.copy_delay
                                   ? source.copy_delay->sample_of(sim::Rng::first_of_keyed(
                                         source.copy_key, static_cast<uint64_t>(k)))
                                   : sim::Duration();
    const sim::SimTime arrives =
        reach_ ? reach_->transfer_end(source.region, region, start, work) : start + work;
    sim::take_earliest_slot(free_at, arrives);
    block.arrives.push_back(arrives);
  }
}

}  // namespace drsim::models::backup
