// Engine and Context: notifications, heard by the subscribers of their topic (and subject) in
// subscription order, the same after a reset as from a new engine, and safe to subscribe to while
// one is delivered.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine.h"
#include "tests/sim/engine_test_support.h"

namespace drsim::sim::engine_notifications_test {
namespace {

using namespace engine_testing;  // the scripted component and its log

TEST(Engine, AddressedSubscribersHearOnlyTheirSubject) {
  std::vector<Seen> log;
  Scripted pub("pub", &log), all("all", &log), two("two", &log), five("five", &log);
  constexpr uint32_t kTopic = 4;
  pub.on_start = [&](Context& ctx) {
    ctx.subscribe(kTopic, 5, five);
    ctx.subscribe(kTopic, 2, two);
    ctx.subscribe(kTopic, all);
    ctx.schedule_at(at_us(3), pub, 0);
  };
  pub.on_event_fn = [&](Context& ctx, const Event&) {
    ctx.publish(Notification{kTopic, 2, 1, 0});
    ctx.publish(Notification{kTopic, 5, 2, 0});
    ctx.publish(Notification{kTopic, 9, 3, 0});      // nobody addressed: only "all" hears it
    ctx.publish(Notification{kTopic + 1, 2, 4, 0});  // another topic: nobody
  };
  Engine engine(1, 0, at_us(100));
  for (Scripted* s : {&pub, &all, &two, &five}) engine.add(*s);
  engine.run();
  std::vector<Seen> after_start(log.begin() + 4, log.end());
  // Plain subscribers first, then the addressed ones.
  EXPECT_EQ(after_start, (std::vector<Seen>{{"pub", 3, 0, 0, 0},
                                            {"all.note", 3, kTopic, 2, 1},
                                            {"two.note", 3, kTopic, 2, 1},
                                            {"all.note", 3, kTopic, 5, 2},
                                            {"five.note", 3, kTopic, 5, 2},
                                            {"all.note", 3, kTopic, 9, 3}}));
}

TEST(Engine, NotificationsDeliveredInSubscriptionOrder) {
  std::vector<Seen> log;
  Scripted pub("pub", &log), a("a", &log), b("b", &log), c("c", &log), other("other", &log);
  constexpr uint32_t kTopic = 3;
  pub.on_start = [&](Context& ctx) {
    ctx.subscribe(kTopic, c);
    ctx.subscribe(kTopic, a);
    ctx.subscribe(kTopic, b);
    ctx.subscribe(kTopic + 1, other);
    ctx.schedule_at(at_us(7), pub, 0);
    ctx.schedule_at(at_us(7), other, 0);
  };
  pub.on_event_fn = [&](Context& ctx, const Event&) {
    ctx.publish(Notification{kTopic, 42, 5, 6});
    ctx.publish(Notification{99, 0, 0, 0});  // nobody listens: a no-op
  };
  Engine engine(1, 0, at_us(100));
  for (Scripted* s : {&pub, &a, &b, &c, &other}) engine.add(*s);
  engine.run();
  std::vector<Seen> after_start(log.begin() + 5, log.end());
  // Synchronous: delivered while the publisher's event runs, before the next event at time 7.
  EXPECT_EQ(after_start, (std::vector<Seen>{{"pub", 7, 0, 0, 0},
                                            {"c.note", 7, kTopic, 42, 5},
                                            {"a.note", 7, kTopic, 42, 5},
                                            {"b.note", 7, kTopic, 42, 5},
                                            {"other", 7, 0, 0, 0}}));
}

// A reset engine keeps the subscriptions made while starting when the next trial makes the same
// ones (Context::reset). Whatever the next trial's start does instead (the same, one fewer, one
// more, another order, or a notification published halfway), it hears exactly what a new engine
// hears.
TEST(Engine, ResetEngineHearsWhatANewEngineHears) {
  struct Sub {
    int who;
    uint32_t topic;
    int64_t subject;  // -1: every subject
  };
  struct Script {
    std::vector<Sub> subs;
    int publish_after = -1;  // publishes (topic 1, subject 1) while starting, after this many
  };
  Rng rng(17);
  const auto random_sub = [&] {
    return Sub{static_cast<int>(rng.below(3)), static_cast<uint32_t>(rng.below(3)),
               static_cast<int64_t>(rng.below(4)) - 1};
  };
  // One trial of `script` on `engine`; returns what every component saw.
  const auto run = [&](Engine& engine, const Script& script) {
    std::vector<Seen> log;
    Scripted hub("hub", &log), a("a", &log), b("b", &log), c("c", &log);
    Scripted* who[] = {&a, &b, &c};
    hub.on_start = [&](Context& ctx) {
      for (size_t i = 0; i < script.subs.size(); ++i) {
        if (static_cast<int>(i) == script.publish_after) ctx.publish(Notification{1, 1, 99, 0});
        const Sub& sub = script.subs[i];
        if (sub.subject < 0) {
          ctx.subscribe(sub.topic, *who[sub.who]);
        } else {
          ctx.subscribe(sub.topic, static_cast<uint32_t>(sub.subject), *who[sub.who]);
        }
      }
      ctx.schedule_at(at_us(1), hub, 0);
    };
    hub.on_event_fn = [&](Context& ctx, const Event&) {
      for (uint32_t topic = 0; topic < 3; ++topic) {
        for (uint32_t subject = 0; subject < 3; ++subject) {
          ctx.publish(Notification{topic, subject, static_cast<int64_t>(10 * topic + subject), 0});
        }
      }
    };
    for (Scripted* s : {&hub, &a, &b, &c}) engine.add(*s);
    engine.run();
    return log;
  };
  // The components of a trial live in `run`, so a reused engine meets new objects at (often)
  // the same addresses, as a reused trial assembly's rebuilt components do.
  Engine reused(1, 0, at_us(10));
  Script script;
  for (int i = 0; i < 12; ++i) script.subs.push_back(random_sub());
  for (uint64_t trial = 0; trial < 60; ++trial) {
    if (trial > 0) {
      script.publish_after = -1;
      const size_t at = rng.below(script.subs.size());
      switch (rng.below(6)) {
        case 0:
          break;  // the same again
        case 1:
          script.subs.erase(script.subs.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 5:
          script.subs.pop_back();
          break;  // the same, one short at the end
        case 2:
          script.subs.insert(script.subs.begin() + static_cast<std::ptrdiff_t>(at), random_sub());
          break;
        case 3:
          std::swap(script.subs[at], script.subs[rng.below(script.subs.size())]);
          break;
        default:
          script.publish_after = static_cast<int>(at);
          break;
      }
      if (script.subs.size() < 4) script.subs.push_back(random_sub());
      reused.reset(trial);
    }
    Engine fresh(1, trial, at_us(10));
    ASSERT_EQ(run(reused, script), run(fresh, script)) << "trial " << trial;
  }
}

TEST(Engine, SubscribingDuringDeliveryIsSafe) {
  // A subscriber that subscribes others while being notified: one to the same topic (appended,
  // so it hears the notification being delivered) and itself to many new topics (which
  // reallocates the table the delivery loop walks).
  std::vector<Seen> log;
  Scripted pub("pub", &log), first("first", &log), late("late", &log), last("last", &log);
  pub.on_start = [&](Context& ctx) {
    ctx.subscribe(0, first);
    ctx.subscribe(0, last);
    ctx.schedule_at(at_us(1), pub, 0);
  };
  first.on_notification_fn = [&](Context& ctx, const Notification& n) {
    if (n.topic != 0) return;
    ctx.subscribe(0, late);
    for (uint32_t topic = 1; topic < 2000; ++topic) ctx.subscribe(topic, first);
  };
  pub.on_event_fn = [&](Context& ctx, const Event&) { ctx.publish(Notification{0, 1, 0, 0}); };
  Engine engine(1, 0, at_us(10));
  for (Scripted* s : {&pub, &first, &late, &last}) engine.add(*s);
  engine.run();
  std::vector<std::string> heard;
  for (const Seen& s : log) {
    if (s.who.ends_with(".note")) heard.push_back(s.who);
  }
  EXPECT_EQ(heard, (std::vector<std::string>{"first.note", "last.note", "late.note"}));
}

}  // namespace
}  // namespace drsim::sim::engine_notifications_test
