// The shared restore queue.
#include "models/response/restore_queue.h"

#include "models/simulation/topics.h"

namespace drsim::models::response {

void RestoreQueue::start(sim::Context& ctx) { ctx.subscribe(kRestoreRequest, *this); }

void RestoreQueue::on_notification(sim::Context& ctx, const sim::Notification& n) {
  if (running_ < parallelism_) {
    begin(ctx, n.subject, n.a);
  } else {
    waiting_.insert({n.b, requests_++, n.subject, n.a});
  }
}

void RestoreQueue::begin(sim::Context& ctx, uint32_t database, int64_t duration_us) {
  ++running_;
  ctx.schedule_in(sim::Duration::micros(duration_us), *this, kDone, database);
}

void RestoreQueue::on_event(sim::Context& ctx, const sim::Event& event) {
  --running_;
  ctx.publish({kRestoreDone, event.subject, 0, 0});
  if (!waiting_.empty() && running_ < parallelism_) {
    const auto [tier, seq, database, duration_us] = *waiting_.begin();
    waiting_.erase(waiting_.begin());
    begin(ctx, database, duration_us);
  }
}

}  // namespace drsim::models::response
