// CopyQueue: the cross-region snapshot copies of one trial, queued per destination region. At
// most `limit` copies are in flight to a destination at once (AWS allows 20 per destination
// region and account, aws-facts §1.5); the others wait in order of request (the snapshot's
// completion), then of database index. A copy in flight takes the source's `copy_delay`.
//
// Like the catalog, the queue is computed on demand rather than simulated: the requests to a
// destination made in block b = [bW, (b+1)W) are served from a queue assumed empty at (b-1)W,
// where W is the longest snapshot interval among the sources copying there (at least a day).
// The answer is exact whenever the queue drains within W, which it does unless copies take
// longer than the snapshot interval; each block is computed once per trial and kept.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
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
  sim::SimTime arrival(int database, size_t dest, int64_t k);

 private:
  struct Source {
    int database = 0;
    size_t dest = 0;  // index into the catalog's copy_regions
    const BackupCatalog* catalog = nullptr;
  };
  static uint64_t key(int database, size_t dest, int64_t k);
  void compute_block(int region, int64_t block);

  int limit_;
  std::vector<std::vector<Source>> sources_;  // by destination region
  // (database, dest) -> (destination region, catalog), for arrival().
  std::unordered_map<uint64_t, std::pair<int, const BackupCatalog*>> source_of_;
  std::vector<sim::Duration> lookback_;       // W, by destination region
  std::vector<std::unordered_set<int64_t>> computed_blocks_;
  std::unordered_map<uint64_t, sim::SimTime> arrivals_;
};

}  // namespace drsim::models::backup
