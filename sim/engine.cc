// The event loop and notification routing.
#include "sim/engine.h"

namespace drsim::sim {
namespace {

inline uint64_t fold(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
  return h;
}

}  // namespace

void Context::subscribe(uint32_t topic, Component& subscriber) {
  if (subscribers_.size() <= topic) subscribers_.resize(topic + 1);
  subscribers_[topic].push_back(&subscriber);
}

void Context::publish(const Notification& notification) {
  if (notification.topic >= subscribers_.size()) return;
  // Index loop: a subscriber may subscribe others while being notified.
  const std::vector<Component*>& list = subscribers_[notification.topic];
  for (size_t i = 0; i < list.size(); ++i) list[i]->on_notification(*this, notification);
}

RunStats Engine::run() {
  for (Component* c : components_) c->start(*this);
  const int64_t horizon_us = horizon().count_us();
  EventKey key;
  Event event;
  while (!queue_.empty()) {
    if (queue_.top().at_us > horizon_us) break;
    queue_.pop(key, event);
    now_ = SimTime::from_micros(key.at_us);
    ++events_;
    trace_hash_ = fold(fold(fold(fold(trace_hash_, static_cast<uint64_t>(key.at_us)),
                                 key.tag >> EventQueue::kSlotBits),
                            event.kind),
                       event.subject);
    event.target->on_event(*this, event);
  }
  now_ = horizon();
  return RunStats{events_, trace_hash_};
}

}  // namespace drsim::sim
