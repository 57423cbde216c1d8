// Reachability: when each region of one trial was cut off — unreachable in a region outage or
// a disaster, or isolated by a network partition — so that whatever replicates between two
// regions (replica streams, snapshot copies, shipped logs, object replication) knows when it was
// stalled; and which AZs are dark now, so that a model placing an instance need not follow every
// AZ of a region it may move to. AzState writes it as faults begin and end; the models read it.
// Plain data, one per trial.
//
// The link between regions a and b is cut while a or b is cut off. A destroyed region stays cut
// off for good. Everything is known only up to the present: a cut still under way has no end
// yet, so a transfer that runs into it "never" completes as far as anyone can tell now; when the
// cut ends, version() changes and the answer with it.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sim/time.h"

namespace drsim::models::topology {

class Reachability {
 public:
  Reachability(int region_count, int az_count);

  // A cause of being cut off begins / ends in region r at t (region outages and partitions may
  // overlap; the region is cut off while any is under way). REQUIRES: t never decreases across
  // calls, and every end follows its begin.
  void cut_begins(int region, sim::SimTime t);
  void cut_ends(int region, sim::SimTime t);
  // Region r is destroyed at t: cut off from then on, for good.
  void destroyed(int region, sim::SimTime t);

  bool is_cut_off(int region) const {
    return active_[static_cast<size_t>(region)] > 0 || is_destroyed(region);
  }
  bool is_destroyed(int region) const { return destroyed_at_[static_cast<size_t>(region)].has_value(); }

  // Since when the link between a and b has been cut without a break, at t; nullopt when it is
  // up at t. A region is never cut from itself (a == b gives nullopt unless it is cut off).
  std::optional<sim::SimTime> cut_since(int a, int b, sim::SimTime t) const;
  // The latest instant at or before t at which the link between a and b was up.
  sim::SimTime last_up(int a, int b, sim::SimTime t) const;
  // When a transfer from region `from` to region `to` that needs `work` of time with the link up
  // completes, if it starts at `start` and makes progress only while the link is up. never()
  // when a cut still under way (or the destruction of either region) stops it.
  sim::SimTime transfer_end(int from, int to, sim::SimTime start, sim::Duration work) const;

  // AZ az goes dark / comes back. AzState calls these just before it publishes kAzDown / kAzUp,
  // so a model reads here what every subscriber is being told. REQUIRES: 0 <= az < az_count.
  void az_goes_dark(int az) { az_up_[static_cast<size_t>(az)] = false; }
  void az_comes_back(int az) { az_up_[static_cast<size_t>(az)] = true; }
  // Not dark: no outage of it or of its region under way, and its region not destroyed.
  bool is_az_up(int az) const { return az_up_[static_cast<size_t>(az)]; }

  // Whether any region was cut off at some moment in [from, until), as far as is known now (a
  // cut under way lasts).
  bool any_cut_during(sim::SimTime from, sim::SimTime until) const;

  // Changes with every cut that begins or ends; change_time(v) is when the change that made
  // version v + 1 happened (non-decreasing in v). REQUIRES: v < version().
  uint64_t version() const { return change_times_.size(); }
  sim::SimTime change_time(uint64_t v) const { return change_times_[v]; }

 private:
  std::vector<int> active_;  // by region: causes under way
  std::vector<std::optional<sim::SimTime>> destroyed_at_;
  // By region: the intervals it was cut off, in time order; the last may be open (never()).
  // The link between a and b is cut during the union of a's and b's intervals.
  std::vector<std::vector<std::pair<sim::SimTime, sim::SimTime>>> cuts_;
  std::vector<sim::SimTime> change_times_;
  std::vector<bool> az_up_;  // by AZ
};

}  // namespace drsim::models::topology
