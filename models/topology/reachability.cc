// The record of when regions were cut off, and transfers across it.
#include "models/topology/reachability.h"

#include <algorithm>

#include "sim/check.h"

namespace drsim::models::topology {

using sim::Duration;
using sim::SimTime;

Reachability::Reachability(int region_count)
    : active_(static_cast<size_t>(region_count), 0),
      destroyed_at_(static_cast<size_t>(region_count)),
      cuts_(static_cast<size_t>(region_count)) {}

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

std::vector<std::pair<SimTime, SimTime>> Reachability::link_cuts(int a, int b) const {
  const auto& x = cuts_[static_cast<size_t>(a)];
  const auto& y = a == b ? cuts_[static_cast<size_t>(a)] : cuts_[static_cast<size_t>(b)];
  std::vector<std::pair<SimTime, SimTime>> out;
  out.reserve(x.size() + (a == b ? 0 : y.size()));
  size_t i = 0, j = 0;
  const size_t ny = a == b ? 0 : y.size();
  while (i < x.size() || j < ny) {
    const bool take_x = j >= ny || (i < x.size() && x[i].first <= y[j].first);
    const auto& next = take_x ? x[i++] : y[j++];
    if (!out.empty() && next.first <= out.back().second) {
      out.back().second = std::max(out.back().second, next.second);
    } else {
      out.push_back(next);
    }
  }
  return out;
}

std::optional<SimTime> Reachability::cut_since(int a, int b, SimTime t) const {
  if (cuts_[static_cast<size_t>(a)].empty() && cuts_[static_cast<size_t>(b)].empty()) {
    return std::nullopt;
  }
  for (const auto& [from, until] : link_cuts(a, b)) {
    if (from <= t && t < until) return from;
    if (from > t) break;
  }
  return std::nullopt;
}

SimTime Reachability::last_up(int a, int b, SimTime t) const {
  return cut_since(a, b, t).value_or(t);
}

SimTime Reachability::transfer_end(int from, int to, SimTime start, Duration work) const {
  if (cuts_[static_cast<size_t>(from)].empty() && cuts_[static_cast<size_t>(to)].empty()) {
    return start + work;
  }
  SimTime t = start;
  Duration remaining = work;
  for (const auto& [cut_from, cut_until] : link_cuts(from, to)) {
    if (cut_until <= t) continue;
    if (cut_from > t) {
      // Up from t until the cut: enough to finish?
      const Duration up = cut_from - t;
      if (remaining <= up) return t + remaining;
      remaining = remaining - up;
    }
    if (cut_until == SimTime::never()) return SimTime::never();
    t = std::max(t, cut_until);
  }
  return t + remaining;
}

}  // namespace drsim::models::topology
