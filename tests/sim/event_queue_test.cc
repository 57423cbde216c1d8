// EventQueue: (time, insertion order) ordering, O(1) cancellation with stale keys, slot reuse,
// compaction, checked against a std::multimap reference model under random operations.
#include "sim/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "sim/rng.h"

namespace drsim::sim::event_queue_test {
namespace {

SimTime at_us(int64_t us) { return SimTime::from_micros(us); }
Event tagged(uint64_t data) { return Event{nullptr, 0, 0, data}; }

// Pops everything; returns the `data` words in pop order.
std::vector<uint64_t> drain(EventQueue& queue) {
  std::vector<uint64_t> out;
  EventKey key;
  Event event;
  while (!queue.empty()) {
    queue.pop(key, event);
    out.push_back(event.data);
  }
  return out;
}

TEST(EventQueue, StartsEmpty) {
  EventQueue queue;
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_EQ(queue.last_seq(), 0u);
}

TEST(EventQueue, PopsInTimeOrder) {
  EventQueue queue;
  const int64_t times[] = {50, 10, 40, 30, 20, 0, 60};
  for (int64_t t : times) queue.push(at_us(t), tagged(static_cast<uint64_t>(t)));
  EXPECT_EQ(queue.size(), 7u);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{0, 10, 20, 30, 40, 50, 60}));
}

TEST(EventQueue, PopReturnsKeyAndPayload) {
  EventQueue queue;
  const EventId id = queue.push(at_us(42), Event{nullptr, 7, 9, 11});
  EXPECT_EQ(queue.top().at_us(), 42);
  EventKey key;
  Event event;
  queue.pop(key, event);
  EXPECT_EQ(key.at_us(), 42);
  EXPECT_EQ(key.tag >> EventQueue::kSlotBits, id.seq);
  EXPECT_EQ(event.kind, 7u);
  EXPECT_EQ(event.subject, 9u);
  EXPECT_EQ(event.data, 11u);
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, EqualTimesRunInScheduleOrder) {
  EventQueue queue;
  // Interleave two times so that heap order alone would not keep insertion order.
  for (uint64_t i = 0; i < 200; ++i) queue.push(at_us(i % 2 == 0 ? 100 : 5), tagged(i));
  std::vector<uint64_t> expected;
  for (uint64_t i = 1; i < 200; i += 2) expected.push_back(i);
  for (uint64_t i = 0; i < 200; i += 2) expected.push_back(i);
  EXPECT_EQ(drain(queue), expected);
}

TEST(EventQueue, NegativeTimesComeBeforePositiveOnes) {
  // Keys compare as unsigned numbers with the time's sign bit flipped: check the edges.
  EventQueue queue;
  const int64_t times[] = {
      1, -1, 0, std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(), -5};
  for (int64_t t : times) queue.push(at_us(t), tagged(static_cast<uint64_t>(t)));
  std::vector<uint64_t> expected;
  for (int64_t t : {std::numeric_limits<int64_t>::min(), int64_t{-5}, int64_t{-1}, int64_t{0},
                    int64_t{1}, std::numeric_limits<int64_t>::max()}) {
    expected.push_back(static_cast<uint64_t>(t));
  }
  EXPECT_EQ(drain(queue), expected);
}

TEST(EventQueue, PopDueTakesOnlyEventsAtOrBeforeTheBound) {
  EventQueue queue;
  queue.push(at_us(10), tagged(1));
  const EventId cancelled = queue.push(at_us(5), tagged(9));
  queue.push(at_us(20), tagged(2));
  EXPECT_TRUE(queue.cancel(cancelled));
  EventKey key{};
  Event event;
  EXPECT_FALSE(queue.pop_due(9, key, event));  // the cancelled event at 5 does not count
  EXPECT_TRUE(queue.pop_due(10, key, event));  // exactly at the bound: due
  EXPECT_EQ(key.at_us(), 10);
  EXPECT_EQ(event.data, 1u);
  EXPECT_FALSE(queue.pop_due(19, key, event));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_TRUE(queue.pop_due(std::numeric_limits<int64_t>::max(), key, event));
  EXPECT_EQ(event.data, 2u);
  EXPECT_FALSE(queue.pop_due(std::numeric_limits<int64_t>::max(), key, event));  // empty
}

