// Engine and Context: event order, the clock, the horizon, cancellation, the trace hash and
// running in slices (notifications: engine_notifications_test.cc).
#include "sim/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/rng.h"
#include "tests/sim/engine_test_support.h"

namespace drsim::sim::engine_test {
namespace {

using namespace engine_testing;  // the scripted component and its log

TEST(Engine, StartsComponentsInAdditionOrderAtTimeZero) {
  std::vector<Seen> log;
  Scripted b("b", &log), a("a", &log), c("c", &log);
  Engine engine(1, 0, at_us(1000));
  engine.add(b);
  engine.add(a);
  engine.add(c);
  const RunStats stats = engine.run();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0], (Seen{"b.start", 0, 0, 0, 0}));
  EXPECT_EQ(log[1], (Seen{"a.start", 0, 0, 0, 0}));
  EXPECT_EQ(log[2], (Seen{"c.start", 0, 0, 0, 0}));
  EXPECT_EQ(stats.events, 0u);
  EXPECT_EQ(engine.now(), at_us(1000));
}

TEST(Engine, EventsRunInTimeOrder) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  const int64_t times[] = {500, 20, 300, 1, 999, 40, 0};
  a.on_start = [&](Context& ctx) {
    for (int64_t t : times) ctx.schedule_at(at_us(t), a, 1, 0, static_cast<uint64_t>(t));
  };
  Engine engine(1, 0, at_us(1000));
  engine.add(a);
  const RunStats stats = engine.run();
  const std::vector<Seen> events = events_only(log);
  ASSERT_EQ(events.size(), 7u);
  const int64_t sorted[] = {0, 1, 20, 40, 300, 500, 999};
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(events[i].at_us, sorted[i]);
    EXPECT_EQ(events[i].data, static_cast<uint64_t>(sorted[i]));
  }
  EXPECT_EQ(stats.events, 7u);
  EXPECT_EQ(engine.events_executed(), 7u);
}

TEST(Engine, TiesRunInSchedulingOrderAcrossComponents) {
  std::vector<Seen> log;
  Scripted a("a", &log), b("b", &log);
  a.on_start = [&](Context& ctx) {
    ctx.schedule_at(at_us(5), a, 0, 0, 0);
    ctx.schedule_at(at_us(5), b, 0, 0, 1);
    ctx.schedule_at(at_us(6), a, 0, 0, 9);
  };
  b.on_start = [&](Context& ctx) {
    ctx.schedule_at(at_us(5), a, 0, 0, 2);
    ctx.schedule_at(at_us(5), b, 0, 0, 3);
  };
  // An event scheduled at the current time runs after the ones already due then, before later
  // ones.
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    if (e.data == 0) ctx.schedule_in(Duration(), b, 0, 0, 4);
  };
  Engine engine(1, 0, at_us(100));
  engine.add(a);
  engine.add(b);
  engine.run();
  const std::vector<Seen> events = events_only(log);
  std::vector<std::pair<std::string, uint64_t>> order;
  for (const Seen& s : events) order.emplace_back(s.who, s.data);
  EXPECT_EQ(order, (std::vector<std::pair<std::string, uint64_t>>{
                       {"a", 0}, {"b", 1}, {"a", 2}, {"b", 3}, {"b", 4}, {"a", 9}}));
}

TEST(Engine, EventCarriesKindSubjectAndData) {
  std::vector<Seen> log;
  Scripted a("a", &log), b("b", &log);
  a.on_start = [&](Context& ctx) { ctx.schedule_in(Duration::micros(3), b, 7, 8, 9); };
  Engine engine(1, 0, at_us(10));
  engine.add(a);
  engine.add(b);
  engine.run();
  EXPECT_EQ(events_only(log), (std::vector<Seen>{{"b", 3, 7, 8, 9}}));
}

