// Component: all the engine knows about a model. Context: all a model may ask of the engine
// (the clock, scheduling and cancelling events, RNG streams, typed notifications).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/event_queue.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace drsim::sim {

class Context;

// A notification another component may subscribe to ("AZ down", "database restored", ...).
// Topics and the meaning of the fields belong to the models; the engine only routes them.
struct Notification {
  uint32_t topic = 0;
  uint32_t subject = 0;
  int64_t a = 0;
  int64_t b = 0;
  int64_t c = 0;
};

class Component {
 public:
  virtual ~Component() = default;
  // Stable id: names the component's RNG streams and its rows in traces.
  virtual std::string_view name() const = 0;
  // Once per trial, at time zero, in the order components were added; schedules via ctx.
  virtual void start(Context& ctx) = 0;
  // An event this component scheduled for itself (or another scheduled for it) is due.
  virtual void on_event(Context& ctx, const Event& event) = 0;
  // A notification of a topic this component subscribed to. Delivered synchronously, in
  // subscription order, while the publisher's event runs.
  virtual void on_notification(Context& ctx, const Notification& notification) {
    (void)ctx;
    (void)notification;
  }
};

// Invariant: now() never decreases; events run in (time, seq) order; events after the horizon's
// end never run (events exactly at it do).
class Context {
 public:
  Context(uint64_t seed, uint64_t trial, SimTime horizon, bool tracing)
      : seed_(seed), trial_(trial), horizon_(horizon), tracing_(tracing) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  SimTime now() const { return now_; }
  SimTime horizon() const { return horizon_; }
  uint64_t seed() const { return seed_; }
  uint64_t trial() const { return trial_; }
  // True when the run records a human-readable timeline (costly strings are built only then).
  bool tracing() const { return tracing_; }

  // Schedules an event at `at`. REQUIRES: at >= now(). An event after the horizon would never
  // run, so it is not stored; its id is invalid and cancelling it returns false.
  EventId schedule_at(SimTime at, Component& target, uint32_t kind, uint32_t subject = 0,
                      uint64_t data = 0) {
    DRSIM_CHECK(at >= now_) << "scheduling in the past: at " << at.count_us() << " us, now "
                            << now_.count_us() << " us, target " << target.name();
    if (at > horizon_) return EventId{};
    return queue_.push(at, Event{&target, kind, subject, data});
  }
  EventId schedule_in(Duration delay, Component& target, uint32_t kind, uint32_t subject = 0,
                      uint64_t data = 0) {
    return schedule_at(now_ + delay, target, kind, subject, data);
  }
  // O(1). Returns false when the event already ran, was cancelled, or was never stored.
  bool cancel(EventId& id) {
    const bool cancelled = queue_.cancel(id);
    id = EventId{};
    return cancelled;
  }

  // The RNG stream `name` of this trial: the same numbers whatever else runs.
  Rng rng(std::string_view name) const { return Rng::for_stream(seed_, trial_, name); }
  Rng rng(StreamName name) const { return Rng::for_stream(seed_, trial_, name); }

  // Every notification of `topic`, in subscription order.
  void subscribe(uint32_t topic, Component& subscriber) {
    if (!matches_kept(Made{topic, kAnySubject, &subscriber})) subscribe(Made{topic, kAnySubject, &subscriber});
  }
  // Only the notifications of `topic` addressed to `subject` (Notification::subject), after the
  // topic's plain subscribers: a thousand databases each waiting for their own restore cost
  // nothing when another database's restore ends. REQUIRES: subject < UINT32_MAX.
  void subscribe(uint32_t topic, uint32_t subject, Component& subscriber) {
    if (subject == kAnySubject || !matches_kept(Made{topic, subject, &subscriber})) {
      subscribe_to(topic, subject, subscriber);
    }
  }
  void publish(const Notification& notification);

  uint64_t events_executed() const { return events_; }

  // As if newly constructed for `trial` (the same seed, horizon and tracing): no pending events,
  // no subscriptions, the clock at zero. Keeps the memory of the queue and the subscription lists
  // for the next trial. REQUIRES: not called from a handler.
  //
  // The subscriptions components make while starting are usually the same every trial (a
  // fleet's thousand databases make tens of thousands), so the lists as they stood when the last
  // trial's components had started are kept, and each subscription made while starting is only
  // checked against the one made at that point last time. The first that differs (or a
  // notification published while starting, which must reach only those subscribed so far)
  // rebuilds the lists from what this trial has subscribed so far: the lists are always exactly
  // those of a new context.
  void reset(uint64_t trial);
  uint64_t trace_hash() const { return trace_hash_; }

 protected:
  // Called once the components have started: ends the start phase (see reset()).
  void started();

  EventQueue queue_;
  SimTime now_ = SimTime::zero();
  uint64_t events_ = 0;
  static constexpr uint64_t kTraceHashStart = 0xcbf29ce484222325u;
  uint64_t trace_hash_ = kTraceHashStart;

 private:
  // The subscribers of a topic, or of a topic's subject, form a list in subscription order,
  // linked through one array of all subscriptions: subscribing allocates nothing of its own,
  // even for a thousand lists of one.
  static constexpr uint32_t kEndOfList = UINT32_MAX;
  struct Subscription {
    Component* subscriber;
    uint32_t next;  // index into subscriptions_, or kEndOfList
  };
  struct List {
    uint32_t head = kEndOfList, tail = kEndOfList;
  };
  void append(List& list, Component& subscriber);
  // A subscription as made: `subject` kAnySubject for a plain one.
  static constexpr uint32_t kAnySubject = UINT32_MAX;
  struct Made {
    uint32_t topic, subject;
    Component* subscriber;
    friend bool operator==(const Made&, const Made&) = default;
  };
  // Replaying the kept lists and `made` is the subscription made at this point last time: counts
  // it (it is in the lists already).
  bool matches_kept(const Made& made) {
    if (!replaying_ || matched_ >= made_.size() || !(made_[matched_] == made)) return false;
    ++matched_;
    return true;
  }
  void subscribe_to(uint32_t topic, uint32_t subject, Component& subscriber);
  void subscribe(const Made& made);
  void add(const Made& made);
  // Empties every list (keeping their memory).
  void clear_lists();
  // The kept lists no longer match this trial's start: rebuilds them from made_[0, matched_).
  void diverge();
  // Notifies the list from subscription `first` on, following the links as they are when each
  // subscriber returns (one may subscribe others meanwhile).
  void notify(uint32_t first, const Notification& notification);

  uint64_t seed_, trial_;
  SimTime horizon_;
  bool tracing_;
  std::vector<Subscription> subscriptions_;
  std::vector<List> subscribers_;             // by topic
  std::vector<std::vector<List>> addressed_;  // by topic, then subject

  // The start phase (see reset()).
  bool starting_ = true;
  bool replaying_ = false;  // the lists hold made_ already; subscribe() only checks
  size_t matched_ = 0;      // subscriptions of this start found equal to made_[0, matched_)
  std::vector<Made> made_;  // the subscriptions made while starting, in order
  // The lists right after the last start phase: entries [0, count) of subscriptions_, the
  // lists' heads and tails, and the entries that ended a list then.
  bool kept_ = false;
  size_t kept_count_ = 0;
  std::vector<List> kept_subscribers_;
  std::vector<std::vector<List>> kept_addressed_;
  std::vector<uint32_t> kept_tails_;
};

}  // namespace drsim::sim