TEST(EventQueue, SequenceNumbersIncreaseFromOne) {
  EventQueue queue;
  const EventId a = queue.push(at_us(5), tagged(0));
  const EventId b = queue.push(at_us(1), tagged(1));
  EXPECT_EQ(a.seq, 1u);
  EXPECT_EQ(b.seq, 2u);
  EXPECT_TRUE(a.is_valid());
  EXPECT_FALSE(EventId{}.is_valid());
  EXPECT_EQ(queue.last_seq(), 2u);
}

TEST(EventQueue, CancelBeforeRunRemovesTheEvent) {
  EventQueue queue;
  queue.push(at_us(1), tagged(1));
  const EventId doomed = queue.push(at_us(2), tagged(2));
  queue.push(at_us(3), tagged(3));
  EXPECT_TRUE(queue.cancel(doomed));
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{1, 3}));
}

TEST(EventQueue, CancellingTheEarliestEventExposesTheNext) {
  EventQueue queue;
  const EventId first = queue.push(at_us(1), tagged(1));
  queue.push(at_us(2), tagged(2));
  EXPECT_TRUE(queue.cancel(first));
  EXPECT_EQ(queue.top().at_us(), 2);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{2}));
}

TEST(EventQueue, CancelTwiceReturnsFalse) {
  EventQueue queue;
  const EventId id = queue.push(at_us(1), tagged(1));
  EXPECT_TRUE(queue.cancel(id));
  EXPECT_FALSE(queue.cancel(id));
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, CancelAfterRunReturnsFalse) {
  EventQueue queue;
  const EventId id = queue.push(at_us(1), tagged(1));
  queue.push(at_us(2), tagged(2));
  EventKey key;
  Event event;
  queue.pop(key, event);
  EXPECT_FALSE(queue.cancel(id));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{2}));
}

TEST(EventQueue, CancelOfInvalidOrForeignIdReturnsFalse) {
  EventQueue queue;
  EXPECT_FALSE(queue.cancel(EventId{}));
  queue.push(at_us(1), tagged(1));
  EXPECT_FALSE(queue.cancel(EventId{}));
  EXPECT_FALSE(queue.cancel(EventId{1000, 1}));  // slot never allocated
  EXPECT_FALSE(queue.cancel(EventId{0, 99}));    // right slot, wrong sequence number
  EXPECT_EQ(queue.size(), 1u);
}

TEST(EventQueue, CancelledSlotReusedByNewEvent) {
  EventQueue queue;
  const EventId old_id = queue.push(at_us(10), tagged(1));
  EXPECT_TRUE(queue.cancel(old_id));
  const EventId new_id = queue.push(at_us(20), tagged(2));
  ASSERT_EQ(new_id.slot, old_id.slot);  // the freed slot is recycled
  EXPECT_NE(new_id.seq, old_id.seq);
  // The stale key of the old event must neither run nor let the old id cancel the new event.
  EXPECT_FALSE(queue.cancel(old_id));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.top().at_us(), 20);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{2}));
}

TEST(EventQueue, StaleKeyEarlierThanReusedSlotsEventIsSkipped) {
  EventQueue queue;
  const EventId old_id = queue.push(at_us(5), tagged(1));
  queue.push(at_us(7), tagged(2));
  EXPECT_TRUE(queue.cancel(old_id));
  const EventId reuse = queue.push(at_us(9), tagged(3));
  EXPECT_EQ(reuse.slot, old_id.slot);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{2, 3}));
}