// Self-perpetuating chains with random (sometimes zero) delays.
TEST(Engine, ClockNeverGoesBackwardsAndEndsAtHorizon) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  Rng rng = Rng::for_stream(3, 0, "delays");
  a.on_start = [&](Context& ctx) {
    for (uint32_t chain = 0; chain < 20; ++chain) ctx.schedule_at(at_us(0), a, 0, chain);
  };
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    const auto delay = static_cast<int64_t>(rng.below(4) == 0 ? 0 : rng.below(1'000));
    ctx.schedule_in(Duration::micros(delay), a, 0, e.subject);
  };
  const SimTime horizon = at_us(100'000);
  Engine engine(3, 0, horizon);
  engine.add(a);
  const RunStats stats = engine.run();
  const std::vector<Seen> events = events_only(log);
  ASSERT_GT(events.size(), 1000u);
  EXPECT_EQ(stats.events, events.size());
  for (size_t i = 1; i < events.size(); ++i) {
    ASSERT_LE(events[i - 1].at_us, events[i].at_us) << "event " << i;
  }
  EXPECT_LE(events.back().at_us, horizon.count_us());
  EXPECT_EQ(engine.now(), horizon);
}

TEST(Engine, ClockEndsAtHorizonWhenQueueEmptiesEarly) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  a.on_start = [&](Context& ctx) { ctx.schedule_at(at_us(10), a, 0); };
  Engine engine(1, 0, at_us(5'000));
  engine.add(a);
  engine.run();
  EXPECT_EQ(engine.now(), at_us(5'000));
}

TEST(Engine, EventsAfterHorizonNeverRun) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  EventId beyond, far_beyond;
  a.on_start = [&](Context& ctx) {
    ctx.schedule_at(at_us(999), a, 0, 0, 1);
    ctx.schedule_at(at_us(1000), a, 0, 0, 2);  // exactly at the horizon: still inside
    beyond = ctx.schedule_at(at_us(1001), a, 0, 0, 3);
    far_beyond = ctx.schedule_in(Duration::max(), a, 0, 0, 4);
  };
  // A chain that keeps scheduling past the horizon.
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    if (e.data == 1) ctx.schedule_in(Duration::micros(2), a, 0, 0, 5);
  };
  Engine engine(1, 0, at_us(1000));
  engine.add(a);
  const RunStats stats = engine.run();
  std::vector<uint64_t> ran;
  for (const Seen& s : events_only(log)) ran.push_back(s.data);
  EXPECT_EQ(ran, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(stats.events, 2u);
  EXPECT_FALSE(beyond.is_valid());
  EXPECT_FALSE(far_beyond.is_valid());
  EXPECT_FALSE(engine.cancel(beyond));
  EXPECT_EQ(engine.now(), at_us(1000));
}

TEST(Engine, CancelBeforeRunResetsIdAndSecondCancelFails) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  EventId timer;
  bool first = false, second = true;
  a.on_start = [&](Context& ctx) {
    timer = ctx.schedule_at(at_us(10), a, 0, 0, 1);
    ctx.schedule_at(at_us(5), a, 0, 0, 2);
  };
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    if (e.data != 2) return;
    EventId copy = timer;
    first = ctx.cancel(timer);
    EXPECT_FALSE(timer.is_valid());  // Context::cancel clears the id it was given
    second = ctx.cancel(copy);
  };
  Engine engine(1, 0, at_us(100));
  engine.add(a);
  const RunStats stats = engine.run();
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_EQ(stats.events, 1u);
  EXPECT_EQ(events_only(log), (std::vector<Seen>{{"a", 5, 0, 0, 2}}));
}

TEST(Engine, CancelAfterRunReturnsFalse) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  EventId early;
  bool cancelled = true;
  a.on_start = [&](Context& ctx) {
    early = ctx.schedule_at(at_us(1), a, 0, 0, 1);
    ctx.schedule_at(at_us(2), a, 0, 0, 2);
  };
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    if (e.data == 2) cancelled = ctx.cancel(early);
  };
  Engine engine(1, 0, at_us(100));
  engine.add(a);
  engine.run();
  EXPECT_FALSE(cancelled);
  EXPECT_EQ(engine.events_executed(), 2u);
}

TEST(Engine, CancelOwnRunningEventReturnsFalse) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  EventId self;
  bool cancelled = true;
  a.on_start = [&](Context& ctx) { self = ctx.schedule_at(at_us(1), a, 0); };
  a.on_event_fn = [&](Context& ctx, const Event&) { cancelled = ctx.cancel(self); };
  Engine engine(1, 0, at_us(100));
  engine.add(a);
  engine.run();
  EXPECT_FALSE(cancelled);
}

TEST(Engine, CancelLaterEventDueAtTheSameTime) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  EventId victim;
  a.on_start = [&](Context& ctx) {
    ctx.schedule_at(at_us(5), a, 0, 0, 1);
    victim = ctx.schedule_at(at_us(5), a, 0, 0, 2);
    ctx.schedule_at(at_us(5), a, 0, 0, 3);
  };
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    if (e.data == 1) {
      EXPECT_TRUE(ctx.cancel(victim));
    }
  };
  Engine engine(1, 0, at_us(100));
  engine.add(a);
  engine.run();
  std::vector<uint64_t> ran;
  for (const Seen& s : events_only(log)) ran.push_back(s.data);
  EXPECT_EQ(ran, (std::vector<uint64_t>{1, 3}));
}

