// The event loop and notification routing.
#include "sim/engine.h"

#include <algorithm>

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

void Context::subscribe(uint32_t topic, uint32_t subject, Component& subscriber) {
  if (addressed_.size() <= topic) addressed_.resize(topic + 1);
  if (addressed_[topic].size() <= subject) addressed_[topic].resize(subject + 1);
  addressed_[topic][subject].push_back(&subscriber);
}

void Context::publish(const Notification& notification) {
  // Index loops that re-read the lists each time: a subscriber may subscribe others while being
  // notified, which can grow a list or reallocate the outer vectors (a new, higher topic).
  const uint32_t topic = notification.topic;
  for (size_t i = 0; topic < subscribers_.size() && i < subscribers_[topic].size(); ++i) {
    subscribers_[topic][i]->on_notification(*this, notification);
  }
  const uint32_t subject = notification.subject;
  for (size_t i = 0; topic < addressed_.size() && subject < addressed_[topic].size() &&
                     i < addressed_[topic][subject].size();
       ++i) {
    addressed_[topic][subject][i]->on_notification(*this, notification);
  }
}

RunStats Engine::run() {
  run_until(horizon());
  return RunStats{events_, trace_hash_};
}

uint64_t Engine::run_until(SimTime until) {
  DRSIM_CHECK(until >= now_) << "run_until(" << until.count_us() << " us) before now, "
                              << now_.count_us() << " us";
  if (!started_) {
    started_ = true;
    for (Component* c : components_) c->start(*this);
  }
  const SimTime end = std::min(until, horizon());
  const int64_t end_us = end.count_us();
  const uint64_t executed_before = events_;
  EventKey key;
  Event event;
  while (!queue_.empty()) {
    if (queue_.top().at_us > end_us) break;
    queue_.pop(key, event);
    now_ = SimTime::from_micros(key.at_us);
    ++events_;
    trace_hash_ = fold(fold(fold(fold(trace_hash_, static_cast<uint64_t>(key.at_us)),
                                 key.tag >> EventQueue::kSlotBits),
                            event.kind),
                       event.subject);
    event.target->on_event(*this, event);
  }
  now_ = end;
  return events_ - executed_before;
}

}  // namespace drsim::sim