TEST(EventQueue, PoppedSlotReusedAndOldIdStaysDead) {
  EventQueue queue;
  const EventId first = queue.push(at_us(1), tagged(1));
  EventKey key;
  Event event;
  queue.pop(key, event);
  const EventId second = queue.push(at_us(2), tagged(2));
  EXPECT_EQ(second.slot, first.slot);
  EXPECT_FALSE(queue.cancel(first));
  EXPECT_TRUE(queue.cancel(second));
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, HeavyCancellationCompactsAndKeepsOrder) {
  EventQueue queue;
  Rng rng(7);
  constexpr uint64_t kEvents = 20'000;
  std::vector<EventId> ids;
  std::multimap<int64_t, uint64_t> expected;
  for (uint64_t i = 0; i < kEvents; ++i) {
    const auto t = static_cast<int64_t>(rng.below(5'000));
    ids.push_back(queue.push(at_us(t), tagged(i)));
    if (i % 10 == 0) expected.emplace(t, i);
  }
  // Cancel 90%: stale keys far outnumber live ones, which forces compaction.
  for (uint64_t i = 0; i < kEvents; ++i) {
    if (i % 10 != 0) {
      ASSERT_TRUE(queue.cancel(ids[i])) << i;
    }
  }
  EXPECT_EQ(queue.size(), expected.size());
  std::vector<uint64_t> expected_order;
  for (const auto& [t, data] : expected) expected_order.push_back(data);
  EXPECT_EQ(drain(queue), expected_order);
  // Every id is dead now, whether it ran or was cancelled.
  for (uint64_t i = 0; i < kEvents; ++i) EXPECT_FALSE(queue.cancel(ids[i])) << i;
  // The queue stays usable after compaction.
  for (uint64_t i = 0; i < 100; ++i) queue.push(at_us(static_cast<int64_t>(5'100 - i)), tagged(i));
  std::vector<uint64_t> order = drain(queue);
  ASSERT_EQ(order.size(), 100u);
  for (uint64_t i = 0; i < 100; ++i) EXPECT_EQ(order[i], 99 - i);
}

TEST(EventQueue, AnEventNotYetDueDoesNotHoldBackEarlierOnes) {
  // pop_due leaves a later event where it is, so time may still advance to the bound and
  // events be scheduled between the bound and it (Engine::run_until in slices).
  EventQueue queue;
  queue.push(at_us(1'000'000), tagged(1));
  EventKey key;
  Event event;
  EXPECT_FALSE(queue.pop_due(500, key, event));
  queue.push(at_us(600), tagged(2));
  queue.push(at_us(999'999), tagged(3));
  EXPECT_EQ(queue.top().at_us(), 600);
  EXPECT_EQ(drain(queue), (std::vector<uint64_t>{2, 3, 1}));
}

TEST(EventQueue, FarAndNearKeysAndBurstsStayInOrder) {
  // Keys spread over the whole range (years ahead beside microseconds ahead), bursts at one
  // instant, pushes while draining: the order is (time, schedule order) throughout.
  Rng rng(11);
  EventQueue queue;
  std::multimap<int64_t, uint64_t> expected;
  uint64_t data = 0;
  int64_t now = 0;
  EventKey key;
  Event event;
  for (int round = 0; round < 2'000; ++round) {
    const int burst = static_cast<int>(rng.below(8));
    for (int i = 0; i < burst; ++i) {
      const uint64_t kind = rng.below(4);
      const int64_t t = kind == 0   ? now
                        : kind == 1 ? now + static_cast<int64_t>(rng.below(1000))
                        : kind == 2 ? now + static_cast<int64_t>(rng.below(uint64_t{1} << 40))
                                    : now + (int64_t{1} << 45) + static_cast<int64_t>(rng.below(3));
      queue.push(at_us(t), tagged(data));
      expected.emplace(t, data++);
    }
    for (int i = 0; i < 3 && !expected.empty(); ++i) {
      queue.pop(key, event);
      ASSERT_EQ(key.at_us(), expected.begin()->first) << round;
      ASSERT_EQ(event.data, expected.begin()->second) << round;
      now = key.at_us();
      expected.erase(expected.begin());
    }
  }
  for (const auto& [t, d] : expected) {
    queue.pop(key, event);
    ASSERT_EQ(key.at_us(), t);
    ASSERT_EQ(event.data, d);
  }
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, CompactionPreservesTieOrderOfSurvivors) {
  EventQueue queue;
  std::vector<EventId> ids;
  for (uint64_t i = 0; i < 5'000; ++i) ids.push_back(queue.push(at_us(i % 3), tagged(i)));
  std::vector<uint64_t> expected[3];
  for (uint64_t i = 0; i < 5'000; ++i) {
    if (i % 7 == 0) {
      expected[i % 3].push_back(i);
    } else {
      ASSERT_TRUE(queue.cancel(ids[i]));
    }
  }
  std::vector<uint64_t> all;
  for (const auto& v : expected) all.insert(all.end(), v.begin(), v.end());
  EXPECT_EQ(drain(queue), all);
}

// The reference: a multimap keyed by time keeps equal keys in insertion order.
struct Reference {
  std::multimap<int64_t, uint64_t> by_time;
  std::map<uint64_t, std::multimap<int64_t, uint64_t>::iterator> live;  // data -> entry
};

class EventQueueRandomOps : public ::testing::TestWithParam<uint64_t> {};

TEST_P(EventQueueRandomOps, MatchesMultimapModel) {
  Rng rng(GetParam());
  EventQueue queue;
  Reference ref;
  std::vector<std::pair<uint64_t, EventId>> handles;  // every id ever issued, with its data
  int64_t now = 0;
  uint64_t next_data = 0;
  EventKey key;
  Event event;
  for (int step = 0; step < 60'000; ++step) {
    const uint64_t op = rng.below(100);
    if (op < 45) {  // push at or after the last popped time; coarse times make many ties
      const int64_t t = now + static_cast<int64_t>(rng.below(40));
      const uint64_t data = next_data++;
      handles.emplace_back(data, queue.push(at_us(t), tagged(data)));
      ref.live.emplace(data, ref.by_time.emplace(t, data));
    } else if (op < 75) {  // cancel a random id: live, already run or already cancelled
      if (handles.empty()) continue;
      const auto& [data, id] = handles[rng.below(handles.size())];
      const auto it = ref.live.find(data);
      const bool is_live = it != ref.live.end();
      ASSERT_EQ(queue.cancel(id), is_live) << "step " << step << " data " << data;
      if (is_live) {
        ref.by_time.erase(it->second);
        ref.live.erase(it);
      }
    } else {  // pop
      ASSERT_EQ(queue.empty(), ref.by_time.empty()) << "step " << step;
      if (ref.by_time.empty()) continue;
      const auto first = ref.by_time.begin();
      ASSERT_EQ(queue.top().at_us(), first->first) << "step " << step;
      queue.pop(key, event);
      ASSERT_EQ(key.at_us(), first->first) << "step " << step;
      ASSERT_EQ(event.data, first->second) << "step " << step;
      ASSERT_GE(key.at_us(), now);
      now = key.at_us();
      ref.live.erase(first->second);
      ref.by_time.erase(first);
    }
    ASSERT_EQ(queue.size(), ref.by_time.size()) << "step " << step;
  }
  // Drain the rest in order.
  for (const auto& [t, data] : ref.by_time) {
    ASSERT_FALSE(queue.empty());
    queue.pop(key, event);
    ASSERT_EQ(key.at_us(), t);
    ASSERT_EQ(event.data, data);
  }
  EXPECT_TRUE(queue.empty());
}

// A burst of cancellations (enough to trigger compaction) amid pushes and pops.
TEST(EventQueue, BurstyCancellationMatchesMultimapModel) {
  Rng rng(99);
  EventQueue queue;
  std::multimap<int64_t, uint64_t> ref;
  std::vector<std::pair<std::multimap<int64_t, uint64_t>::iterator, EventId>> live;
  uint64_t data = 0;
  int64_t now = 0;
  EventKey key;
  Event event;
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 3'000; ++i) {
      const int64_t t = now + static_cast<int64_t>(rng.below(1'000));
      live.emplace_back(ref.emplace(t, data), queue.push(at_us(t), tagged(data)));
      ++data;
    }
    // Cancel all but ~5% of the live events, in random order.
    for (size_t i = live.size(); i > 1; --i) std::swap(live[i - 1], live[rng.below(i)]);
    const size_t keep = live.size() / 20;
    for (size_t i = keep; i < live.size(); ++i) {
      ASSERT_TRUE(queue.cancel(live[i].second));
      ref.erase(live[i].first);
    }
    live.resize(keep);
    ASSERT_EQ(queue.size(), ref.size());
    // Pop half of the survivors and check them.
    for (size_t i = 0; i < keep / 2; ++i) {
      queue.pop(key, event);
      ASSERT_EQ(key.at_us(), ref.begin()->first);
      ASSERT_EQ(event.data, ref.begin()->second);
      now = key.at_us();
      std::erase_if(live, [&](const auto& entry) { return entry.first == ref.begin(); });
      ref.erase(ref.begin());
    }
  }
  for (const auto& [t, d] : ref) {
    queue.pop(key, event);
    ASSERT_EQ(key.at_us(), t);
    ASSERT_EQ(event.data, d);
  }
  EXPECT_TRUE(queue.empty());
}

// The ladder's own paths: rungs built from thousands of keys spread from microseconds to
// centuries, buckets of one instant too large to sort cheaply, keys before the last popped
// instant, the ends of the time range, and cancellations, all against the multimap reference.
class EventQueueLadder : public ::testing::TestWithParam<uint64_t> {};

TEST_P(EventQueueLadder, WideRangesMatchMultimapModel) {
  Rng rng(GetParam());
  EventQueue queue;
  std::multimap<int64_t, uint64_t> ref;
  std::vector<std::pair<std::multimap<int64_t, uint64_t>::iterator, EventId>> live;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  uint64_t data = 0;
  int64_t now = 0;
  const auto push = [&](int64_t t) {
    live.emplace_back(ref.emplace(t, data), queue.push(at_us(t), tagged(data)));
    ++data;
  };
  const auto later = [&](uint64_t span) {
    const uint64_t room = static_cast<uint64_t>(kMax - now);
    return now + static_cast<int64_t>(rng.below(std::min(span, room) + 1));
  };
  EventKey key;
  Event event;
  for (int round = 0; round < 40; ++round) {
    const int pushes = round % 8 == 0 ? 20'000 : static_cast<int>(rng.below(3'000));
    for (int i = 0; i < pushes; ++i) {
      const uint64_t kind = rng.below(10);
      if (kind == 0) {
        push(now);  // the instant last popped: the FIFO
      } else if (kind == 1) {
        push(now - static_cast<int64_t>(rng.below(1'000)));  // before it: pops next
      } else if (kind == 2) {
        push(later(0) + 5'000);  // one instant many times over
      } else if (kind == 3) {
        push(kMax - static_cast<int64_t>(rng.below(3)));
      } else if (kind == 4 && round == 0) {
        push(kMin + static_cast<int64_t>(rng.below(3)));
      } else {
        push(later(uint64_t{1} << (4 * rng.below(16))));  // 1 us to centuries ahead
      }
    }
    // Cancel about a third of the live events.
    for (size_t i = 0; i < live.size() / 3; ++i) {
      const size_t j = rng.below(live.size());
      if (queue.cancel(live[j].second)) ref.erase(live[j].first);
      live[j] = live.back();
      live.pop_back();
    }
    ASSERT_EQ(queue.size(), ref.size()) << round;
    const size_t pops = ref.size() / 2;
    for (size_t i = 0; i < pops; ++i) {
      queue.pop(key, event);
      ASSERT_EQ(key.at_us(), ref.begin()->first) << round << " pop " << i;
      ASSERT_EQ(event.data, ref.begin()->second) << round << " pop " << i;
      now = key.at_us();
      ref.erase(ref.begin());
    }
    // Drop the handles of popped events now and then (cancel then returns false for them).
    if (round % 4 == 3) {
      std::erase_if(live, [&](const auto& entry) { return !queue.cancel(entry.second); });
      for (const auto& entry : live) ref.erase(entry.first);
      live.clear();
    }
  }
  for (const auto& [t, d] : ref) {
    queue.pop(key, event);
    ASSERT_EQ(key.at_us(), t);
    ASSERT_EQ(event.data, d);
  }
  EXPECT_TRUE(queue.empty());
}

INSTANTIATE_TEST_SUITE_P(Seeds, EventQueueLadder, ::testing::Values(5, 6, 7));

INSTANTIATE_TEST_SUITE_P(Seeds, EventQueueRandomOps, ::testing::Values(1, 2, 3, 4));

}  // namespace
}  // namespace drsim::sim::event_queue_test
