// The automatic recovery rule (DESIGN.md §4) as a pure function of what has been observed.
#include "models/response/decision.h"

#include <algorithm>

namespace drsim::models::response {

Choice automatic_choice(const Situation& s) {
  Choice c;
  const bool any_path = !s.paths.empty();
  const bool any_reachable = std::any_of(s.paths.begin(), s.paths.end(),
                                         [](const RecoveryPath& p) { return !p.unreachable; });
  int soonest = -1, soonest_meeting = -1, least_loss = -1;
  for (int i = 0; i < static_cast<int>(s.paths.size()); ++i) {
    const RecoveryPath& p = s.paths[static_cast<size_t>(i)];
    if (!p.usable()) continue;
    auto at = [&](int k) -> const RecoveryPath& { return s.paths[static_cast<size_t>(k)]; };
    if (soonest < 0 || p.p95 < at(soonest).p95) soonest = i;
    if (p.loss <= s.target.rpo && (soonest_meeting < 0 || p.p95 < at(soonest_meeting).p95)) {
      soonest_meeting = i;
    }
    if (least_loss < 0 || p.loss < at(least_loss).loss ||
        (p.loss == at(least_loss).loss && p.p95 < at(least_loss).p95)) {
      least_loss = i;
    }
  }
  if (soonest < 0 && any_path) {
    // Something may be a way back later: a copy or replica in a region that is down, a local
    // copy that is dark, or a control plane that cannot start it now.
    c.action = Choice::Action::kWait;
    c.reason = any_reachable ? Choice::Reason::kControlPlane : Choice::Reason::kOutOfReach;
    return c;
  }
  if (soonest_meeting >= 0) {
    c.action = Choice::Action::kTake;
    c.reason = Choice::Reason::kMeetsRpo;
    c.path = soonest_meeting;
    return c;
  }
  if (s.known_loss) {
    if (least_loss < 0) {
      c.action = Choice::Action::kTotalLoss;
      c.reason = Choice::Reason::kNoCopy;
      return c;
    }
    c.action = Choice::Action::kTake;
    c.reason = Choice::Reason::kLeastLoss;
    c.path = least_loss;
    return c;
  }
  if (soonest < 0) {
    c.action = Choice::Action::kWait;
    c.reason = Choice::Reason::kNothingOutside;
    return c;
  }
  // Wait for the original while the soonest path, started later, would still meet the RTO.
  const SimTime last_moment = s.stopped_at + (s.target.rto - s.paths[static_cast<size_t>(soonest)].p95);
  c.path = soonest;
  if (s.deadline_reached || s.now >= last_moment) {
    c.action = Choice::Action::kTake;
    c.reason = Choice::Reason::kRtoDeadline;
    return c;
  }
  c.action = Choice::Action::kWaitUntil;
  c.reason = Choice::Reason::kWaitForOriginal;
  c.until = last_moment;
  return c;
}

Choice choice_for(const DecisionPoint& point, const Option& option) {
  Choice c;
  if (option.path >= 0) {
    c.action = Choice::Action::kTake;
    c.path = option.path;
    c.reason = point.automatic.action == Choice::Action::kTake && point.automatic.path == option.path
                   ? point.automatic.reason
                   : Choice::Reason::kChosen;
    return c;
  }
  if (point.automatic.action == Choice::Action::kWaitUntil) return point.automatic;
  c.reason = Choice::Reason::kChosen;
  // Waiting where the automatic rule would act: ask again at the last moment the soonest path,
  // started then, still meets the RTO target (if that moment is still ahead); otherwise when
  // the outage changes.
  const Situation& s = *point.situation;
  int soonest = -1;
  for (int i = 0; i < static_cast<int>(s.paths.size()); ++i) {
    const RecoveryPath& p = s.paths[static_cast<size_t>(i)];
    if (p.usable() && (soonest < 0 || p.p95 < s.paths[static_cast<size_t>(soonest)].p95)) soonest = i;
  }
  if (soonest >= 0) {
    const SimTime last_moment = s.stopped_at + (s.target.rto - s.paths[static_cast<size_t>(soonest)].p95);
    if (last_moment > s.now) {
      c.action = Choice::Action::kWaitUntil;
      c.path = soonest;
      c.until = last_moment;
      return c;
    }
  }
  c.action = Choice::Action::kWait;
  return c;
}

}  // namespace drsim::models::response
