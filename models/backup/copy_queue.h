// CopyQueue: the cross-region snapshot copies of one trial, queued per destination region. At
// most `limit` copies are in flight to a destination at once (AWS allows 20 per destination
// region and account, aws-facts §1.5); the others wait in order of request (the snapshot's
// completion), then of database index. A copy in flight takes the source's `copy_delay` of time
// with the link between the two regions up: it stalls (holding its slot) while either region is
// cut off, and never arrives once its source region is destroyed (topology::Reachability).
//
// Like the catalog, the queue is computed on demand rather than simulated: the requests to a
// destination made in block b = [bW, (b+1)W) are served from a queue assumed empty at (b-1)W,
// where W is the longest snapshot interval among the sources copying there (at least a day).
// The answer is exact whenever the queue drains within W, which it does unless copies take
// longer than the snapshot interval. A block's requests are listed when it is first asked
// about, and its queue is worked out only as far as the latest request asked about so far:
// serving a request needs only the requests ahead of it, so the answers are the same whatever
// the order of the questions. When a region is cut off or reconnected, the answers that it
// could change (copies not yet arrived at that moment) are worked out again.
//
// When no snapshot takes time and every schedule's interval divides W, the requests of block b
// are those of any other block b0 shifted by (b - b0) W, each snapshot index by (b - b0) W /
// interval: the destination lists one block (its pattern) and every other block reads it
// shifted, keeping only which requests a backup failure skips.
//
// A FIFO queue with several slots is monotone in its copy times (Kiefer-Wolfowitz), and fewer
// requests (those a backup failure skips) start no later. So when every copy_delay is bounded,
// serving the pattern once with every copy at its longest copy_delay and no cuts bounds every
// block's answers from above, wherever no region is cut off from the block's start until the
// bound. Two shortcuts follow:
// - A block need not serve all of its first W (the warm-up), only its tail from the pattern's
//   warm start j0 on, from an empty queue, when no region is cut off during the warm-up. j0 is
//   the first request from which every warm-up request starts when made in the bound, every
//   request before j0 having arrived by the warm-up's end: so in the block's queue too, the
//   copies in flight at the end of the warm-up, and every answer in the block's own W, are the
//   same as from the full warm-up.
// - Whether a copy has arrived by t (what a recovery decision asks) needs no serving when its
//   bound says yes, or when the request plus its shortest copy_delay is after t.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "models/topology/reachability.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace drsim::models::backup {

class BackupCatalog;

class CopyQueue {
 public:
  // `reach` (the trial's record of regions cut off; null: never cut) must outlive the queue.
  CopyQueue(int limit, int region_count, const topology::Reachability* reach = nullptr);

  // Registers a database's catalog: each of its copy regions queues through here. The catalog
  // must outlive the queue's use. Registering it again after restart() (the next trial) keeps
  // what the queue derived from its plan and takes only the catalog's keys of this trial.
  // REQUIRES: no copy was asked about since the last restart (or construction), and the
  // database is not registered twice in one trial.
  void add_source(int database, const BackupCatalog& catalog);
  // For the next trial: forgets every answer, and expects every source to be registered again.
  // What depends only on the sources' plans (their schedules, the pattern and its bound) is
  // kept while the same sources come back; a source not registered again is dropped.
  void restart();
  // When snapshot k of `database` is usable in its copy_regions[dest].
  // REQUIRES: the database was added, and snapshot k is not skipped.
  sim::SimTime arrival(int database, size_t dest, int64_t k);
  // Whether arrival(database, dest, k) <= t, served only when the bounds cannot tell.
  // REQUIRES: as arrival().
  bool arrived_by(int database, size_t dest, int64_t k, sim::SimTime t);
  // How many warm-up requests a block of copies to `region` skips (its pattern's warm start j0,
  // see above); 0 until the first block there is listed, or when none can be skipped.
  size_t warm_start(int region) const {
    return destinations_[static_cast<size_t>(region)].warm_start;
  }
  // How many arrived_by() questions were answered by the bounds alone (for tests).
  uint64_t answered_by_bounds() const { return answered_by_bounds_; }

 private:
  // One copy request: snapshot k of the source sources[source] of a destination.
  struct Request {
    sim::SimTime requested;  // the snapshot's completion
    // The source index in the high half and k in the low half (offset to be unsigned), so that
    // with the sources in database order, (requested, order) is the queue order.
    uint64_t order = 0;

    friend bool operator<(const Request& a, const Request& b) {
      return a.requested != b.requested ? a.requested < b.requested : a.order < b.order;
    }
  };
  static uint64_t request_order(size_t source, int64_t k);
  static size_t source_of(const Request& r) { return static_cast<size_t>(r.order >> 32); }
  static int64_t snapshot_of(const Request& r);

