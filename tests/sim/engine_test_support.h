// A scripted component for the engine's tests (engine_test.cc, engine_notifications_test.cc):
// its behaviour given by lambdas, and a log of every start, event and notification it saw.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/component.h"
#include "sim/engine.h"

namespace drsim::sim::engine_testing {

// What a component saw, in the order it saw it.
struct Seen {
  std::string who;
  int64_t at_us;
  uint32_t kind;
  uint32_t subject;
  uint64_t data;
  friend bool operator==(const Seen&, const Seen&) = default;
};

// A component whose behaviour is given by lambdas; it logs every event and notification.
class Scripted : public Component {
 public:
  using OnStart = std::function<void(Context&)>;
  using OnEvent = std::function<void(Context&, const Event&)>;
  using OnNotification = std::function<void(Context&, const Notification&)>;

  Scripted(std::string name, std::vector<Seen>* log) : name_(std::move(name)), log_(log) {}

  std::string_view name() const override { return name_; }
  void start(Context& ctx) override {
    log_->push_back(Seen{name_ + ".start", ctx.now().count_us(), 0, 0, 0});
    if (on_start) on_start(ctx);
  }
  void on_event(Context& ctx, const Event& event) override {
    EXPECT_EQ(event.target, this);
    log_->push_back(Seen{name_, ctx.now().count_us(), event.kind, event.subject, event.data});
    if (on_event_fn) on_event_fn(ctx, event);
  }
  void on_notification(Context& ctx, const Notification& n) override {
    log_->push_back(Seen{name_ + ".note", ctx.now().count_us(), n.topic, n.subject,
                         static_cast<uint64_t>(n.a)});
    if (on_notification_fn) on_notification_fn(ctx, n);
  }

  OnStart on_start;
  OnEvent on_event_fn;
  OnNotification on_notification_fn;

 private:
  std::string name_;
  std::vector<Seen>* log_;
};

inline SimTime at_us(int64_t us) { return SimTime::from_micros(us); }

// The events (not starts or notifications) of a log.
inline std::vector<Seen> events_only(const std::vector<Seen>& log) {
  std::vector<Seen> out;
  for (const Seen& s : log) {
    if (s.who.find('.') == std::string::npos) out.push_back(s);
  }
  return out;
}

}  // namespace drsim::sim::engine_testing
