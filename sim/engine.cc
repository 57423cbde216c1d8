// The event loop and notification routing.
#include "sim/engine.h"

#include <algorithm>

namespace drsim::sim {
namespace {

// Order-sensitive: the running hash is multiplied between events, so swapping two events
// changes it; each event's four words are mixed by odd multipliers before they are folded in.
inline uint64_t fold_event(uint64_t h, uint64_t at_us, uint64_t seq, uint32_t kind,
                           uint32_t subject) {
  const uint64_t x = at_us ^ (seq * 0x9e3779b97f4a7c15u) ^
                     (((uint64_t{kind} << 32) | subject) * 0xbf58476d1ce4e5b9u);
  h = (h ^ x) * 0x94d049bb133111ebu;
  return (h << 29) | (h >> 35);
}

}  // namespace

void Context::reset(uint64_t trial) {
  trial_ = trial;
  queue_.clear();
  now_ = SimTime::zero();
  events_ = 0;
  trace_hash_ = kTraceHashStart;
  starting_ = true;
  matched_ = 0;
  if (kept_) {
    // Back to the lists as they stood when the last trial's components had started.
    subscriptions_.resize(kept_count_);
    for (uint32_t e : kept_tails_) subscriptions_[e].next = kEndOfList;
    subscribers_ = kept_subscribers_;
    addressed_ = kept_addressed_;
    replaying_ = true;
  } else {
    clear_lists();
    made_.clear();
    replaying_ = false;
  }
}

void Context::clear_lists() {
  subscriptions_.clear();
  std::fill(subscribers_.begin(), subscribers_.end(), List{});
  for (std::vector<List>& lists : addressed_) std::fill(lists.begin(), lists.end(), List{});
}

void Context::diverge() {
  replaying_ = false;
  clear_lists();
  made_.resize(matched_);
  for (const Made& m : made_) add(m);
}

void Context::started() {
  if (replaying_ && matched_ != made_.size()) diverge();  // fewer than last time
  if (!replaying_) {
    kept_ = true;
    kept_count_ = subscriptions_.size();
    kept_subscribers_ = subscribers_;
    kept_addressed_ = addressed_;
    kept_tails_.clear();
    const auto keep_tail = [this](const List& list) {
      if (list.tail != kEndOfList) kept_tails_.push_back(list.tail);
    };
    for (const List& list : subscribers_) keep_tail(list);
    for (const std::vector<List>& lists : addressed_) {
      for (const List& list : lists) keep_tail(list);
    }
  }
  replaying_ = false;
  starting_ = false;
}

void Engine::reset(uint64_t trial) {
  Context::reset(trial);
  components_.clear();
  started_ = false;
  interrupted_ = false;
}

void Context::append(List& list, Component& subscriber) {
  DRSIM_CHECK(subscriptions_.size() < kEndOfList) << "too many subscriptions";
  const auto entry = static_cast<uint32_t>(subscriptions_.size());
  subscriptions_.push_back({&subscriber, kEndOfList});
  if (list.tail == kEndOfList) {
    list.head = entry;
  } else {
    subscriptions_[list.tail].next = entry;
  }
  list.tail = entry;
}

void Context::subscribe_to(uint32_t topic, uint32_t subject, Component& subscriber) {
  DRSIM_CHECK(subject != kAnySubject) << "subject " << subject << " of topic " << topic
                                      << " is reserved";
  subscribe(Made{topic, subject, &subscriber});
}

void Context::subscribe(const Made& made) {
  if (replaying_) {
    if (matched_ < made_.size() && made_[matched_] == made) {
      ++matched_;
      return;
    }
    diverge();
  }
  if (starting_) {
    made_.push_back(made);
    ++matched_;
  }
  add(made);
}

void Context::add(const Made& made) {
  if (made.subject == kAnySubject) {
    if (subscribers_.size() <= made.topic) subscribers_.resize(made.topic + 1);
    append(subscribers_[made.topic], *made.subscriber);
    return;
  }
  if (addressed_.size() <= made.topic) addressed_.resize(made.topic + 1);
  std::vector<List>& lists = addressed_[made.topic];
  if (lists.size() <= made.subject) lists.resize(made.subject + 1);
  append(lists[made.subject], *made.subscriber);
}

void Context::notify(uint32_t first, const Notification& notification) {
  for (uint32_t entry = first; entry != kEndOfList; entry = subscriptions_[entry].next) {
    subscriptions_[entry].subscriber->on_notification(*this, notification);
  }
}

void Context::publish(const Notification& notification) {
  // While starting, only those subscribed so far may hear it.
  if (replaying_) [[unlikely]] diverge();
  // Each list's head is read only when its turn comes: a subscriber may subscribe others while
  // being notified, even to the list notified next.
  const uint32_t topic = notification.topic;
  if (topic < subscribers_.size()) notify(subscribers_[topic].head, notification);
  const uint32_t subject = notification.subject;
  if (topic < addressed_.size() && subject < addressed_[topic].size()) {
    notify(addressed_[topic][subject].head, notification);
  }
}

RunStats Engine::run() {
  run_until(horizon());
  return RunStats{events_, trace_hash_, interrupted_};
}

uint64_t Engine::run_until(SimTime until) {
  DRSIM_CHECK(until >= now_) << "run_until(" << until.count_us() << " us) before now, "
                             << now_.count_us() << " us";
  if (!started_) {
    started_ = true;
    for (Component* c : components_) c->start(*this);
    started();
  }
  const SimTime end = std::min(until, horizon());
  const int64_t end_us = end.count_us();
  const uint64_t executed_before = events_;
  EventKey key;
  Event event;
  // The interrupt flag is read once every kInterruptCheck events: a relaxed load is cheap, but
  // not free on the hot path.
  constexpr uint64_t kInterruptCheck = 1024;
  while (queue_.pop_due(end_us, key, event)) {
    if (interrupt_ != nullptr && events_ % kInterruptCheck == 0 &&
        interrupt_->load(std::memory_order_relaxed)) {
      interrupted_ = true;
      return events_ - executed_before;  // the popped event never runs: the trial is abandoned
    }
    now_ = SimTime::from_micros(key.at_us());
    ++events_;
    trace_hash_ = fold_event(trace_hash_, static_cast<uint64_t>(key.at_us()),
                             key.tag >> EventQueue::kSlotBits, event.kind, event.subject);
    event.target->on_event(*this, event);
  }
  now_ = end;
  return events_ - executed_before;
}

}  // namespace drsim::sim