TEST(Engine, CancelledTimerSlotReusedByRescheduledTimer) {
  // The usual timeout pattern: cancel and re-arm, many times over.
  std::vector<Seen> log;
  Scripted a("a", &log);
  EventId timeout;
  std::vector<EventId> old_ids;
  a.on_start = [&](Context& ctx) {
    timeout = ctx.schedule_at(at_us(50), a, 1);
    for (int64_t t = 1; t <= 40; ++t) ctx.schedule_at(at_us(t), a, 0, 0, static_cast<uint64_t>(t));
  };
  a.on_event_fn = [&](Context& ctx, const Event& e) {
    if (e.kind != 0) return;
    old_ids.push_back(timeout);
    EXPECT_TRUE(ctx.cancel(timeout));
    timeout = ctx.schedule_in(Duration::micros(50), a, 1, 0, e.data);
  };
  Engine engine(1, 0, at_us(1000));
  engine.add(a);
  engine.run();
  const std::vector<Seen> events = events_only(log);
  ASSERT_EQ(events.size(), 41u);
  EXPECT_EQ(events.back(), (Seen{"a", 90, 1, 0, 40}));  // only the last arming fires
  for (EventId& id : old_ids) EXPECT_FALSE(engine.cancel(id));
}

TEST(Engine, ContextRngIsTheNamedStreamOfTheTrial) {
  Engine engine(11, 4, at_us(1));
  EXPECT_EQ(engine.seed(), 11u);
  EXPECT_EQ(engine.trial(), 4u);
  EXPECT_EQ(engine.horizon(), at_us(1));
  EXPECT_FALSE(engine.tracing());
  EXPECT_TRUE(Engine(1, 0, at_us(1), true).tracing());
  Rng from_context = engine.rng("db/failover");
  Rng direct = Rng::for_stream(11, 4, "db/failover");
  for (int i = 0; i < 8; ++i) EXPECT_EQ(from_context.next(), direct.next());
}

