// The record of when regions were cut off, and transfers across it.
#include "models/topology/reachability.h"

#include <algorithm>

#include "sim/check.h"

namespace drsim::models::topology {

using sim::Duration;
using sim::SimTime;

Reachability::Reachability(int region_count, int az_count)
    : active_(static_cast<size_t>(region_count), 0),
      destroyed_at_(static_cast<size_t>(region_count)),
      cuts_(static_cast<size_t>(region_count)),
      az_up_(static_cast<size_t>(az_count), true) {}

void Reachability::cut_begins(int region, SimTime t) {
  const auto r = static_cast<size_t>(region);
  if (active_[r]++ > 0 || destroyed_at_[r]) return;
  cuts_[r].emplace_back(t, SimTime::never());
  change_times_.push_back(t);
}

void Reachability::cut_ends(int region, SimTime t) {
  const auto r = static_cast<size_t>(region);
  DRSIM_CHECK(active_[r] > 0) << "region " << region << " ends a cut it does not have";
  if (--active_[r] > 0 || destroyed_at_[r]) return;
  cuts_[r].back().second = t;
  change_times_.push_back(t);
}

void Reachability::destroyed(int region, SimTime t) {
  const auto r = static_cast<size_t>(region);
  if (destroyed_at_[r]) return;
  destroyed_at_[r] = t;
  // Cut off for good: the interval under way, if any, never ends.
  if (cuts_[r].empty() || cuts_[r].back().second != SimTime::never()) {
    cuts_[r].emplace_back(t, SimTime::never());
  }
  change_times_.push_back(t);
}

namespace {

using Cuts = std::vector<std::pair<SimTime, SimTime>>;

// Calls f(from, until) for each maximal interval during which the link between two regions with
// cut-off intervals x and y (each in time order) was cut, in time order, until f returns false.
// Merges as it goes: asked for every snapshot copy served, so it allocates nothing.
template <class F>
void each_link_cut(const Cuts& x, const Cuts& y, F f) {
  size_t i = 0, j = 0;
  bool open = false;
  std::pair<SimTime, SimTime> run;
  while (i < x.size() || j < y.size()) {
    const bool take_x = j >= y.size() || (i < x.size() && x[i].first <= y[j].first);
    const auto& next = take_x ? x[i++] : y[j++];
    if (open && next.first <= run.second) {
      run.second = std::max(run.second, next.second);
      continue;
    }
    if (open && !f(run.first, run.second)) return;
    run = next;
    open = true;
  }
  if (open) f(run.first, run.second);
}

const Cuts kNoCuts;

}  // namespace

std::optional<SimTime> Reachability::cut_since(int a, int b, SimTime t) const {
  const Cuts& x = cuts_[static_cast<size_t>(a)];
  const Cuts& y = a == b ? kNoCuts : cuts_[static_cast<size_t>(b)];
  std::optional<SimTime> since;
  each_link_cut(x, y, [&](SimTime from, SimTime until) {
    if (from > t) return false;
    if (t < until) {
      since = from;
      return false;
    }
    return true;
  });
  return since;
}

SimTime Reachability::last_up(int a, int b, SimTime t) const {
  return cut_since(a, b, t).value_or(t);
}

bool Reachability::any_cut_during(SimTime from, SimTime until) const {
  for (const Cuts& cuts : cuts_) {
    // The intervals are in time order: from the latest back to the first that ended by `from`.
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
      if (it->first < until && it->second > from) return true;
      if (it->second <= from) break;
    }
  }
  return false;
}

SimTime Reachability::transfer_end(int from, int to, SimTime start, Duration work) const {
  const Cuts& x = cuts_[static_cast<size_t>(from)];
  const Cuts& y = from == to ? kNoCuts : cuts_[static_cast<size_t>(to)];
  // Every cut over by the start (each region's last interval ends latest): the link stays up.
  if ((x.empty() || x.back().second <= start) && (y.empty() || y.back().second <= start)) {
    return start + work;
  }
  SimTime t = start;
  Duration remaining = work;
  std::optional<SimTime> end;
  each_link_cut(x, y, [&](SimTime cut_from, SimTime cut_until) {
    if (cut_until <= t) return true;
    if (cut_from > t) {
      // Up from t until the cut: enough to finish?
      const Duration up = cut_from - t;
      if (remaining <= up) {
        end = t + remaining;
        return false;
      }
      remaining = remaining - up;
    }
    if (cut_until == SimTime::never()) {
      end = SimTime::never();
      return false;
    }
    t = std::max(t, cut_until);
    return true;
  });
  return end ? *end : t + remaining;
}

}  // namespace drsim::models::topology