  // The requests to one destination made in [(b-1)W, (b+1)W), in queue order: the
  // destination's pattern shifted by `shift` blocks, less the pattern indices in `skipped`
  // (sorted; snapshots a backup failure skipped when the block was listed), or, without a
  // pattern, `own` (skipped ones left out, shift 0). arrives[j] is when request j's copy is
  // usable, for the requests served so far (the first arrives.size()); a skipped one's is unused
  // (the trial's start).
  // `free_at` is a min-heap of when each copy slot is next free.
  struct Block {
    int64_t shift = 0;
    std::vector<Request> own;
    std::vector<uint32_t> skipped;
    std::vector<sim::SimTime> arrives;
    std::vector<sim::SimTime> free_at;
  };
  // What serving a request needs of its source, copied here from the catalog and its plan so
  // that working out a block of hundreds of requests reads one array, not hundreds of catalogs.
  struct Source {
    int database = 0;
    size_t dest = 0;  // index into the catalog's copy_regions
    const BackupCatalog* catalog = nullptr;
    int region = 0;  // where its snapshots are taken
    uint64_t copy_key = 0;                          // catalog->copy_key(dest)
    const sim::Distribution* copy_delay = nullptr;  // the plan's copy_delay; null: none
    sim::Duration shortest;                         // no copy takes less (lower_bound())
    std::optional<sim::Duration> longest;           // nor more (upper_bound()); none: unbounded
    int64_t phase_us = 0, every_us = 0;             // the snapshot schedule
    bool timed = false;  // snapshots take time (snapshot_duration): completion is drawn
    int64_t per_block = 0;  // snapshots per block of W, when the destination has a pattern
    uint64_t trial = 0;     // the queue's trial_ when it was registered last
  };
  // Sources whose snapshots complete when taken, on one schedule: their requests to a
  // destination are made at the same instants.
  struct Schedule {
    int64_t phase_us = 0, every_us = 0;
    std::vector<uint32_t> sources;  // indices into Destination::sources, increasing
  };
  struct Destination {
    std::vector<Source> sources;                        // by database index
    // The schedules, the pattern, its bound and the sources' per_block are worked out from the
    // sources (find_schedules), once for as long as the same sources are registered.
    bool derived = false;
    uint64_t checked = 0;  // the trial_ whose stale sources were dropped (destination_of)
    // Set when the first block is listed: the sources by schedule, when no snapshot takes time
    // (else empty, and blocks are listed by sorting).
    std::vector<Schedule> schedules;
    sim::Duration lookback = sim::Duration::hours(24);  // W
    std::map<int64_t, Block> blocks;                    // by b, listed on first use
    size_t listed_last = 0;  // requests in the block listed last (the next has about as many)
    // Set with the schedules when every interval divides W: the requests of block pattern_b,
    // none skipped (listed with the first block).
    bool periodic = false;
    std::optional<int64_t> pattern_b;
    std::vector<Request> pattern;
    size_t warm_start = 0;  // j0 (0: serve the whole warm-up), found with the pattern
    // By pattern request: its arrival in the bound, without cuts; empty when some copy_delay is
    // unbounded.
    std::vector<sim::SimTime> upper;
  };
  // The requests `block` reads, shifted by its `shift`.
  static const std::vector<Request>& requests_of(const Destination& to, const Block& block) {
    return to.periodic ? to.pattern : block.own;
  }

  // Block b of `to`, its requests listed on first use.
  Block& block(Destination& to, int64_t b);
  // Groups the sources of `to` by schedule (Destination::schedules), once all are added, and
  // forgets the pattern of the sources before. Sets `derived`.
  static void find_schedules(Destination& to);
  // Lists the requests made in [from, until) to `to` in queue order, from its schedules; with
  // `skip`, without the snapshots a backup failure skips.
  void list_by_schedule(const Destination& to, sim::SimTime from, sim::SimTime until, bool skip,
                        std::vector<Request>& out);
  // Serves the pattern in the bound (see above): sets `upper` and `warm_start` (0 when some
  // copy_delay is unbounded or no request qualifies). REQUIRES: the pattern is listed.
  void bound_pattern(Destination& to) const;
  // The destination of `database`'s copies to its copy_regions[dest], and its source index there.
  std::pair<Destination*, size_t> destination_of(int database, size_t dest);
  // Serves the block's requests in queue order up to and including request i.
  void serve_through(int region, const Destination& to, Block& block, size_t i) const;
  // After the Reachability changed: blocks holding a copy not yet arrived at the change are
  // served again from their start.
  void follow_reachability();

  int limit_;
  const topology::Reachability* reach_;
  uint64_t reach_version_ = 0;  // the Reachability's version the served answers reflect
  uint64_t trial_ = 0;          // counts restart()s
  std::vector<Destination> destinations_;         // by region
  std::vector<const BackupCatalog*> catalog_of_;  // by database index; null: not added
  // list_by_schedule's scratch: (instant, schedule) pairs, and sources merged across schedules.
  std::vector<std::pair<int64_t, uint32_t>> instants_;
  std::vector<uint32_t> merged_, merging_;
  uint64_t answered_by_bounds_ = 0;
};

}  // namespace drsim::models::backup