// A small random model: each of 4 chains re-arms itself after a random delay with a random kind.
// `tweak(ctx, n, sink)` runs before the n-th event's own work, to perturb the run; `sink` is a
// component that does nothing, so extra events sent to it leave the chains' draws unchanged.
struct TraceModel {
  std::vector<Seen> log;
  Scripted chain{"chain", &log};
  Scripted sink{"sink", &log};
  Rng rng{0};
  RunStats run(uint64_t seed, std::function<void(Context&, uint64_t, Component&)> tweak = nullptr) {
    Engine engine(seed, 0, at_us(1'000'000));
    rng = engine.rng("chain");
    uint64_t n = 0;
    chain.on_start = [&](Context& ctx) {
      for (uint32_t i = 0; i < 4; ++i) ctx.schedule_at(at_us(0), chain, 0, i);
    };
    chain.on_event_fn = [&](Context& ctx, const Event& e) {
      if (tweak) tweak(ctx, n, sink);
      ++n;
      ctx.schedule_in(Duration::micros(static_cast<int64_t>(rng.below(10'000))), chain,
                      static_cast<uint32_t>(rng.below(3)), e.subject);
    };
    engine.add(chain);
    return engine.run();
  }
};

TEST(Engine, TraceHashIdenticalAcrossRepeatedRuns) {
  const RunStats first = TraceModel().run(5);
  const RunStats second = TraceModel().run(5);
  EXPECT_GT(first.events, 100u);
  EXPECT_EQ(first.events, second.events);
  EXPECT_EQ(first.trace_hash, second.trace_hash);
  EXPECT_NE(TraceModel().run(6).trace_hash, first.trace_hash);
}

TEST(Engine, TraceHashChangesWhenOneEventDiffers) {
  const RunStats base = TraceModel().run(5);
  // The 50th event schedules one extra event, 1 µs later, with a given kind and subject.
  auto extra = [](uint32_t kind, uint32_t subject, int64_t delay_us) {
    return [=](Context& ctx, uint64_t n, Component& sink) {
      if (n == 50) ctx.schedule_in(Duration::micros(delay_us), sink, kind, subject);
    };
  };
  const RunStats with_extra = TraceModel().run(5, extra(0, 0, 1));
  EXPECT_EQ(with_extra.events, base.events + 1);
  EXPECT_NE(with_extra.trace_hash, base.trace_hash);
  // The same extra event but differing only in kind, only in subject or only in time.
  const uint64_t h = with_extra.trace_hash;
  EXPECT_EQ(TraceModel().run(5, extra(0, 0, 1)).trace_hash, h);
  EXPECT_NE(TraceModel().run(5, extra(1, 0, 1)).trace_hash, h);
  EXPECT_NE(TraceModel().run(5, extra(0, 1, 1)).trace_hash, h);
  EXPECT_NE(TraceModel().run(5, extra(0, 0, 2)).trace_hash, h);
}

TEST(Engine, RunUntilInSlicesMatchesOneRun) {
  const RunStats whole = TraceModel().run(8);

  TraceModel model;
  Engine engine(8, 0, at_us(1'000'000));
  model.rng = engine.rng("chain");
  model.chain.on_start = [&](Context& ctx) {
    for (uint32_t i = 0; i < 4; ++i) ctx.schedule_at(at_us(0), model.chain, 0, i);
  };
  model.chain.on_event_fn = [&](Context& ctx, const Event& e) {
    ctx.schedule_in(Duration::micros(static_cast<int64_t>(model.rng.below(10'000))), model.chain,
                    static_cast<uint32_t>(model.rng.below(3)), e.subject);
  };
  engine.add(model.chain);
  uint64_t sum = 0;
  for (int64_t t = 0; t < 1'000'000; t += 33'333) {
    const uint64_t before = engine.events_executed();
    const uint64_t executed = engine.run_until(at_us(t));
    EXPECT_EQ(executed, engine.events_executed() - before);
    EXPECT_EQ(engine.now(), at_us(t));
    sum += executed;
  }
  // Past the horizon: capped there.
  sum += engine.run_until(SimTime::never());
  EXPECT_EQ(engine.now(), at_us(1'000'000));
  EXPECT_EQ(sum, whole.events);
  EXPECT_EQ(engine.events_executed(), whole.events);
  EXPECT_EQ(engine.trace_hash(), whole.trace_hash);
  // Starting happened exactly once.
  EXPECT_EQ(model.log.front().who, "chain.start");
  EXPECT_EQ(std::count_if(model.log.begin(), model.log.end(),
                          [](const Seen& s) { return s.who == "chain.start"; }),
            1);
  // Nothing is left to do after the horizon.
  const RunStats again = engine.run();
  EXPECT_EQ(again.events, whole.events);
  EXPECT_EQ(again.trace_hash, whole.trace_hash);
}

TEST(EngineDeathTest, SchedulingInThePastAborts) {
  std::vector<Seen> log;
  Scripted a("a", &log);
  a.on_start = [&](Context& ctx) { ctx.schedule_at(at_us(10), a, 0); };
  a.on_event_fn = [&](Context& ctx, const Event&) { ctx.schedule_at(at_us(9), a, 0); };
  EXPECT_DEATH(
      {
        Engine engine(1, 0, at_us(100));
        engine.add(a);
        engine.run();
      },
      "scheduling in the past");
}

// An endless chain of events: without an interrupt it runs to the horizon.
TEST(Engine, InterruptStopsARunWithinAThousandEvents) {
  std::vector<Seen> log;
  Scripted chain("chain", &log);
  std::atomic<bool> stop{false};
  uint64_t seen = 0;
  chain.on_start = [&](Context& ctx) { ctx.schedule_at(at_us(0), chain, 0); };
  chain.on_event_fn = [&](Context& ctx, const Event&) {
    if (++seen == 5000) stop.store(true);  // as a signal handler would, mid-run
    ctx.schedule_in(Duration::micros(1), chain, 0);
  };
  Engine engine(1, 0, at_us(1'000'000'000));
  engine.add(chain);
  engine.set_interrupt(&stop);
  const RunStats stats = engine.run();
  EXPECT_TRUE(stats.interrupted);
  EXPECT_TRUE(engine.interrupted());
  EXPECT_GE(stats.events, 5000u);
  EXPECT_LE(stats.events, 5000u + 1024u);
}

TEST(Engine, AnInterruptFlagThatStaysFalseChangesNothing) {
  const RunStats plain = TraceModel().run(5);
  std::atomic<bool> stop{false};
  std::vector<Seen> log;
  Scripted chain("chain", &log);
  Rng rng(0);
  Engine engine(5, 0, at_us(1'000'000));
  engine.set_interrupt(&stop);
  rng = engine.rng("chain");
  chain.on_start = [&](Context& ctx) {
    for (uint32_t i = 0; i < 4; ++i) ctx.schedule_at(at_us(0), chain, 0, i);
  };
  chain.on_event_fn = [&](Context& ctx, const Event& e) {
    ctx.schedule_in(Duration::micros(static_cast<int64_t>(rng.below(10'000))), chain,
                    static_cast<uint32_t>(rng.below(3)), e.subject);
  };
  engine.add(chain);
  const RunStats stats = engine.run();
  EXPECT_FALSE(stats.interrupted);
  EXPECT_EQ(stats.events, plain.events);
  EXPECT_EQ(stats.trace_hash, plain.trace_hash);
}

}  // namespace
}  // namespace drsim::sim::engine_test
