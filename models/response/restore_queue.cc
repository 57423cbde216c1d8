// The shared restore queue.
#include "models/response/restore_queue.h"

#include "models/simulation/topics.h"

namespace drsim::models::response {

void RestoreQueue::start(sim::Context& ctx) { ctx.subscribe(kRestoreRequest, *this); }

void RestoreQueue::on_notification(sim::Context& ctx, const sim::Notification& n) {
  waiting_.insert({n.b, requests_++, n.subject, n.a});
  // Start at the end of this instant, once every request due now has joined the queue: events
  // already scheduled for now run before this one.
  if (!dispatch_.is_valid()) dispatch_ = ctx.schedule_in(sim::Duration(), *this, kDispatch);
}

void RestoreQueue::begin(sim::Context& ctx, uint32_t database, int64_t duration_us) {
  ++running_;
  ctx.schedule_in(sim::Duration::micros(duration_us), *this, kDone, database);
}

void RestoreQueue::start_waiting(sim::Context& ctx) {
  while (!waiting_.empty() && running_ < parallelism_) {
    const auto [tier, seq, database, duration_us] = *waiting_.begin();
    waiting_.erase(waiting_.begin());
    begin(ctx, database, duration_us);
  }
}

void RestoreQueue::on_event(sim::Context& ctx, const sim::Event& event) {
  if (event.kind == kDispatch) {
    dispatch_ = {};
    start_waiting(ctx);
    return;
  }
  --running_;
  ctx.publish({kRestoreDone, event.subject, 0, 0});
  start_waiting(ctx);
}

}  // namespace drsim::models::response
