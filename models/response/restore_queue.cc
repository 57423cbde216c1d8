// The shared restore queue.
#include "models/response/restore_queue.h"

#include <algorithm>
#include <functional>

#include "models/notifications/topics.h"
#include "sim/slots.h"

namespace drsim::models::response {

void RestoreQueue::start(sim::Context& ctx) {
  ctx.subscribe(kRestoreRequest, *this);
  ctx.subscribe(kRestoreCancel, *this);
}

void RestoreQueue::cancel(sim::Context& ctx, uint32_t database) {
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
    if (std::get<2>(*it) == database) {
      waiting_.erase(it);
      return;
    }
  }
  const auto it = std::find_if(running_.begin(), running_.end(),
                               [&](const Running& r) { return r.database == database; });
  if (it == running_.end()) return;
  ctx.cancel(it->done);
  running_.erase(it);
  if (!dispatch_.is_valid()) dispatch_ = ctx.schedule_in(sim::Duration(), *this, kDispatch);
}

void RestoreQueue::on_notification(sim::Context& ctx, const sim::Notification& n) {
  if (n.topic == kRestoreCancel) {
    cancel(ctx, n.subject);
    return;
  }
  if (!dispatch_.is_valid()) first_new_ = requests_;
  waiting_.insert({n.b, requests_++, n.subject, n.a, n.c});
  // Start at the end of this instant, once every request due now has joined the queue: events
  // already scheduled for now run before this one.
  if (!dispatch_.is_valid()) dispatch_ = ctx.schedule_in(sim::Duration(), *this, kDispatch);
}

void RestoreQueue::begin(sim::Context& ctx, uint32_t database, int64_t duration_us,
                         int64_t p95_us) {
  running_.push_back({database, ctx.now() + sim::Duration::micros(p95_us),
                      ctx.schedule_in(sim::Duration::micros(duration_us), *this, kDone, database)});
}

void RestoreQueue::start_waiting(sim::Context& ctx) {
  while (!waiting_.empty() && static_cast<int>(running_.size()) < parallelism_) {
    const auto [tier, seq, database, duration_us, p95_us] = *waiting_.begin();
    waiting_.erase(waiting_.begin());
    begin(ctx, database, duration_us, p95_us);
    say(ctx, database, "restore_started", "the restore starts");
  }
}

void RestoreQueue::say(sim::Context& ctx, uint32_t database, const char* kind, const std::string& text) {
  if (!ctx.tracing() || !recorder_) return;
  const std::string& name = (*names_)[database];
  recorder_->note(ctx.now(), name, kind, name + ": " + text);
}

void RestoreQueue::on_event(sim::Context& ctx, const sim::Event& event) {
  if (event.kind == kDispatch) {
    dispatch_ = {};
    start_waiting(ctx);
    if (ctx.tracing()) {
      // The requests of this instant that found no free slot: how many restores are ahead.
      size_t ahead = running_.size();
      for (const auto& [tier, seq, database, duration_us, p95_us] : waiting_) {
        if (seq >= first_new_) {
          say(ctx, database, "restore_waiting",
              "waits for a restore slot, " + std::to_string(ahead) + " ahead (" +
                  std::to_string(parallelism_) + " at a time)");
        }
        ++ahead;
      }
    }
    return;
  }
  const auto it = std::find_if(running_.begin(), running_.end(),
                               [&](const Running& r) { return r.database == event.subject; });
  if (it != running_.end()) running_.erase(it);
  ctx.publish({kRestoreDone, event.subject, 0, 0});
  start_waiting(ctx);
}

sim::Duration RestoreQueue::wait_p95(int tier, sim::SimTime now) const {
  const bool none_ahead = waiting_.empty() || std::get<0>(*waiting_.begin()) > tier;
  if (none_ahead) {
    // Asked on every decision of every database: answered without a heap when nothing waits
    // ahead. A free slot starts it now; else the running restore that ends first.
    if (static_cast<int>(running_.size()) < parallelism_) return sim::Duration();
    sim::SimTime first = sim::SimTime::never();
    for (const Running& r : running_) first = std::min(first, std::max(r.ends_p95, now));
    return first - now;
  }
  // When each slot frees up, earliest first; then the restores ahead take slots in order.
  std::vector<sim::SimTime>& free_at = free_at_scratch_;
  free_at.clear();
  for (const Running& r : running_) free_at.push_back(std::max(r.ends_p95, now));
  while (static_cast<int>(free_at.size()) < parallelism_) free_at.push_back(now);
  std::make_heap(free_at.begin(), free_at.end(), std::greater<>());
  for (const auto& [t, seq, database, duration_us, p95_us] : waiting_) {
    if (t > tier) break;
    sim::take_earliest_slot(free_at, free_at.front() + sim::Duration::micros(p95_us));
  }
  return free_at.front() - now;
}

}  // namespace drsim::models::response
