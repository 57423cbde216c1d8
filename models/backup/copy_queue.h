// CopyQueue: the cross-region snapshot copies of one trial, queued per destination region. At
// most `limit` copies are in flight to a destination at once (AWS allows 20 per destination
// region and account, aws-facts §1.5); the others wait in order of request (the snapshot's
// completion), then of database index. A copy in flight takes the source's `copy_delay`.
//
// Like the catalog, the queue is computed on demand rather than simulated: the requests to a
// destination made in block b = [bW, (b+1)W) are served from a queue assumed empty at (b-1)W,
// where W is the longest snapshot interval among the sources copying there (at least a day).
// The answer is exact whenever the queue drains within W, which it does unless copies take
// longer than the snapshot interval. A block's requests are listed when it is first asked
// about, and its queue is worked out only as far as the latest request asked about so far:
// serving a request needs only the requests ahead of it, so the answers are the same whatever
// the order of the questions.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "sim/time.h"

namespace drsim::models::backup {

class BackupCatalog;

class CopyQueue {
 public:
  CopyQueue(int limit, int region_count);

  // Registers a database's catalog: each of its copy regions queues through here. The catalog
  // must outlive the queue's use.
  void add_source(int database, const BackupCatalog& catalog);
  // When snapshot k of `database` is usable in its copy_regions[dest].
  // REQUIRES: the database was added, and snapshot k is not skipped.
  sim::SimTime arrival(int database, size_t dest, int64_t k);

 private:
  // One copy request: snapshot k of the source sources[source] of a destination.
  struct Request {
    sim::SimTime requested;  // the snapshot's completion
    // The source index in the high half and k in the low half (offset to be unsigned), so that
    // with the sources in database order, (requested, order) is the queue order.
    uint64_t order = 0;
    sim::SimTime arrives;  // set once served

    friend bool operator<(const Request& a, const Request& b) {
      return a.requested != b.requested ? a.requested < b.requested : a.order < b.order;
    }
  };
  static uint64_t request_order(size_t source, int64_t k);
  static size_t source_of(const Request& r) { return static_cast<size_t>(r.order >> 32); }
  static int64_t snapshot_of(const Request& r);

  // The requests to one destination made in [(b-1)W, (b+1)W), in queue order; the first
  // `served` have their arrival. `free_at` is a min-heap of when each copy slot is next free.
  struct Block {
    std::vector<Request> requests;
    size_t served = 0;
    std::vector<sim::SimTime> free_at;
  };
  struct Source {
    int database = 0;
    size_t dest = 0;  // index into the catalog's copy_regions
    const BackupCatalog* catalog = nullptr;
  };
  struct Destination {
    std::vector<Source> sources;                        // by database index
    sim::Duration lookback = sim::Duration::hours(24);  // W
    std::map<int64_t, Block> blocks;                    // by b, listed on first use
    size_t listed_last = 0;  // requests in the block listed last (the next has about as many)
  };

  // Block b of `to`, its requests listed on first use.
  Block& block(Destination& to, int64_t b);
  // Serves the block's requests in queue order up to and including requests[i].
  void serve_through(const Destination& to, Block& block, size_t i) const;

  int limit_;
  std::vector<Destination> destinations_;         // by region
  std::vector<const BackupCatalog*> catalog_of_;  // by database index; null: not added
};

}  // namespace drsim::models::backup
